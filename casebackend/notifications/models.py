from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base, str_enum, utcnow
from casebackend.notifications.provider import NotificationChannel, NotificationTemplate


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Notification(Base):
    """Every message for a case or an appointment, whether sent, waiting for a retry, or
    given up on; a message to a team (the overdue digest) has neither."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    # A message about an appointment (its confirmation, reminder) names it instead of a case.
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[NotificationChannel] = mapped_column(str_enum(NotificationChannel, 10))
    template: Mapped[NotificationTemplate] = mapped_column(str_enum(NotificationTemplate, 30))
    recipient: Mapped[str] = mapped_column(String(254))
    personalisation: Mapped[dict[str, Any]]
    status: Mapped[NotificationStatus] = mapped_column(str_enum(NotificationStatus, 10), index=True)
    provider: Mapped[str] = mapped_column(String(30), default="")
    provider_id: Mapped[str | None] = mapped_column(String(100))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
