"""The outbox's queries. Each takes the caller's connection, inside the caller's
transaction (``Database.transaction``); the service owns transactions.

Cases and visits wait in two tables with the same columns for waiting (``created_at``,
``next_attempt_at``, ``attempts``, ``last_error``, ``state``): the queries about waiting
take the table. Table names come from :class:`Table`, never from outside; every value is
a bound parameter.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from kiosk.outbox.models import EntryState, Table, Waiting, read_time, stored_time

_WAITING = "id, payload, created_at, attempts, next_attempt_at, last_error, state"
_CASE = f"{_WAITING}, reference, idempotency_key"


def take_sequence(connection: sqlite3.Connection, issuer: str) -> int:
    """The next sequence number for ``issuer``, counted in the caller's transaction."""
    taken = connection.execute(
        "UPDATE reference_counter SET last_sequence = last_sequence + 1 WHERE issuer = ? "
        "RETURNING last_sequence",
        (issuer,),
    ).fetchone()
    if taken is None:
        connection.execute(
            "INSERT INTO reference_counter (issuer, last_sequence) VALUES (?, 1)", (issuer,)
        )
        return 1
    return int(taken[0])


def add_case(
    connection: sqlite3.Connection,
    *,
    reference: str,
    idempotency_key: str,
    payload: dict[str, Any],
    at: datetime,
) -> int:
    """A new pending case, due at ``at``; its id."""
    cursor = connection.execute(
        "INSERT INTO outbox_entries (reference, idempotency_key, payload, created_at, "
        "attempts, next_attempt_at, last_error, state) VALUES (?, ?, ?, ?, 0, ?, NULL, ?)",
        (
            reference,
            idempotency_key,
            json.dumps(payload),
            stored_time(at),
            stored_time(at),
            EntryState.PENDING.value,
        ),
    )
    entry_id = cursor.lastrowid
    if entry_id is None:  # pragma: no cover (an INSERT always has one)
        raise RuntimeError("the outbox stored no row")
    return entry_id


def add_visit(
    connection: sqlite3.Connection, visit_id: str, payload: dict[str, Any], at: datetime
) -> bool:
    """A new pending visit, due at ``at``; ``False`` (nothing changed) if one with its id
    is stored already."""
    cursor = connection.execute(
        "INSERT INTO visit_entries (id, payload, created_at, attempts, next_attempt_at, "
        "last_error, state) VALUES (?, ?, ?, 0, ?, NULL, ?) ON CONFLICT (id) DO NOTHING",
        (visit_id, json.dumps(payload), stored_time(at), stored_time(at), EntryState.PENDING.value),
    )
    return cursor.rowcount == 1


def get(connection: sqlite3.Connection, table: Table, entry_id: int | str) -> Waiting | None:
    columns = _CASE if table is Table.CASES else _WAITING
    row = connection.execute(
        f"SELECT {columns} FROM {table} WHERE id = ?",  # noqa: S608 (a Table, not input)
        (entry_id,),
    ).fetchone()
    return _waiting(row) if row is not None else None


def due_ids(connection: sqlite3.Connection, table: Table, now: datetime, limit: int) -> list[Any]:
    """Pending entries whose time has come, oldest first."""
    rows = connection.execute(
        f"SELECT id FROM {table} WHERE state = ? AND next_attempt_at <= ? "  # noqa: S608
        "ORDER BY created_at, id LIMIT ?",
        (EntryState.PENDING.value, stored_time(now), limit),
    ).fetchall()
    return [row[0] for row in rows]


def remove(connection: sqlite3.Connection, table: Table, entry_id: int | str) -> int:
    cursor = connection.execute(f"DELETE FROM {table} WHERE id = ?", (entry_id,))  # noqa: S608
    return cursor.rowcount


def hold(connection: sqlite3.Connection, table: Table, entry_id: int | str, code: str) -> None:
    """Held, with the error's code: one more attempt counted."""
    connection.execute(
        f"UPDATE {table} SET state = ?, attempts = attempts + 1, last_error = ? "  # noqa: S608
        "WHERE id = ?",
        (EntryState.HELD.value, code, entry_id),
    )


def defer(
    connection: sqlite3.Connection,
    table: Table,
    entry_id: int | str,
    *,
    attempts: int,
    until: datetime,
    code: str,
) -> None:
    connection.execute(
        f"UPDATE {table} SET attempts = ?, next_attempt_at = ?, last_error = ? "  # noqa: S608
        "WHERE id = ?",
        (attempts, stored_time(until), code, entry_id),
    )


def postpone_pending(connection: sqlite3.Connection, until: datetime) -> None:
    """Nothing pending, case or visit, is tried before ``until`` (the backend is not
    answering)."""
    for table in Table:
        connection.execute(
            f"UPDATE {table} SET next_attempt_at = ? "  # noqa: S608
            "WHERE state = ? AND next_attempt_at < ?",
            (stored_time(until), EntryState.PENDING.value, stored_time(until)),
        )


def count(connection: sqlite3.Connection, table: Table, state: EntryState | None = None) -> int:
    if state is None:
        row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    else:
        row = connection.execute(
            f"SELECT count(*) FROM {table} WHERE state = ?",  # noqa: S608
            (state.value,),
        ).fetchone()
    return int(row[0])


def next_attempt_at(connection: sqlite3.Connection, table: Table) -> datetime | None:
    row = connection.execute(
        f"SELECT min(next_attempt_at) FROM {table} WHERE state = ?",  # noqa: S608
        (EntryState.PENDING.value,),
    ).fetchone()
    return read_time(row[0]) if row[0] is not None else None


def in_state(connection: sqlite3.Connection, table: Table, state: EntryState) -> list[Waiting]:
    """The entries in ``state``, oldest first."""
    columns = _CASE if table is Table.CASES else _WAITING
    rows = connection.execute(
        f"SELECT {columns} FROM {table} WHERE state = ? "  # noqa: S608
        "ORDER BY created_at, id",
        (state.value,),
    ).fetchall()
    return [_waiting(row) for row in rows]


def release_held(connection: sqlite3.Connection, table: Table, now: datetime) -> int:
    cursor = connection.execute(
        f"UPDATE {table} SET state = ?, next_attempt_at = ?, attempts = 0 "  # noqa: S608
        "WHERE state = ?",
        (EntryState.PENDING.value, stored_time(now), EntryState.HELD.value),
    )
    return cursor.rowcount


def _waiting(row: tuple[Any, ...]) -> Waiting:
    entry_id, payload, created_at, attempts, next_at, last_error, state, *case = row
    reference, key = case if case else ("", "")
    return Waiting(
        id=entry_id,
        payload=json.loads(payload),
        created_at=read_time(created_at),
        attempts=int(attempts),
        next_attempt_at=read_time(next_at),
        last_error=last_error,
        state=EntryState(state),
        reference=reference,
        idempotency_key=key,
    )
