"""This kiosk's enrolled identity (``device.json``), enrolling it, and the installer PIN.

See :mod:`kiosk.device.service` for re-enrolment and what happens when the outbox is lost.
"""

from typing import TYPE_CHECKING

from shared.lazy import lazy_names

if TYPE_CHECKING:
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

# At run time only: to the type checker the names are the imports above.
if not TYPE_CHECKING:
    __getattr__ = lazy_names(
        __name__,
        {
            "PinAttempt": "pin",
            "PinLock": "pin",
            "check_installer_pin": "pin",
            "installer_pin_file": "pin",
            "installer_pin_is_set": "pin",
            "installer_pin_lock": "pin",
            "set_installer_pin": "pin",
            "DeviceIdentity": "schemas",
            "RetiredCredential": "schemas",
            "EnrolmentFailed": "service",
            "OutboxLost": "service",
            "drop_retired": "service",
            "enrol": "service",
            "open_outbox": "service",
            "DeviceFileError": "store",
            "load_identity": "store",
            "save_identity": "store",
        },
    )

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
