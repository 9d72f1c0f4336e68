from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from casebackend.api.dependencies import Caller, DbSession
from casebackend.audit import service
from shared.audit.schemas import AuditPage

router = APIRouter(tags=["audit"])


@router.get("/audit")
def read_log(
    caller: Caller,
    session: DbSession,
    from_: Annotated[datetime | None, Query(alias="from")] = None,
    to: Annotated[datetime | None, Query()] = None,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    before: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditPage:
    """Who read or changed what, newest first; admins only. ``from`` is inclusive, ``to``
    exclusive; pass a page's ``next_before`` as ``before`` for the next, older page."""
    return service.read_log(
        session,
        caller,
        since=from_,
        until=to,
        actor=actor,
        action=action,
        before=before,
        limit=limit,
    )
