"""The visit recorder with a real outbox file: when a visit begins and ends, how its outcome
is decided, what it carries, and that it never stops the wipe that ends it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from kiosk.outbox import Outbox
from kiosk.visits.recorder import VisitRecorder
from shared.flow.kiosk_pages import HelpStatus
from shared.references import CaseReference
from shared.visits.schemas import MAX_COMMENT, Rating, SatisfactionIn, VisitCreate, VisitOutcome
from tests.kiosk.outbox.conftest import ISSUER, T0

REFERENCE = CaseReference.issue(ISSUER, 7)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def outbox(tmp_path) -> Iterator[Outbox]:
    with Outbox(tmp_path / "outbox.sqlite3", ISSUER) as box:
        yield box


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def recorder(outbox, clock) -> VisitRecorder:
    return VisitRecorder(outbox, clock=clock)


def stored(outbox: Outbox) -> list[VisitCreate]:
    return outbox.pending_visits()


def test_a_visit_is_stored_when_it_ends_with_what_happened(recorder, outbox, clock):
    recorder.begin()
    visit_id = recorder.visit_id
    assert visit_id is not None
    assert len(visit_id) == 32
    recorder.service_chosen("pothole")
    clock.now += timedelta(minutes=3)
    recorder.submitted(REFERENCE.display)
    recorder.rated("good", "Quick and clear")
    assert stored(outbox) == []  # nothing until it ends

    assert recorder.end("pl") == visit_id
    assert recorder.visit_id is None
    [visit] = stored(outbox)
    assert visit == VisitCreate(
        id=visit_id,
        started_at=T0,
        ended_at=T0 + timedelta(minutes=3),
        language="pl",
        service_code="pothole",
        outcome=VisitOutcome.SUBMITTED,
        case_reference=REFERENCE.compact,
        satisfaction=SatisfactionIn(rating=Rating.GOOD, comment="Quick and clear"),
    )


def test_no_visit_without_leaving_the_welcome_screen(recorder, outbox):
    recorder.help_changed(HelpStatus.HELPED)
    recorder.service_chosen("pothole")
    recorder.rated("poor", None)
    assert recorder.end("en", timed_out=True) is None
    assert stored(outbox) == []


def test_beginning_again_mid_visit_keeps_the_visit(recorder, clock):
    recorder.begin()
    first = recorder.visit_id
    clock.now += timedelta(seconds=30)
    recorder.begin()
    assert recorder.visit_id == first
    assert recorder.end("en") == first
    recorder.begin()
    assert recorder.visit_id != first


@pytest.mark.parametrize(
    ("steps", "timed_out", "outcome"),
    [
        ([], False, VisitOutcome.LEFT),
        ([], True, VisitOutcome.TIMED_OUT),
        (["service"], True, VisitOutcome.TIMED_OUT),
        (["tracked"], True, VisitOutcome.TRACKED),
        (["tracked"], False, VisitOutcome.TRACKED),
        (["service", "informed"], True, VisitOutcome.INFORMED),
        # Back to the services and another service: its page not read, nothing achieved.
        (["service", "informed", "service"], False, VisitOutcome.LEFT),
        (["tracked", "service", "informed"], False, VisitOutcome.INFORMED),
        (["service", "submitted"], True, VisitOutcome.SUBMITTED),
        # An appointment booked: what the visit achieved, however it ended after.
        (["service", "booked"], False, VisitOutcome.BOOKED),
        (["tracked", "service", "booked"], True, VisitOutcome.BOOKED),
    ],
)
def test_the_outcome_is_what_the_visit_achieved_else_how_it_ended(
    recorder, outbox, steps, timed_out, outcome
):
    recorder.begin()
    for step in steps:
        if step == "service":
            recorder.service_chosen("bulky_waste_info")
        elif step == "informed":
            recorder.informed()
        elif step == "tracked":
            recorder.tracked()
        elif step == "submitted":
            recorder.submitted(REFERENCE.compact)
        elif step == "booked":
            recorder.booked()
    recorder.end("en", timed_out=timed_out)
    [visit] = stored(outbox)
    assert visit.outcome is outcome
    assert (visit.case_reference is not None) == (outcome is VisitOutcome.SUBMITTED)
    assert visit.satisfaction is None
    assert visit.service_code == ("bulky_waste_info" if "service" in steps else None)


def test_help_asked_for_and_given_during_the_visit(recorder, outbox):
    recorder.begin()
    recorder.help_changed(HelpStatus.WAITING)
    recorder.help_changed(HelpStatus.NONE)  # cancelled: it was still asked for
    recorder.end("en")
    recorder.begin()
    recorder.help_changed(HelpStatus.WAITING)
    recorder.help_changed(HelpStatus.HELPED)
    recorder.help_changed(HelpStatus.NONE)
    recorder.end("en")
    # Asked for on the welcome screen and still open when the customer goes on.
    recorder.begin(HelpStatus.WAITING)
    recorder.end("en")
    recorder.begin()
    recorder.end("en")
    assert [(v.help_requested, v.helped) for v in stored(outbox)] == [
        (True, False),
        (True, True),
        (True, False),
        (False, False),
    ]


def test_a_rating_without_a_reason_has_no_comment(recorder, outbox):
    recorder.begin()
    recorder.service_chosen("bulky_waste_info")
    recorder.informed()
    recorder.rated("average", "")
    recorder.end("en")
    [visit] = stored(outbox)
    assert visit.satisfaction == SatisfactionIn(rating=Rating.AVERAGE, comment=None)


def test_a_rating_that_cannot_be_kept_is_dropped_without_quoting_it(recorder, outbox, caplog):
    recorder.begin()
    recorder.rated("brilliant", "Ada says hi")
    recorder.end("en")
    [visit] = stored(outbox)
    assert visit.satisfaction is None
    assert "rating that cannot be kept" in caplog.text
    assert "Ada" not in caplog.text
    assert "brilliant" not in caplog.text


@pytest.mark.parametrize("comment", ["Ada says " + "x" * MAX_COMMENT, "Ada\x07 says hi"])
def test_a_comment_the_backend_would_refuse_drops_the_rating_not_the_visit(
    recorder, outbox, caplog, comment
):
    recorder.begin()
    recorder.rated("good", comment)
    recorder.end("en")
    [visit] = stored(outbox)
    assert visit.satisfaction is None
    assert "rating that cannot be kept" in caplog.text
    assert "Ada" not in caplog.text


def test_a_clock_put_back_makes_a_visit_of_no_time(recorder, outbox, clock):
    recorder.begin()
    clock.now -= timedelta(minutes=5)
    recorder.end("en")
    [visit] = stored(outbox)
    assert visit.ended_at == visit.started_at == T0


def test_a_visit_that_ends_before_the_outbox_is_open_is_not_stored(clock, outbox, caplog):
    recorder = VisitRecorder(clock=clock)
    recorder.begin()
    assert recorder.end("en") is None
    assert "the outbox is not open yet" in caplog.text
    recorder.attach(outbox)
    recorder.begin()
    assert recorder.end("en") is not None
    assert len(stored(outbox)) == 1


class BrokenOutbox:
    """An outbox whose disk has failed."""

    def record_visit(self, visit: VisitCreate) -> bool:
        raise OSError(f"disk full while writing {visit.satisfaction}")


def test_a_visit_that_cannot_be_stored_never_stops_the_wipe_or_leaks(clock, caplog):
    caplog.set_level(logging.DEBUG)
    recorder = VisitRecorder(BrokenOutbox(), clock=clock)  # type: ignore[arg-type]
    recorder.begin()
    visit_id = recorder.visit_id
    recorder.rated("poor", "Ada could not find the bins")
    assert recorder.end("en") is None
    assert recorder.visit_id is None  # forgotten all the same
    assert f"visit {visit_id} not stored" in caplog.text
    assert "Ada" not in caplog.text
    assert "Ada" not in repr(recorder)
