"""The appointments panel, at the top of the triage list: a booked customer's arrival by
typing their reference, and the location's appointments today with their state."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from shared.ui.fields import button, label
from staffdesk.appointments.booking import BookingPanel


class AppointmentsPanel(QFrame):
    arrival_requested = Signal(str)
    refresh_requested = Signal()
    close_requested = Signal()
    booking_opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appointmentsPanel")
        self.setProperty("frameRole", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(label("Appointments", "cardTitle"), 1)
        self.close_button = button("Close", "secondary", "Close: appointments")
        self.close_button.setObjectName("appointmentsClose")
        self.close_button.clicked.connect(self.close_requested)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        arrival = QHBoxLayout()
        self.reference = QLineEdit()
        self.reference.setObjectName("arrivalReference")
        self.reference.setPlaceholderText("Booking reference, e.g. AP-K7M-2QX")
        self.reference.setAccessibleName("The customer's booking reference")
        self.reference.setMaxLength(20)
        self.reference.returnPressed.connect(self._on_arrive)
        self.arrive_button = button("They're here", "primary", "Mark the booking arrived")
        self.arrive_button.setObjectName("markArrived")
        self.arrive_button.clicked.connect(self._on_arrive)
        arrival.addWidget(self.reference, 1)
        arrival.addWidget(self.arrive_button)
        layout.addLayout(arrival)
        self.status = label("", "detailStrong")
        self.status.setObjectName("arrivalStatus")
        self.status.setVisible(False)
        layout.addWidget(self.status)
        today = QHBoxLayout()
        today.addWidget(label("Today here", "detailStrong"), 1)
        self.refresh_button = button("Refresh", "secondary", "Refresh today's appointments")
        self.refresh_button.setObjectName("appointmentsRefresh")
        self.refresh_button.clicked.connect(self.refresh_requested)
        today.addWidget(self.refresh_button)
        layout.addLayout(today)
        self.day = label("", "detail")
        self.day.setObjectName("appointmentsToday")
        layout.addWidget(self.day)
        self.open_booking = button("Book for a customer", "secondary", "Book for a customer")
        self.open_booking.setObjectName("openBooking")
        self.open_booking.clicked.connect(self._on_open_booking)
        layout.addWidget(self.open_booking)
        self.booking = BookingPanel()
        self.booking.setVisible(False)
        layout.addWidget(self.booking)

    def _on_open_booking(self) -> None:
        self.booking.setVisible(True)
        self.open_booking.setVisible(False)
        self.booking_opened.emit()

    def close_booking(self) -> None:
        self.booking.setVisible(False)
        self.open_booking.setVisible(True)

    def _on_arrive(self) -> None:
        typed = self.reference.text().strip()
        if typed:
            self.arrival_requested.emit(typed)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_day(self, lines: Sequence[str]) -> None:
        self.day.setText("\n".join(lines) if lines else "No appointments here today.")

    def arrived(self, text: str) -> None:
        self.reference.clear()
        self.show_status(text)
