"""Speak to someone, from the kiosk's side: ask the backend for a ticket for an advisor.

The customer may give a mobile number for a text when they are called; it is checked here
(a UK number, or nothing) and sent once, with the ticket's request, never logged or kept.
A ticket needs a live answer, so nothing is queued in the outbox: when the backend cannot
be reached the page says so and points to the desk.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.live_question import AskingPage, LiveQuestion
from shared.flow.checks import uk_phone
from shared.flow.texts import ui_text
from shared.triage.schemas import SpeakToSomeone as SpeakToSomeoneRequest
from shared.triage.schemas import SpeakToSomeoneRead
from shared.ui.background import Background
from shared.ui.pages.speak import SpeakView


class SpeakToSomeone(LiveQuestion):
    def __init__(
        self,
        view: SpeakView,
        background: Background,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(view, background, say)
        self._view = view
        view.submitted.connect(self.ask)

    def _page(self) -> AskingPage:
        return self._view

    def ask(self, typed_phone: str) -> None:
        language = self._language()
        phone = uk_phone(typed_phone) if typed_phone else None
        if typed_phone and phone is None:
            self._tell(ui_text("speak.bad_phone", language))
            return
        request = SpeakToSomeoneRequest(language=language, phone=phone)
        self._ask(
            lambda client: client.speak_to_someone(request),
            self._on_ticket,
            lambda _error: ui_text("speak.unavailable", self._language()),
        )

    def _on_ticket(self, ticket: object) -> None:
        if isinstance(ticket, SpeakToSomeoneRead):
            self._view.show_ticket(ticket.ticket, ticket.ahead, texted=ticket.sms_when_called)
            self._say(self._view.spoken_text())
