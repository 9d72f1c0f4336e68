"""I have an appointment: the customer types their appointment's reference (or scans the QR
code on their confirmation) and is checked in ("Thank you. Please take a seat; we will call
you."), or told plainly what is wrong.

Every word is the flow's, in the customer's language (:func:`shared.flow.texts.ui_text`);
the kiosk asks the backend, this page only draws.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from shared.flow.kiosk_screen import ArriveScreen, EntryResult
from shared.flow.texts import ui_text
from shared.ui.pages.entry import EntryPage, EntryWords


class ArriveView(EntryPage):
    STATE = ArriveScreen

    def __init__(self, parent: QWidget | None = None) -> None:
        self._arrived = False
        super().__init__("arrive", "postcode", parent)
        self.reference_edit = self.edit
        self.check_in_button = self.action_button
        self.reset()

    def show_arrived(self) -> None:
        self._arrived = True
        self._answered()

    def show_reference(self, text: str) -> None:
        """Put ``text`` (a reference read from a scan) in the box, as if typed."""
        self.edit.setText(text)

    def _forget(self) -> None:
        self._arrived = False

    def _words(self, language: str) -> EntryWords:
        return EntryWords(
            title=ui_text("arrive.title", language),
            label=ui_text("arrive.reference", language),
            hint=ui_text("arrive.hint", language),
            action=ui_text("arrive.check_in", language),
            done=ui_text("speak.done", language),
        )

    def _answer(self, language: str) -> EntryResult | None:
        return EntryResult(headline=ui_text("arrive.thanks", language)) if self._arrived else None
