"""A shown top-level window with a focused line edit, as the kiosk's screens have."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from kiosk.lockdown import BreakoutFilter


class RecordingEdit(QLineEdit):
    """A line edit that notes every key that reaches it (press or release)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.received: list[int] = []

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() != QEvent.Type.ShortcutOverride:
            self.received.append(event.key())
        return super().event(event)


class Screen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.resize(1280, 800)
        self.edit = RecordingEdit(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addStretch()


@pytest.fixture
def screen(qtbot) -> Screen:
    window = Screen()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.edit.setFocus()
    qtbot.waitUntil(window.edit.hasFocus)
    return window


@pytest.fixture
def breakout(qapp: QApplication) -> Iterator[BreakoutFilter]:
    guard = BreakoutFilter()
    guard.install(qapp)
    yield guard
    guard.release()
    guard.uninstall()
