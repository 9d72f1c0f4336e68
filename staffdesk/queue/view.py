"""The help queue: one entry per open request, the longest waiting first, each with a live
waiting counter and a Claim button (none when another greeter is helping)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from shared.ui.widgets import button, label
from staffdesk.flash import set_property
from staffdesk.keyed import KeyedColumn, scrolling_column
from staffdesk.words import HelpEntry


class HelpEntryView(QFrame):
    claim_requested = Signal(str)
    open_requested = Signal(str)

    def __init__(self, entry: HelpEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.help_id = entry.help_id
        self.setObjectName(f"help-{entry.help_id}")
        self.setProperty("frameRole", "helpEntry")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(6)
        # The kiosk, and its waiting time beneath (beside it, the time's large figures kept
        # the entry from narrowing into the column beside the triage list).
        self.kiosk = label("", "cardTitle")
        self.waiting = label("", "waiting")
        self.waiting.setObjectName(f"waiting-{entry.help_id}")
        layout.addWidget(self.kiosk)
        layout.addWidget(self.waiting)
        self.service = label("", "detailStrong")
        self.errors = label("", "detailError")
        self.on_step = label("", "detail")
        self.language = label("", "detail")
        self.access = label("", "detail")
        for widget in (self.service, self.errors, self.on_step, self.language, self.access):
            layout.addWidget(widget)
        bottom = QHBoxLayout()
        self.helper = label("", "status")
        self.helper.setObjectName(f"helper-{entry.help_id}")
        set_property(self.helper, "tone", "help")
        bottom.addWidget(self.helper)
        bottom.addStretch(1)
        self.claim_button = button("Claim", "primary", f"Claim: help at {entry.kiosk}")
        self.claim_button.setObjectName(f"claim-{entry.help_id}")
        self.claim_button.setMinimumWidth(200)
        self.open_button = button("Open", "primary", f"Open: help at {entry.kiosk}")
        self.open_button.setObjectName(f"open-{entry.help_id}")
        self.open_button.setMinimumWidth(200)
        bottom.addWidget(self.claim_button)
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)
        self.claim_button.clicked.connect(lambda: self.claim_requested.emit(self.help_id))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.help_id))
        self.update_entry(entry)

    def update_entry(self, entry: HelpEntry) -> None:
        self.kiosk.setText(entry.kiosk)
        self.waiting.setText(entry.waiting)
        self.service.setText(entry.service)
        self.errors.setText("\n".join(f"Met: {e}" for e in entry.errors))
        self.errors.setVisible(bool(entry.errors))
        self.on_step.setText(entry.on_step)
        self.language.setText(entry.language)
        self.access.setText(entry.access)
        self.access.setVisible(bool(entry.access))
        if entry.mine:
            self.helper.setText("You are helping")
        elif entry.claimed_by is not None:
            self.helper.setText(f"{entry.claimed_by} is helping")
        else:
            self.helper.setText("Nobody is helping yet")
        set_property(self, "claimed", entry.claimed_by is not None)
        self.claim_button.setVisible(entry.claimed_by is None)
        self.open_button.setVisible(entry.mine)

    def set_waiting(self, text: str) -> None:
        self.waiting.setText(text)


class QueueView(QWidget):
    claim_requested = Signal(str)
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queue")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(label("Help requests", "sectionTitle"))
        self.empty = label("Nobody is waiting for help.", "hint")
        self.empty.setObjectName("queueEmpty")
        self.scroll_area, self._list = scrolling_column("queue", self.empty)
        outer.addWidget(self.scroll_area, 1)
        self._column: KeyedColumn[str, HelpEntry, HelpEntryView] = KeyedColumn(
            self._list,
            key=lambda entry: entry.help_id,
            make=self._make_entry,
            update=HelpEntryView.update_entry,
        )
        self.entries = self._column.views

    def _make_entry(self, entry: HelpEntry) -> HelpEntryView:
        view = HelpEntryView(entry)
        view.claim_requested.connect(self.claim_requested)
        view.open_requested.connect(self.open_requested)
        return view

    def primary_widget(self) -> QWidget | None:
        """The first request's Claim (or Open, when it is the greeter's own), if any."""
        for index in range(1, self._list.count()):
            item = self._list.itemAt(index)
            entry = item.widget() if item is not None else None
            if isinstance(entry, HelpEntryView):
                for choice in (entry.open_button, entry.claim_button):
                    if choice.isVisibleTo(entry):
                        return choice
        return None

    def show_entries(self, entries: Sequence[HelpEntry]) -> None:
        self._column.show(entries)
        self.empty.setVisible(not entries)
