"""Speak to someone: the customer asks to be seen by an advisor and gets a ticket number.

An optional mobile number (typed on the on-screen keyboard) lets the council text them when
they are called. The number comes back large ("Your number is W014") with how many are
waiting before them. Every word is the flow's, in the customer's language
(:func:`shared.flow.texts.ui_text`); the kiosk asks the backend, this page only draws.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.flow.texts import ui_text
from shared.ui.fields import button, label
from shared.ui.touch import make_touch_scrollable


class SpeakView(QWidget):
    # The customer pressed Get a number: what they typed as their phone number ("" for none).
    number_requested = Signal(str)
    # The customer has their number and is done.
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speak")
        self._language = "en"
        # The ticket shown, to word again in another language: (ticket, ahead, texted).
        self._ticket: tuple[str, int, bool] | None = None
        self._problem: str | None = None
        self.page_scroll, outer = scrolling_page(self)
        self.title: QLabel = label("", "title")
        outer.addWidget(self.title)
        outer.addWidget(self._build_asking())
        self.message: QLabel = label("", "error")
        self.message.setObjectName("speakMessage")
        self.message.hide()
        outer.addWidget(self.message)
        outer.addWidget(self._build_ticket())
        outer.addStretch(1)
        self.get_button.clicked.connect(self._on_get)
        self.phone_edit.returnPressed.connect(self._on_get)
        self.done_button.clicked.connect(self.done)
        self.reset()

    def _build_asking(self) -> QWidget:
        """The optional phone number and Get a number, then what happens."""
        self.asking = QWidget()
        asking = QVBoxLayout(self.asking)
        asking.setContentsMargins(0, 0, 0, 0)
        asking.setSpacing(16)
        self.body: QLabel = label("", "body")
        self.phone_label: QLabel = label("", "label")
        asking.addWidget(self.phone_label)
        self.phone_hint: QLabel = label("", "hint")
        row = QHBoxLayout()
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("speakPhone")
        self.phone_edit.setProperty("keyboard", "phone")
        self.phone_edit.setMaxLength(20)
        self.phone_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.phone_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.phone_label.setBuddy(self.phone_edit)
        row.addWidget(self.phone_edit, 1)
        self.get_button = button("", "primary")
        self.get_button.setObjectName("getNumber")
        row.addWidget(self.get_button)
        asking.addLayout(row)
        # Below the box: while typing, the heading, the box's label and the box stay in view.
        asking.addWidget(self.phone_hint)
        asking.addWidget(self.body)
        return self.asking

    def _build_ticket(self) -> QWidget:
        """The number large, how many are before them, a text if they gave a number."""
        self.ticket = QWidget()
        ticket = QVBoxLayout(self.ticket)
        ticket.setContentsMargins(0, 0, 0, 0)
        ticket.setSpacing(16)
        self.number: QLabel = label("", "welcomeTitle")
        self.number.setObjectName("ticketNumber")
        ticket.addWidget(self.number)
        self.ahead: QLabel = label("", "body")
        ticket.addWidget(self.ahead)
        self.texted: QLabel = label("", "body")
        ticket.addWidget(self.texted)
        self.done_button = button("", "primary")
        self.done_button.setObjectName("speakDone")
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_button)
        done_row.addStretch(1)
        ticket.addLayout(done_row)
        return self.ticket

    def reset(self) -> None:
        """Back to asking, with nothing typed (the phone number goes with the customer)."""
        self.phone_edit.clear()
        self._ticket = None
        self._problem = None
        self.get_button.setEnabled(True)
        self._refresh()

    @property
    def language(self) -> str:
        """The customer's language, as the window last set it."""
        return self._language

    def set_language(self, language: str) -> None:
        self._language = language
        self._refresh()

    def show_busy(self) -> None:
        self.get_button.setEnabled(False)
        self._problem = None
        self._refresh()

    def show_problem(self, text: str) -> None:
        """Something the customer should know (a phone number that is not one, no network);
        what they typed stays."""
        self.get_button.setEnabled(True)
        self._problem = text
        self._refresh()

    def show_ticket(self, ticket: str, ahead: int, *, texted: bool) -> None:
        self._ticket = (ticket, ahead, texted)
        self._problem = None
        self.phone_edit.clear()
        self._refresh()

    def spoken_text(self) -> str:
        shown = (self.number, self.ahead) if self._ticket else (self.title, self.body)
        return " ".join(part.text() for part in shown)

    def _on_get(self) -> None:
        if self.get_button.isEnabled() and self._ticket is None:
            self.number_requested.emit(self.phone_edit.text().strip())

    def _refresh(self) -> None:
        language = self._language
        self.title.setText(ui_text("speak.title", language))
        self.body.setText(ui_text("speak.body", language))
        self.phone_label.setText(ui_text("speak.phone", language))
        self.phone_hint.setText(ui_text("speak.phone_hint", language))
        self.phone_edit.setAccessibleName(self.phone_label.text())
        self.get_button.setText(ui_text("speak.get", language))
        self.get_button.setAccessibleName(self.get_button.text())
        self.done_button.setText(ui_text("speak.done", language))
        self.done_button.setAccessibleName(self.done_button.text())
        self.asking.setVisible(self._ticket is None)
        self.ticket.setVisible(self._ticket is not None)
        if self._ticket is not None:
            number, ahead, texted = self._ticket
            self.number.setText(ui_text("speak.number", language, ticket=number))
            self.ahead.setText(
                ui_text("speak.ahead", language, count=ahead)
                if ahead
                else ui_text("speak.next", language)
            )
            self.texted.setText(ui_text("speak.texted", language))
            self.texted.setVisible(texted)
        self.message.setText(self._problem or "")
        self.message.setVisible(self._problem is not None)


def scrolling_page(owner: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """``owner``'s page, in a scroll area (so the on-screen keyboard never covers a box on
    it): the area, and the layout to put the page's parts in."""
    area = QScrollArea()
    area.setObjectName("screenScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    make_touch_scrollable(area)
    root = QVBoxLayout(owner)
    root.setContentsMargins(0, 0, 0, 0)
    root.addWidget(area)
    page = QWidget()
    page.setObjectName("screenBody")
    area.setWidget(page)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(32, 16, 32, 16)
    outer.setSpacing(20)
    return area, outer
