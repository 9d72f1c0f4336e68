"""Wire schemas for enrolment and sign-in."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from shared.schema import length, schema


@schema
class EnrolRequest:
    code: Annotated[str, *length(1, 20)]
    name: Annotated[str, *length(1, 100)] = "kiosk"


@schema
class Enrolment:
    device_id: int
    token: str
    location_code: str
    location_name: str
    issuer: str
    # Where the kiosk's tracking QR code points: the backend's public address + "/track/".
    tracking_url: str


@schema
class LoginRequest:
    username: Annotated[str, *length(1, 64)]
    password: Annotated[str, *length(1, 200)]


@schema
class LocationRead:
    code: str
    name: str
    kind: str


@schema
class StaffRead:
    id: int
    username: str
    display_name: str
    roles: list[str]
    locations: list[LocationRead]


@schema
class StaffSessionRead:
    token: str
    expires_at: datetime
    staff: StaffRead
