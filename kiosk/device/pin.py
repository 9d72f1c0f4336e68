"""The installer PIN: 4 to 8 digits, kept Argon2-hashed in ``installer-pin`` beside
``device.json`` (owner-only), so enrolling again does not touch it."""

from __future__ import annotations

import logging
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kiosk.files import write_atomically
from kiosk.settings import KioskSettings
from shared.errors import InvalidInput

log = logging.getLogger(__name__)

_HASHER = PasswordHasher()
MIN_DIGITS = 4
MAX_DIGITS = 8


def installer_pin_file(settings: KioskSettings) -> Path:
    return settings.config_dir / "installer-pin"


def set_installer_pin(settings: KioskSettings, pin: str) -> None:
    """Set (or change) the PIN. ``InvalidInput`` unless it is 4 to 8 digits."""
    if not (pin.isascii() and pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS):
        raise InvalidInput(
            f"The installer PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits, with nothing else.",
            field="pin",
        )
    write_atomically(installer_pin_file(settings), _HASHER.hash(pin).encode(), private=True)
    log.info("installer PIN set")


def installer_pin_is_set(settings: KioskSettings) -> bool:
    return installer_pin_file(settings).is_file()


def check_installer_pin(settings: KioskSettings, pin: str) -> bool:
    """Whether ``pin`` is the installer PIN. False when no PIN is set, or the file is
    unreadable: the installer exit stays shut rather than open."""
    try:
        stored = installer_pin_file(settings).read_text().strip()
    except OSError:
        return False
    try:
        return _HASHER.verify(stored, pin)
    except VerifyMismatchError:
        return False
    except (InvalidHashError, VerificationError):
        log.warning("the installer PIN file is damaged; set the PIN again")
        return False
