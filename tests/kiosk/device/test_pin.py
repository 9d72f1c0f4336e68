"""The installer PIN: set, checked, refused, stored hashed and owner-only."""

from __future__ import annotations

import stat

import pytest

from kiosk.device import (
    check_installer_pin,
    enrol,
    installer_pin_file,
    installer_pin_is_set,
    set_installer_pin,
)
from shared.errors import InvalidInput
from tests.kiosk.device.conftest import enrolment_code


def test_a_pin_is_set_checked_and_stored_hashed_owner_only(settings):
    assert not installer_pin_is_set(settings)
    assert not check_installer_pin(settings, "1234")

    set_installer_pin(settings, "482913")

    path = installer_pin_file(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert "482913" not in path.read_text()
    assert path.read_text().startswith("$argon2")
    assert installer_pin_is_set(settings)
    assert check_installer_pin(settings, "482913")
    assert not check_installer_pin(settings, "482914")
    assert not check_installer_pin(settings, "")

    set_installer_pin(settings, "0000")
    assert check_installer_pin(settings, "0000")
    assert not check_installer_pin(settings, "482913")


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", "12 34", "١٢٣٤", "-1234"])
def test_a_pin_must_be_four_to_eight_digits(settings, pin):
    with pytest.raises(InvalidInput) as refused:
        set_installer_pin(settings, pin)
    assert refused.value.message == ("The installer PIN must be 4 to 8 digits, with nothing else.")
    assert not installer_pin_is_set(settings)


def test_a_damaged_pin_file_keeps_the_exit_shut(settings):
    set_installer_pin(settings, "1234")
    installer_pin_file(settings).write_text("not a hash")
    assert not check_installer_pin(settings, "1234")


def test_enrolling_again_keeps_the_pin(backend, settings):
    set_installer_pin(settings, "2468")
    enrol(settings, enrolment_code(backend), backend.url)
    enrol(settings, enrolment_code(backend), backend.url)
    assert check_installer_pin(settings, "2468")
