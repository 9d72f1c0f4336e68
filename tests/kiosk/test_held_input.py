"""Touches and keys that come while the kiosk finishes starting: held, then handed over in
order to what they were for (kiosk/held_input.py)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.held_input import HeldInput


def _screen(qtbot: QtBot) -> tuple[QWidget, QPushButton, QLineEdit]:
    window = QWidget()
    layout = QVBoxLayout(window)
    button = QPushButton("Start")
    field = QLineEdit()
    layout.addWidget(button)
    layout.addWidget(field)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, button, field


def test_a_tap_and_keys_before_the_release_are_handed_over_in_order(qtbot: QtBot) -> None:
    window, button, field = _screen(qtbot)
    clicks: list[str] = []
    button.clicked.connect(lambda: clicks.append(field.text()))
    held = HeldInput()
    held.install(QApplication.instance())
    handle = window.windowHandle()
    # Through the window, as the window system's events come: the button first, then keys.
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=button.geometry().center())
    field.setFocus()
    QTest.keyClicks(field, "ab")
    assert clicks == []
    assert field.text() == ""
    assert held.held >= 6  # press and release, and each key's press and release
    held.release()
    qtbot.waitUntil(lambda: field.text() == "ab")
    # The tap came before the keys, and was handled before them.
    assert clicks == [""]
    # Once released, input goes straight through.
    QTest.keyClicks(field, "c")
    assert field.text() == "abc"
    assert held.held == 0


def test_input_for_a_widget_gone_meanwhile_is_dropped(qtbot: QtBot) -> None:
    window, button, _field = _screen(qtbot)
    other = QPushButton("Gone", window)
    other.show()
    clicks: list[str] = []
    button.clicked.connect(lambda: clicks.append("start"))
    held = HeldInput()
    held.install(QApplication.instance())
    QTest.mouseClick(other, Qt.MouseButton.LeftButton)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    with qtbot.waitSignal(other.destroyed):
        other.deleteLater()
    assert clicks == []
    held.release()
    qtbot.waitUntil(lambda: clicks == ["start"])
