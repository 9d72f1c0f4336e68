"""Wire schemas for reading the audit log (admins only)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class AuditEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    at: datetime
    actor_kind: str
    actor_id: int | None
    actor_label: str
    action: str
    case_id: int | None
    customer_id: int | None
    through: str
    detail: str


class AuditPage(BaseModel):
    """Newest first. Pass ``next_before`` as ``before`` for the next (older) page."""

    model_config = ConfigDict(extra="forbid")

    items: list[AuditEntry]
    next_before: int | None
