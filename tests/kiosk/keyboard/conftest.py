"""Fixtures for the keyboard tests: the app's stylesheet (so keys have their real sizes)
and a kiosk-like window, shown and active."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.kiosk.keyboard.helpers import KioskLikeWindow, apply_stylesheet


@pytest.fixture(autouse=True)
def styled(qapp: QApplication) -> Iterator[QApplication]:
    apply_stylesheet(qapp)
    yield qapp
    qapp.setStyleSheet("")


@pytest.fixture
def make_window(qtbot: QtBot) -> Callable[..., KioskLikeWindow]:
    def make(width: int = 1280, height: int = 800) -> KioskLikeWindow:
        window = KioskLikeWindow()
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def window(make_window: Callable[..., KioskLikeWindow]) -> KioskLikeWindow:
    return make_window()
