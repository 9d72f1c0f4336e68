"""What enrolment gives a kiosk, as it is kept in ``device.json``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class _File(BaseModel):
    # Read tolerantly: a field written by a newer version is ignored, not a broken kiosk.
    model_config = ConfigDict(extra="ignore", frozen=True)


class RetiredCredential(_File):
    """The sign-in of an earlier enrolment of this kiosk, kept only while the outbox may
    still hold submissions whose references that enrolment's issuer issued: the backend
    accepts a kiosk-issued reference only from the device that owns its issuer."""

    backend_url: str
    device_id: int
    issuer: str = Field(min_length=3, max_length=3)
    token: str = Field(repr=False)


class DeviceIdentity(_File):
    """This kiosk's enrolment. ``token`` is a secret: the file is owner-only and the token
    never appears in a repr or a log line."""

    backend_url: str
    device_id: int
    name: str
    token: str = Field(repr=False)
    issuer: str = Field(min_length=3, max_length=3)
    location_code: str
    location_name: str
    # Where the tracking QR code points: the backend's public address + "/track/".
    tracking_url: str
    enrolled_at: datetime
    # Set once the outbox has been opened under this enrolment: from then on a missing
    # outbox file means it was lost, and its reference counter with it.
    outbox_started: bool = False
    retired: tuple[RetiredCredential, ...] = ()
