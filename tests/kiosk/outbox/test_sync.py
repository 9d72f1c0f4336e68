"""The outbox against a real backend (SQLite and PostgreSQL), through the real client:
offline submissions, a kiosk that dies mid-sync, many submissions, refusals; visits sent
once, and held when refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD
from casebackend.identity import service as identity
from casebackend.visits.models import SatisfactionResponse, Visit
from kiosk.outbox import Outbox
from shared.cases.schemas import CaseCreate, CaseRead
from shared.client import BackendClient
from shared.errors import NotFound
from shared.references import CaseReference, is_valid, parse
from shared.visits.schemas import VisitCreate, VisitRead
from tests.kiosk.outbox.conftest import report, visit

REPOSITORY = Path(__file__).resolve().parents[3]


def _enrol(backend) -> tuple[str, str]:
    """A new kiosk at the shop: its token and its issuer."""
    with unit_of_work(backend.context.sessions) as session:
        code, _ = identity.create_enrolment_code(session, "shop", timedelta(hours=1))
    with BackendClient(backend.url) as client:
        enrolment = client.enrol(code, "outbox-test")
    return enrolment.token, enrolment.issuer


@pytest.fixture
def kiosk(backend) -> Iterator[tuple[BackendClient, str]]:
    token, issuer = _enrol(backend)
    with BackendClient(backend.url, token=token, backoff=0.001) as client:
        yield client, issuer


@pytest.fixture
def staff(backend) -> Iterator[BackendClient]:
    with BackendClient(backend.url) as client:
        client.token = client.login("jo", DEMO_PASSWORD).token
        yield client


def _all_cases(staff: BackendClient) -> list[str]:
    page = staff.search_cases(page_size=200)
    assert page.total == len(page.items)
    return [item.reference for item in page.items]


class DiesAfterTheBackendAnswers:
    """The kiosk process ending between the backend's answer and the entry's delete."""

    def __init__(self, client: BackendClient) -> None:
        self.client = client
        self.answered: CaseRead | None = None

    def create_case(self, data: CaseCreate, *, idempotency_key: str) -> CaseRead:
        self.answered = self.client.create_case(data, idempotency_key=idempotency_key)
        raise SystemExit(1)

    def record_visit(self, visit: VisitCreate) -> VisitRead:
        self.client.record_visit(visit)
        raise SystemExit(1)


def test_offline_submission_gets_a_reference_and_is_sent_when_the_backend_is_back(
    kiosk, staff, nobody, outbox_path
):
    client, issuer = kiosk
    with Outbox(outbox_path, issuer) as outbox:
        reference = outbox.submit(report())
        assert reference.issuer == issuer
        assert outbox.depth() == 1

        down = outbox.sync_once(nobody)
        assert (down.sent, down.stopped, down.pending) == (0, "unavailable", 1)
        assert outbox.depth() == 1

        up = outbox.sync_once(client, now=outbox.next_attempt_at())
        assert (up.sent, up.held, up.pending) == (1, 0, 0)
        assert outbox.depth() == 0

    case = staff.get_case(reference.compact)
    assert case.reference == reference.compact
    assert case.channel == "kiosk"
    assert case.location_code == "shop"
    assert case.description == "Deep hole by the bus stop"
    assert _all_cases(staff) == [reference.compact]


def test_a_kiosk_that_dies_mid_sync_sends_the_same_case_again_not_a_second(
    kiosk, staff, outbox_path
):
    client, issuer = kiosk
    with Outbox(outbox_path, issuer) as outbox:
        reference = outbox.submit(report())
        dying = DiesAfterTheBackendAnswers(client)
        with pytest.raises(SystemExit):
            outbox.sync_once(dying)
    assert dying.answered is not None
    assert dying.answered.reference == reference.compact

    with Outbox(outbox_path, issuer) as restarted:
        assert restarted.depth() == 1
        result = restarted.sync_once(client)
        assert (result.sent, result.held) == (1, 0)
        assert restarted.depth() == 0
    assert _all_cases(staff) == [reference.compact]
    assert staff.get_case(reference.compact).id == dying.answered.id


_DIE_AFTER_SENDING = """
import os, sys
from kiosk.outbox import Outbox
from shared.client import BackendClient

path, issuer, url = sys.argv[1:]
client = BackendClient(url, token=sys.stdin.read().strip())

class Dies:
    def create_case(self, data, *, idempotency_key):
        client.create_case(data, idempotency_key=idempotency_key)
        os._exit(3)  # no clean-up, no commit, no delete: as if the power went

Outbox(path, issuer).sync_once(Dies())
os._exit(4)
"""


def test_a_kiosk_process_killed_after_the_backend_answered_loses_and_duplicates_nothing(
    backend, staff, outbox_path
):
    token, issuer = _enrol(backend)
    with Outbox(outbox_path, issuer) as outbox:
        first = outbox.submit(report(description="first"))
        second = outbox.submit(report(description="second"))
    killed = subprocess.run(
        [sys.executable, "-c", _DIE_AFTER_SENDING, str(outbox_path), issuer, backend.url],
        input=token,
        text=True,
        capture_output=True,
        cwd=REPOSITORY,
        timeout=120,
        check=False,
    )
    assert killed.returncode == 3, killed.stderr
    assert _all_cases(staff) == [first.compact]

    with (
        Outbox(outbox_path, issuer) as restarted,
        BackendClient(backend.url, token=token) as client,
    ):
        assert restarted.depth() == 2
        result = restarted.sync_once(client)
        assert (result.sent, result.held, result.pending) == (2, 0, 0)
    assert sorted(_all_cases(staff)) == sorted([first.compact, second.compact])
    assert staff.get_case(first.compact).description == "first"
    assert staff.get_case(second.compact).description == "second"


def test_fifty_offline_submissions_all_arrive_once(kiosk, staff, nobody, outbox_path):
    client, issuer = kiosk
    with Outbox(outbox_path, issuer) as outbox:
        issued = [outbox.submit(report(description=f"hole number {n}")) for n in range(50)]
        assert outbox.sync_once(nobody).stopped == "unavailable"
        assert outbox.depth() == 50

        result = outbox.sync_once(client, now=outbox.next_attempt_at())
        assert (result.sent, result.held, result.pending) == (50, 0, 0)
        assert outbox.depth() == 0
        # Nothing left to send a second time.
        assert outbox.sync_once(client, now=outbox.next_attempt_at()).sent == 0

    compact = [r.compact for r in issued]
    assert len(set(compact)) == 50
    assert all(is_valid(r) and parse(r).issuer == issuer for r in compact)
    arrived = _all_cases(staff)
    assert len(arrived) == 50
    assert set(arrived) == set(compact)


def test_a_refused_entry_is_held_and_stays_while_the_rest_are_sent(kiosk, staff, outbox_path):
    client, issuer = kiosk
    with Outbox(outbox_path, issuer) as outbox:
        refused = outbox.submit(report(service_code="no-such-service"))
        fine = outbox.submit(report())
        result = outbox.sync_once(client)
        assert (result.sent, result.held, result.pending) == (1, 1, 0)
        for _ in range(3):
            assert outbox.sync_once(client, now=datetime.now(UTC) + timedelta(hours=1)).sent == 0
        assert outbox.depth() == 1
        [held] = outbox.held()
    assert (held.reference, held.error) == (refused.compact, "not_found")
    assert _all_cases(staff) == [fine.compact]
    with pytest.raises(NotFound):
        staff.get_case(refused.compact)


def test_a_replay_with_a_different_body_is_held_as_a_conflict(kiosk, staff, outbox_path):
    client, issuer = kiosk
    with Outbox(outbox_path, issuer) as outbox:
        reference = outbox.submit(report(description="what the customer said"))
        with pytest.raises(SystemExit):
            outbox.sync_once(DiesAfterTheBackendAnswers(client))
    # The stored submission changes after the backend made the case (a bug, a bad disk).
    with sqlite3.connect(outbox_path) as db:
        db.execute("UPDATE outbox_entries SET payload = json_set(payload, '$.description', 'x')")
    db.close()

    with Outbox(outbox_path, issuer) as outbox:
        result = outbox.sync_once(client)
        assert (result.sent, result.held) == (0, 1)
        assert [(h.reference, h.error) for h in outbox.held()] == [(reference.compact, "conflict")]
        assert outbox.depth() == 1
    assert staff.get_case(reference.compact).description == "what the customer said"
    assert _all_cases(staff) == [reference.compact]


def test_references_of_another_kiosk_are_held_as_forbidden(backend, kiosk, staff, outbox_path):
    client, _ = kiosk
    _, other_issuer = _enrol(backend)
    with Outbox(outbox_path, other_issuer) as outbox:
        reference = outbox.submit(report())
        assert outbox.sync_once(client).held == 1
        assert [(h.reference, h.error) for h in outbox.held()] == [(reference.compact, "forbidden")]
    assert _all_cases(staff) == []


def _stored_visits(backend) -> list[tuple[Visit, SatisfactionResponse | None]]:
    from sqlalchemy import select

    with unit_of_work(backend.context.sessions) as session:
        visits = session.scalars(select(Visit).order_by(Visit.started_at)).all()
        rated = {r.visit_id: r for r in session.scalars(select(SatisfactionResponse)).all()}
        session.expunge_all()
    return [(v, rated.get(v.id)) for v in visits]


def test_a_visit_made_offline_is_sent_once_when_the_backend_is_back(
    backend, kiosk, nobody, outbox_path
):
    client, issuer = kiosk
    with Outbox(outbox_path, issuer) as outbox:
        reference = outbox.submit(report())
        made = visit(outcome="submitted", case_reference=reference.display)
        outbox.record_visit(made)
        down = outbox.sync_once(nobody)
        assert (down.sent, down.stopped, down.pending) == (0, "unavailable", 2)

        up = outbox.sync_once(client, now=outbox.next_attempt_at())
        assert (up.sent, up.held, up.pending) == (2, 0, 0)
        assert outbox.depth() == 0
        # Its acknowledgement lost, the same visit is sent again: acknowledged, not doubled.
        outbox.record_visit(made)
        again = outbox.sync_once(client)
        assert (again.sent, again.held, outbox.depth()) == (1, 0, 0)

    [(stored, rating)] = _stored_visits(backend)
    assert stored.id == made.id
    assert stored.outcome == "submitted"
    assert stored.case_reference == reference.compact
    assert (stored.help_requested, stored.helped) == (True, False)
    assert rating is not None
    assert (rating.rating, rating.comment) == ("good", "Ada found it easy")


def test_a_visit_killed_after_the_backend_stored_it_is_stored_once(kiosk, backend, outbox_path):
    client, issuer = kiosk
    with Outbox(outbox_path, issuer) as outbox:
        made = visit(satisfaction=None)
        outbox.record_visit(made)
        with pytest.raises(SystemExit):
            outbox.sync_once(DiesAfterTheBackendAnswers(client))
    with Outbox(outbox_path, issuer) as restarted:
        assert restarted.visit_depth() == 1
        assert restarted.sync_once(client).sent == 1
        assert restarted.depth() == 0
    [(stored, rating)] = _stored_visits(backend)
    assert (stored.id, rating) == (made.id, None)


def test_a_visit_the_backend_refuses_is_held(kiosk, backend, outbox_path):
    client, issuer = kiosk
    good = CaseReference.issue(issuer, 1).compact
    # A reference of the right shape whose check character is wrong: the backend's 422.
    wrong = good[:-1] + ("2" if good[-1] != "2" else "3")
    with Outbox(outbox_path, issuer) as outbox:
        refused = visit(outcome="submitted", case_reference=wrong)
        fine = visit(outcome="submitted", case_reference=good)
        outbox.record_visit(refused)
        outbox.record_visit(fine)
        result = outbox.sync_once(client)
        assert (result.sent, result.held, result.pending) == (1, 1, 0)
        assert [(h.id, h.error) for h in outbox.held_visits()] == [
            (refused.id, "invalid_reference")
        ]
    assert [v.id for v, _ in _stored_visits(backend)] == [fine.id]
