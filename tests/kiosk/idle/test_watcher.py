"""The idle watcher: a warning after a quiet spell, a tap extends, zero wipes."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.idle import IdleWatcher

IDLE = 0.3
WARNING = 0.5


@pytest.fixture
def window(qtbot) -> QWidget:
    window = QWidget()
    window.resize(1024, 768)
    QVBoxLayout(window).addWidget(QLineEdit(window))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def watcher(window, qapp) -> Iterator[IdleWatcher]:
    idle = IdleWatcher(window, idle_seconds=IDLE, warning_seconds=WARNING)
    idle.install(qapp)
    yield idle
    idle.uninstall()


def tap(window):
    QTest.mouseClick(
        window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(500, 700)
    )


def test_disarmed_it_never_warns(watcher, qtbot):
    with qtbot.assertNotEmitted(watcher.warning_started, wait=round(IDLE * 2000)):
        pass


def test_armed_and_idle_it_warns_then_times_out(watcher, qtbot, caplog):
    caplog.set_level(logging.INFO)
    watcher.arm("pothole/where")
    with qtbot.waitSignal(watcher.warning_started, timeout=3000) as started:
        pass
    assert started.args == [1]
    assert watcher.warning.isVisible()
    assert watcher.prompt_text()
    with qtbot.waitSignal(watcher.timed_out, timeout=3000) as timed_out:
        pass
    assert timed_out.args == ["pothole/where"]
    assert not watcher.warning.isVisible()
    assert not watcher.armed
    assert watcher.wipe_count == 1
    assert watcher.wipes_by_screen["pothole/where"] == 1
    assert "privacy wipe: idle on screen pothole/where" in caplog.text


def test_any_tap_during_the_warning_extends(watcher, window, qtbot):
    watcher.arm("bins/address")
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass
    with qtbot.waitSignal(watcher.extended, timeout=1000):
        tap(window)
    assert not watcher.warning.isVisible()
    # A full quiet spell starts again: the warning comes back, and it has not timed out.
    with (
        qtbot.assertNotEmitted(watcher.timed_out),
        qtbot.waitSignal(watcher.warning_started, timeout=3000),
    ):
        pass


def test_the_more_time_button_extends(watcher, qtbot):
    watcher.arm("bins/address")
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass
    with qtbot.waitSignal(watcher.extended, timeout=1000):
        watcher.warning._more_time.click()
    assert not watcher.warning.isVisible()


def test_input_keeps_it_from_warning(watcher, window, qtbot):
    edit = window.findChild(QLineEdit)
    typing = QTimer(window)
    typing.setInterval(round(IDLE * 400))
    typing.timeout.connect(lambda: QTest.keyClick(edit, Qt.Key.Key_A))
    watcher.arm("bins/address")
    typing.start()
    with qtbot.assertNotEmitted(watcher.warning_started, wait=round(IDLE * 4000)):
        pass
    typing.stop()
    assert edit.text().startswith("aaa")


def test_held_it_never_warns_and_released_it_starts_again(watcher, qtbot):
    watcher.arm("pothole/where")
    watcher.hold("help")
    with qtbot.assertNotEmitted(watcher.warning_started, wait=round(IDLE * 2500)):
        pass
    watcher.release("help")
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass


def test_holding_hides_a_warning_already_shown(watcher, qtbot):
    watcher.arm("pothole/where")
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass
    watcher.hold("help")
    assert not watcher.warning.isVisible()
    with qtbot.assertNotEmitted(watcher.timed_out, wait=round(WARNING * 2000)):
        pass


def test_disarming_hides_the_warning(watcher, qtbot):
    watcher.arm("pothole/where")
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass
    watcher.disarm()
    assert not watcher.warning.isVisible()
    with qtbot.assertNotEmitted(watcher.timed_out, wait=round(WARNING * 2000)):
        pass


def test_the_countdown_shows_at_least_twenty_seconds_from_settings(window):
    from kiosk.settings import KioskSettings

    settings = KioskSettings(config_dir=Path(), data_dir=Path())
    watcher = IdleWatcher.from_settings(window, settings)
    assert watcher._warning_ms >= 20_000
    watcher.warning.set_seconds_left(30)
    assert "30" in watcher.warning._countdown.text()
    assert "30" in watcher.prompt_text()
