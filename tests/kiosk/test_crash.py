"""The crash guard: an error in a slot becomes an apology and a restart, never a traceback.

pytest-qt puts its own ``sys.excepthook`` in place around each test phase, to fail a test
whose slot raised. These tests are about our hook, so they carry pytest-qt's
``qt_no_exception_capture`` marker: the guard's hook is then the one PySide6 calls.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from kiosk.crash import CrashGuard

pytestmark = pytest.mark.qt_no_exception_capture

SECRET = "Ada Lovelace, 12 High Street"


@pytest.fixture
def window(qtbot) -> QWidget:
    window = QWidget()
    window.resize(1024, 768)
    window.button = QPushButton("Continue", window)  # type: ignore[attr-defined]
    window.button.setGeometry(100, 100, 200, 80)  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def guard(window) -> Iterator[CrashGuard]:
    crash_guard = CrashGuard(window, screen_seconds=0.2, loop_count=3, loop_seconds=60)
    crash_guard.install()
    yield crash_guard
    crash_guard.uninstall()


def _raise_with_customer_data() -> None:
    raise ValueError(SECRET)


def _words_on_screen(window: QWidget) -> str:
    texts = [label.text() for label in window.findChildren(QLabel)]
    texts += [button.text() for button in window.findChildren(QAbstractButton)]
    return "\n".join(texts)


def test_an_error_in_a_slot_shows_the_apology_then_asks_for_a_restart(window, guard, qtbot, caplog):
    caplog.set_level(logging.INFO)
    window.button.clicked.connect(_raise_with_customer_data)
    with qtbot.waitSignal(guard.screen.presented, timeout=2000):
        QTest.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert guard.screen.isVisible()
    words = _words_on_screen(window)
    assert "Sorry" in words
    assert "Traceback" not in words
    assert SECRET not in words
    with qtbot.waitSignal(guard.restart_requested, timeout=2000):
        pass
    assert not guard.screen.isVisible()
    assert "ValueError" in caplog.text
    assert "_raise_with_customer_data" in caplog.text
    assert SECRET not in caplog.text


def test_an_error_in_a_worker_thread_is_handled_on_the_ui_thread(window, guard, qtbot):
    worker = threading.Thread(target=_raise_with_customer_data)
    with qtbot.waitSignal(guard.restart_requested, timeout=3000):
        worker.start()
        worker.join()
    assert SECRET not in _words_on_screen(window)


def test_errors_in_quick_succession_report_a_crash_loop(window, guard, qtbot):
    # Slots that fail on their own (timers): the apology's screen, modal as it is, does not
    # stop them, and three in a row are a crash loop.
    with qtbot.waitSignal(guard.crash_loop, timeout=2000):
        for _ in range(3):
            QTimer.singleShot(0, _raise_with_customer_data)


def test_the_apology_is_modal_to_touch_and_to_a_screen_reader(window, guard, qtbot):
    window.button.clicked.connect(_raise_with_customer_data)
    with qtbot.waitSignal(guard.screen.presented, timeout=2000):
        QTest.mouseClick(window.button, Qt.MouseButton.LeftButton)
    # What the apology covers is switched off until it goes, then back as it was.
    assert not window.button.isEnabled()
    with qtbot.waitSignal(guard.restart_requested, timeout=2000):
        pass
    assert window.button.isEnabled()


def test_uninstall_gives_the_hooks_back(window):
    before, before_thread = sys.excepthook, threading.excepthook
    crash_guard = CrashGuard(window)
    crash_guard.install()
    assert sys.excepthook != before
    crash_guard.uninstall()
    assert sys.excepthook == before
    assert threading.excepthook == before_thread
