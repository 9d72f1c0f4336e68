"""What enrolment gives a kiosk, as it is kept in ``device.json``."""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from typing import Annotated

from shared.schema import length, schema

# Both read tolerantly: a field written by a newer version is ignored, not a broken kiosk
# (as ``decode`` always does; ``extra="ignore"`` says so to pydantic too).


@schema(extra="ignore")
class RetiredCredential:
    """The sign-in of an earlier enrolment of this kiosk, kept only while the outbox may
    still hold submissions whose references that enrolment's issuer issued: the backend
    accepts a kiosk-issued reference only from the device that owns its issuer."""

    backend_url: str
    device_id: int
    issuer: Annotated[str, *length(3, 3)]
    token: str = field(repr=False)


@schema(extra="ignore")
class DeviceIdentity:
    """This kiosk's enrolment. ``token`` is a secret: the file is owner-only and the token
    never appears in a repr or a log line."""

    backend_url: str
    device_id: int
    name: str
    token: str = field(repr=False)
    issuer: Annotated[str, *length(3, 3)]
    location_code: str
    location_name: str
    # Where the tracking QR code points: the backend's public address + "/track/".
    tracking_url: str
    enrolled_at: datetime
    # Set once the outbox has been opened under this enrolment: from then on a missing
    # outbox file means it was lost, and its reference counter with it.
    outbox_started: bool = False
    retired: tuple[RetiredCredential, ...] = ()
