"""The installer PIN's lock-out survives a restart and grows: 5 wrong → 1 min, the next
5 → 5 min, then 30 min each time, kept owner-only beside the PIN."""

from __future__ import annotations

import stat

from kiosk.device import PinLock, installer_pin_lock, set_installer_pin
from kiosk.device.pin import installer_pin_lockout_file

PIN = "482913"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _lock(path, clock) -> PinLock:
    return PinLock(lambda pin: pin == PIN, path, clock=clock)


def _wrong(lock: PinLock, times: int):
    attempt = None
    for _ in range(times):
        attempt = lock.attempt("0000")
    return attempt


def test_a_restart_forgets_neither_the_wrong_tries_nor_the_lock_out(tmp_path):
    clock, path = Clock(), tmp_path / "config" / "lockout.json"
    first = _lock(path, clock)
    assert _wrong(first, 4).tries_left == 1
    # The kiosk restarts: a new lock over the same file.
    second = _lock(path, clock)
    assert second.tries_left() == 1
    locked = second.attempt("1111")
    assert (locked.authorised, locked.tries_left, locked.locked_seconds) == (False, 0, 60)
    clock.now += 30
    third = _lock(path, clock)
    assert third.seconds_locked() == 30
    refused = third.attempt(PIN)  # the right PIN does nothing while locked
    assert not refused.authorised
    assert refused.locked_seconds == 30
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert PIN not in path.read_text()


def test_each_lock_out_is_longer_until_the_right_pin(tmp_path):
    clock, path = Clock(), tmp_path / "lockout.json"
    waits = []
    for _ in range(4):
        lock = _lock(path, clock)  # a restart between every round, too
        waits.append(_wrong(lock, 5).locked_seconds)
        clock.now += waits[-1]
        assert _lock(path, clock).seconds_locked() == 0
    assert waits == [60, 300, 1800, 1800]
    assert _lock(path, clock).attempt(PIN).authorised
    # The right PIN starts the count again, from the first, shortest lock-out.
    assert _wrong(_lock(path, clock), 5).locked_seconds == 60


def test_a_clock_put_back_never_lengthens_a_lock_out(tmp_path):
    clock, path = Clock(), tmp_path / "lockout.json"
    _wrong(_lock(path, clock), 5)
    clock.now -= 10 * 3600
    assert _lock(path, clock).seconds_locked() == 60


def test_a_damaged_lock_out_file_locks_rather_than_opens(tmp_path):
    clock, path = Clock(), tmp_path / "lockout.json"
    path.write_text("{not json")
    lock = _lock(path, clock)
    assert lock.seconds_locked() == 60
    assert not lock.attempt(PIN).authorised


def test_the_kiosks_lock_uses_its_pin_and_its_config_folder(settings):
    set_installer_pin(settings, PIN)
    lock = installer_pin_lock(settings)
    assert _wrong(lock, 2).tries_left == 3
    assert installer_pin_lockout_file(settings).is_file()
    assert installer_pin_lock(settings).tries_left() == 3
    assert installer_pin_lock(settings).attempt(PIN).authorised
    assert installer_pin_lock(settings).tries_left() == 5
