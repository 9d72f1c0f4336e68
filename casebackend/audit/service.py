"""Recording who saw or changed what. Entries name the case, never its contents."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casebackend.audit.models import AuditEvent
from casebackend.db.base import utcnow
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from shared.audit.schemas import AuditEntry, AuditPage
from shared.errors import InvalidInput


def record(
    session: Session,
    principal: Principal,
    action: str,
    *,
    through: str,
    case_id: int | None = None,
    customer_id: int | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditEvent(
            actor_kind=principal.kind,
            actor_id=principal.id,
            actor_label=principal.label[:100],
            action=action,
            case_id=case_id,
            customer_id=customer_id,
            through=through,
            detail=detail[:400],
        )
    )


def row(
    principal: Principal, action: str, *, through: str, case_id: int | None = None
) -> dict[str, Any]:
    """The columns of an audit entry, for a Core statement (all but ``id``): for the busiest
    path, case creation, which writes no ORM objects."""
    return {
        "at": utcnow(),
        "actor_kind": principal.kind,
        "actor_id": principal.id,
        "actor_label": principal.label[:100],
        "action": action,
        "case_id": case_id,
        "customer_id": None,
        "through": through,
        "detail": "",
    }


def _utc(when: datetime | None, name: str) -> datetime | None:
    if when is None:
        return None
    try:
        return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError:
        raise InvalidInput(f"'{name}' is not a time we can search for.", field=name) from None


def read_log(
    session: Session,
    principal: Principal,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    actor: str | None = None,
    action: str | None = None,
    before: int | None = None,
    limit: int = 100,
) -> AuditPage:
    """The audit log, newest first, for admins. Reading it is itself recorded."""
    principal.require_staff(Role.ADMIN)
    # A time without an offset is taken as UTC, like every time the API gives.
    since, until = (_utc(t, name) for t, name in ((since, "from"), (until, "to")))
    if since is not None and until is not None and since > until:
        raise InvalidInput("'from' must be before 'to'.", field="from")
    query = select(AuditEvent)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    if actor:
        query = query.where(func.lower(AuditEvent.actor_label) == actor.strip().lower())
    if action:
        query = query.where(AuditEvent.action == action.strip())
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows = list(session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    page = AuditPage(
        items=[
            AuditEntry(
                id=r.id,
                at=r.at,
                actor_kind=r.actor_kind,
                actor_id=r.actor_id,
                actor_label=r.actor_label,
                action=r.action,
                case_id=r.case_id,
                customer_id=r.customer_id,
                through=r.through,
                detail=r.detail,
            )
            for r in rows
        ],
        next_before=rows[-1].id if more and rows else None,
    )
    record(session, principal, "audit_read", through="api", detail=f"{len(rows)} entries")
    return page
