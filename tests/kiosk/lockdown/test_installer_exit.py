"""The installer exit: only a still press held in the corner opens it; the PIN decides."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from kiosk.device import PinLock
from kiosk.lockdown import InstallerExit

PIN = "4821"
HOLD = 0.3
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def installer(screen, qapp) -> Iterator[InstallerExit]:
    exit_ = InstallerExit(
        screen,
        PinLock(lambda pin: pin == PIN, None, tries=3, steps=(0.4,)),
        hold_seconds=HOLD,
        unused_seconds=0.5,
    )
    exit_.install(qapp)
    yield exit_
    exit_.uninstall()


def press(widget, at):
    QTest.mousePress(widget, LEFT, NONE, at)


def release(widget, at):
    QTest.mouseRelease(widget, LEFT, NONE, at)


def type_pin(installer, pin):
    pad = installer.pad
    for digit in pin:
        pad._digits[int(digit)].click()
    pad._enter.click()


def test_a_still_press_held_in_the_corner_opens_the_pin_pad(screen, installer, qtbot):
    with qtbot.waitSignal(installer.opened, timeout=3000):
        press(screen, QPoint(20, 20))
    assert installer.pad.isVisible()
    release(screen, QPoint(20, 20))


def test_a_short_tap_in_the_corner_never_opens_it(screen, installer, qtbot):
    with qtbot.assertNotEmitted(installer.opened, wait=round(HOLD * 2000)):
        for _ in range(5):
            press(screen, QPoint(20, 20))
            release(screen, QPoint(20, 20))
    assert not installer.pad.isVisible()


def test_a_long_press_anywhere_else_never_opens_it(screen, installer, qtbot):
    with qtbot.assertNotEmitted(installer.opened, wait=round(HOLD * 2000)):
        press(screen, QPoint(400, 400))
    release(screen, QPoint(400, 400))
    with qtbot.assertNotEmitted(installer.opened, wait=round(HOLD * 2000)):
        press(screen, QPoint(100, 20))  # just outside the 80-pixel corner
    release(screen, QPoint(100, 20))


def test_a_moving_finger_cancels_the_hold(screen, installer, qtbot):
    with qtbot.assertNotEmitted(installer.opened, wait=round(HOLD * 2000)):
        press(screen, QPoint(20, 20))
        QTest.mouseMove(screen, QPoint(60, 60))
    release(screen, QPoint(60, 60))


def test_the_release_after_the_hold_clicks_nothing_beneath(screen, installer, qtbot):
    button = QPushButton("Back", screen)
    button.setGeometry(0, 0, 80, 80)
    button.show()
    clicked = []
    button.clicked.connect(lambda: clicked.append(True))
    with qtbot.waitSignal(installer.opened, timeout=3000):
        press(button, QPoint(20, 20))
    release(button, QPoint(20, 20))
    assert clicked == []
    assert not button.isDown()


def test_the_right_pin_authorises_the_exit(screen, installer, qtbot, caplog):
    caplog.set_level(logging.INFO)
    installer.open_pad()
    with qtbot.waitSignal(installer.exit_authorised, timeout=1000):
        type_pin(installer, PIN)
    assert not installer.pad.isVisible()
    assert "installer exit opened" in caplog.text
    assert "installer exit authorised" in caplog.text
    assert PIN not in caplog.text


def test_three_wrong_pins_lock_the_pad_then_it_unlocks(screen, installer, qtbot, caplog):
    caplog.set_level(logging.INFO)
    installer.open_pad()
    refused: list[int] = []
    installer.refused.connect(refused.append)
    with qtbot.waitSignal(installer.locked_out, timeout=1000):
        for wrong in ("1111", "2222", "3333"):
            type_pin(installer, wrong)
    assert refused == [2, 1, 0]
    assert installer.pad.locked
    assert not installer.pad._digits[1].isEnabled()
    # While locked, even the right PIN does nothing.
    with qtbot.assertNotEmitted(installer.exit_authorised):
        installer._on_pin_entered(PIN)
    qtbot.waitUntil(lambda: not installer.is_locked, timeout=3000)
    assert not installer.pad.locked
    with qtbot.waitSignal(installer.exit_authorised, timeout=1000):
        type_pin(installer, PIN)
    assert "refused" in caplog.text
    for pin in ("1111", "2222", "3333", PIN):
        assert pin not in caplog.text


def test_wrong_tries_are_not_forgotten_by_cancelling(screen, installer, qtbot):
    installer.open_pad()
    type_pin(installer, "1111")
    type_pin(installer, "2222")
    installer.pad._cancel.click()
    assert not installer.pad.isVisible()
    installer.open_pad()
    with qtbot.waitSignal(installer.locked_out, timeout=1000):
        type_pin(installer, "3333")


def test_an_unused_pad_goes_back_to_the_customer_screen(screen, installer, qtbot):
    installer.open_pad()
    with qtbot.waitSignal(installer.closed, timeout=3000):
        pass
    assert not installer.pad.isVisible()


def test_cancel_goes_back(screen, installer, qtbot):
    installer.open_pad()
    with qtbot.waitSignal(installer.closed, timeout=1000):
        installer.pad._cancel.click()
    assert not installer.pad.isVisible()


def test_a_lock_out_survives_a_restart_and_says_how_long(screen, qapp, qtbot, tmp_path):
    """A new installer exit (the kiosk restarted) over the same lock-out file is still
    locked, and the pad says in plain words how long to wait."""
    lockout = tmp_path / "config" / "installer-pin-lockout.json"
    first = InstallerExit(screen, PinLock(lambda pin: pin == PIN, lockout), hold_seconds=HOLD)
    first.open_pad()
    with qtbot.waitSignal(first.locked_out, timeout=1000):
        for wrong in ("1111", "2222", "3333", "4444", "5555"):
            type_pin(first, wrong)
    assert "1 minute" in first.pad._message.text() or "60 seconds" in first.pad._message.text()
    first.close_pad()
    first.pad.deleteLater()

    again = InstallerExit(screen, PinLock(lambda pin: pin == PIN, lockout), hold_seconds=HOLD)
    assert again.is_locked
    again.open_pad()
    assert again.pad.locked
    assert "Try again in" in again.pad._message.text()
    with qtbot.assertNotEmitted(again.exit_authorised):
        again._on_pin_entered(PIN)
    again.close_pad()


def test_a_long_lock_out_is_told_in_minutes(screen, qtbot):
    pad = InstallerExit(screen, PinLock(lambda pin: pin == PIN, None)).pad
    pad.show_locked(1800)
    assert pad._message.text() == "Too many wrong PINs. Try again in 30 minutes."
    pad.show_locked(45)
    assert pad._message.text() == "Too many wrong PINs. Try again in 45 seconds."
