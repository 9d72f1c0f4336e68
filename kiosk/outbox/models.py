"""The outbox's tables, in its own local SQLite file (not the backend's database)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.storage.sqlalchemy import NAMING_CONVENTION, UTCDateTime, str_enum

# Bumped when the tables change; a file made by a newer kiosk is refused, not guessed at.
# 1: cases (``outbox_entries``) and the reference counter; 2: visits (``visit_entries``).
SCHEMA_VERSION = 2


class OutboxBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class EntryState(StrEnum):
    # Waiting to be sent (again).
    PENDING = "pending"
    # The backend refused it; kept, untouched, until someone looks at it.
    HELD = "held"


class OutboxEntry(OutboxBase):
    """One submission the backend has not acknowledged. Its payload is the whole
    ``CaseCreate`` (with the reference the customer was given), so it holds customer data
    until it is deleted on acknowledgement; ``last_error`` is an error code, never text."""

    __tablename__ = "outbox_entries"
    __table_args__ = (Index("ix_outbox_entries_state_next", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(9), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[EntryState] = mapped_column(str_enum(EntryState, 10), default=EntryState.PENDING)


class VisitEntry(OutboxBase):
    """One finished visit the backend has not acknowledged, keyed by the visit's own id
    (the backend stores a visit once per id, so a resend is harmless). Its payload is the
    whole ``VisitCreate``: no personal data but the rating's optional comment, which the
    customer typed; ``last_error`` is an error code, never text."""

    __tablename__ = "visit_entries"
    __table_args__ = (Index("ix_visit_entries_state_next", "state", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[EntryState] = mapped_column(str_enum(EntryState, 10), default=EntryState.PENDING)


class ReferenceCounter(OutboxBase):
    """The last sequence number this kiosk used for its issuer: one row per issuer (in
    practice one row). It lives in the same file, and moves in the same transaction, as the
    entries, so a reference is never issued twice."""

    __tablename__ = "reference_counter"

    issuer: Mapped[str] = mapped_column(String(3), primary_key=True)
    last_sequence: Mapped[int] = mapped_column(default=0)
