"""The outbox's tables, in its own local SQLite file (not the backend's database)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Enum, Index, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Bumped when the tables change; a file made by a newer kiosk is refused, not guessed at.
SCHEMA_VERSION = 1


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime, stored as UTC (SQLite keeps no offset)."""

    impl = DateTime()
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


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
    state: Mapped[EntryState] = mapped_column(
        Enum(
            EntryState,
            native_enum=False,
            create_constraint=False,
            length=10,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        ),
        default=EntryState.PENDING,
    )


class ReferenceCounter(OutboxBase):
    """The last sequence number this kiosk used for its issuer: one row per issuer (in
    practice one row). It lives in the same file, and moves in the same transaction, as the
    entries, so a reference is never issued twice."""

    __tablename__ = "reference_counter"

    issuer: Mapped[str] = mapped_column(String(3), primary_key=True)
    last_sequence: Mapped[int] = mapped_column(default=0)
