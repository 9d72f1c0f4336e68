"""The calling order every desk and the backend share: a declared need first, then the
longest waiting; the parked and those already with a greeter after everyone waiting."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from shared.triage.order import calling_order, over_target
from shared.triage.schemas import AccessNeed, TriageEntry, TriageKind, TriageState

T0 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def _entry(
    minutes_ago: int, state: TriageState = TriageState.WAITING, *, need: bool = False
) -> TriageEntry:
    return TriageEntry(
        id=uuid.uuid4().hex,
        kind=TriageKind.WALK_IN,
        location_code="shop",
        state=state,
        ticket="W001",
        waiting_since=T0 - timedelta(minutes=minutes_ago),
        target_seconds=600,
        priority=need,
        needs=(AccessNeed.WHEELCHAIR,) if need else (),
    )


def test_a_declared_need_first_then_the_longest_waiting_then_parked_then_called() -> None:
    long_wait = _entry(20)
    short_wait = _entry(2)
    need = _entry(1, need=True)
    parked = _entry(30, TriageState.PARKED)
    called = _entry(40, TriageState.CALLED)
    ended = _entry(50, TriageState.CLOSED)
    ordered = calling_order([called, short_wait, ended, parked, long_wait, need])
    assert ordered == [need, long_wait, short_wait, parked, called]


def test_the_timer_goes_over_its_target() -> None:
    entry = _entry(11)
    assert over_target(entry, T0)
    assert not over_target(entry, T0 - timedelta(minutes=2))
