"""Made-up triage entries and the walk-in and Bookings pages' screens, for ``firststop desk
--screenshots`` and the desk's screen audit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from shared.triage.schemas import AccessNeed, FaultKind, TriageEntry, TriageKind, TriageState
from staffdesk.appointments.change import BookingLine

if TYPE_CHECKING:
    from staffdesk.window import DeskWindow


def sample_triage(now: datetime) -> tuple[TriageEntry, ...]:
    """A walk-in with a declared need, near its target; an arrived appointment; a kiosk
    fault past its target."""
    return (
        TriageEntry(
            id="1" * 32,
            kind=TriageKind.WALK_IN,
            location_code="shop",
            state=TriageState.WAITING,
            ticket="W014",
            waiting_since=now - timedelta(minutes=8, seconds=30),
            target_seconds=600,
            priority=True,
            needs=(AccessNeed.WHEELCHAIR,),
            topics=("Council tax", "Moving house"),
        ),
        TriageEntry(
            id="2" * 32,
            kind=TriageKind.APPOINTMENT,
            location_code="shop",
            state=TriageState.WAITING,
            ticket="A003",
            waiting_since=now - timedelta(minutes=1),
            target_seconds=300,
            service_name="Housing advice",
            appointment_reference="AP-K7M-2QX",
        ),
        TriageEntry(
            id="3" * 32,
            kind=TriageKind.KIOSK_FAULT,
            location_code="shop",
            state=TriageState.WAITING,
            waiting_since=now - timedelta(minutes=20),
            target_seconds=900,
            device_id=4,
            kiosk_name="Kiosk 4",
            fault=FaultKind.NOT_RESPONDING,
        ),
    )


def booking_lines(*rows: tuple[str, str, bool]) -> list[BookingLine]:
    """``(reference, "11:30  Visitor 3 · Booked · AP-P9W-3CF", can change)`` as rows."""
    lines = []
    for reference, text, can_change in rows:
        when_who, _, shown = text.split(" · ")[:3]
        what = f"{shown}, {' '.join(when_who.split())}"
        lines.append(BookingLine(reference, "appointment", text, can_change, what))
    return lines


def visit_triage(window: DeskWindow) -> Iterator[str]:
    """The board with its triage list, the walk-in page (a need ticked), then with the
    ticket it gave, then the Bookings page after an arrival, booking for a customer,
    cancelling and moving a booking; back to the list after each, and Pass on… opened."""
    yield "board-and-queue"
    window.triage.open_walk_in()
    window.triage.walk_in.access_buttons[AccessNeed.WHEELCHAIR].setChecked(True)
    yield "add-walk-in"
    window.triage.walk_in.show_ticket("W015")
    yield "walk-in-ticket"
    window.triage.walk_in.close_button.click()
    # The Bookings page as it is once the day has come back and someone arrived.
    window.triage.open_appointments()
    panel = window.triage.appointments
    panel.show_day(
        booking_lines(
            ("APH4D7RT", "09:30  Visitor 1 · Seen · AP-H4D-7RT", False),
            ("APK7M2QX", "10:00  Visitor 2 · Arrived · AP-K7M-2QX · priority", False),
            ("APP9W3CF", "11:30  Visitor 3 · Booked · AP-P9W-3CF", True),
            ("APR4T8VN", "14:00  Visitor 5 · Booked · AP-R4T-8VN", True),
        )
    )
    panel.arrived("AP-K7M-2QX: Housing advice at 10:00, 4 min early. They are on the list below.")
    yield "appointments"
    # As Book for a customer shows it (without asking a backend for the services).
    panel.booking.setVisible(True)
    panel.open_booking.setVisible(False)
    panel.booking.show_services([("appointment", "Book an appointment with an advisor")])
    panel.booking.service_buttons["appointment"].setChecked(True)
    panel.booking.show_times(
        [(f"2026-12-07T{hour}:00:00+00:00", f"Mon 7 Dec {hour}:00") for hour in range(9, 17)]
    )
    panel.booking.name.setText("Visitor 4")
    for _ in range(3):  # the new times wrap over a few turns of the loop
        QApplication.processEvents()
    panel.bring_into_view(panel.booking.book_button)
    yield "book-appointment"
    # Cancel… on a booked row asks first; Move… offers the free times.
    panel.change.ask_cancel("APP9W3CF", "AP-P9W-3CF, 11:30 Visitor 3")
    panel.open_change()
    panel.change.reason.setText("Customer phoned")
    QApplication.processEvents()
    panel.bring_into_view(panel.change)
    yield "cancel-booking"
    panel.change.ask_rebook("APP9W3CF", "AP-P9W-3CF, 11:30 Visitor 3")
    panel.change.times.show_times(
        [(f"2026-12-08T{hour}:30:00+00:00", f"Tue 8 Dec {hour}:30") for hour in range(9, 17)]
    )
    for _ in range(3):
        QApplication.processEvents()
    panel.bring_into_view(panel.change)
    yield "rebook-booking"
    panel.change.setVisible(False)
    panel.close_button.click()
    # Pass on… on the walk-in: a note, any advisor or a colleague (as the backend lists them).
    window.triage.entries["1" * 32].buttons["transfer"].click()
    window.triage.pass_on.show_colleagues(
        [(2, "Alex · on a desk now"), (6, "Admin · not on a desk")]
    )
    window.triage.pass_on.note.setText("Wants to talk about arrears")
    yield "pass-on"
    window.triage.pass_on.close_button.click()
