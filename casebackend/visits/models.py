from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base, str_enum, utcnow
from shared.cases.schemas import Channel
from shared.visits.schemas import Rating, VisitOutcome


class Visit(Base):
    """One customer's time at a kiosk: what for, how it ended, whether help was asked for
    and given. No personal data: the case is named by its reference, which may arrive
    before or after the case itself (both come through the kiosk's outbox)."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_location_ended", "location_id", "ended_at"),)

    # Made by the kiosk (32 hex digits), so a visit sent twice is stored once.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime] = mapped_column(index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    language: Mapped[str] = mapped_column(String(10))
    service_code: Mapped[str | None] = mapped_column(String(50))
    outcome: Mapped[VisitOutcome] = mapped_column(str_enum(VisitOutcome, 20))
    case_reference: Mapped[str | None] = mapped_column(String(9), index=True)
    help_requested: Mapped[bool]
    helped: Mapped[bool]


class SatisfactionResponse(Base):
    """A rating (and optional comment) from any channel. Never identifying on its own: it
    names a channel, a place, a service and at most a case reference."""

    __tablename__ = "satisfaction_responses"
    __table_args__ = (Index("ix_satisfaction_at_location", "at", "location_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, 20))
    rating: Mapped[Rating] = mapped_column(str_enum(Rating, 10))
    comment: Mapped[str | None] = mapped_column(Text)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    service_code: Mapped[str | None] = mapped_column(String(50))
    case_reference: Mapped[str | None] = mapped_column(String(9))
    visit_id: Mapped[str | None] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), unique=True
    )
