"""The appointments panel's logic: a reference typed at the desk marks the booking arrived
(the backend puts it on the triage list, which reaches every desk by the hub), and the day's
appointments at the location, read when the panel opens and after each arrival. Backend
calls run off the UI thread; what goes wrong is said in the backend's plain words."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from shared.appointments.schemas import AppointmentList, AppointmentStatus, Arrival
from shared.client import BackendClient
from shared.errors import FirstStopError
from shared.ui.background import Background
from staffdesk.appointments.view import AppointmentsPanel

log = logging.getLogger(__name__)

STATES = {
    AppointmentStatus.BOOKED: "Booked",
    AppointmentStatus.ARRIVED: "Arrived",
    AppointmentStatus.CANCELLED: "Cancelled",
    AppointmentStatus.NO_SHOW: "Did not come",
    AppointmentStatus.SEEN: "Seen",
}


def arrival_text(arrival: Arrival) -> str:
    shown = arrival.appointment
    late = arrival.minutes_from_start
    when = f"{late} min late" if late > 0 else f"{-late} min early" if late < 0 else "on time"
    return (
        f"{shown.reference_display}: {shown.service_name} at {shown.time}, {when}. "
        "They are on the list below."
    )


def day_lines(day: AppointmentList) -> list[str]:
    return [
        f"{item.time}  {item.name} · {STATES[item.status]} · {item.reference_display}"
        + (" · priority" if item.priority else "")
        for item in day.items
    ]


class AppointmentsPresenter(QObject):
    def __init__(
        self, view: AppointmentsPanel, background: Background, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.background = background
        self.token: str | None = None
        self.location: str | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.view.arrival_requested.connect(self._on_arrival_requested)
        self.view.refresh_requested.connect(self.refresh)

    def signed_in(self, token: str, location: str) -> None:
        self.token = token
        self.location = location

    def signed_out(self) -> None:
        self.token = None
        self.location = None
        self.view.show_status("")
        self.view.show_day([])

    def refresh(self) -> None:
        token, location = self.token, self.location
        if token is None:
            return

        def fetch(client: BackendClient) -> AppointmentList:
            client.token = token
            return client.appointments(location)

        self.background.call(fetch, self._on_day, self._on_failed)

    def _on_arrival_requested(self, reference: str) -> None:
        token = self.token
        if token is None:
            self.view.show_status("The desk is not signed in just now.")
            return

        def arrive(client: BackendClient) -> Arrival:
            client.token = token
            return client.arrive(reference)

        self.view.show_status("Checking the booking…")
        self.background.call(arrive, self._on_arrived, self._on_failed)

    def _on_arrived(self, arrival: object) -> None:
        if isinstance(arrival, Arrival):
            self.view.arrived(arrival_text(arrival))
            self.refresh()

    def _on_day(self, day: object) -> None:
        if isinstance(day, AppointmentList):
            self.view.show_day(day_lines(day))

    def _on_failed(self, error: FirstStopError) -> None:
        log.info("an appointments call failed (%s)", error.code)
        self.view.show_status(error.message)
