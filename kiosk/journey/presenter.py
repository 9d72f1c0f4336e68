"""The journey presenter: turns what the customer does into flow actions, one unit each.

It holds the customer's :class:`Flow` (their answers live nowhere else on the kiosk until
they submit), publishes a :class:`ScreenState` after every action, and on submit hands the
request to the outbox, which gives the reference at once, online or not. It never touches
the network: the sync worker sends the outbox in the background.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from shared.cases.schemas import Channel
from shared.cases.tracking import new_tracking_token
from shared.catalogue.schemas import Service
from shared.errors import FirstStopError
from shared.flow import Accessibility, Flow, ScreenState
from shared.flow.steps import StepKind
from shared.logsafe import describe
from shared.schema import replace

if TYPE_CHECKING:
    from kiosk.outbox import Outbox

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


class JourneyPresenter(QObject):
    # A new screen: its state, and the customer's own masked answers for the kiosk's widgets.
    state_changed = Signal(object, object)
    # The request is in the outbox; the sync worker should send it now.
    submitted = Signal(str)
    # The customer finished (gave feedback, or left a signposting page).
    finished = Signal()
    # Something the customer cannot fix went wrong on submit; nothing they typed is lost.
    submit_failed = Signal(str)
    # Back on the service's first screen: the customer wants the list of services again.
    left = Signal()

    def __init__(self, outbox: Outbox | None = None, *, clock: Clock = _now) -> None:
        """``outbox`` may come later (:meth:`attach`): the kiosk draws its welcome screen
        before it opens its database."""
        super().__init__()
        self._outbox = outbox
        self._clock = clock
        self.flow: Flow | None = None
        self.online = True
        # The submitted case's tracking token, for the confirmation's QR code only: never
        # in the ScreenState (the desk mirrors that), forgotten with the customer.
        self.tracking_token: str | None = None
        self._sequence = 0

    def attach(self, outbox: Outbox) -> None:
        self._outbox = outbox

    # Reading ----------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.flow is not None

    @property
    def has_answers(self) -> bool:
        """Whether Start again would lose something the customer typed or chose."""
        return self.flow is not None and self.flow.has_answers

    def screen_state(self) -> ScreenState | None:
        if self.flow is None:
            return None
        return self.flow.screen_state(self._sequence)

    def screen_name(self) -> str:
        """The current step's name for heartbeats: never its content."""
        return self.flow.step_id if self.flow is not None else ""

    # Actions ----------------------------------------------------------------------------

    def start(self, service: Service, language: str, accessibility: Accessibility) -> None:
        self.tracking_token = None
        self._set(Flow.start(service, language, accessibility, now=self._clock()))

    def answer(self, field_id: str, value: object) -> None:
        if self.flow is not None:
            self._set(self.flow.answer(field_id, value))

    def focus(self, field_id: object) -> None:
        if self.flow is not None and (field_id is None or isinstance(field_id, str)):
            self.flow = self.flow.focus(field_id)

    def next(self) -> None:
        if self.flow is None:
            return
        flow = self.flow.next(self._clock())
        if flow.finished:
            self.flow = flow
            self.finished.emit()
            return
        self._set(flow)

    def back(self) -> None:
        if self.flow is None:
            return
        if self.flow.can_go_back:
            self._set(self.flow.back(now=self._clock()))
        elif self.flow.can_leave:
            self.left.emit()

    def change(self, step_id: str) -> None:
        if self.flow is not None:
            self._set(self.flow.change(step_id, now=self._clock()))

    def start_again(self) -> None:
        if self.flow is not None:
            self._set(self.flow.start_again(now=self._clock()))

    def set_language(self, language: str) -> None:
        if self.flow is not None:
            self._set(self.flow.set_language(language))

    def set_accessibility(self, accessibility: Accessibility) -> None:
        if self.flow is not None:
            self._set(
                self.flow.set_accessibility(
                    large_text=accessibility.large_text,
                    high_contrast=accessibility.high_contrast,
                    speech=accessibility.speech,
                )
            )

    def submit(self) -> None:
        """Put the checked request in the outbox and show its reference."""
        flow = self.flow
        if flow is None or flow.step.kind is not StepKind.CHECK:
            return
        if self._outbox is None:
            self.submit_failed.emit("This screen is still starting. Please try again.")
            return
        token = new_tracking_token()
        try:
            data = replace(flow.to_case_create(Channel.KIOSK), tracking_token=token)
            reference = self._outbox.submit(data)
        except FirstStopError as exc:
            # Answers the engine accepted but the case schema refused: keep them, say so.
            log.warning("submission refused before sending: %s", describe(exc))
            self.submit_failed.emit(exc.message)
            return
        self.tracking_token = token
        self._set(flow.submitted(reference.display, offline=not self.online, now=self._clock()))
        self.submitted.emit(reference.display)

    def wipe(self) -> None:
        """Forget the customer: their flow and every answer in it."""
        self.flow = None
        self.tracking_token = None

    # Publishing -------------------------------------------------------------------------

    def _set(self, flow: Flow) -> None:
        self.flow = flow
        self._sequence += 1
        self.state_changed.emit(flow.screen_state(self._sequence), flow.unmasked_values())
