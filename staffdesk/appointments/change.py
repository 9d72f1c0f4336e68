"""Cancelling or moving one booking at the desk: the day's bookings (and one found by its
reference) as rows with **Cancel…** and **Move…**, and the panel either opens. Cancelling
asks first, with an optional reason; moving offers the booking's service's earliest free
times in the picker booking uses, then **Move to this time**."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton, QVBoxLayout, QWidget

from shared.appointments.schemas import MAX_NOTE
from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout
from staffdesk.appointments.booking import TimesPicker
from staffdesk.flash import set_property
from staffdesk.keyed import KeyedColumn


@dataclass(frozen=True)
class BookingLine:
    """One booking as a row: its reference (as the backend takes it), its service (to find
    free times when moving it), the words shown, and whether it can still change (booked,
    not yet arrived, cancelled or past)."""

    reference: str
    service_code: str
    text: str
    can_change: bool
    # The booking in a few words for asking about it ("AP-P9W-3CF, 11:30 Visitor 3").
    what: str = ""


class BookingRow(QFrame):
    cancel_requested = Signal(str)
    rebook_requested = Signal(str)

    def __init__(self, line: BookingLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = line.reference
        self.setObjectName(f"booking-{line.reference}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        self.text = label("", "detail")
        layout.addWidget(self.text)
        actions = QWidget()
        wrap = WrapLayout(actions, spacing=8)
        wrap.setContentsMargins(0, 0, 0, 0)
        self.rebook = button("Move…", "secondary")
        self.rebook.setObjectName(f"rebook-{line.reference}")
        self.rebook.clicked.connect(lambda: self.rebook_requested.emit(self.reference))
        self.cancel = button("Cancel…", "secondary")
        self.cancel.setObjectName(f"cancel-{line.reference}")
        self.cancel.clicked.connect(lambda: self.cancel_requested.emit(self.reference))
        wrap.addWidget(self.rebook)
        wrap.addWidget(self.cancel)
        self.action_row = actions
        layout.addWidget(actions)
        self.update_line(line)

    def update_line(self, line: BookingLine) -> None:
        self.text.setText(line.text)
        self.rebook.setAccessibleName(f"Move the booking {line.reference}")
        self.cancel.setAccessibleName(f"Cancel the booking {line.reference}")
        self.action_row.setVisible(line.can_change)


class DayList(QWidget):
    """Bookings as rows, kept by reference (a row is never rebuilt under a finger)."""

    cancel_requested = Signal(str)
    rebook_requested = Signal(str)

    def __init__(self, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.empty = label(empty, "detail")
        layout.addWidget(self.empty)
        # The rows' bookings by reference, in the order shown.
        self.lines: dict[str, BookingLine] = {}
        self._column: KeyedColumn[str, BookingLine, BookingRow] = KeyedColumn(
            layout, key=lambda line: line.reference, make=self._make, update=BookingRow.update_line
        )
        self.rows = self._column.views

    def _make(self, line: BookingLine) -> BookingRow:
        row = BookingRow(line)
        row.cancel_requested.connect(self.cancel_requested)
        row.rebook_requested.connect(self.rebook_requested)
        return row

    def show_lines(self, lines: Sequence[BookingLine]) -> None:
        self.lines = {line.reference: line for line in lines}
        self._column.show(lines)
        self.empty.setVisible(not lines)

    def text(self) -> str:
        """The rows' words, one a line (or the line said when there are none)."""
        return "\n".join(line.text for line in self.lines.values()) or self.empty.text()


class ChangePanel(QFrame):
    """Cancel (asked first, with a reason) or move one booking."""

    # The reference and the reason (may be empty).
    cancel_confirmed = Signal(str, str)
    # The reference and the new start (ISO).
    rebook_confirmed = Signal(str, str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeBooking")
        self.setProperty("frameRole", "card")
        self.reference = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        self.title = label("", "cardTitle")
        self.title.setObjectName("changeTitle")
        layout.addWidget(self.title)
        self.reason = QLineEdit()
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText("Why (optional), e.g. customer phoned")
        self.reason.setAccessibleName("Why the booking is cancelled, if you want to say")
        self.reason.setMaxLength(MAX_NOTE)
        layout.addWidget(self.reason)
        self.times = TimesPicker("rebookTime")
        layout.addWidget(self.times)
        self.status = label("", "detailStrong")
        self.status.setObjectName("changeStatus")
        self.status.setVisible(False)
        layout.addWidget(self.status)
        actions = QWidget()
        wrap = WrapLayout(actions, spacing=24)
        wrap.setContentsMargins(0, 0, 0, 0)
        self.keep = button("No, keep it", "secondary", "Keep the booking as it is")
        self.keep.setObjectName("keepBooking")
        self.keep.clicked.connect(self.closed)
        self.confirm_cancel = button("Yes, cancel it", "secondary", "Yes, cancel the booking")
        self.confirm_cancel.setObjectName("confirmCancel")
        set_property(self.confirm_cancel, "destructive", True)
        self.confirm_cancel.clicked.connect(
            lambda: self.cancel_confirmed.emit(self.reference, self.reason.text().strip())
        )
        self.confirm_rebook = button("Move to this time", "primary", "Move to the chosen time")
        self.confirm_rebook.setObjectName("confirmRebook")
        self.confirm_rebook.clicked.connect(self._on_rebook)
        wrap.addWidget(self.keep)
        wrap.addWidget(self.confirm_rebook)
        wrap.addWidget(self.confirm_cancel)
        layout.addWidget(actions)
        self.setVisible(False)

    def ask_cancel(self, reference: str, what: str) -> None:
        self._open(reference, f"Cancel {what}?")
        self.reason.setVisible(True)
        self.confirm_cancel.setVisible(True)

    def ask_rebook(self, reference: str, what: str) -> None:
        self._open(reference, f"Move {what} to:")
        self.times.setVisible(True)
        self.confirm_rebook.setVisible(True)
        self.times.hint.setText("Finding free times…")

    def _open(self, reference: str, title: str) -> None:
        self.reference = reference
        self.title.setText(title)
        self.reason.clear()
        self.times.clear()
        self.show_status("")
        for widget in (self.reason, self.times, self.confirm_cancel, self.confirm_rebook):
            widget.setVisible(False)
        self.keep.setText("No, keep it")
        self.setVisible(True)

    def done(self, text: str) -> None:
        """Changed: what happened, and nothing more to press but to close."""
        for widget in (self.reason, self.times, self.confirm_cancel, self.confirm_rebook):
            widget.setVisible(False)
        self.keep.setText("Close")
        self.show_status(text)

    def _on_rebook(self) -> None:
        starts_at = self.times.chosen()
        if not starts_at:
            self.show_status("Choose a time first.")
            return
        self.rebook_confirmed.emit(self.reference, starts_at)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def primary(self) -> QPushButton:
        return self.keep
