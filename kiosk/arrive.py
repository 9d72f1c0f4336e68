"""I have an appointment, from the kiosk's side: check the customer in by their reference.

The reference is read on the kiosk first (a mistyped one is said plainly without a round
trip); the backend marks the appointment arrived and puts it on the location's triage list.
Its refusals (unknown, another day, another place, cancelled) are said in the customer's
language, never as the backend's English. An arrival needs a live answer: with the network
down the page says so and sends the customer to the desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from shared.appointments import references
from shared.errors import FirstStopError, InvalidReference
from shared.flow.texts import ui_text
from shared.logsafe import describe
from shared.ui.background import Background
from shared.ui.locale import datetime_words
from shared.ui.pages.arrive import ArriveView

log = logging.getLogger(__name__)


class CheckIn(QObject):
    def __init__(
        self,
        view: ArriveView,
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
        view.check_in_requested.connect(self.check_in)

    def reset(self) -> None:
        self._asked += 1
        self._view.reset()

    def check_in(self, typed: str) -> None:
        try:
            reference = references.parse(typed)
        except InvalidReference as exc:
            problem = "arrive.empty" if exc.details.get("problem") == "empty" else "arrive.invalid"
            self._tell(ui_text(problem, self._language()))
            return
        self._asked += 1
        asked = self._asked
        self._view.show_busy()
        self._background.call(
            lambda client: client.arrive(reference.compact),
            lambda _arrival: self._on_arrived(asked),
            lambda error: self._on_failed(asked, error),
        )

    def _on_arrived(self, asked: int) -> None:
        if asked == self._asked:
            self._view.show_arrived()
            self._say(self._view.spoken_text())

    def _on_failed(self, asked: int, error: FirstStopError) -> None:
        if asked != self._asked:
            return
        log.info("check-in refused (%s)", describe(error))
        self._tell(self.problem_words(error, self._language()))

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

    def _tell(self, text: str) -> None:
        self._view.show_problem(text)
        self._say(text)
