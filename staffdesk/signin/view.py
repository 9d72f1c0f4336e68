"""The sign-in screen in two steps: username and password, then (for staff at several
locations) one large button per location.

Each step shows only its own controls and clears what the last one said, so a stale error
never sits over the location buttons. The card scrolls rather than squeezes when a long list
of locations does not fit: no control is ever drawn over another or cut off.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import button, label

# Fits the narrowest window the desk is used in (800 wide, portrait) with room to spare.
CARD_WIDTH = 560


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
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("signInScroll")
        make_touch_scrollable(self.scroll_area)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.addWidget(self.scroll_area)
        body = QWidget()
        body.setObjectName("signInBody")
        outer = QVBoxLayout(body)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        # Centred by stretches, not by alignment: an aligned widget is asked how tall its
        # wrapped words are at the whole row's width, not its own, and comes up short.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._build_card())
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.scroll_area.setWidget(body)
        self._show_form_step()

    def _build_card(self) -> QWidget:
        self.card = QWidget()
        self.card.setObjectName("signInCard")
        # One width at every size: a card free to pick its width measures its wrapped
        # words at one width and is laid out at another, and then squeezes its buttons.
        self.card.setFixedWidth(CARD_WIDTH)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(40, 32, 40, 32)
        card.setSpacing(16)
        title = label("First Stop help desk", "deskTitle")
        card.addWidget(title)
        self.hint = label("", "hint")
        self.hint.setObjectName("signInHint")
        card.addWidget(self.hint)
        card.addWidget(self._build_form())
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
        self.locations = QWidget()
        self.locations.setObjectName("locationChoice")
        self._locations_layout = QVBoxLayout(self.locations)
        self._locations_layout.setContentsMargins(0, 0, 0, 0)
        self._locations_layout.setSpacing(12)
        self.locations.hide()
        card.addWidget(self.locations)
        # Cancel is the step's way back, kept apart from the answers above it.
        card.addSpacing(16)
        self.cancel_button = button("Cancel", "secondary", "Cancel signing in")
        self.cancel_button.setObjectName("cancelSignIn")
        self.cancel_button.hide()
        card.addWidget(self.cancel_button)
        return self.card

    def _build_form(self) -> QWidget:
        """The first step's username and password."""
        self.form = QWidget()
        self.form.setObjectName("signInForm")
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(16)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setAccessibleName("Username")
        self.username.setPlaceholderText("Username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setAccessibleName("Password")
        self.password.setPlaceholderText("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addWidget(label("Username", "label"))
        form.addWidget(self.username)
        form.addWidget(label("Password", "label"))
        form.addWidget(self.password)
        return self.form

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
        self._show_form_step()
        self._set_form_enabled(True)
        self.show_message(message)
        self.primary_widget().setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_busy(self, text: str) -> None:
        self.show_message("")
        self.busy.setText(text)
        self.busy.show()
        self.cancel_button.show()
        self._set_form_enabled(False)
        self.primary_widget().setFocus()

    def ask_location(self, choices: Sequence[tuple[str, str]]) -> None:
        """The second step: one large button per location (code, name). The username and
        password are done with: they give their place to the choice, and whatever the first
        step said goes with them."""
        self.show_message("")
        self.busy.hide()
        self._clear_locations()
        self.form.hide()
        self.sign_in_button.hide()
        self.hint.setText("You are signed in. Which location are you at?")
        for code, name in choices:
            choice = button(name, "secondary")
            choice.setObjectName(f"location-{code}")
            choice.clicked.connect(lambda _=False, c=code: self.location_chosen.emit(c))
            self._locations_layout.addWidget(choice)
        self.locations.show()
        self.cancel_button.show()
        self.primary_widget().setFocus()

    def primary_widget(self) -> QWidget:
        """Where focus goes when the screen is shown: the step's first control."""
        if self.locations.isVisibleTo(self):
            item = self._locations_layout.itemAt(0)
            first = item.widget() if item is not None else None
            if first is not None:
                return first
        if self.cancel_button.isVisibleTo(self) and not self.username.isEnabled():
            return self.cancel_button
        return self.password if self.username.text() else self.username

    def fill(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)

    # Internals --------------------------------------------------------------------------

    def _show_form_step(self) -> None:
        self.hint.setText("Sign in with your staff account.")
        self.form.show()

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
