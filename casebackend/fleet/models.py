from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base


class KioskHealth(Base):
    """The latest heartbeat of each kiosk (one row per device, replaced each time)."""

    __tablename__ = "kiosk_health"

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    received_at: Mapped[datetime]
    version: Mapped[str] = mapped_column(String(40))
    outbox_depth: Mapped[int]
    outbox_held: Mapped[int]
    screen: Mapped[str] = mapped_column(String(60))
    frame_age_s: Mapped[float]
    touch_age_s: Mapped[float | None]


class KioskHour(Base):
    """One kiosk's heartbeats in one hour (UTC, on the hour): how many arrived, and how many
    said its screen was drawing. Kept for the figures' kiosk availability."""

    __tablename__ = "kiosk_hours"

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    hour: Mapped[datetime] = mapped_column(primary_key=True)
    beats: Mapped[int]
    healthy: Mapped[int]
