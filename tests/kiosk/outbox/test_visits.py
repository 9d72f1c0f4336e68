"""Visits in the outbox, with a hand-written sender: stored in order, sent after the cases,
deleted on acknowledgement, held on refusal, backed off while the backend is away; and an
outbox file from before visits upgrades itself."""

from __future__ import annotations

import logging
import sqlite3
from datetime import timedelta

import pytest

from kiosk.outbox import Outbox
from kiosk.outbox.models import SCHEMA_VERSION
from kiosk.outbox.service import UNREADABLE_PAYLOAD
from shared.errors import Conflict, FirstStopError, InvalidInput, Unavailable
from shared.schema import SchemaError, replace
from shared.visits.schemas import MAX_COMMENT, Rating, SatisfactionIn
from tests.kiosk.outbox.conftest import ISSUER, T0, FakeSender, report, visit

DOWN = Unavailable("We cannot reach the council's system at the moment.", reason="connection")
REFUSED = InvalidInput("The request was not valid.")


def _visit_rows(path) -> list[tuple[str, str, int, str | None]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT id, state, attempts, last_error FROM visit_entries ORDER BY created_at"
        ).fetchall()
    db.close()
    return rows


def test_visits_are_stored_and_listed_oldest_first(outbox, outbox_path):
    first, second = visit(), visit(outcome="timed_out", satisfaction=None)
    assert outbox.record_visit(second, now=T0 + timedelta(seconds=1))
    assert outbox.record_visit(first, now=T0)
    assert [v.id for v in outbox.pending_visits()] == [first.id, second.id]
    assert outbox.pending_visits()[0] == first  # the whole visit, as it was stored
    assert (outbox.visit_depth(), outbox.case_depth(), outbox.depth()) == (2, 0, 2)
    assert outbox.pending_count() == 2
    assert outbox.next_attempt_at() == T0
    assert [r[:3] for r in _visit_rows(outbox_path)] == [
        (first.id, "pending", 0),
        (second.id, "pending", 0),
    ]


def test_the_same_visit_is_stored_once(outbox):
    once = visit()
    assert outbox.record_visit(once)
    assert not outbox.record_visit(replace(once, language="pl"))
    assert [v.language for v in outbox.pending_visits()] == ["en"]


def test_a_visit_that_breaks_its_rules_is_refused_not_stored(outbox):
    # A visit is built, not read, so nothing checked it: the outbox holds it to the rules
    # the backend would, rather than keep one that would be refused and never counted.
    with pytest.raises(SchemaError, match="language"):
        outbox.record_visit(replace(visit(), language="e"))
    with pytest.raises(SchemaError, match="comment"):
        outbox.record_visit(
            replace(
                visit(),
                satisfaction=SatisfactionIn(rating=Rating.GOOD, comment="x" * (MAX_COMMENT + 1)),
            )
        )
    assert outbox.visit_depth() == 0


def test_a_pass_sends_the_visits_after_the_cases_and_deletes_them(outbox):
    early = visit()
    outbox.record_visit(early, now=T0)
    reference = outbox.submit(report(), now=T0 + timedelta(seconds=5))
    later = visit(outcome="submitted", case_reference=reference.compact)
    outbox.record_visit(later, now=T0 + timedelta(seconds=6))
    sender = FakeSender()
    result = outbox.sync_once(sender, now=T0 + timedelta(minutes=1))
    # The case first, though the first visit was stored before it.
    assert sender.calls == [reference.compact, early.id, later.id]
    assert sender.visits == [early, later]
    assert (result.sent, result.held, result.pending) == (3, 0, 0)
    assert outbox.depth() == 0


def test_already_recorded_is_an_acknowledgement(outbox, caplog):
    caplog.set_level(logging.INFO)
    again = visit()
    outbox.record_visit(again, now=T0)
    result = outbox.sync_once(FakeSender(visits=[False]), now=T0)
    assert (result.sent, result.held) == (1, 0)
    assert outbox.visit_depth() == 0
    assert f"outbox visit {again.id} acknowledged (again)" in caplog.text


def test_a_refused_visit_is_held_and_the_pass_goes_on(outbox, outbox_path):
    refused, fine = visit(), visit()
    outbox.record_visit(refused, now=T0)
    outbox.record_visit(fine, now=T0 + timedelta(seconds=1))
    sender = FakeSender(visits=[REFUSED])
    result = outbox.sync_once(sender, now=T0 + timedelta(seconds=2))
    assert (result.sent, result.held, result.pending) == (1, 1, 0)
    assert [(h.id, h.error, h.attempts) for h in outbox.held_visits()] == [
        (refused.id, "invalid_input", 1)
    ]
    assert (outbox.depth(), outbox.held_count(), outbox.pending_count()) == (1, 1, 0)
    assert outbox.pending_visits() == []
    # Held: not tried again, however long it waits.
    assert outbox.sync_once(sender, now=T0 + timedelta(days=1)).sent == 0
    assert [v.id for v in sender.visits] == [refused.id, fine.id]
    # Released (once its cause is fixed), it goes.
    assert outbox.release_held(now=T0 + timedelta(days=1)) == 1
    assert outbox.sync_once(sender, now=T0 + timedelta(days=1)).sent == 1
    assert outbox.depth() == 0


@pytest.mark.parametrize("error", [Conflict("Another kiosk's visit."), REFUSED])
def test_every_client_refusal_holds_a_visit(outbox, error: FirstStopError):
    outbox.record_visit(visit(), now=T0)
    assert outbox.sync_once(FakeSender(visits=[error]), now=T0).held == 1
    assert [h.error for h in outbox.held_visits()] == [error.code]


def test_while_the_backend_is_away_visits_wait_with_the_cases_and_are_sent_once(outbox):
    reference = outbox.submit(report(), now=T0)
    waiting = visit(outcome="submitted", case_reference=reference.compact)
    outbox.record_visit(waiting, now=T0)
    # The case's send finds no one: the pass stops before the visits, and they wait too.
    down = outbox.sync_once(FakeSender(DOWN), now=T0)
    assert (down.sent, down.deferred, down.stopped, down.pending) == (0, 1, "unavailable", 2)
    retry = outbox.next_attempt_at()
    assert retry == T0 + timedelta(seconds=5)
    assert outbox.sync_once(FakeSender(), now=T0 + timedelta(seconds=4)).sent == 0
    # Its case sent, a visit whose own send finds no one backs off by itself.
    sender = FakeSender(visits=[DOWN])
    half = outbox.sync_once(sender, now=retry)
    assert (half.sent, half.deferred, half.stopped, half.pending) == (1, 1, "unavailable", 1)
    assert _attempts(outbox) == 1
    assert outbox.next_attempt_at() == retry + timedelta(seconds=5)
    # Back: sent once, and gone.
    sender = FakeSender()
    assert outbox.sync_once(sender, now=outbox.next_attempt_at()).sent == 1
    assert sender.visits == [waiting]
    assert outbox.sync_once(sender, now=T0 + timedelta(days=1)).sent == 0
    assert sender.visits == [waiting]


def _attempts(outbox: Outbox) -> int:
    with sqlite3.connect(outbox.path) as db:
        (attempts,) = db.execute("SELECT attempts FROM visit_entries").fetchone()
    db.close()
    return int(attempts)


def test_a_server_failure_defers_that_visit_only(outbox):
    failing, fine = visit(), visit()
    outbox.record_visit(failing, now=T0)
    outbox.record_visit(fine, now=T0 + timedelta(seconds=1))
    broken = FirstStopError("The service failed.")  # a 500
    result = outbox.sync_once(FakeSender(visits=[broken]), now=T0 + timedelta(seconds=2))
    assert (result.sent, result.deferred, result.stopped, result.pending) == (1, 1, None, 1)
    assert [v.id for v in outbox.pending_visits()] == [failing.id]


def test_a_visit_this_version_cannot_read_is_held_not_lost(outbox, outbox_path):
    outbox.record_visit(visit(), now=T0)
    with sqlite3.connect(outbox_path) as db:
        db.execute("UPDATE visit_entries SET payload = json_set(payload, '$.outcome', 'bored')")
    db.close()
    sender = FakeSender()
    assert outbox.sync_once(sender, now=T0).held == 1
    assert sender.visits == []
    assert [h.error for h in outbox.held_visits()] == [UNREADABLE_PAYLOAD]


def test_nothing_of_a_visit_is_logged_but_its_id(outbox, caplog):
    caplog.set_level(logging.DEBUG)
    rated = visit()
    outbox.record_visit(rated, now=T0)
    outbox.sync_once(FakeSender(visits=[REFUSED]), now=T0)
    outbox.release_held(now=T0)
    outbox.sync_once(FakeSender(), now=T0)
    assert rated.id in caplog.text
    assert "Ada" not in caplog.text
    assert "good" not in caplog.text


def test_an_outbox_from_before_visits_upgrades_itself(outbox_path):
    # A version-1 file: its tables as they were (visits came with version 2), a case in it.
    with Outbox(outbox_path, ISSUER) as old:
        queued = old.submit(report(), now=T0)
    with sqlite3.connect(outbox_path) as db:
        db.execute("DROP TABLE visit_entries")
        db.execute("PRAGMA user_version = 1")
    db.close()

    with Outbox(outbox_path, ISSUER) as upgraded:
        assert upgraded.case_depth() == 1
        upgraded.record_visit(visit(outcome="submitted", case_reference=queued.compact))
        assert upgraded.visit_depth() == 1
        # The counter went on where it was: no reference is issued twice.
        assert upgraded.submit(report()).sequence == queued.sequence + 1
        sender = FakeSender()
        assert upgraded.sync_once(sender).sent == 3
    with sqlite3.connect(outbox_path) as db:
        (version,) = db.execute("PRAGMA user_version").fetchone()
    db.close()
    assert version == SCHEMA_VERSION == 2


def test_an_outbox_from_a_newer_kiosk_is_refused(outbox_path):
    with Outbox(outbox_path, ISSUER) as box:
        box.record_visit(visit())
    with sqlite3.connect(outbox_path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(FirstStopError, match="newer version"):
        Outbox(outbox_path, ISSUER)
