"""Track a case: type a reference, see its status and public history.

The reference is checked on the kiosk first: its check character catches a mistyped
character or two swapped ones, and the customer is told so before anything is looked up.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shared.cases.schemas import PublicCase
from shared.cases.workflow import CaseStatus
from shared.flow.kiosk_screen import TrackResult, TrackScreen
from shared.ui.locale import date_words, datetime_words
from shared.ui.touch import scrolling_page
from shared.ui.widgets import button, label

# A case's status in the customer's words: lupdate picks these up for translation.
STATUS_WORDS = {
    CaseStatus.SUBMITTED: QT_TRANSLATE_NOOP("TrackView", "Received"),
    CaseStatus.TRIAGED: QT_TRANSLATE_NOOP("TrackView", "Passed to the team"),
    CaseStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("TrackView", "Being worked on"),
    CaseStatus.AWAITING_CUSTOMER: QT_TRANSLATE_NOOP("TrackView", "Waiting for you"),
    CaseStatus.RESOLVED: QT_TRANSLATE_NOOP("TrackView", "Done"),
    CaseStatus.CLOSED: QT_TRANSLATE_NOOP("TrackView", "Closed"),
    CaseStatus.DUPLICATE: QT_TRANSLATE_NOOP("TrackView", "Already reported"),
    CaseStatus.CANCELLED: QT_TRANSLATE_NOOP("TrackView", "Cancelled"),
}


def status_words(status: CaseStatus) -> str:
    return QCoreApplication.translate("TrackView", str(STATUS_WORDS.get(status, status.label)))


class TrackView(QWidget):
    lookup_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("track")
        self._result: TrackResult | None = None
        # Everything scrolls, so the on-screen keyboard never covers the reference box.
        self.page_scroll, outer = scrolling_page(self)
        self.title: QLabel = label("", "title")
        outer.addWidget(self.title)
        self.hint: QLabel = label("", "hint")
        outer.addWidget(self.hint)
        row = QHBoxLayout()
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("referenceInput")
        self.reference_edit.setProperty("keyboard", "postcode")
        self.reference_edit.setMaxLength(20)
        self.reference_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reference_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.reference_edit.setDragEnabled(False)
        row.addWidget(self.reference_edit, 1)
        self.check_button = button("", "primary")
        self.check_button.setObjectName("checkReference")
        row.addWidget(self.check_button)
        outer.addLayout(row)
        self.message: QLabel = label("", "error")
        self.message.setObjectName("trackMessage")
        self.message.hide()
        outer.addWidget(self.message)
        self.result = QWidget()
        self.result.setObjectName("trackResult")
        self._result_layout = QVBoxLayout(self.result)
        self._result_layout.setContentsMargins(0, 0, 0, 0)
        self._result_layout.setSpacing(16)
        outer.addWidget(self.result)
        outer.addStretch(1)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.reference_edit.returnPressed.connect(self._on_check_clicked)
        self.retranslate()

    def reset(self) -> None:
        self.reference_edit.clear()
        self.message.clear()
        self.message.hide()
        self._clear_result()

    def _clear_result(self) -> None:
        self._result = None
        while self._result_layout.count():
            item = self._result_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def case_status(self) -> QLabel | None:
        return self.result.findChild(QLabel, "trackStatus")

    def show_problem(self, text: str) -> None:
        self._clear_result()
        self.message.setProperty("textRole", "error")
        self.message.setText(text)
        self.message.show()
        self.reference_edit.setProperty("invalid", True)
        self._repolish()

    def show_looking(self) -> None:
        self.message.setProperty("textRole", "hint")
        self.message.setText(self.tr("Looking for your request…"))
        self.message.show()
        self._repolish()

    def show_case(self, case: PublicCase, language: str) -> None:
        self.message.hide()
        self.reference_edit.setProperty("invalid", False)
        self._repolish()
        due = None
        if case.sla_due is not None:
            due = self.tr("We aim to finish by %1").replace(
                "%1", date_words(case.sla_due, language)
            )
        events = [(e.at, status_words(e.status)) for e in case.history]
        events += [(u.at, u.text) for u in case.updates]
        lines = []
        for at, words in sorted(events, key=lambda item: item[0]):
            lines.append(f"{datetime_words(at, language)}: {words}")
        # A typed reference shows only status and dates: what the case is about needs its
        # tracking token, which only the customer's QR code and messages carry.
        heading = case.reference_display
        if case.service_name:
            heading = f"{case.service_name} — {heading}"
        self._show_result(
            TrackResult(
                heading=heading,
                status=self.tr("Status: %1").replace("%1", status_words(case.status)),
                due=due,
                history_title=self.tr("What has happened"),
                events=tuple(lines),
            )
        )

    def _show_result(self, result: TrackResult | None) -> None:
        self._clear_result()
        self._result = result
        if result is None:
            return
        layout = self._result_layout
        heading = label(result.heading, "label")
        heading.setObjectName("trackHeading")
        layout.addWidget(heading)
        status = label(result.status, "title")
        status.setObjectName("trackStatus")
        layout.addWidget(status)
        if result.due is not None:
            layout.addWidget(label(result.due, "body"))
        layout.addWidget(label(result.history_title, "label"))
        for line in result.events:
            layout.addWidget(label(line, "body"))

    def screen_state(self) -> TrackScreen:
        """What the page shows, worded (for the desk's mirror)."""
        shown = not self.message.isHidden()
        return TrackScreen(
            title=self.title.text(),
            hint=self.hint.text(),
            reference=self.reference_edit.text(),
            reference_invalid=bool(self.reference_edit.property("invalid")),
            check=self.check_button.text(),
            message=self.message.text() if shown else None,
            message_role="hint" if self.message.property("textRole") == "hint" else "error",
            result=self._result,
        )

    def show_screen(self, state: TrackScreen) -> None:
        """Draw the page as the kiosk reported it (the mirror)."""
        self.title.setText(state.title)
        self.hint.setText(state.hint)
        if self.reference_edit.text() != state.reference:
            self.reference_edit.setText(state.reference)
        self.reference_edit.setProperty("invalid", state.reference_invalid)
        self.check_button.setText(state.check)
        self.message.setProperty("textRole", state.message_role)
        self.message.setText(state.message or "")
        self.message.setVisible(state.message is not None)
        self._repolish()
        if state.result != self._result:
            self._show_result(state.result)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check on a request"))
        self.hint.setText(
            self.tr("Type your reference. It is 9 letters and numbers, like K2A-222-2KC.")
        )
        self.reference_edit.setAccessibleName(self.tr("Your reference"))
        self.check_button.setText(self.tr("Check"))
        self.check_button.setAccessibleName(self.tr("Check"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_check_clicked(self) -> None:
        self.lookup_requested.emit(self.reference_edit.text())

    def _repolish(self) -> None:
        for widget in (self.message, self.reference_edit):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
