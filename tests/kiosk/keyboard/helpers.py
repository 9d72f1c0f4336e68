"""The keyboard tests' window, built like the kiosk's (a scrolling page of labelled fields,
the keyboard docked below it), and ways to touch keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.keyboard import KeyboardHost, KeyButton, KeyKind, OnScreenKeyboard
from shared.ui import theme

# (label, the editor's "keyboard" property or None); the last field is multi-line.
FIELDS = (
    ("First name", "text"),
    ("Last name", None),
    ("Email address", "email"),
    ("Phone number", "phone"),
    ("House number", "number"),
    ("Street", "text"),
    ("Town", "text"),
    ("Postcode", "postcode"),
    ("Confirm email address", "email"),
    ("Mobile number", "phone"),
    ("Reference", "text"),
    ("What happened?", "text"),
)


def apply_stylesheet(app: QApplication, *, high_contrast: bool = False) -> None:
    app.setStyleSheet(
        theme.stylesheet(
            ["screen.qss", "keyboard.qss"],
            theme.palette(high_contrast=high_contrast),
            theme.sizes(large_text=False, dpi=96, viewing_distance_mm=500),
        )
    )


class KioskLikeWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("screenRoot")
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("screenScroll")
        self.scroll_area.setWidgetResizable(True)
        page = QWidget()
        page.setObjectName("screenBody")
        column = QVBoxLayout(page)
        self.fields: list[QLineEdit | QPlainTextEdit] = []
        for index, (label_text, keyboard) in enumerate(FIELDS):
            label = QLabel(label_text)
            label.setProperty("textRole", "label")
            editor: QLineEdit | QPlainTextEdit
            if index == len(FIELDS) - 1:
                editor = QPlainTextEdit()
                editor.setMinimumHeight(140)
            else:
                editor = QLineEdit()
                label.setBuddy(editor)
            if keyboard is not None:
                editor.setProperty("keyboard", keyboard)
            editor.setAccessibleName(label_text)
            column.addWidget(label)
            column.addWidget(editor)
            self.fields.append(editor)
        self.continue_button = QPushButton("Continue")
        self.continue_button.setProperty("role", "primary")
        column.addWidget(self.continue_button)
        self.scroll_area.setWidget(page)

        self.keyboard = OnScreenKeyboard()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.keyboard)
        self.host = KeyboardHost(self.keyboard, self.scroll_area)

    def field(self, label: str) -> QLineEdit | QPlainTextEdit:
        return self.fields[[text for text, _ in FIELDS].index(label)]


def focus(qtbot: QtBot, window: KioskLikeWindow, editor: QWidget) -> None:
    """Focus a field the way a touch does, and wait until it is shown above the keyboard."""
    with qtbot.waitSignal(window.host.field_revealed, timeout=3000):
        editor.setFocus(Qt.FocusReason.MouseFocusReason)
    assert QApplication.focusWidget() is editor
    settle(window)


def settle(window: KioskLikeWindow) -> None:
    """Let Qt finish laying out and the host finish reacting, so an assertion reads the
    geometry the customer sees and not a moment before the layout caught up."""
    for _ in range(10):
        before = _geometry(window)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()
        if _geometry(window) == before:
            return
    raise AssertionError("the window's layout never settled")


def _geometry(window: KioskLikeWindow) -> tuple[object, ...]:
    return (
        global_rect(window.keyboard),
        global_rect(window.scroll_area.viewport()),
        window.scroll_area.verticalScrollBar().value(),
        window.keyboard.isVisible(),
    )


def key(keyboard: OnScreenKeyboard, kind: KeyKind, text: str = "") -> KeyButton:
    button = keyboard.key_button(kind, text)
    assert button is not None, f"no {kind} key {text!r} is shown"
    return button


def press(qtbot: QtBot, keyboard: OnScreenKeyboard, kind: KeyKind, text: str = "") -> None:
    """Touch one key, as a finger would (press and release on it)."""
    qtbot.mouseClick(key(keyboard, kind, text), Qt.MouseButton.LeftButton)


def type_on(qtbot: QtBot, keyboard: OnScreenKeyboard, text: str) -> None:
    """Touch the key for each character of ``text`` (letters in either case)."""
    for char in text:
        if char == " ":
            press(qtbot, keyboard, KeyKind.SPACE)
        else:
            press(qtbot, keyboard, KeyKind.CHARACTER, char)


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
