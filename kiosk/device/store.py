"""``device.json``: reading it, and writing it atomically and owner-only."""

from __future__ import annotations

import logging

from kiosk.device.schemas import DeviceIdentity
from kiosk.files import write_atomically
from kiosk.settings import KioskSettings
from shared.errors import FirstStopError
from shared.schema import SchemaError, decode, encode

log = logging.getLogger(__name__)


class DeviceFileError(FirstStopError):
    """``device.json`` is there but cannot be read: an installer enrols the kiosk again."""

    code = "device_file"


def load_identity(settings: KioskSettings) -> DeviceIdentity | None:
    """This kiosk's enrolment, or ``None`` if it has never been enrolled."""
    path = settings.device_file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DeviceFileError(
            f"This kiosk cannot read its enrolment file ({path}). Check that the kiosk's "
            "user owns it, or enrol the kiosk again.",
            reason=type(error).__name__,
        ) from None
    try:
        return decode(DeviceIdentity, data)
    except SchemaError:
        # The error's text would quote the file, token and all: never chained or logged.
        raise DeviceFileError(
            f"This kiosk's enrolment file ({path}) is damaged. Enrol the kiosk again.",
            reason="unreadable",
        ) from None


def save_identity(settings: KioskSettings, identity: DeviceIdentity) -> None:
    """Write ``device.json`` in one step: 0600, in a 0700 folder."""
    write_atomically(settings.device_file, encode(identity, indent=2), private=True)
    log.info("device file written for device %d", identity.device_id)
