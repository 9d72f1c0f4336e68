from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base, utcnow


class HelpSession(Base):
    """One press of Help me, from raising to its end: who helped, how long each part took,
    and how it ended. Holds where the customer was (service, step, the ids of the messages
    they met), never what they typed."""

    __tablename__ = "help_sessions"

    # Made by the kiosk, so a request raised again after a dropped connection is the same.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    # Served by another location's desks (remote help: nobody was at this one's desk).
    served_at_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The HelpContext the kiosk sent, as JSON.
    context: Mapped[dict[str, Any]]
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    claimed_at: Mapped[datetime | None]
    # The first claim, for the waiting time in the figures (a release does not reset it).
    first_claimed_at: Mapped[datetime | None]
    claims: Mapped[int] = mapped_column(default=0)
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(30))

    __table_args__ = (Index("ix_help_sessions_open", "location_id", "ended_at"),)
