from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, WebSocket

from casebackend.live.hub import LiveHub

router = APIRouter()


@router.websocket("/live")
async def live(
    websocket: WebSocket,
    location: Annotated[str | None, Query(max_length=40)] = None,
    reads: Annotated[str | None, Query(max_length=100)] = None,
) -> None:
    """The live hub: kiosks sign in with their device token, desks with a staff session
    token and ``?location=CODE`` (needed only by staff who work at several locations);
    ``?reads=passes`` is a desk that reads a pass marked on a claim
    (``shared.live.messages.READS_PASSES``)."""
    hub: LiveHub = websocket.app.state.live
    await hub.serve(websocket, location, reads)
