"""A question over the page ("Start again?") with its two answers, as the desk's mirror
draws a confirmation the kiosk asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QWidget

from shared.ui.overlay import Overlay
from shared.ui.widgets import button, label

if TYPE_CHECKING:
    from shared.flow.kiosk_screen import ConfirmState


class ConfirmCard(Overlay):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.card.setProperty("overlayKind", "confirm")
        self.title = label("", "title")
        self.body = label("", "body")
        self.yes = button("", "primary")
        self.no = button("", "secondary")
        self.card_layout.addWidget(self.title)
        self.card_layout.addWidget(self.body)
        row = QHBoxLayout()
        row.addWidget(self.no)
        row.addStretch(1)
        row.addWidget(self.yes)
        self.card_layout.addLayout(row)
        self._finish()

    def screen_state(self) -> ConfirmState:
        from shared.flow.kiosk_screen import ConfirmState

        return ConfirmState(
            title=self.title.text(),
            body=self.body.text() or None,
            yes=self.yes.text(),
            no=self.no.text(),
        )

    def show_screen(self, state: ConfirmState) -> None:
        """Draw the question as the kiosk reported it, without taking the focus."""
        self.title.setText(state.title)
        self.body.setText(state.body or "")
        self.body.setVisible(state.body is not None)
        self.yes.setText(state.yes)
        self.no.setText(state.no)
        self.show_still()
