"""The outbox's rules with a hand-written sender: references, ordering, backoff, holding."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.outbox import Outbox
from kiosk.outbox.service import UNREADABLE_PAYLOAD
from shared.cases.schemas import ContactDetails, Place
from shared.errors import (
    Conflict,
    FirstStopError,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    RateLimited,
    Unavailable,
)
from shared.references import CaseReference, is_valid, parse
from shared.schema import replace
from tests.kiosk.outbox.conftest import ISSUER, T0, FakeSender, report

DOWN = Unavailable("We cannot reach the council's system at the moment.", reason="connection")


def _sqlite(path):
    """A plain connection to the outbox file, for looking at (or damaging) what is stored."""
    return sqlite3.connect(path)


def test_submit_issues_the_next_reference_and_stores_the_entry(outbox, outbox_path):
    first = outbox.submit(report(), now=T0)
    second = outbox.submit(report(), now=T0)
    assert first == CaseReference.issue(ISSUER, 1)
    assert second == CaseReference.issue(ISSUER, 2)
    assert is_valid(first.compact)
    assert outbox.depth() == 2
    assert outbox.pending_count() == 2
    assert outbox.held_count() == 0
    assert outbox.next_attempt_at() == T0
    with _sqlite(outbox_path) as db:
        rows = db.execute(
            "SELECT reference, json_extract(payload, '$.reference'), idempotency_key, state "
            "FROM outbox_entries ORDER BY id"
        ).fetchall()
    db.close()
    assert [r[0] for r in rows] == [first.compact, second.compact]
    assert all(r[0] == r[1] for r in rows)
    assert len({r[2] for r in rows}) == 2
    assert {r[3] for r in rows} == {"pending"}


def test_the_counter_survives_reopening_so_no_reference_is_used_twice(outbox_path):
    with Outbox(outbox_path, ISSUER) as box:
        issued = [box.submit(report()) for _ in range(3)]
    with Outbox(outbox_path, ISSUER) as again:
        issued.append(again.submit(report()))
        assert again.depth() == 4
    assert [r.sequence for r in issued] == [1, 2, 3, 4]


def test_two_outboxes_on_one_file_never_issue_the_same_reference(outbox_path):
    with Outbox(outbox_path, ISSUER) as one, Outbox(outbox_path, ISSUER) as two:
        issued: list[CaseReference] = []
        lock = threading.Lock()

        def submit_many(box: Outbox) -> None:
            for _ in range(25):
                reference = box.submit(report())
                with lock:
                    issued.append(reference)

        threads = [threading.Thread(target=submit_many, args=(b,)) for b in (one, two, one)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert one.depth() == 75
    assert sorted(r.sequence for r in issued) == list(range(1, 76))


def test_opening_is_idempotent_and_a_newer_file_is_refused(outbox_path):
    Outbox(outbox_path, ISSUER).close()
    with Outbox(outbox_path, ISSUER) as box:
        box.submit(report())
    with _sqlite(outbox_path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(FirstStopError) as newer:
        Outbox(outbox_path, ISSUER)
    assert "newer version" in newer.value.message


def test_bad_arguments_are_refused(outbox):
    with pytest.raises(ValueError):
        Outbox(outbox.path, "K7")
    with pytest.raises(ValueError):
        Outbox(outbox.path, "OOO")
    with pytest.raises(ValueError):
        outbox.submit(report(reference=CaseReference.issue(ISSUER, 5).compact))
    with pytest.raises(ValueError):
        outbox.submit(report(), now=datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose
    assert outbox.depth() == 0


@pytest.mark.parametrize(
    "wrong",
    [
        {"description": "x" * 4001},
        {"description": "a bell\a"},
        {"place": Place(postcode="NG5 2AB", lat=91.0)},
        {"customer": ContactDetails(phone="call me")},
    ],
    ids=["too long", "control character", "off the map", "not a phone number"],
)
def test_a_submission_the_backend_would_refuse_is_refused_before_it_is_stored(outbox, wrong):
    # Built by code, a schema checks nothing: the outbox holds it to the schema's rules
    # before issuing a reference, or it would sit held for ever.
    with pytest.raises(InvalidInput, match="check them") as refused:
        outbox.submit(replace(report(), **wrong))
    assert "call me" not in str(refused.value)
    assert "bell" not in str(refused.value)
    assert outbox.depth() == 0
    assert outbox.submit(report()) == CaseReference.issue(ISSUER, 1)


def test_a_pass_sends_oldest_first_with_each_entry_s_own_key_and_deletes_them(outbox):
    issued = [outbox.submit(report(description=f"hole {n}"), now=T0) for n in range(3)]
    sender = FakeSender()
    result = outbox.sync_once(sender, now=T0)
    assert (result.sent, result.held, result.deferred, result.stopped) == (3, 0, 0, None)
    assert result.pending == 0
    assert [reference for reference, _ in sender.sent] == [r.compact for r in issued]
    assert len({key for _, key in sender.sent}) == 3
    assert outbox.depth() == 0
    assert outbox.next_attempt_at() is None
    assert outbox.sync_once(sender, now=T0).sent == 0


def test_the_same_key_is_sent_again_after_a_failure(outbox):
    outbox.submit(report(), now=T0)
    sender = FakeSender(DOWN)
    outbox.sync_once(sender, now=T0)
    outbox.sync_once(sender, now=T0 + timedelta(minutes=1))
    assert len(sender.sent) == 2
    assert sender.sent[0] == sender.sent[1]
    assert outbox.depth() == 0


def test_unavailable_stops_the_pass_and_backs_off_exponentially_up_to_five_minutes(outbox):
    for _ in range(3):
        outbox.submit(report(), now=T0)
    sender = FakeSender(*[DOWN] * 10)

    result = outbox.sync_once(sender, now=T0)
    assert (result.sent, result.deferred, result.stopped, result.pending) == (
        0,
        1,
        "unavailable",
        3,
    )
    assert len(sender.sent) == 1
    # Nothing pending is tried before the backoff is over, not even the entries not tried.
    assert outbox.next_attempt_at() == T0 + timedelta(seconds=5)
    assert outbox.sync_once(sender, now=T0 + timedelta(seconds=4)).deferred == 0
    assert len(sender.sent) == 1

    now = T0
    waits = []
    for _ in range(8):
        now = outbox.next_attempt_at()
        outbox.sync_once(sender, now=now)
        waits.append(outbox.next_attempt_at() - now)
    assert waits == [timedelta(seconds=s) for s in (10, 20, 40, 80, 160, 300, 300, 300)]
    assert len(sender.sent) == 9
    assert {reference for reference, _ in sender.sent} == {sender.sent[0][0]}
    assert outbox.depth() == 3


def test_not_signed_in_or_rate_limited_waits_and_holds_nothing(outbox):
    outbox.submit(report(), now=T0)
    outbox.submit(report(), now=T0)
    for error in (NotAuthenticated("This sign-in is not recognised."), RateLimited("Slow")):
        sender = FakeSender(error)
        result = outbox.sync_once(sender, now=outbox.next_attempt_at())
        assert result.stopped == error.code
        assert len(sender.sent) == 1
    assert outbox.held_count() == 0
    assert outbox.pending_count() == 2


def test_a_refusal_holds_the_entry_and_the_pass_goes_on(outbox):
    refused = outbox.submit(report(service_code="nope"), now=T0)
    fine = outbox.submit(report(), now=T0)
    sender = FakeSender(NotFound("There is no such service."))
    result = outbox.sync_once(sender, now=T0)
    assert (result.sent, result.held, result.pending) == (1, 1, 0)
    assert [r for r, _ in sender.sent] == [refused.compact, fine.compact]
    assert outbox.depth() == 1
    assert outbox.held_count() == 1
    [held] = outbox.held()
    assert (held.reference, held.error, held.attempts) == (refused.compact, "not_found", 1)
    assert held.created_at == T0

    # A held entry is never sent again on its own, and never deleted.
    for minutes in (1, 10, 60):
        assert outbox.sync_once(sender, now=T0 + timedelta(minutes=minutes)).sent == 0
    assert len(sender.sent) == 2
    assert outbox.held_count() == 1


@pytest.mark.parametrize(
    "error",
    [
        Conflict("This idempotency key was already used for a different request."),
        Forbidden("Only the kiosk that issued a reference may submit a case with it."),
        InvalidInput("The request is not valid."),
    ],
)
def test_every_client_refusal_holds(outbox, error):
    outbox.submit(report(), now=T0)
    result = outbox.sync_once(FakeSender(error), now=T0)
    assert result.held == 1
    assert [h.error for h in outbox.held()] == [error.code]


def test_a_held_entry_can_be_released_and_then_sent(outbox):
    reference = outbox.submit(report(), now=T0)
    outbox.sync_once(FakeSender(Forbidden("Not this kiosk's reference.")), now=T0)
    assert outbox.release_held(now=T0 + timedelta(hours=1)) == 1
    assert outbox.held_count() == 0
    sender = FakeSender()
    assert outbox.sync_once(sender, now=T0 + timedelta(hours=1)).sent == 1
    assert sender.sent[0][0] == reference.compact
    assert outbox.depth() == 0


def test_a_server_failure_defers_that_entry_only(outbox):
    outbox.submit(report(), now=T0)
    second = outbox.submit(report(), now=T0)
    sender = FakeSender(FirstStopError("Something went wrong on our side."))
    result = outbox.sync_once(sender, now=T0)
    assert (result.sent, result.deferred, result.stopped, result.pending) == (1, 1, None, 1)
    assert second.compact not in {h.reference for h in outbox.held()}
    assert outbox.next_attempt_at() == T0 + timedelta(seconds=5)


def test_an_entry_this_version_cannot_read_is_held_not_lost(outbox, outbox_path):
    outbox.submit(report(), now=T0)
    with _sqlite(outbox_path) as db:
        db.execute("UPDATE outbox_entries SET payload = json_set(payload, '$.surprise', 1)")
    db.close()
    sender = FakeSender()
    result = outbox.sync_once(sender, now=T0)
    assert result.held == 1
    assert sender.sent == []
    assert [h.error for h in outbox.held()] == [UNREADABLE_PAYLOAD]


def test_a_pass_sends_at_most_its_limit(outbox):
    for _ in range(5):
        outbox.submit(report(), now=T0)
    assert outbox.sync_once(FakeSender(), now=T0, limit=2).sent == 2
    assert outbox.depth() == 3


def test_entries_not_yet_due_wait(outbox):
    outbox.submit(report(), now=T0)
    sender = FakeSender()
    assert outbox.sync_once(sender, now=T0 - timedelta(seconds=1)).sent == 0
    assert sender.sent == []


def test_an_acknowledged_entry_leaves_no_trace_of_the_customer_in_the_file(outbox_path):
    marker = "Zebedee-Quixotic-Marker"
    with Outbox(outbox_path, ISSUER) as box:
        box.submit(report(description=marker), now=T0)
        box.submit(report(), now=T0)
        box.sync_once(FakeSender(), now=T0, limit=1)
        assert box.depth() == 1
    with _sqlite(outbox_path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    # The database, and its write-ahead log if one is left.
    stored = b"".join(p.read_bytes() for p in outbox_path.parent.iterdir())
    assert marker.encode() not in stored
    assert b"Deep hole by the bus stop" in stored  # the one not yet sent is still there


def test_references_issued_are_parseable_and_carry_the_issuer(outbox):
    issued = [outbox.submit(report()) for _ in range(5)]
    assert all(parse(r.display) == r for r in issued)
    assert {r.issuer for r in issued} == {ISSUER}


def test_now_defaults_to_the_clock(outbox):
    before = datetime.now(UTC)
    outbox.submit(report())
    due = outbox.next_attempt_at()
    assert due is not None
    assert before <= due <= datetime.now(UTC)
    assert outbox.sync_once(FakeSender()).sent == 1
