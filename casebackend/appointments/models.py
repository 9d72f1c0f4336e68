from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.cases.models import ActorKind
from casebackend.db.base import Base, str_enum, utcnow
from shared.appointments.schemas import AppointmentStatus
from shared.cases.schemas import Channel


class AppointmentOffer(Base):
    """A tier-3 service bookable at a location: its slot length, advisors, how far ahead."""

    __tablename__ = "appointment_offers"
    __table_args__ = (UniqueConstraint("location_id", "service_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    slot_minutes: Mapped[int]
    # Advisors at once: the seats in each slot.
    capacity: Mapped[int]
    horizon_days: Mapped[int]
    lead_minutes: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)


class AppointmentSlot(Base):
    """A slot that has been booked at least once, with its seats taken.

    Slots themselves are worked out from the opening hours; this row exists so that taking
    a seat is one conditional ``UPDATE … SET booked = booked + 1 WHERE booked < capacity``,
    which two customers at once cannot both pass.
    """

    __tablename__ = "appointment_slots"
    __table_args__ = (UniqueConstraint("location_id", "service_code", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    service_code: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime]
    booked: Mapped[int] = mapped_column(default=0)


class Appointment(Base):
    __tablename__ = "appointments"
    __table_args__ = (
        Index("ix_appointments_location_starts", "location_id", "starts_at"),
        # One booking per caller and Idempotency-Key (NULLs, no key, never clash).
        Index("ix_appointments_idempotency", "idempotency_scope", "idempotency_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "AP" and six more characters (shared.appointments.references); never a case reference.
    reference: Mapped[str] = mapped_column(String(8), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("appointment_slots.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    status: Mapped[AppointmentStatus] = mapped_column(str_enum(AppointmentStatus, 12))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, 20))
    # The customer, as they gave it; blanked by the purge a while after the appointment.
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    notify_by: Mapped[list[Any]]
    answers: Mapped[dict[str, Any]]
    access_needs: Mapped[list[Any]]
    access_note: Mapped[str] = mapped_column(String(200), default="")
    priority: Mapped[bool] = mapped_column(default=False)
    source_kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, 10))
    source_id: Mapped[int | None]
    # SHA-256 of the public page's token (shared.cases.tracking); the token is never stored.
    page_token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    arrived_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    # Set once, by whichever process sends the reminder the day before: never two.
    reminded_at: Mapped[datetime | None]
    purged_at: Mapped[datetime | None]
    # The caller's Idempotency-Key, scoped to them ("device:12"), and the SHA-256 of the
    # request it came with: the same key again answers this booking; another request is 409.
    idempotency_scope: Mapped[str | None] = mapped_column(String(40))
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
