from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from casebackend.api.dependencies import Caller, Context, DbSession
from casebackend.fleet import service
from shared.fleet.schemas import Heartbeat, KioskStatus

router = APIRouter(tags=["fleet"])


@router.post("/devices/heartbeat", status_code=status.HTTP_204_NO_CONTENT)
def heartbeat(body: Heartbeat, caller: Caller, session: DbSession, context: Context) -> None:
    """A kiosk's periodic report: version, outbox, screen name, frame and touch ages."""
    service.record_heartbeat(
        session, caller, body, stale_seconds=context.settings.kiosk_frame_stale_seconds
    )


@router.get("/devices")
def devices(
    caller: Caller,
    session: DbSession,
    context: Context,
    location: Annotated[str | None, Query(max_length=40)] = None,
) -> list[KioskStatus]:
    """The kiosks at the caller's locations (every location for caseworkers and admins)."""
    return service.fleet(session, caller, context.settings, location_code=location)
