"""Recording who saw or changed what. Entries name the case, never its contents."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casebackend.audit.models import AuditEvent
from casebackend.identity.principal import Principal


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
