"""A question the kiosk must put to the backend while the customer waits (a ticket, a
check-in): one answer at a time, an answer to a customer who has left dropped, and with the
network down a plain sentence instead (nothing of it is queued in the outbox)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from shared.errors import FirstStopError
from shared.logsafe import describe
from shared.ui.background import Background

if TYPE_CHECKING:
    # The client (and requests) load after the first frame.
    from shared.client import BackendClient

log = logging.getLogger(__name__)


class AskingPage(Protocol):
    @property
    def language(self) -> str: ...
    def reset(self) -> None: ...
    def show_busy(self) -> None: ...
    def show_problem(self, text: str) -> None: ...


class LiveQuestion(QObject):
    def __init__(
        self,
        view: QWidget,
        background: Background,
        say: Callable[[str], None],
    ) -> None:
        super().__init__(view)
        self._background = background
        self._say = say
        # Each question's number: an answer to an earlier one (the customer left) is dropped.
        self._asked = 0

    def _page(self) -> AskingPage:
        raise NotImplementedError

    def _language(self) -> str:
        # The page's, not a callable holding the kiosk: a cycle through a lambda is collected
        # at random moments and can crash Qt.
        return self._page().language

    def reset(self) -> None:
        """The customer left: forget what they typed, and any answer still on its way."""
        self._asked += 1
        self._page().reset()

    def _ask(
        self,
        work: Callable[[BackendClient], Any],
        answered: Callable[[Any], None],
        refused: Callable[[FirstStopError], str],
    ) -> None:
        """Run ``work`` off the UI thread: ``answered`` with its answer, or the page says
        ``refused(error)`` (and the reader reads it)."""
        self._asked += 1
        asked = self._asked
        self._page().show_busy()

        def done(answer: Any) -> None:
            if asked == self._asked:
                answered(answer)

        def failed(error: FirstStopError) -> None:
            if asked == self._asked:
                log.info("%s: no answer (%s)", type(self).__name__, describe(error))
                self._tell(refused(error))

        self._background.call(work, done, failed)

    def _tell(self, text: str) -> None:
        self._page().show_problem(text)
        self._say(text)
