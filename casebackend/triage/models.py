from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base, utcnow


class TriageEntryRow(Base):
    """A walk-in (recorded by a greeter, or "speak to someone" at a kiosk) or an arrived
    appointment, from arriving to its end. Help requests stay in ``help_sessions`` and kiosk
    faults come from the live hub; the list joins them.

    Holds what the customer chose to give (a name, their declared needs, a phone number for
    the "you're called" SMS); the phone number is cleared when the entry ends."""

    __tablename__ = "triage_entries"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    state: Mapped[str] = mapped_column(String(12))
    # W014: the letter by kind, the number by location and day.
    ticket: Mapped[str] = mapped_column(String(6))
    ticket_day: Mapped[date]
    waiting_since: Mapped[datetime] = mapped_column(default=utcnow)
    priority: Mapped[bool] = mapped_column(default=False)
    needs: Mapped[list[Any]]
    tier: Mapped[int | None]
    service_code: Mapped[str | None] = mapped_column(String(60))
    topics: Mapped[list[Any]]
    name: Mapped[str | None] = mapped_column(String(80))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id", ondelete="SET NULL"))
    appointment_reference: Mapped[str | None] = mapped_column(String(20))
    for_advisor: Mapped[bool] = mapped_column(default=False)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    called_at: Mapped[datetime | None]
    parked_reason: Mapped[str | None] = mapped_column(String(200))
    # The Handover of the last transfer, as JSON.
    handover: Mapped[dict[str, Any] | None]
    phone: Mapped[str | None] = mapped_column(String(20))
    sms_sent: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[str | None] = mapped_column(String(30))
    ended_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("location_id", "ticket_day", "ticket"),
        Index("ix_triage_entries_open", "location_id", "ended_at"),
    )


class KioskFaultClosure(Base):
    """A greeter dealt with a kiosk's fault on the triage list (fixed it, or reported it to
    IT): the fault stays off the list while the kiosk stays as it was. The live hub forgets
    the row when the kiosk's state changes (back, or faulty again), so a new fault shows."""

    __tablename__ = "kiosk_fault_closures"

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    fault: Mapped[str] = mapped_column(String(20))
    # The kiosk's fault as the hub's presence said it when closed (out_of_order, or
    # not_responding: off the live link; NULL: on the link and working, its screen stuck).
    # The hub forgets the closing when its presence says otherwise, and only then: so a
    # restarted process, which has not seen the kiosk before, keeps it.
    live_fault: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(30))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime] = mapped_column(default=utcnow)
