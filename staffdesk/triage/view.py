"""The triage list on the board: Call next at the top, then one entry per walk-in, arrived
appointment and kiosk fault, each with its timer (colour and a word) and its actions. Help
requests keep their own list beside it, with Claim and the mirror."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.triage.schemas import TriageKind, TriageOutcome
from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout
from staffdesk.appointments.view import AppointmentsPanel
from staffdesk.card import card_heading
from staffdesk.flash import set_property
from staffdesk.keyed import KeyedColumn, scrolling_column
from staffdesk.triage.pass_on import PassOnPanel
from staffdesk.triage.walk_in import WalkInPanel
from staffdesk.triage.words import TriageLine

# The outcomes a greeter picks from after Done (a kiosk fault has its own two).
OUTCOMES = (
    (TriageOutcome.RESOLVED, "Sorted"),
    (TriageOutcome.SIGNPOSTED, "Signposted"),
    (TriageOutcome.SELF_SERVED, "Self-served"),
    (TriageOutcome.APPOINTMENT_MADE, "Appointment made"),
)
FAULT_OUTCOMES = ((TriageOutcome.FIXED, "Fixed"), (TriageOutcome.REPORTED, "Reported to IT"))
# Actions that mean nothing for a kiosk fault (nobody to pass on, or not turn up).
PEOPLE_ONLY = ("transfer", "no-show")


class TriageEntryView(QFrame):
    # (entry id, action): call, park, no-show; closed: (entry id, outcome).
    action_requested = Signal(str, str)
    close_requested = Signal(str, str)
    # Pass on… (the entry id and its title): the page to choose whom to.
    transfer_opened = Signal(str, str)
    # Done opened the outcomes (the widget to scroll into view).
    outcomes_shown = Signal(QWidget)

    def __init__(self, entry: TriageLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry_id = entry.entry_id
        # The title, then the timer beneath it.
        layout, self.title, self.waiting = card_heading(
            self, f"triage-{entry.entry_id}", "helpEntry", f"timer-{entry.entry_id}", tight=True
        )
        self.need = label("", "detailStrong")
        self.priority = label("", "detail")
        self.state = label("", "detail")
        for widget in (self.need, self.priority, self.state):
            layout.addWidget(widget)
        actions = QWidget()
        wrap = WrapLayout(actions, spacing=8)
        wrap.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for action, text, role in (
            ("call", "Call", "primary"),
            ("park", "Park", "secondary"),
            ("transfer", "Pass on…", "secondary"),
            ("no-show", "No-show", "secondary"),
        ):
            choice = button(text, role, f"{text.rstrip('…')}: {entry.title}")
            choice.setObjectName(f"{action}-{entry.entry_id}")
            if action != "transfer":
                choice.clicked.connect(
                    lambda _=False, chosen=action: self.action_requested.emit(self.entry_id, chosen)
                )
            wrap.addWidget(choice)
            self.buttons[action] = choice
        self.buttons["transfer"].clicked.connect(self._on_transfer_clicked)
        self.done = button("Done…", "secondary", f"Done: {entry.title}")
        self.done.setObjectName(f"done-{entry.entry_id}")
        wrap.addWidget(self.done)
        layout.addWidget(actions)
        # Done opens the outcomes: one more tap says how it ended.
        self.outcomes = QWidget()
        outcome_wrap = WrapLayout(self.outcomes, spacing=8)
        outcome_wrap.setContentsMargins(0, 0, 0, 0)
        self.outcome_buttons: dict[TriageOutcome, QPushButton] = {}
        for outcome, text in OUTCOMES + FAULT_OUTCOMES:
            choice = button(text, "secondary", f"Done, {text.lower()}: {entry.title}")
            self.outcome_buttons[outcome] = choice
            choice.setObjectName(f"outcome-{outcome.value}-{entry.entry_id}")
            choice.clicked.connect(
                lambda _=False, chosen=outcome.value: self.close_requested.emit(
                    self.entry_id, chosen
                )
            )
            outcome_wrap.addWidget(choice)
        self.outcomes.setVisible(False)
        layout.addWidget(self.outcomes)
        self.done.clicked.connect(self._on_done_clicked)
        self.update_entry(entry)

    def _on_done_clicked(self) -> None:
        self.outcomes.setVisible(not self.outcomes.isVisible())
        if self.outcomes.isVisible():
            self.outcomes_shown.emit(self.outcomes)

    def _on_transfer_clicked(self) -> None:
        self.transfer_opened.emit(self.entry_id, self.title.text())

    def update_entry(self, entry: TriageLine) -> None:
        self.title.setText(entry.title)
        self.need.setText(entry.need)
        self.priority.setText(entry.priority)
        self.priority.setVisible(bool(entry.priority))
        self.state.setText(entry.state)
        self.buttons["call"].setVisible(entry.can_call)
        self.buttons["park"].setVisible(entry.can_park)
        fault = entry.kind is TriageKind.KIOSK_FAULT
        for action in PEOPLE_ONLY:
            self.buttons[action].setVisible(not fault)
        for outcome, _ in FAULT_OUTCOMES:
            self.outcome_buttons[outcome].setVisible(fault)
        for outcome, _ in OUTCOMES:
            self.outcome_buttons[outcome].setVisible(not fault)
        self.set_timer(entry.timer.text, entry.timer.tone)

    def set_timer(self, text: str, tone: str) -> None:
        self.waiting.setText(text)
        self.tone = tone
        set_property(self.waiting, "tone", tone)


class TriageView(QWidget):
    call_next_requested = Signal()
    # Pass on… opened its page for an entry (the colleagues are asked for); then the
    # entry, the colleague chosen (ANY_ADVISOR for the advisors) and the note.
    transfer_opened = Signal(str)
    transfer_requested = Signal(str, int, str)
    # The need, the tier's number, the name given (empty when none), the declared needs.
    walk_in_requested = Signal(str, int, str, list)
    action_requested = Signal(str, str)
    close_requested = Signal(str, str)
    # Add a walk-in and Bookings are pages of their own (the window shows them): one was
    # opened, or closed to come back to the list.
    walk_in_opened = Signal()
    appointments_opened = Signal()
    pass_on_opened = Signal()
    panel_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addLayout(self._build_header())
        self.notice = label("", "hint")
        self.notice.setObjectName("triageNotice")
        self.notice.setVisible(False)
        outer.addWidget(self.notice)
        # The list's three pages (the window shows them in its place): made here, as the
        # list's buttons open them and its presenters drive them.
        self.appointments = AppointmentsPanel()
        self.appointments.close_requested.connect(self.panel_closed)
        self.walk_in = WalkInPanel()
        self.walk_in.add_requested.connect(self.walk_in_requested)
        self.walk_in.close_requested.connect(self.panel_closed)
        self.pass_on = PassOnPanel()
        self.pass_on.chosen.connect(self._on_pass_on_chosen)
        self.pass_on.close_requested.connect(self.panel_closed)
        self.empty = label("Nobody is waiting at the desk.", "hint")
        self.empty.setObjectName("triageEmpty")
        self.scroll_area, self._list = scrolling_column("triage", self.empty)
        outer.addWidget(self.scroll_area, 1)
        self._column: KeyedColumn[str, TriageLine, TriageEntryView] = KeyedColumn(
            self._list,
            key=lambda entry: entry.entry_id,
            make=self._make_entry,
            update=TriageEntryView.update_entry,
        )
        self.entries = self._column.views

    def _build_header(self) -> QVBoxLayout:
        """The title, then one row: Bookings, Add a walk-in and, at the end, Call next (short
        words, so the row fits the narrowest column without wrapping)."""
        header = QVBoxLayout()
        header.setSpacing(8)
        header.addWidget(label("Waiting at the desk", "sectionTitle"))
        row = QHBoxLayout()
        row.setSpacing(8)
        self.call_next = button("Call next", "primary", "Call the next person waiting")
        self.call_next.setObjectName("callNext")
        self.call_next.clicked.connect(self.call_next_requested)
        self.add_walk_in = button("Add a walk-in", "secondary", "Add a walk-in")
        self.add_walk_in.setObjectName("addWalkIn")
        self.add_walk_in.clicked.connect(self.open_walk_in)
        self.show_appointments = button("Bookings", "secondary", "Appointments today")
        self.show_appointments.setObjectName("showAppointments")
        self.show_appointments.clicked.connect(self.open_appointments)
        row.addWidget(self.show_appointments)
        row.addWidget(self.add_walk_in)
        row.addStretch(1)
        row.addWidget(self.call_next)
        header.addLayout(row)
        return header

    def _make_entry(self, entry: TriageLine) -> TriageEntryView:
        view = TriageEntryView(entry)
        view.action_requested.connect(self.action_requested)
        view.close_requested.connect(self.close_requested)
        view.transfer_opened.connect(self.open_pass_on)
        view.outcomes_shown.connect(self._bring_into_view)
        return view

    def open_pass_on(self, entry_id: str, title: str) -> None:
        """The Pass on page for an entry: from its line here, or the mirror's help request."""
        self.pass_on.open_for(entry_id, title)
        self.pass_on_opened.emit()
        self.transfer_opened.emit(entry_id)

    def _on_pass_on_chosen(self, staff_id: int, note: str) -> None:
        # Back to the list at once: it shows the entry passed on, or why it was not.
        self.transfer_requested.emit(self.pass_on.entry_id, staff_id, note)
        self.panel_closed.emit()

    def _bring_into_view(self, shown: QWidget) -> None:
        # Once laid out: what was just shown has no place in the list until the loop turns.
        QTimer.singleShot(0, lambda: self.scroll_area.ensureWidgetVisible(shown, 0, 8))

    def show_entries(self, entries: Sequence[TriageLine]) -> None:
        self._column.show(entries)
        self.empty.setVisible(not entries)

    def open_walk_in(self) -> None:
        self.walk_in.reset()
        self.walk_in.scroll_area.verticalScrollBar().setValue(0)
        self.walk_in_opened.emit()

    def open_appointments(self) -> None:
        self.appointments.scroll_area.verticalScrollBar().setValue(0)
        self.appointments_opened.emit()

    def show_colleagues(self, entry_id: str, colleagues: Sequence[tuple[int, str]]) -> None:
        if self.pass_on.entry_id == entry_id:
            self.pass_on.show_colleagues(colleagues)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
