"""Speak to someone, from the kiosk's side: ask the backend for a ticket for an advisor.

The customer may give a mobile number for a text when they are called; it is checked here
(a UK number, or nothing) and sent once, with the ticket's request, never logged or kept.
A ticket needs a live answer, so nothing is queued in the outbox: when the backend cannot
be reached the page says so and points to the desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from shared.errors import FirstStopError
from shared.flow.checks import uk_phone
from shared.flow.texts import ui_text
from shared.logsafe import describe
from shared.ui.background import Background
from shared.ui.pages.speak import SpeakView

log = logging.getLogger(__name__)


class SpeakToSomeone(QObject):
    def __init__(
        self,
        view: SpeakView,
        background: Background,
        language: Callable[[], str],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(view)
        self._view = view
        self._background = background
        self._language = language
        self._say = say
        # Each request's number: an answer to an earlier one (the customer left) is dropped.
        self._asked = 0
        view.number_requested.connect(self.ask)

    def reset(self) -> None:
        """The customer left: forget what they typed, and any answer still on its way."""
        self._asked += 1
        self._view.reset()

    def ask(self, typed_phone: str) -> None:
        # The triage schemas load on first use, not at the kiosk's start.
        from shared.triage.schemas import SpeakToSomeone as Request

        language = self._language()
        phone = uk_phone(typed_phone) if typed_phone else None
        if typed_phone and phone is None:
            self._tell(ui_text("speak.bad_phone", language))
            return
        request = Request(language=language, phone=phone)
        self._asked += 1
        asked = self._asked
        self._view.show_busy()
        self._background.call(
            lambda client: client.speak_to_someone(request),
            lambda ticket: self._on_ticket(asked, ticket),
            lambda error: self._on_failed(asked, error),
        )

    def _on_ticket(self, asked: int, ticket: object) -> None:
        from shared.triage.schemas import SpeakToSomeoneRead

        if asked != self._asked or not isinstance(ticket, SpeakToSomeoneRead):
            return
        self._view.show_ticket(ticket.ticket, ticket.ahead, texted=ticket.sms_when_called)
        self._say(self._view.spoken_text())

    def _on_failed(self, asked: int, error: FirstStopError) -> None:
        if asked != self._asked:
            return
        log.warning("speak to someone: no ticket (%s)", describe(error))
        self._tell(ui_text("speak.unavailable", self._language()))

    def _tell(self, text: str) -> None:
        self._view.show_problem(text)
        self._say(text)
