"""Bookings, a page of its own beside the triage list: a booked customer's arrival by typing
their reference, or pasting or scanning their confirmation's link (or **Find** to look the
booking up), the location's appointments today with their state, each booked one with
**Move…** and **Cancel…**, and booking for a customer. In landscape the day is on the left
and booking, or changing a booking, on the right; in portrait they stack."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from shared.appointments import references
from shared.errors import InvalidReference
from shared.ui.widgets import button, label
from staffdesk.appointments.booking import BookingPanel
from staffdesk.appointments.change import BookingLine, ChangePanel, DayList
from staffdesk.panel import PanelPage


class AppointmentsPanel(PanelPage):
    arrival_requested = Signal(str)
    find_requested = Signal(str)
    refresh_requested = Signal()
    booking_opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("appointmentsPanel", "Bookings", "appointmentsClose", parent)
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.setSpacing(24)
        self.body.addLayout(self._columns)
        self.body.addStretch(1)
        self._columns.addLayout(self._build_day(), 1)
        self._columns.addLayout(self._build_side(), 1)

    def _build_day(self) -> QVBoxLayout:
        """The arrival box (and a booking found by it), then today's appointments."""
        day = QVBoxLayout()
        day.setSpacing(8)
        arrival = QHBoxLayout()
        self.reference = QLineEdit()
        self.reference.setObjectName("arrivalReference")
        self.reference.setPlaceholderText("Booking reference, e.g. AP-K7M-2QX")
        self.reference.setAccessibleName("The customer's booking reference")
        # Room for the confirmation's link, pasted or scanned (a USB scanner types it).
        self.reference.setMaxLength(300)
        self.reference.returnPressed.connect(self._on_arrive)
        self.arrive_button = button("They're here", "primary", "Mark the booking arrived")
        self.arrive_button.setObjectName("markArrived")
        self.arrive_button.clicked.connect(self._on_arrive)
        self.find_button = button("Find", "secondary", "Find the booking to change it")
        self.find_button.setObjectName("findBooking")
        self.find_button.clicked.connect(self._on_find)
        arrival.addWidget(self.reference, 1)
        arrival.addWidget(self.arrive_button)
        arrival.addWidget(self.find_button)
        day.addLayout(arrival)
        self.status = label("", "detailStrong")
        self.status.setObjectName("arrivalStatus")
        self.status.setVisible(False)
        day.addWidget(self.status)
        # A booking found by its reference (any day), to move or cancel.
        self.found = DayList("")
        self.found.setObjectName("foundBooking")
        self.found.setVisible(False)
        day.addWidget(self.found)
        today = QHBoxLayout()
        today.addWidget(label("Today here", "detailStrong"), 1)
        self.refresh_button = button("Refresh", "secondary", "Refresh today's appointments")
        self.refresh_button.setObjectName("appointmentsRefresh")
        self.refresh_button.clicked.connect(self.refresh_requested)
        today.addWidget(self.refresh_button)
        day.addLayout(today)
        self.day = DayList("No appointments here today.")
        self.day.setObjectName("appointmentsToday")
        day.addWidget(self.day)
        day.addStretch(1)
        return day

    def _build_side(self) -> QVBoxLayout:
        """Changing a booking, or booking for a customer."""
        side = QVBoxLayout()
        side.setSpacing(8)
        self.change = ChangePanel()
        side.addWidget(self.change)
        self.open_booking = button("Book for a customer", "secondary", "Book for a customer")
        self.open_booking.setObjectName("openBooking")
        self.open_booking.clicked.connect(self._on_open_booking)
        side.addWidget(self.open_booking)
        self.booking = BookingPanel()
        self.booking.setVisible(False)
        side.addWidget(self.booking)
        side.addStretch(1)
        return side

    def set_portrait(self, portrait: bool) -> None:
        self._columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _on_open_booking(self) -> None:
        self.change.setVisible(False)
        self.booking.setVisible(True)
        self.open_booking.setVisible(False)
        self.booking_opened.emit()
        self._bring_into_view(self.booking)

    def close_booking(self) -> None:
        self.booking.setVisible(False)
        self.open_booking.setVisible(True)

    def open_change(self) -> None:
        """The change panel was opened for a booking: it takes booking's place."""
        self.close_booking()
        self._bring_into_view(self.change)

    def _bring_into_view(self, shown: QWidget) -> None:
        # Once laid out: what was just shown has no place in the page until the loop turns.
        QTimer.singleShot(0, lambda: self.bring_into_view(shown))

    def _on_arrive(self) -> None:
        typed = self._typed()
        if typed:
            self.arrival_requested.emit(typed)

    def _on_find(self) -> None:
        typed = self._typed()
        if typed:
            self.find_requested.emit(typed)

    def _typed(self) -> str:
        """The box's reference: the confirmation's link, pasted or scanned, gives the
        reference in it, which takes the link's place (its token is no business of the
        desk's screen); a link to anything else is said so."""
        typed = self.reference.text().strip()
        try:
            found = references.reference_text(typed)
        except InvalidReference as exc:
            self.show_status(exc.message)
            return ""
        if found != typed:
            self.reference.setText(found)
        return found

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_day(self, lines: Sequence[BookingLine]) -> None:
        self.day.show_lines(lines)

    def show_found(self, lines: Sequence[BookingLine]) -> None:
        self.found.show_lines(lines)
        self.found.setVisible(bool(lines))

    def arrived(self, text: str) -> None:
        self.reference.clear()
        self.show_status(text)
