"""An assisted transaction, the logic: the greeter runs a service's journey for the
customer with the kiosk's own flow engine (:class:`~shared.flow.Flow`), and on Send the
case goes to the backend with the greeter's session, recorded face to face and assisted
(``CaseCreate.assisted``: the backend notes who). The desk is online (it is signed in), so
it sends straight away; the same idempotency key is used until the case is recorded, so
pressing Send again after a failure never makes two.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from shared.cases.schemas import CaseRead, Channel
from shared.catalogue.schemas import Catalogue
from shared.client import BackendClient
from shared.errors import FirstStopError, Unavailable
from shared.flow import Flow
from shared.flow.steps import StepKind
from shared.schema import replace
from shared.ui.background import Background
from staffdesk.assist.view import AssistView

log = logging.getLogger(__name__)

# The desk's staff work in English; the customer may read along.
DESK_LANGUAGE = "en"


def _now() -> datetime:
    return datetime.now(UTC)


class AssistPresenter(QObject):
    # A case was recorded for the customer (its reference).
    recorded = Signal(str)

    def __init__(
        self,
        view: AssistView,
        background: Background,
        clock: Callable[[], datetime] = _now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.background = background
        self.clock = clock
        self.catalogue: Catalogue | None = None
        self.flow: Flow | None = None
        self.token: str | None = None
        self.location: str | None = None
        self._sequence = 0
        # The idempotency key of the request being sent (kept until it is recorded).
        self._key: str | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        screen = self.view.journey
        self.view.services.service_chosen.connect(self._on_service_chosen)
        screen.answer_changed.connect(
            lambda field_id, value: self._move(lambda flow: flow.answer(field_id, value))
        )
        screen.focus_changed.connect(self._on_focus_changed)
        screen.next_requested.connect(self._on_next_requested)
        screen.back_requested.connect(self._on_back_requested)
        screen.change_requested.connect(
            lambda step_id: self._move(lambda flow: flow.change(step_id, now=self.clock()))
        )
        screen.submit_requested.connect(self._on_submit_requested)
        screen.address_lookup_requested.connect(self._on_address_lookup_requested)

    # The desk's life ----------------------------------------------------------------------

    def signed_in(self, token: str, location: str) -> None:
        self.token = token
        self.location = location

    def signed_out(self) -> None:
        """Forget the customer: the journey and every answer in it."""
        self.token = None
        self.location = None
        self._forget()

    def open(self) -> None:
        """The page is shown: the services to choose from (the catalogue read once)."""
        self.view.show_status("")
        if self.flow is not None:
            return
        if self.catalogue is not None:
            self._show_services()
            return
        self.view.show_status("Getting the services…")
        self._call(lambda client: client.catalogue(), self._on_catalogue, self._on_failed)

    def _forget(self) -> None:
        self.flow = None
        self._key = None
        self.view.journey.tracking_token = ""
        self.view.show_services()

    def _show_services(self) -> None:
        if self.catalogue is not None:
            self.view.services.show_catalogue(self.catalogue, DESK_LANGUAGE)
        self.view.show_services()

    def _call(
        self,
        work: Callable[[BackendClient], object],
        done: Callable[[object], None],
        failed: Callable[[FirstStopError], None],
    ) -> None:
        self.background.call_as(self.token, work, done, failed)

    def _on_catalogue(self, catalogue: object) -> None:
        if isinstance(catalogue, Catalogue):
            self.catalogue = catalogue
            self.view.show_status("")
            if self.flow is None:
                self._show_services()

    def _on_failed(self, error: FirstStopError) -> None:
        if isinstance(error, Unavailable):
            self.view.show_status(f"The desk cannot reach the council's system. {error.message}")
        else:
            self.view.show_status(error.message, "error")

    # The journey --------------------------------------------------------------------------

    def _on_service_chosen(self, code: str) -> None:
        service = self.catalogue.service(code) if self.catalogue else None
        if service is None:
            return
        self._key = None
        self.view.journey.tracking_token = ""
        self.view.show_status("")
        self._draw(Flow.start(service, DESK_LANGUAGE, now=self.clock()))
        self.view.show_journey()

    def _move(self, step: Callable[[Flow], Flow]) -> None:
        if self.flow is not None:
            self._draw(step(self.flow))

    def _draw(self, flow: Flow) -> None:
        self.flow = flow
        self._sequence += 1
        unmasked: Mapping[str, object] = flow.unmasked_values()
        self.view.journey.show_state(flow.screen_state(self._sequence), unmasked)

    def _on_focus_changed(self, field_id: object) -> None:
        if self.flow is not None and (field_id is None or isinstance(field_id, str)):
            self.flow = self.flow.focus(field_id)

    def _on_next_requested(self) -> None:
        if self.flow is None:
            return
        moved = self.flow.next(self.clock())
        if moved.finished:
            self._forget()
            self._show_services()
        else:
            self._draw(moved)

    def _on_back_requested(self) -> None:
        flow = self.flow
        if flow is not None and flow.can_go_back:
            self._draw(flow.back(now=self.clock()))
        elif flow is not None and flow.can_leave:
            self._forget()
            self._show_services()

    def _on_address_lookup_requested(self, postcode: str) -> None:
        self._call(
            lambda client: [(a.uprn, a.line) for a in client.find_addresses(postcode)],
            lambda found: self.view.journey.show_address_choices(postcode, found),  # type: ignore[arg-type]
            lambda error: self.view.journey.show_message(error.message),
        )

    # Sending ------------------------------------------------------------------------------

    def _on_submit_requested(self) -> None:
        flow = self.flow
        if flow is None or flow.step.kind is not StepKind.CHECK:
            return
        try:
            data = flow.to_case_create(Channel.FACE_TO_FACE)
        except FirstStopError as exc:
            self.view.show_status(exc.message, "error")
            return
        data = replace(data, assisted=True, location_code=self.location)
        self._key = self._key or uuid.uuid4().hex
        key = self._key
        self.view.show_status("Sending…")

        self._call(
            lambda client: client.create_case(data, idempotency_key=key),
            lambda read: self._on_recorded(flow, read),
            self._on_failed,
        )

    def _on_recorded(self, sent: Flow, read: object) -> None:
        if not isinstance(read, CaseRead):
            return
        self._key = None
        self.view.show_status(f"Recorded as {read.reference_display}, assisted by you.", "ok")
        if self.flow is sent:
            # Still on the check step the greeter sent from: the reference, as on a kiosk.
            self.view.journey.tracking_token = read.tracking_token or ""
            self._draw(sent.submitted(read.reference_display, now=self.clock()))
        log.info("an assisted case was recorded")
        self.recorded.emit(read.reference)
