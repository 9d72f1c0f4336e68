from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebackend.db.base import Base, str_enum, utcnow
from casebackend.organisation.models import Location, Team
from shared.cases.schemas import Channel
from shared.cases.workflow import CaseStatus


class ActorKind(StrEnum):
    DEVICE = "device"
    STAFF = "staff"
    API_KEY = "api_key"
    PUBLIC = "public"
    SYSTEM = "system"


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("idempotency_scope", "idempotency_key"),
        Index("ix_cases_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(9), unique=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"), index=True)
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus, 20))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, 20))
    tier: Mapped[int]
    description: Mapped[str] = mapped_column(Text, default="")
    answers: Mapped[dict[str, Any]]
    address: Mapped[str | None] = mapped_column(String(400))
    postcode: Mapped[str | None] = mapped_column(String(8))
    uprn: Mapped[str | None] = mapped_column(String(12))
    lat: Mapped[float | None]
    long: Mapped[float | None]
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    sla_due: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    source_kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, 10))
    source_id: Mapped[int | None]
    idempotency_scope: Mapped[str | None] = mapped_column(String(40))
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    # SHA-256 of the case's tracking token (``shared.cases.tracking``); the token itself is
    # never stored. None for a case made before tracking tokens, until it is given one.
    tracking_token_hash: Mapped[str | None] = mapped_column(String(64))
    # The contact details as the caller submitted them (unverified): never copied onto an
    # existing customer's record without staff confirming it (casebackend/customers).
    submitted_contact: Mapped[dict[str, Any] | None]
    # When the retention purge or an erasure removed the case's personal data.
    purged_at: Mapped[datetime | None]
    # An assisted transaction: the staff member who ran the journey on the desk for the
    # customer (face to face). None for a case the customer made themselves.
    assisted_by_id: Mapped[int | None]
    assisted_by_label: Mapped[str | None] = mapped_column(String(100))

    location: Mapped[Location | None] = relationship(lazy="raise")
    team: Mapped[Team | None] = relationship(lazy="raise")
    history: Mapped[list[CaseStatusChange]] = relationship(
        lazy="raise", order_by="CaseStatusChange.id", back_populates="case"
    )
    notes: Mapped[list[CaseNote]] = relationship(lazy="raise", order_by="CaseNote.id")


class CaseStatusChange(Base):
    """Append-only: one row per status a case has had, with who, how and when."""

    __tablename__ = "case_status_changes"
    __table_args__ = (
        # For the figures over millions of changes (docs/performance.md): one case's first
        # resolution, and the cases resolved or closed within a period, each from an index.
        Index("ix_case_status_changes_case_status_at", "case_id", "status", "at"),
        Index("ix_case_status_changes_status_at_case", "status", "at", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus, 20))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, 10))
    actor_id: Mapped[int | None]
    actor_label: Mapped[str] = mapped_column(String(100))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, 20))
    # Shown to the customer when tracking; empty when the change has nothing to tell them.
    public_note: Mapped[str] = mapped_column(Text, default="")
    case: Mapped[Case] = relationship(lazy="raise", back_populates="history")


class CaseNote(Base):
    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, 10))
    actor_id: Mapped[int | None]
    actor_label: Mapped[str] = mapped_column(String(100))


class ReferenceIssuer(Base):
    """A case-reference prefix: the backend's own, or one enrolled kiosk's."""

    __tablename__ = "reference_issuers"

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(3), unique=True)
    kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, 10))


class Counter(Base):
    """A named counter, for databases without sequences (SQLite)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int]


class TrackLookup(Base):
    """How many times cases were looked up on a local day, by where (``web``: the public
    tracking page; ``api``: the kiosk and apps) and whether the case was still open:
    progress chasing, for the figures. No reference, no address: counts only."""

    __tablename__ = "track_lookups"

    day: Mapped[date] = mapped_column(primary_key=True)
    via: Mapped[str] = mapped_column(String(10), primary_key=True)
    open_case: Mapped[bool] = mapped_column(primary_key=True)
    lookups: Mapped[int]
