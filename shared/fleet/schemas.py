"""What a kiosk reports about itself, and what staff and installers see of the fleet.

A heartbeat names the screen a kiosk shows, never what is on it: no answers, no customer.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from shared.schema import length, number, pattern, schema


@schema
class Heartbeat:
    version: Annotated[str, *length(1, 40), *pattern(r"^[0-9A-Za-z.+\-]+$")]
    # Submissions waiting in the kiosk's outbox, and those the backend refused (held).
    outbox_depth: Annotated[int, *number(ge=0, le=1_000_000)]
    outbox_held: Annotated[int, *number(ge=0, le=1_000_000)] = 0
    # A screen's name (welcome, journey step id, help…): never its content.
    screen: Annotated[str, *length(max=60), *pattern(r"^[a-z0-9_:\-]*$")]
    # Seconds since the kiosk last drew a frame, and since a person last touched it.
    frame_age_s: Annotated[float, *number(ge=0, le=10_000_000)]
    touch_age_s: Annotated[float, *number(ge=0, le=10_000_000)] | None = None


class KioskState(StrEnum):
    ONLINE = "online"
    # Heartbeats arrive but the screen has stopped drawing: the process lives, the UI is stuck.
    NOT_RENDERING = "not_rendering"
    OFFLINE = "offline"
    NEVER_SEEN = "never_seen"


@schema
class KioskStatus:
    device_id: int
    name: str
    location_code: str
    state: KioskState
    last_seen_at: datetime | None
    heartbeat_age_s: float | None
    version: str | None
    outbox_depth: int | None
    outbox_held: int | None
    screen: str | None
    frame_age_s: float | None
    touch_age_s: float | None
