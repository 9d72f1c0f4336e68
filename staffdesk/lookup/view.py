"""Find a case: one search box (a reference, a name, a phone number, an email or a
postcode), the cases it finds, and the chosen case with its history and notes, where the
greeter can add a note. Beside each other on a landscape tablet; one above the other in
portrait. A thin view: :class:`~staffdesk.lookup.presenter.LookupPresenter` asks and words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import WrappedButton, button, label
from staffdesk.flash import set_property

NOTE_MAX_CHARS = 4000


@dataclass(frozen=True, slots=True)
class HitRow:
    """One case found, in words: its reference, and a line or two about it."""

    reference: str
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseDetail:
    reference: str
    title: str
    facts: tuple[tuple[str, str], ...]
    # Oldest first: (when, what).
    history: tuple[tuple[str, str], ...]


class _PageScroll(QScrollArea):
    """Scrolls its page rather than squeezing it: the page is always as tall as its wrapped
    words need at the width it is given (a wrapped label's own minimum is one line)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        inner = self.widget()
        if inner is not None and inner.hasHeightForWidth():
            inner.setMinimumHeight(inner.heightForWidth(self.viewport().width()))


def _scrolling(inner: QWidget, name: str) -> QScrollArea:
    area = _PageScroll()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    make_touch_scrollable(area)
    return area


class LookupView(QWidget):
    search_requested = Signal(str)
    case_chosen = Signal(str)  # a reference
    note_requested = Signal(str, str)  # a reference, the note
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPage")
        self.hit_buttons: dict[str, WrappedButton] = {}
        self.shown_reference: str | None = None
        self._build()
        self._connect_signals()
        self.clear()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(label("Find a case", "deskTitle"), 1)
        self.back_button = button("Back to the board", "secondary")
        self.back_button.setObjectName("lookupBack")
        top.addWidget(self.back_button)
        outer.addLayout(top)
        search = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setObjectName("lookupQuery")
        self.query.setPlaceholderText("Reference, name, phone, email or postcode")
        self.query.setAccessibleName("Search for a case")
        self.query.setMaxLength(200)
        self.search_button = button("Search", "primary", "Search for cases")
        self.search_button.setObjectName("lookupSearch")
        search.addWidget(self.query, 1)
        search.addWidget(self.search_button)
        outer.addLayout(search)
        self.status = label("", "note")
        self.status.setObjectName("lookupStatus")
        outer.addWidget(self.status)

        self._panes = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._panes.setSpacing(16)
        hits = QWidget()
        self._hits = QVBoxLayout(hits)
        self._hits.setContentsMargins(0, 0, 8, 0)
        self._hits.setSpacing(8)
        # Under the cases found, until one is chosen.
        self.choose_hint = label("Choose a case to see its history and notes.", "hint")
        self.choose_hint.setObjectName("lookupChooseHint")
        self._hits.addWidget(self.choose_hint)
        self._hits.addStretch(1)
        self._panes.addWidget(_scrolling(hits, "lookupHits"), 2)
        self._panes.addWidget(_scrolling(self._build_detail(), "lookupDetailScroll"), 3)
        outer.addLayout(self._panes, 1)

    def _build_detail(self) -> QWidget:
        self.detail = QFrame()
        self.detail.setObjectName("lookupDetail")
        self.detail.setProperty("frameRole", "card")
        column = QVBoxLayout(self.detail)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(8)
        self.case_title = label("", "cardTitle")
        self.case_title.setObjectName("lookupCaseTitle")
        self.facts = label("", "detail")
        self.facts.setObjectName("lookupFacts")
        column.addWidget(self.case_title)
        column.addWidget(self.facts)
        column.addWidget(label("History and notes", "sectionTitle"))
        self.history = label("", "detail")
        self.history.setObjectName("lookupHistory")
        column.addWidget(self.history)
        column.addWidget(label("Add a note (staff only: the customer does not see it)", "label"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("lookupNote")
        self.note.setAccessibleName("A note on this case")
        self.note.setFixedHeight(120)
        column.addWidget(self.note)
        self.add_note_button = button("Add the note", "primary", "Add the note to this case")
        self.add_note_button.setObjectName("lookupAddNote")
        column.addWidget(self.add_note_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        return self.detail

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.search_button.clicked.connect(self._on_search_clicked)
        self.query.returnPressed.connect(self._on_search_clicked)
        self.add_note_button.clicked.connect(self._on_add_note_clicked)

    # Showing ----------------------------------------------------------------------------

    def set_portrait(self, portrait: bool) -> None:
        self._panes.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def clear(self) -> None:
        """Nothing searched, nothing shown (signing out forgets it all)."""
        self.query.clear()
        self.show_status("")
        self.show_hits([])
        self.show_case(None)

    def show_status(self, text: str, tone: str = "") -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        set_property(self.status, "tone", tone)

    def show_hits(self, rows: Sequence[HitRow]) -> None:
        for old in self.hit_buttons.values():
            old.hide()
            old.setParent(None)
            old.deleteLater()
        self.hit_buttons = {}
        self.choose_hint.setVisible(bool(rows) and self.shown_reference is None)
        for row in rows:
            words = "\n".join((row.title, *row.lines))
            widget = WrappedButton(words, "lookupHit", margins=(16, 10, 16, 10))
            widget.setObjectName(f"hit-{row.reference}")
            widget.setAccessibleName(words)
            widget.clicked.connect(lambda _=False, r=row.reference: self.case_chosen.emit(r))
            self._hits.insertWidget(self._hits.count() - 2, widget)
            self.hit_buttons[row.reference] = widget

    def show_case(self, detail: CaseDetail | None) -> None:
        self.detail.setVisible(detail is not None)
        self.choose_hint.setVisible(detail is None and bool(self.hit_buttons))
        if detail is None:
            self.shown_reference = None
            self.note.clear()
            return
        if detail.reference != self.shown_reference:
            self.note.clear()
        self.shown_reference = detail.reference
        for reference, widget in self.hit_buttons.items():
            set_property(widget, "current", reference == detail.reference)
        self.case_title.setText(detail.title)
        self.facts.setText("\n".join(f"{name}: {value}" for name, value in detail.facts))
        self.history.setText("\n".join(f"{when} — {what}" for when, what in detail.history))

    def note_added(self) -> None:
        self.note.clear()

    def primary_widget(self) -> QWidget:
        return self.query

    # Intents ----------------------------------------------------------------------------

    def _on_search_clicked(self) -> None:
        text = " ".join(self.query.text().split())
        if text:
            self.search_requested.emit(text)
        else:
            self.show_status("Type a reference, a name, a phone number, an email or a postcode.")

    def _on_add_note_clicked(self) -> None:
        body = self.note.toPlainText().strip()
        if self.shown_reference is None:
            return
        if not body:
            self.show_status("Type the note first.")
            return
        self.note_requested.emit(self.shown_reference, body[:NOTE_MAX_CHARS])
