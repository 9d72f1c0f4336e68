"""The outbox's queries. Each takes the caller's session; the service owns transactions.

Cases (``OutboxEntry``) and visits (``VisitEntry``) wait in two tables with the same
columns for waiting (``created_at``, ``next_attempt_at``, ``attempts``, ``last_error``,
``state``): the queries about waiting take the table as ``entity``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kiosk.outbox.models import EntryState, OutboxEntry, ReferenceCounter, VisitEntry

Entry = TypeVar("Entry", OutboxEntry, VisitEntry)


def take_sequence(session: Session, issuer: str) -> int:
    """The next sequence number for ``issuer``, counted in the caller's transaction."""
    taken = session.scalar(
        update(ReferenceCounter)
        .where(ReferenceCounter.issuer == issuer)
        .values(last_sequence=ReferenceCounter.last_sequence + 1)
        .returning(ReferenceCounter.last_sequence)
    )
    if taken is None:
        session.add(ReferenceCounter(issuer=issuer, last_sequence=1))
        session.flush()
        return 1
    return int(taken)


def add(session: Session, entry: OutboxEntry | VisitEntry) -> None:
    session.add(entry)
    session.flush()


def get(session: Session, entity: type[Entry], entry_id: int | str) -> Entry | None:
    return session.get(entity, entry_id)


def any_due(session: Session, now: datetime) -> bool:
    found = session.scalar(
        select(OutboxEntry.id)
        .where(OutboxEntry.state == EntryState.PENDING, OutboxEntry.next_attempt_at <= now)
        .limit(1)
    )
    return found is not None


def due_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Pending cases whose time has come, oldest first."""
    return list(
        session.scalars(
            select(OutboxEntry.id)
            .where(OutboxEntry.state == EntryState.PENDING, OutboxEntry.next_attempt_at <= now)
            .order_by(OutboxEntry.created_at, OutboxEntry.id)
            .limit(limit)
        )
    )


def due_visit_ids(session: Session, now: datetime, limit: int) -> list[str]:
    """Pending visits whose time has come, oldest first."""
    return list(
        session.scalars(
            select(VisitEntry.id)
            .where(VisitEntry.state == EntryState.PENDING, VisitEntry.next_attempt_at <= now)
            .order_by(VisitEntry.created_at, VisitEntry.id)
            .limit(limit)
        )
    )


def remove(session: Session, entity: type[Entry], entry_id: int | str) -> int:
    result = session.execute(delete(entity).where(entity.id == entry_id))
    return int(getattr(result, "rowcount", 0))


def postpone_pending(session: Session, until: datetime) -> None:
    """Nothing pending, case or visit, is tried before ``until`` (the backend is not
    answering)."""
    for entity in (OutboxEntry, VisitEntry):
        session.execute(
            update(entity)
            .where(entity.state == EntryState.PENDING, entity.next_attempt_at < until)
            .values(next_attempt_at=until)
        )


def count(session: Session, entity: type[Entry], state: EntryState | None = None) -> int:
    query = select(func.count()).select_from(entity)
    if state is not None:
        query = query.where(entity.state == state)
    return int(session.scalar(query) or 0)


def next_attempt_at(session: Session, entity: type[Entry]) -> datetime | None:
    return session.scalar(
        select(func.min(entity.next_attempt_at)).where(entity.state == EntryState.PENDING)
    )


def in_state(session: Session, entity: type[Entry], state: EntryState) -> Sequence[Entry]:
    """The entries in ``state``, oldest first."""
    return session.scalars(
        select(entity).where(entity.state == state).order_by(entity.created_at, entity.id)
    ).all()


def release_held(session: Session, entity: type[Entry], now: datetime) -> int:
    result = session.execute(
        update(entity)
        .where(entity.state == EntryState.HELD)
        .values(state=EntryState.PENDING, next_attempt_at=now, attempts=0)
    )
    return int(getattr(result, "rowcount", 0))
