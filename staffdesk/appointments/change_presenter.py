"""Cancelling and moving a booking at the desk (the Bookings page's rows and **Find**): the
booking is the greeter's to change as staff at its location (the backend checks), the
customer is told by the backend's own messages. Backend calls run off the UI thread; a time
taken meanwhile shows the times again, and a network failure says the booking is unchanged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from shared.appointments.schemas import (
    AppointmentCancel,
    AppointmentRead,
    AppointmentRebook,
    AppointmentStatus,
    PublicAppointment,
    SlotList,
)
from shared.client import BackendClient
from shared.errors import FirstStopError, SlotTaken, Unavailable
from shared.ui.background import Background
from staffdesk.appointments.change import BookingLine
from staffdesk.appointments.presenter import STATES, TIMES_SHOWN, day_words
from staffdesk.appointments.view import AppointmentsPanel

log = logging.getLogger(__name__)

NOT_SIGNED_IN = "The desk is not signed in just now."
NOT_CHANGED = (
    "The booking was not changed: the desk cannot reach the council's system just now. "
    "Try again in a moment."
)
LOOKING = "Looking for the booking…"


def found_line(booking: AppointmentRead) -> BookingLine:
    return BookingLine(
        reference=booking.reference,
        service_code=booking.service_code,
        text=(
            f"Found: {day_words(booking.day)} {booking.time}  {booking.customer.name} · "
            f"{booking.service_name} · {STATES[booking.status]} · {booking.reference_display}"
        ),
        can_change=booking.status is AppointmentStatus.BOOKED,
        what=(
            f"{booking.reference_display}, {day_words(booking.day)} {booking.time} "
            f"{booking.customer.name}"
        ),
    )


class ChangePresenter(QObject):
    def __init__(
        self,
        view: AppointmentsPanel,
        background: Background,
        refresh: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        """``refresh`` reads the day's list again after a change."""
        super().__init__(parent)
        self.view = view
        self.background = background
        self.refresh = refresh
        self.token: str | None = None
        self.location: str | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        view = self.view
        for rows in (view.day, view.found):
            rows.cancel_requested.connect(self._on_cancel_requested)
            rows.rebook_requested.connect(self._on_rebook_requested)
        view.find_requested.connect(self._on_find_requested)
        view.change.cancel_confirmed.connect(self._on_cancel_confirmed)
        view.change.rebook_confirmed.connect(self._on_rebook_confirmed)
        view.change.closed.connect(lambda: view.change.setVisible(False))

    def signed_in(self, token: str, location: str) -> None:
        self.token = token
        self.location = location

    def signed_out(self) -> None:
        self.token = None
        self.location = None
        self.view.show_found([])
        self.view.change.setVisible(False)

    def _line(self, reference: str) -> BookingLine | None:
        """A row on show (the one found, or the day's): what the booking is."""
        return self.view.found.lines.get(reference) or self.view.day.lines.get(reference)

    # Find -----------------------------------------------------------------------------

    def _on_find_requested(self, reference: str) -> None:
        self.view.show_status(LOOKING)
        self._call(lambda client: client.get_appointment(reference), self._on_found, found=True)

    def _on_found(self, booking: object) -> None:
        if isinstance(booking, AppointmentRead):
            self.view.show_status("")
            self.view.show_found([found_line(booking)])

    # Cancel ---------------------------------------------------------------------------

    def _what(self, reference: str) -> str:
        line = self._line(reference)
        return (line.what if line else "") or reference

    def _on_cancel_requested(self, reference: str) -> None:
        self.view.change.ask_cancel(reference, self._what(reference))
        self.view.open_change()

    def _on_cancel_confirmed(self, reference: str, reason: str) -> None:
        body = AppointmentCancel(reason=reason)
        self.view.change.show_status("Cancelling…")
        self._call(lambda client: client.cancel_appointment(reference, body), self._on_cancelled)

    def _on_cancelled(self, booking: object) -> None:
        if isinstance(booking, PublicAppointment):
            self.view.change.done(
                f"Cancelled: {booking.reference_display}, {day_words(booking.day)} at "
                f"{booking.time}. The customer is told if they gave a mobile or email."
            )
            self._after_change()

    # Move -----------------------------------------------------------------------------

    def _on_rebook_requested(self, reference: str) -> None:
        line = self._line(reference)
        self.view.change.ask_rebook(reference, self._what(reference))
        self.view.open_change()
        if line is not None:
            self._times(line.service_code)

    def _times(self, service: str) -> None:
        location = self.location
        if location is None:
            return
        self._call(lambda client: client.appointment_slots(location, service), self._on_slots)

    def _on_slots(self, slots: object) -> None:
        if isinstance(slots, SlotList):
            self.view.change.times.show_times(
                [
                    (slot.starts_at.isoformat(), f"{day_words(slot.day)} {slot.time}")
                    for slot in slots.slots[:TIMES_SHOWN]
                ]
            )

    def _on_rebook_confirmed(self, reference: str, starts_at: str) -> None:
        body = AppointmentRebook(starts_at=datetime.fromisoformat(starts_at))
        self.view.change.show_status("Moving the booking…")
        self._call(lambda client: client.rebook_appointment(reference, body), self._on_rebooked)

    def _on_rebooked(self, booking: object) -> None:
        if isinstance(booking, PublicAppointment):
            self.view.change.done(
                f"Moved: {booking.reference_display} is now {day_words(booking.day)} at "
                f"{booking.time}. The customer is told if they gave a mobile or email."
            )
            self._after_change()

    def _after_change(self) -> None:
        self.view.show_found([])
        self.refresh()

    # Calls ----------------------------------------------------------------------------

    def _call(
        self,
        work: Callable[[BackendClient], object],
        done: Callable[[object], None],
        *,
        found: bool = False,
    ) -> None:
        """``found``: a look-up, whose failure is said by the reference box, not the panel."""
        token = self.token
        failed = self._on_find_failed if found else self._on_failed
        if token is None:
            (self.view.show_status if found else self.view.change.show_status)(NOT_SIGNED_IN)
            return
        self.background.call_as(token, work, done, failed)

    def _on_find_failed(self, error: FirstStopError) -> None:
        log.info("finding a booking failed (%s)", error.code)
        self.view.show_found([])
        self.view.show_status(error.message)

    def _on_failed(self, error: FirstStopError) -> None:
        log.info("changing a booking failed (%s)", error.code)
        change = self.view.change
        if isinstance(error, Unavailable):
            change.show_status(NOT_CHANGED)
            return
        change.show_status(error.message)
        line = self._line(change.reference)
        if isinstance(error, SlotTaken) and line is not None:
            # The time went to someone else first: the times as they are now.
            self._times(line.service_code)
