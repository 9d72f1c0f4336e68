from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.db.base import Base, utcnow


class OverdueDigest(Base):
    """One team's digest for one local day: the row is the claim. Whichever worker inserts
    it first sends the digest; every other worker's insert breaks the unique constraint."""

    __tablename__ = "overdue_digests"
    __table_args__ = (UniqueConstraint("team_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    day: Mapped[date]
    overdue: Mapped[int]
    due_soon: Mapped[int]
    # The queued email (None when the team has no address to send to).
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
