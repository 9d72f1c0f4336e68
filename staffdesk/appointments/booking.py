"""Book for a customer at the desk: the service (the location's bookable ones), a free time
(the earliest few, from today), the customer's name and a phone number or email address for
the confirmation, then Book. The reference is shown to read out or write down."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QLineEdit, QPushButton, QVBoxLayout, QWidget

from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout


class TimesPicker(QWidget):
    """The earliest free times as checkable buttons, one chosen at a time, under their day
    ("Mon 7 Dec", then 9:00, 9:30 …: a short button each, so a dozen fit a few rows):
    booking for a customer picks one here, and so does moving a booking."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        """``name`` prefixes each time's object name (``<name>-0`` …)."""
        super().__init__(parent)
        self._name = name
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.hint = label("", "detail")
        layout.addWidget(self.hint)
        self._days = QVBoxLayout()
        self._days.setSpacing(4)
        layout.addLayout(self._days)
        self._group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}

    def show_times(self, times: Sequence[tuple[str, str]]) -> None:
        """``(starts_at ISO, "Mon 7 Dec 09:30")`` for the earliest free times, in order."""
        self.clear()
        day_box: WrapLayout | None = None
        last_day = ""
        for starts_at, text in times:
            day, _, at = text.rpartition(" ")
            if day_box is None or day != last_day:
                last_day = day
                self._days.addWidget(label(day, "detailStrong"))
                box = QWidget()
                day_box = WrapLayout(box, spacing=8)
                day_box.setContentsMargins(0, 0, 0, 0)
                self._days.addWidget(box)
            chosen = button(at, "period", f"At {text}")
            chosen.setObjectName(f"{self._name}-{len(self.buttons)}")
            chosen.setCheckable(True)
            self._group.addButton(chosen)
            day_box.addWidget(chosen)
            self.buttons[starts_at] = chosen
        self.hint.setText("Choose a time:" if times else "No free times in the next week.")

    def chosen(self) -> str:
        """The chosen time (ISO), or "" when none is."""
        return next((s for s, b in self.buttons.items() if b.isChecked()), "")

    def clear(self) -> None:
        for chosen in self.buttons.values():
            self._group.removeButton(chosen)
        self.buttons.clear()
        while (item := self._days.takeAt(0)) is not None:
            shown = item.widget()
            if shown is not None:
                shown.hide()  # gone now, not when Qt next deletes
                shown.deleteLater()
        self.hint.setText("")


def _clear(layout: WrapLayout, group: QButtonGroup, buttons: dict[str, QPushButton]) -> None:
    for chosen in buttons.values():
        group.removeButton(chosen)
        layout.removeWidget(chosen)
        chosen.deleteLater()
    buttons.clear()


class BookingPanel(QFrame):
    service_chosen = Signal(str)
    # The service, the chosen start (ISO), name, phone and email (empty when not given).
    book_requested = Signal(str, str, str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookingPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label("Book for a customer", "detailStrong"))
        self.services_box = QWidget()
        self._services = WrapLayout(self.services_box, spacing=8)
        self._services.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.services_box)
        self.times = TimesPicker("bookTime")
        layout.addWidget(self.times)
        # The times' buttons by start (ISO), as the tests and screenshots reach them.
        self.time_buttons = self.times.buttons
        self.name = self._line("bookingName", "Their name", "The customer's name", 200)
        self.phone = self._line(
            "bookingPhone", "Mobile for a text (optional)", "The customer's mobile number", 20
        )
        self.email = self._line(
            "bookingEmail", "Email (optional)", "The customer's email address", 254
        )
        for field in (self.name, self.phone, self.email):
            layout.addWidget(field)
        self.book_button = button("Book", "primary", "Book the appointment")
        self.book_button.setObjectName("bookAppointment")
        self.book_button.clicked.connect(self._on_book)
        layout.addWidget(self.book_button)
        self.status = label("", "detailStrong")
        self.status.setObjectName("bookingStatus")
        self.status.setVisible(False)
        layout.addWidget(self.status)
        self._service_group = QButtonGroup(self)
        self.service_buttons: dict[str, QPushButton] = {}

    @staticmethod
    def _line(name: str, placeholder: str, accessible: str, most: int) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(accessible)
        field.setMaxLength(most)
        return field

    def show_services(self, services: Sequence[tuple[str, str]]) -> None:
        """``(code, name)`` for each bookable service here; the first is chosen."""
        _clear(self._services, self._service_group, self.service_buttons)
        for code, name in services:
            chosen = button(name, "period", f"Book: {name}")
            chosen.setObjectName(f"bookService-{code}")
            chosen.setCheckable(True)
            chosen.clicked.connect(lambda _=False, picked=code: self.service_chosen.emit(picked))
            self._service_group.addButton(chosen)
            self._services.addWidget(chosen)
            self.service_buttons[code] = chosen
        if not services:
            self.show_status("Nothing can be booked at this location.")

    def show_times(self, times: Sequence[tuple[str, str]]) -> None:
        self.times.show_times(times)

    def _on_book(self) -> None:
        service = next((c for c, b in self.service_buttons.items() if b.isChecked()), "")
        starts_at = self.times.chosen()
        name = self.name.text().strip()
        if not (service and starts_at and name):
            self.show_status("Choose a service and a time, and give their name.")
            return
        self.book_requested.emit(
            service, starts_at, name, self.phone.text().strip(), self.email.text().strip()
        )

    def booked(self, text: str) -> None:
        for field in (self.name, self.phone, self.email):
            field.clear()
        self.show_status(text)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
