"""The sign-in screen: username, password, and the location when there is a choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from shared.ui.fields import button, label


class SignInView(QWidget):
    # username, password, location (``None``: the settings' or the only one)
    sign_in_requested = Signal(str, str, object)
    location_chosen = Signal(str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPage")
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        self.card = QWidget()
        self.card.setObjectName("signInCard")
        self.card.setMinimumWidth(480)
        self.card.setMaximumWidth(640)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(40, 40, 40, 40)
        card.setSpacing(16)
        title = label("First Stop help desk", "deskTitle")
        card.addWidget(title)
        card.addWidget(label("Sign in with your staff account.", "hint"))
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setAccessibleName("Username")
        self.username.setPlaceholderText("Username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setAccessibleName("Password")
        self.password.setPlaceholderText("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        card.addWidget(label("Username", "label"))
        card.addWidget(self.username)
        card.addWidget(label("Password", "label"))
        card.addWidget(self.password)
        self.message = label("", "error")
        self.message.setObjectName("signInMessage")
        self.message.hide()
        card.addWidget(self.message)
        self.busy = label("", "note")
        self.busy.setObjectName("signInBusy")
        self.busy.hide()
        card.addWidget(self.busy)
        self.sign_in_button = button("Sign in", "primary")
        self.sign_in_button.setObjectName("signIn")
        card.addWidget(self.sign_in_button)
        self.cancel_button = button("Cancel", "secondary", "Cancel signing in")
        self.cancel_button.setObjectName("cancelSignIn")
        self.cancel_button.hide()
        card.addWidget(self.cancel_button)
        self.locations = QWidget()
        self.locations.setObjectName("locationChoice")
        self._locations_layout = QVBoxLayout(self.locations)
        self._locations_layout.setContentsMargins(0, 0, 0, 0)
        self._locations_layout.setSpacing(12)
        self.locations.hide()
        card.addWidget(self.locations)
        outer.addLayout(_centred(self.card))
        outer.addStretch(2)

    def _connect_signals(self) -> None:
        self.sign_in_button.clicked.connect(self._on_sign_in_clicked)
        self.password.returnPressed.connect(self._on_sign_in_clicked)
        self.cancel_button.clicked.connect(self.cancel_requested)

    # Showing ----------------------------------------------------------------------------

    def reset(self, message: str = "") -> None:
        """The empty form (after signing out, or a sign-in that ended), with ``message``."""
        self.password.clear()
        self._clear_locations()
        self.busy.hide()
        self.cancel_button.hide()
        self._set_form_enabled(True)
        self.show_message(message)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_busy(self, text: str) -> None:
        self.show_message("")
        self.busy.setText(text)
        self.busy.show()
        self.cancel_button.show()
        self._set_form_enabled(False)

    def ask_location(self, choices: Sequence[tuple[str, str]]) -> None:
        """One large button per location (code, name)."""
        self.busy.hide()
        self._clear_locations()
        self._locations_layout.addWidget(label("Which location are you at?", "label"))
        for code, name in choices:
            choice = button(name, "secondary")
            choice.setObjectName(f"location-{code}")
            choice.clicked.connect(lambda _=False, c=code: self.location_chosen.emit(c))
            self._locations_layout.addWidget(choice)
        self.locations.show()
        self.cancel_button.show()

    def fill(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)

    # Internals --------------------------------------------------------------------------

    def _set_form_enabled(self, enabled: bool) -> None:
        for widget in (self.username, self.password, self.sign_in_button):
            widget.setEnabled(enabled)
        self.sign_in_button.setVisible(enabled)

    def _clear_locations(self) -> None:
        while self._locations_layout.count():
            item = self._locations_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.locations.hide()

    def _on_sign_in_clicked(self) -> None:
        username = self.username.text().strip()
        if not username or not self.password.text():
            self.show_message("Type your username and password.")
            return
        self.sign_in_requested.emit(username, self.password.text(), None)


def _centred(widget: QWidget) -> QHBoxLayout:
    """``widget`` between two stretches. Not centred by alignment: an aligned widget is
    measured for the whole width, which cuts a long (wrapped) message short."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row
