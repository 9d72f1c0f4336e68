"""The outbox's tables, in its own local SQLite file (not the backend's database), and the
rows read from them.

The tables are written out in SQL, column for column and constraint for constraint as the
first versions of the outbox (made through SQLAlchemy) created them, so a file made by any
version opens in any later one. Times are
stored as SQLite text in UTC (``2026-11-23 09:00:00.000000``, no offset: it sorts as the
time does); payloads as JSON text; states as their values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

# Bumped when the tables change; a file made by a newer kiosk is refused, not guessed at.
# 1: cases (``outbox_entries``) and the reference counter; 2: visits (``visit_entries``).
SCHEMA_VERSION = 2

_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


class EntryState(StrEnum):
    # Waiting to be sent (again).
    PENDING = "pending"
    # The backend refused it; kept, untouched, until someone looks at it.
    HELD = "held"


class Table(StrEnum):
    """The two tables where entries wait, with the same columns for waiting
    (``created_at``, ``next_attempt_at``, ``attempts``, ``last_error``, ``state``)."""

    # One submission the backend has not acknowledged. Its payload is the whole
    # ``CaseCreate`` (with the reference the customer was given), so it holds customer data
    # until it is deleted on acknowledgement; ``last_error`` is an error code, never text.
    CASES = "outbox_entries"
    # One finished visit the backend has not acknowledged, keyed by the visit's own id (the
    # backend stores a visit once per id, so a resend is harmless). Its payload is the
    # whole ``VisitCreate``: no personal data but the rating's optional comment.
    VISITS = "visit_entries"


# Each table as version 1 (cases, the counter) and version 2 (visits) made it. The
# reference counter holds the last sequence number this kiosk used for its issuer (one
# row per issuer); it moves in the same transaction as the entries, so a reference is
# never issued twice.
# What both tables of waiting entries have after their own columns.
_WAITING = """
    payload JSON NOT NULL,
    created_at DATETIME NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at DATETIME NOT NULL,
    last_error VARCHAR(40),
    state VARCHAR(10) NOT NULL,"""
TABLES = {
    Table.CASES: f"""CREATE TABLE outbox_entries (
    id INTEGER NOT NULL,
    reference VARCHAR(9) NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,{_WAITING}
    CONSTRAINT pk_outbox_entries PRIMARY KEY (id),
    CONSTRAINT uq_outbox_entries_reference UNIQUE (reference),
    CONSTRAINT uq_outbox_entries_idempotency_key UNIQUE (idempotency_key)
)""",
    Table.VISITS: f"""CREATE TABLE visit_entries (
    id VARCHAR(32) NOT NULL,{_WAITING}
    CONSTRAINT pk_visit_entries PRIMARY KEY (id)
)""",
    "reference_counter": """CREATE TABLE reference_counter (
    issuer VARCHAR(3) NOT NULL,
    last_sequence INTEGER NOT NULL,
    CONSTRAINT pk_reference_counter PRIMARY KEY (issuer)
)""",
}
INDEXES = {
    "ix_outbox_entries_state_next": (
        "CREATE INDEX ix_outbox_entries_state_next ON outbox_entries (state, next_attempt_at)"
    ),
    "ix_visit_entries_state_next": (
        "CREATE INDEX ix_visit_entries_state_next ON visit_entries (state, next_attempt_at)"
    ),
}


@dataclass(frozen=True, slots=True)
class Waiting:
    """An entry of either table, as the rules need it: its id, payload and waiting."""

    id: int | str
    payload: dict[str, Any]
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    state: EntryState
    # Cases only: the reference the customer was given and the key it is sent with.
    reference: str = ""
    idempotency_key: str = ""


def stored_time(value: datetime) -> str:
    """``value`` as the file stores it; a naive datetime is refused."""
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not stored")
    return value.astimezone(UTC).strftime(_TIME_FORMAT)


def read_time(text: str) -> datetime:
    found = datetime.fromisoformat(text)
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)
