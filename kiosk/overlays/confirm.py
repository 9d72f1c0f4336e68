"""Start again, asked first: "Clear your answers and start again?" with Yes and No.

Start again from a half-answered journey would lose what the customer typed with one
touch, often a touch meant for something else. When there are answers, the kiosk asks
with this overlay first; without any, it starts again at once. No is the first control
(the safe one, in the go colour) and the one that takes the focus; the two wrap onto two
rows when their words are too long for one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from shared.flow.kiosk_screen import ConfirmState
from shared.ui.overlay import Overlay
from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout


class StartAgainConfirm(Overlay):
    """Asks before the customer's answers are cleared."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("startAgainConfirm")
        self.card.setProperty("overlayKind", "confirm")
        self.title = label("", "title")
        self.body = label("", "body")
        # Keeping the answers is the way on (the go colour); clearing them is not.
        self.keep_button = button("", "primary")
        self.keep_button.setObjectName("startAgainNo")
        self.clear_button = button("", "secondary")
        self.clear_button.setObjectName("startAgainYes")
        buttons = QWidget(self.card)
        row = WrapLayout(buttons, spacing=16)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.keep_button)
        row.addWidget(self.clear_button)
        self.card_layout.addWidget(self.title)
        self.card_layout.addWidget(self.body)
        self.card_layout.addWidget(buttons)
        self.set_initial_focus(self.keep_button)
        self._connect_signals()
        self._finish()

    def _connect_signals(self) -> None:
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)

    def screen_state(self) -> ConfirmState:
        """The question as the desk's mirror draws it (``shared.ui.pages.confirm``)."""
        return ConfirmState(
            title=self.title.text(),
            body=self.body.text() or None,
            yes=self.clear_button.text(),
            no=self.keep_button.text(),
        )

    def prompt_text(self) -> str:
        """What to say aloud when it appears."""
        return f"{self.title.text()} {self.body.text()}"

    def retranslate(self) -> None:
        self.title.setText(self.tr("Start again?"))
        self.body.setText(self.tr("Your answers will be cleared. This cannot be undone."))
        for widget, words in (
            (self.keep_button, self.tr("No, keep my answers")),
            (self.clear_button, self.tr("Yes, clear them")),
        ):
            widget.setText(words)
            widget.setAccessibleName(words)
        self.card.setAccessibleName(self.title.text())

    def _on_keep_clicked(self) -> None:
        self.dismiss()
        self.cancelled.emit()

    def _on_clear_clicked(self) -> None:
        self.dismiss()
        self.confirmed.emit()
