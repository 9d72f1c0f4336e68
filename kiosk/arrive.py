"""I have an appointment, from the kiosk's side: check the customer in by their reference,
typed or scanned from the confirmation's QR code (:mod:`kiosk.scanner`).

The reference is read on the kiosk first (a mistyped one is said plainly without a round
trip); the backend marks the appointment arrived and puts it on the location's triage list.
Its refusals (unknown, another day, another place, cancelled) are said in the customer's
language, never as the backend's English. An arrival needs a live answer: with the network
down the page says so and sends the customer to the desk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from kiosk.live_question import AskingPage, LiveQuestion
from shared.appointments import references
from shared.errors import FirstStopError, InvalidReference
from shared.flow.texts import ui_text
from shared.ui.background import Background
from shared.ui.locale import datetime_words
from shared.ui.pages.arrive import ArriveView


class CheckIn(LiveQuestion):
    def __init__(
        self,
        view: ArriveView,
        background: Background,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(view, background, say)
        self._view = view
        view.submitted.connect(self.check_in)

    def _page(self) -> AskingPage:
        return self._view

    def check_in(self, typed: str) -> None:
        try:
            reference = references.parse(typed)
        except InvalidReference as exc:
            problem = "arrive.empty" if exc.details.get("problem") == "empty" else "arrive.invalid"
            self._tell(ui_text(problem, self._language()))
            return
        self._ask(
            lambda client: client.arrive(reference.compact),
            self._on_arrived,
            lambda error: self.problem_words(error, self._language()),
        )

    def scanned(self, text: str) -> None:
        """A scan of the confirmation's QR code (its link) or of a reference: checked in as
        if the reference were typed, and shown in the box as such (never the link, which
        holds the page's token). Whatever else was scanned is said to be not ours."""
        try:
            reference = references.from_scan(text)
        except InvalidReference:
            self._tell(ui_text("arrive.scan_not_ours", self._language()))
            return
        self._view.show_reference(reference.display)
        self.check_in(reference.display)

    def _on_arrived(self, _arrival: object) -> None:
        self._view.show_arrived()
        self._say(self._view.spoken_text())

    @staticmethod
    def problem_words(error: FirstStopError, language: str) -> str:
        """The backend's refusal in the customer's words (its message is English)."""
        starts_at = error.details.get("starts_at")
        if error.code == "not_found":
            return ui_text("arrive.not_found", language)
        if error.code == "forbidden":
            return ui_text("arrive.elsewhere", language)
        if error.code == "conflict" and isinstance(starts_at, str):
            when = datetime_words(datetime.fromisoformat(starts_at), language)
            return ui_text("arrive.other_day", language, when=when)
        if error.code == "conflict" and error.details.get("status") == "cancelled":
            return ui_text("arrive.cancelled", language)
        if error.code in ("unavailable", "invalid_reference"):
            key = "arrive.unavailable" if error.code == "unavailable" else "arrive.invalid"
            return ui_text(key, language)
        return ui_text("arrive.failed", language)
