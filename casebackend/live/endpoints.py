from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, WebSocket

from casebackend.live.hub import LiveHub

router = APIRouter()


@router.websocket("/live")
async def live(
    websocket: WebSocket,
    location: Annotated[str | None, Query(max_length=40)] = None,
) -> None:
    """The live hub: kiosks sign in with their device token, desks with a staff session
    token and ``?location=CODE`` (needed only by staff who work at several locations)."""
    hub: LiveHub = websocket.app.state.live
    await hub.serve(websocket, location)
