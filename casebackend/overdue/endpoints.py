from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from casebackend.api.dependencies import Caller, Context, DbSession
from casebackend.overdue import service
from shared.overdue.schemas import OverdueList

router = APIRouter(tags=["cases"])


@router.get("/cases/overdue")
def overdue_cases(
    caller: Caller,
    session: DbSession,
    context: Context,
    team: Annotated[str | None, Query(max_length=40)] = None,
) -> OverdueList:
    """Open cases overdue or due within two working days today, oldest due first, for every
    team or one (``team``, its code): the lists the daily overdue digest sends. References
    and services only. Caseworkers, managers and admins."""
    service.require_overdue_reader(caller)
    return service.overdue_cases(session, context.settings, context.catalogue, team_code=team)
