"""Speak to someone: the customer asks to be seen by an advisor and gets a ticket number.

An optional mobile number (typed on the on-screen keyboard) lets the council text them when
they are called; it is theirs, so the desk's mirror shows only that something is typed. The
number comes back large ("Your number is W014") with how many are waiting before them.
Every word is the flow's, in the customer's language (:func:`shared.flow.texts.ui_text`);
the kiosk asks the backend, this page only draws.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from shared.flow.kiosk_screen import EntryResult, SpeakScreen
from shared.flow.texts import ui_text
from shared.ui.pages.entry import EntryPage, EntryWords


class SpeakView(EntryPage):
    STATE = SpeakScreen
    SENSITIVE = True

    def __init__(self, parent: QWidget | None = None) -> None:
        # The ticket shown, to word again in another language: (ticket, ahead, texted).
        self._ticket: tuple[str, int, bool] | None = None
        super().__init__("speak", "phone", parent)
        self.phone_edit = self.edit
        self.get_button = self.action_button
        self.reset()

    def show_ticket(self, ticket: str, ahead: int, *, texted: bool) -> None:
        self._ticket = (ticket, ahead, texted)
        self._answered()

    def _forget(self) -> None:
        self._ticket = None

    def _words(self, language: str) -> EntryWords:
        return EntryWords(
            title=ui_text("speak.title", language),
            label=ui_text("speak.phone", language),
            hint=ui_text("speak.phone_hint", language),
            body=ui_text("speak.body", language),
            action=ui_text("speak.get", language),
            done=ui_text("speak.done", language),
        )

    def _answer(self, language: str) -> EntryResult | None:
        if self._ticket is None:
            return None
        number, ahead, texted = self._ticket
        waiting = (
            ui_text("speak.ahead", language, count=ahead)
            if ahead
            else ui_text("speak.next", language)
        )
        return EntryResult(
            headline=ui_text("speak.number", language, ticket=number),
            lines=(waiting, *([ui_text("speak.texted", language)] if texted else [])),
        )
