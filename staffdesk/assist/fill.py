"""Type for the customer, in the mirror's tools: the greeter taps a box on the customer's
screen, asks ("May I type this for you?" on the kiosk), and once the customer has allowed
it, types here and presses Put it in. The value appears in the box on the kiosk, marked.

Only boxes typed as words can be filled (:data:`~shared.live.messages.FILLABLE_KINDS`).
The customer's consent lasts until the help ends; the hub refuses a value without it.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from shared.flow.screen_state import ScreenState
from shared.live.messages import FILLABLE_KINDS
from shared.ui.widgets import button, label
from staffdesk.flash import set_property

FILL_MAX_CHARS = 400


class Consent(StrEnum):
    NOT_ASKED = "not_asked"
    ASKED = "asked"
    ALLOWED = "allowed"
    REFUSED = "refused"


_STATUS = {
    Consent.NOT_ASKED: "Tap a box on the customer's screen, then ask if you may type in it.",
    Consent.ASKED: "Asked on the kiosk. Waiting for the customer to answer…",
    Consent.ALLOWED: "The customer allowed you to type for them. They see what you put in.",
    Consent.REFUSED: "The customer said no thanks. You can still point and send tips.",
}


class FillPanel(QFrame):
    ask_requested = Signal(str)  # a field id
    fill_requested = Signal(str, str)  # a field id, the value typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fillPanel")
        self.consent = Consent.NOT_ASKED
        self.field_id: str | None = None
        self.field_label = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(label("Type for the customer", "sectionTitle"))
        self.status = label("", "hint")
        self.status.setObjectName("fillStatus")
        column.addWidget(self.status)
        self.ask_button = button("Ask to type in this box", "secondary")
        self.ask_button.setObjectName("fillAsk")
        column.addWidget(self.ask_button)
        row = QHBoxLayout()
        self.value = QLineEdit()
        self.value.setObjectName("fillText")
        self.value.setAccessibleName("What to type for the customer")
        self.value.setMaxLength(FILL_MAX_CHARS)
        self.put_button = button("Put it in", "primary", "Put it in the customer's box")
        self.put_button.setObjectName("fillSend")
        row.addWidget(self.value, 1)
        row.addWidget(self.put_button)
        column.addLayout(row)
        self.ask_button.clicked.connect(self._on_ask_clicked)
        self.put_button.clicked.connect(self._on_put_clicked)
        self.value.returnPressed.connect(self._on_put_clicked)
        self.reset()

    def reset(self) -> None:
        """A new claim: nothing chosen, nothing asked."""
        self.field_id = None
        self.field_label = ""
        self.value.clear()
        self.show_consent(Consent.NOT_ASKED)

    def choose(self, state: ScreenState | None, field_id: str) -> None:
        """The greeter tapped ``field_id`` on the mirror: the box to ask about or type in."""
        found = next((f for f in state.fields if f.id == field_id), None) if state else None
        if found is None or found.kind not in FILLABLE_KINDS:
            self.field_id = None
            self.field_label = ""
            self.status.setText("That box is not one you can type in for them: point instead.")
        else:
            self.field_id = found.id
            self.field_label = found.label
            self.value.clear()
            self.show_consent(self.consent)
        self._refresh_controls()

    def show_consent(self, consent: Consent) -> None:
        self.consent = consent
        words = _STATUS[consent]
        if self.field_id is not None:
            words = f"Box: “{self.field_label}”. {words}"
        self.status.setText(words)
        set_property(self.status, "tone", "ok" if consent is Consent.ALLOWED else "")
        self._refresh_controls()

    def _refresh_controls(self) -> None:
        chosen = self.field_id is not None
        allowed = self.consent is Consent.ALLOWED
        self.ask_button.setEnabled(chosen and not allowed)
        self.value.setEnabled(chosen and allowed)
        self.put_button.setEnabled(chosen and allowed)

    def _on_ask_clicked(self) -> None:
        if self.field_id is not None:
            self.ask_requested.emit(self.field_id)

    def _on_put_clicked(self) -> None:
        if self.field_id is not None and self.consent is Consent.ALLOWED:
            self.fill_requested.emit(self.field_id, self.value.text().strip())
