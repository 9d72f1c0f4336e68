"""Wire schemas for enrolment and sign-in."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolRequest(_Wire):
    code: str = Field(min_length=1, max_length=20)
    name: str = Field(default="kiosk", min_length=1, max_length=100)


class Enrolment(_Wire):
    device_id: int
    token: str
    location_code: str
    location_name: str
    issuer: str
    # Where the kiosk's tracking QR code points: the backend's public address + "/track/".
    tracking_url: str


class LoginRequest(_Wire):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class LocationRead(_Wire):
    code: str
    name: str
    kind: str


class StaffRead(_Wire):
    id: int
    username: str
    display_name: str
    roles: list[str]
    locations: list[LocationRead]


class StaffSessionRead(_Wire):
    token: str
    expires_at: datetime
    staff: StaffRead
