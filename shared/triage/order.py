"""The order in which a triage list is called, the same at the backend and on every desk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from shared.triage.schemas import OPEN_STATES, TriageEntry, TriageState

_STATE_RANK = {TriageState.WAITING: 0, TriageState.PARKED: 1, TriageState.CALLED: 2}


def calling_order(entries: Iterable[TriageEntry]) -> list[TriageEntry]:
    """Open entries only: the waiting first (a declared accessibility need before anyone
    else, then the longest waiting), then the parked, then those already with a greeter."""
    open_entries = [entry for entry in entries if entry.state in OPEN_STATES]
    return sorted(
        open_entries,
        key=lambda entry: (
            _STATE_RANK[entry.state],
            not entry.priority,
            entry.waiting_since,
            entry.id,
        ),
    )


def waited_seconds(entry: TriageEntry, now: datetime) -> float:
    """How long the entry has waited, for its timer (never negative)."""
    return max(0.0, (now - entry.waiting_since).total_seconds())


def over_target(entry: TriageEntry, now: datetime) -> bool:
    return waited_seconds(entry, now) > entry.target_seconds
