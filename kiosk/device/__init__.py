"""This kiosk's enrolled identity (``device.json``), enrolling it, and the installer PIN.

See :mod:`kiosk.device.service` for re-enrolment and what happens when the outbox is lost.
"""

from kiosk.device.pin import (
    PinAttempt,
    PinLock,
    check_installer_pin,
    installer_pin_file,
    installer_pin_is_set,
    installer_pin_lock,
    set_installer_pin,
)
from kiosk.device.schemas import DeviceIdentity, RetiredCredential
from kiosk.device.service import EnrolmentFailed, OutboxLost, drop_retired, enrol, open_outbox
from kiosk.device.store import DeviceFileError, load_identity, save_identity

__all__ = [
    "DeviceFileError",
    "DeviceIdentity",
    "EnrolmentFailed",
    "OutboxLost",
    "PinAttempt",
    "PinLock",
    "RetiredCredential",
    "check_installer_pin",
    "drop_retired",
    "enrol",
    "installer_pin_file",
    "installer_pin_is_set",
    "installer_pin_lock",
    "load_identity",
    "open_outbox",
    "save_identity",
    "set_installer_pin",
]
