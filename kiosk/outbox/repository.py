"""The outbox's queries. Each takes the caller's session; the service owns transactions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kiosk.outbox.models import EntryState, OutboxEntry, ReferenceCounter


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


def add(session: Session, entry: OutboxEntry) -> None:
    session.add(entry)
    session.flush()


def get(session: Session, entry_id: int) -> OutboxEntry | None:
    return session.get(OutboxEntry, entry_id)


def any_due(session: Session, now: datetime) -> bool:
    found = session.scalar(
        select(OutboxEntry.id)
        .where(OutboxEntry.state == EntryState.PENDING, OutboxEntry.next_attempt_at <= now)
        .limit(1)
    )
    return found is not None


def due_ids(session: Session, now: datetime, limit: int) -> list[int]:
    """Pending entries whose time has come, oldest first."""
    return list(
        session.scalars(
            select(OutboxEntry.id)
            .where(OutboxEntry.state == EntryState.PENDING, OutboxEntry.next_attempt_at <= now)
            .order_by(OutboxEntry.created_at, OutboxEntry.id)
            .limit(limit)
        )
    )


def remove(session: Session, entry_id: int) -> int:
    result = session.execute(delete(OutboxEntry).where(OutboxEntry.id == entry_id))
    return int(getattr(result, "rowcount", 0))


def postpone_pending(session: Session, until: datetime) -> None:
    """Nothing pending is tried before ``until`` (the backend is not answering)."""
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.state == EntryState.PENDING, OutboxEntry.next_attempt_at < until)
        .values(next_attempt_at=until)
    )


def count(session: Session, state: EntryState | None = None) -> int:
    query = select(func.count()).select_from(OutboxEntry)
    if state is not None:
        query = query.where(OutboxEntry.state == state)
    return int(session.scalar(query) or 0)


def next_attempt_at(session: Session) -> datetime | None:
    return session.scalar(
        select(func.min(OutboxEntry.next_attempt_at)).where(OutboxEntry.state == EntryState.PENDING)
    )


def held(session: Session) -> Sequence[OutboxEntry]:
    return session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.state == EntryState.HELD)
        .order_by(OutboxEntry.created_at, OutboxEntry.id)
    ).all()


def release_held(session: Session, now: datetime) -> int:
    result = session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.state == EntryState.HELD)
        .values(state=EntryState.PENDING, next_attempt_at=now, attempts=0)
    )
    return int(getattr(result, "rowcount", 0))
