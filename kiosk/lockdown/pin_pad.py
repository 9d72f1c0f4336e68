"""The installer's PIN pad: big digit keys, a masked entry, Delete, Enter and Cancel.

A view only: it says what was tapped (``pin_entered``, ``cancelled``, ``key_tapped``) and
shows what it is told (:meth:`PinPad.show_refused`, :meth:`PinPad.show_locked`).
:class:`kiosk.lockdown.installer_exit.InstallerExit` decides. The PIN itself never leaves
the pad except through ``pin_entered``, and the entry is cleared as soon as it is sent.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from shared.ui.overlay import Overlay

MAX_DIGITS = 8


class PinPad(Overlay):
    """Asks for the installer PIN."""

    pin_entered = Signal(str)
    cancelled = Signal()
    key_tapped = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.card.setProperty("overlayKind", "pinPad")

        self._title = QLabel(self.card)
        self._title.setProperty("textRole", "title")
        self._title.setWordWrap(True)
        self._hint = QLabel(self.card)
        self._hint.setProperty("textRole", "hint")
        self._hint.setWordWrap(True)

        self._entry = QLineEdit(self.card)
        self._entry.setObjectName("pinEntry")
        self._entry.setEchoMode(QLineEdit.EchoMode.Password)
        self._entry.setMaxLength(MAX_DIGITS)
        self._entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._entry.setValidator(
            QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{MAX_DIGITS}}}"), self)
        )
        self._entry.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self._entry.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

        self._message = QLabel(self.card)
        self._message.setProperty("textRole", "error")
        self._message.setWordWrap(True)
        self._message.hide()

        self._keys = self._build_keys()

        self._cancel = QPushButton(self.card)
        self._cancel.setProperty("role", "link")
        self._cancel.setAutoDefault(False)

        for widget in (self._title, self._hint, self._entry, self._message, self._keys):
            self.card_layout.addWidget(widget)
        self.card_layout.addWidget(self._cancel, 0, Qt.AlignmentFlag.AlignHCenter)

        self._locked = False
        self.set_initial_focus(self._entry)
        self._connect_signals()
        self._finish()

    def _build_keys(self) -> QWidget:
        # A keypad reads 1-2-3 from the left in every language, so it does not mirror.
        keys = QWidget(self.card)
        keys.setObjectName("pinKeys")
        keys.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        grid = QGridLayout(keys)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self._digits: list[QPushButton] = []
        for digit in range(10):
            button = QPushButton(str(digit), keys)
            button.setProperty("role", "secondary")
            button.setProperty("digit", str(digit))
            button.setAccessibleName(str(digit))
            button.setAutoDefault(False)
            self._digits.append(button)
            row, column = (3, 1) if digit == 0 else divmod(digit - 1, 3)
            grid.addWidget(button, row, column)
        self._delete = QPushButton(keys)
        self._delete.setProperty("role", "secondary")
        self._delete.setAutoDefault(False)
        self._enter = QPushButton(keys)
        self._enter.setProperty("role", "primary")
        self._enter.setAutoDefault(False)
        grid.addWidget(self._delete, 3, 0)
        grid.addWidget(self._enter, 3, 2)

        return keys

    def _connect_signals(self) -> None:
        for button in self._digits:
            button.clicked.connect(self._on_digit_clicked)
        self._delete.clicked.connect(self._on_delete_clicked)
        self._enter.clicked.connect(self._on_enter_clicked)
        self._cancel.clicked.connect(self._on_cancel_clicked)
        self._entry.returnPressed.connect(self._on_enter_clicked)
        self._entry.textEdited.connect(self._on_text_edited)

    # What the installer exit tells it ----------------------------------------------------

    def clear(self) -> None:
        """Forget the digits typed so far and any message."""
        self._entry.clear()
        self._message.hide()
        self._message.clear()

    def show_refused(self, tries_left: int) -> None:
        self._entry.clear()
        self._message.setText(self.tr("That PIN is not right. %n tries left.", "", tries_left))
        self._message.show()

    def show_locked(self, seconds_left: int) -> None:
        """Keys off, with how long until they work again: in seconds for the last minute
        and a half, in whole minutes (rounded up) before that."""
        self._entry.clear()
        self._set_keys_enabled(enabled=False)
        self._locked = True
        if seconds_left > 90:
            minutes = -(-seconds_left // 60)
            text = self.tr("Too many wrong PINs. Try again in %n minutes.", "", minutes)
        else:
            text = self.tr("Too many wrong PINs. Try again in %n seconds.", "", seconds_left)
        self._message.setText(text)
        self._message.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_unlocked(self) -> None:
        self._locked = False
        self._set_keys_enabled(enabled=True)
        self.clear()
        if self.isVisible():
            self._entry.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def locked(self) -> bool:
        return self._locked

    def retranslate(self) -> None:
        self._title.setText(self.tr("Installer exit"))
        self._hint.setText(self.tr("Enter the installer PIN to close the kiosk."))
        self._entry.setAccessibleName(self.tr("Installer PIN"))
        self._entry.setPlaceholderText(self.tr("PIN"))
        self._delete.setText(self.tr("Delete"))
        self._delete.setAccessibleName(self.tr("Delete the last digit"))
        self._enter.setText(self.tr("Enter"))
        self._enter.setAccessibleName(self.tr("Enter the PIN"))
        self._cancel.setText(self.tr("Cancel"))
        self._cancel.setAccessibleName(self.tr("Cancel and go back"))
        self.card.setAccessibleName(self.tr("Installer exit"))
        self._keys.setAccessibleName(self.tr("PIN keys"))

    # Slots ------------------------------------------------------------------------------

    def _on_digit_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton) and not self._locked:
            self._entry.insert(str(button.property("digit")))
        self.key_tapped.emit()

    def _on_delete_clicked(self) -> None:
        self._entry.backspace()
        self.key_tapped.emit()

    def _on_enter_clicked(self) -> None:
        self.key_tapped.emit()
        pin = self._entry.text()
        if self._locked or not pin:
            return
        self._entry.clear()
        self.pin_entered.emit(pin)

    def _on_cancel_clicked(self) -> None:
        self.clear()
        self.cancelled.emit()

    def _on_text_edited(self, _text: str) -> None:
        self._message.hide()
        self.key_tapped.emit()

    def _set_keys_enabled(self, *, enabled: bool) -> None:
        self._entry.setEnabled(enabled)
        for button in (*self._digits, self._delete, self._enter):
            button.setEnabled(enabled)
