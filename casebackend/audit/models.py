from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casebackend.cases.models import ActorKind
from casebackend.db.base import Base, str_enum, utcnow


class AuditEvent(Base):
    """Who read or changed which case, when, and through what. Never holds answers."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_kind: Mapped[ActorKind] = mapped_column(str_enum(ActorKind, 10))
    actor_id: Mapped[int | None]
    actor_label: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(index=True)
    customer_id: Mapped[int | None] = mapped_column(index=True)
    # The face the request came through: api, open311, cli, live.
    through: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(String(400), default="")
