"""The appointments panel's logic: a reference typed at the desk marks the booking arrived
(the backend puts it on the triage list, which reaches every desk by the hub), and the day's
appointments at the location, read when the panel opens, after each arrival and whenever the
hub says a booking of that day changed (``appointments.changed``). Backend calls run off the
UI thread; what goes wrong is said in the backend's plain words."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from functools import cache

from pydantic import TypeAdapter, ValidationError
from PySide6.QtCore import QObject

from shared.appointments.schemas import (
    AppointmentCreate,
    AppointmentList,
    AppointmentRead,
    AppointmentStatus,
    Arrival,
    NotifyBy,
    Offer,
    SlotList,
)
from shared.client import BackendClient
from shared.errors import FirstStopError, SlotTaken
from shared.live.messages import AppointmentsChanged
from shared.ui.background import Background
from staffdesk.appointments.change import BookingLine
from staffdesk.appointments.view import AppointmentsPanel

log = logging.getLogger(__name__)

# The earliest free times offered at the desk (the customer says if none suits).
TIMES_SHOWN = 12
CHECK_CONTACT = "Check the mobile number and email address: one of them is not right."

STATES = {
    AppointmentStatus.BOOKED: "Booked",
    AppointmentStatus.ARRIVED: "Arrived",
    AppointmentStatus.CANCELLED: "Cancelled",
    AppointmentStatus.NO_SHOW: "Did not come",
    AppointmentStatus.SEEN: "Seen",
}


@cache
def _booking_reader() -> TypeAdapter[AppointmentCreate]:
    """What the greeter typed, read as the backend's edge will read it: a schema checks
    nothing when code builds one, and msgspec's reading does not check an email address,
    so pydantic (which the desk has) reads it, every rule and the address's too."""
    return TypeAdapter(AppointmentCreate)


def day_words(day: date) -> str:
    """``Mon 7 Dec``."""
    return f"{day:%a} {day.day} {day:%b}"


def arrival_text(arrival: Arrival) -> str:
    shown = arrival.appointment
    late = arrival.minutes_from_start
    when = f"{late} min late" if late > 0 else f"{-late} min early" if late < 0 else "on time"
    return (
        f"{shown.reference_display}: {shown.service_name} at {shown.time}, {when}. "
        "They are on the list below."
    )


def day_lines(day: AppointmentList) -> list[BookingLine]:
    return [
        BookingLine(
            reference=item.reference,
            service_code=item.service_code,
            text=f"{item.time}  {item.name} · {STATES[item.status]} · {item.reference_display}"
            + (" · priority" if item.priority else ""),
            can_change=item.status is AppointmentStatus.BOOKED,
            what=f"{item.reference_display}, {item.time} {item.name}",
        )
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
        self._service: str | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.view.arrival_requested.connect(self._on_arrival_requested)
        self.view.refresh_requested.connect(self.refresh)
        self.view.booking_opened.connect(self._on_booking_opened)
        self.view.booking.service_chosen.connect(self._on_service_chosen)
        self.view.booking.book_requested.connect(self._on_book_requested)

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
            return client.appointments(location)

        self.background.call_as(token, fetch, self._on_day, self._on_failed)

    def changed(self, news: AppointmentsChanged) -> None:
        """A booking here changed (hub): today's list is read again if it is on screen."""
        # The desk's own clock, in the council's time like the backend's.
        today = datetime.now().astimezone().date()
        if self.view.isVisible() and today in (news.day, news.previous_day):
            self.refresh()

    def _on_arrival_requested(self, reference: str) -> None:
        token = self.token
        if token is None:
            self.view.show_status("The desk is not signed in just now.")
            return

        def arrive(client: BackendClient) -> Arrival:
            return client.arrive(reference)

        self.view.show_status("Checking the booking…")
        self.background.call_as(token, arrive, self._on_arrived, self._on_failed)

    # Booking --------------------------------------------------------------------------

    def _on_booking_opened(self) -> None:
        location = self.location
        self._call(lambda client: client.appointment_offers(location), self._on_offers)

    def _on_offers(self, offers: object) -> None:
        if isinstance(offers, list):
            shown = [(o.service_code, o.service_name) for o in offers if isinstance(o, Offer)]
            self.view.booking.show_services(shown)

    def _on_service_chosen(self, service: str) -> None:
        self._service = service
        location = self.location
        if location is None:
            return
        self.view.booking.show_status("")
        self._call(lambda client: client.appointment_slots(location, service), self._on_slots)

    def _on_slots(self, slots: object) -> None:
        if isinstance(slots, SlotList):
            self.view.booking.show_times(
                [
                    (
                        slot.starts_at.isoformat(),
                        f"{day_words(slot.day)} {slot.time}",
                    )
                    for slot in slots.slots[:TIMES_SHOWN]
                ]
            )

    def _on_book_requested(
        self, service: str, starts_at: str, name: str, phone: str, email: str
    ) -> None:
        notify = [NotifyBy.SMS] if phone else []
        if email:
            notify.append(NotifyBy.EMAIL)
        try:
            booking = _booking_reader().validate_python(
                {
                    "service_code": service,
                    "location_code": self.location,
                    "starts_at": datetime.fromisoformat(starts_at),
                    "customer": {"name": name, "phone": phone or None, "email": email or None},
                    "notify_by": notify,
                }
            )
        except ValidationError:
            self.view.booking.show_status(CHECK_CONTACT)
            return
        self._call(lambda client: client.book_appointment(booking), self._on_booked)

    def _on_booked(self, booked: object) -> None:
        if isinstance(booked, AppointmentRead):
            self.view.booking.booked(
                f"Booked: {booked.reference_display}, {day_words(booked.day)} at {booked.time}. "
                "Give them the reference."
            )
            self.refresh()

    def _call(
        self, work: Callable[[BackendClient], object], done: Callable[[object], None]
    ) -> None:
        token = self.token
        if token is None:
            self.view.booking.show_status("The desk is not signed in just now.")
            return
        self.background.call_as(token, work, done, self._on_booking_failed)

    def _on_booking_failed(self, error: FirstStopError) -> None:
        log.info("a booking call failed (%s)", error.code)
        self.view.booking.show_status(error.message)
        if isinstance(error, SlotTaken) and self._service is not None:
            # The time went to someone else first: the times as they are now.
            service, location = self._service, self.location
            if location is not None:
                self._call(
                    lambda client: client.appointment_slots(location, service), self._on_slots
                )

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
