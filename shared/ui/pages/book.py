"""Book an appointment: a day and a time, the customer's name and how to reach them, a
check with Change links, and the reference large with a QR code to the appointment's page.
The same page changes or cancels one (``kiosk/manage.py``): the reference and the phone or
email booked with, the booking in rows with two large choices, the same time picker, and
the reference large again at the end.

The page draws a :class:`~shared.flow.book_screen.BookScreen` and reports what was
touched; the kiosk's presenter (``kiosk/book.py``) holds the booking and words every
state, and the staff desk's mirror draws the same state here, ``read_only``. The details
are the journeys' own text fields (:class:`~shared.ui.fields.LineField`, with the
on-screen keyboard's layouts); on the kiosk they are given the customer's own text beside
the state, which never carries it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.flow import FieldKind, FieldState
from shared.flow.book_screen import (
    CONTACT,
    EMAIL,
    FINISHED,
    NAME,
    PHONE,
    READING,
    REFERENCE,
    TYPING,
    Booked,
    BookField,
    BookRow,
    BookScreen,
    BookStage,
    SlotChoice,
)
from shared.flow.screen_state import MASK
from shared.schema import replace
from shared.ui.fields import LineField
from shared.ui.qr import QrCode
from shared.ui.screen import confirmation_panel, pin_title, pinned_title
from shared.ui.touch import scrolling_page
from shared.ui.widgets import WrappedButton, button, label
from shared.ui.wrap import WrapLayout

_KINDS = {
    NAME: FieldKind.NAME,
    PHONE: FieldKind.PHONE,
    EMAIL: FieldKind.EMAIL,
    # The reference on the postcode board (capitals and digits, left to right); a phone
    # number or an email address on the email board, which has both.
    REFERENCE: FieldKind.POSTCODE,
    CONTACT: FieldKind.EMAIL,
}
# The pages whose rows Read aloud reads out (a booking's check reads its heading only).
_READ_OUT = frozenset({BookStage.FOUND, BookStage.CANCEL, BookStage.MOVE})
# Room for what the backend takes, and a little over so a long one is said, not cut.
_LENGTHS = {NAME: 200, PHONE: 20, EMAIL: 254, REFERENCE: 20, CONTACT: 254}


class BookView(QWidget):
    # A day's key (its ISO date) or a time's (its start) was touched.
    day_chosen = Signal(str)
    time_chosen = Signal(str)
    # The customer typed in a box: its id and what it holds now.
    answer_changed = Signal(str, str)
    # The footer's buttons: Back, and the page's main button (Continue, Book this time).
    back_requested = Signal()
    primary_requested = Signal()
    # A Change link on Check your booking: the stage it goes to.
    change_requested = Signal(str)
    # One of the page's large choices (a found booking's "Cancel it"): its key.
    action_chosen = Signal(str)
    # Booked (or cancelled, or moved), and done.
    done = Signal()

    def __init__(self, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("book")
        self.read_only = read_only
        self._state: BookScreen | None = None
        self._shown_choices: tuple[tuple[SlotChoice, ...], tuple[SlotChoice, ...]] | None = None
        self.day_buttons: dict[str, QPushButton] = {}
        self.time_buttons: dict[str, QPushButton] = {}
        self.change_buttons: list[QPushButton] = []
        self.action_buttons: dict[str, WrappedButton] = {}
        self._shown_actions: tuple[SlotChoice, ...] | None = None
        self._shown_rows: tuple[BookRow, ...] | None = None
        self.page_scroll, outer = scrolling_page(self)
        # Above the page, as a journey's: the heading stays in view while typing on a screen
        # too short for it, a box and the keyboard together (:meth:`pin_title`).
        self.pinned_title = pinned_title()
        # The layout :func:`scrolling_page` gave the page, round its scrolling area.
        cast(QVBoxLayout, self.layout()).insertWidget(0, self.pinned_title)
        self.title: QLabel = label("", "title")
        self.service: QLabel = label("", "service")
        self.service.setObjectName("bookService")
        outer.addWidget(self.service)
        outer.addWidget(self.title)
        outer.addWidget(self._build_message())
        outer.addWidget(self._build_pick())
        outer.addWidget(self._build_details())
        # Under the boxes: while typing, the heading, a box's label and the box stay in view.
        self.body: QLabel = label("", "body")
        outer.addWidget(self.body)
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.rows_box)
        self.actions_box = QWidget()
        self.actions_box.setObjectName("bookActions")
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.actions_layout.setContentsMargins(0, 0, 0, 0)
        self.actions_layout.setSpacing(16)
        outer.addWidget(self.actions_box)
        outer.addWidget(self._build_booked())
        outer.addLayout(self._build_footer())
        outer.addStretch(1)
        self._connect_signals()
        if read_only:
            for field in self.fields.values():
                field.set_read_only(True)

    def _build_message(self) -> QWidget:
        """A plain sentence when booking cannot go on as asked. The ways on are the bar's
        Start again and Help me: drawn twice, a screen reader would read two of each."""
        self.message: QLabel = label("", "error")
        self.message.setObjectName("bookMessage")
        return self.message

    def _build_pick(self) -> QWidget:
        self.pick = QWidget()
        pick = QVBoxLayout(self.pick)
        pick.setContentsMargins(0, 0, 0, 0)
        pick.setSpacing(16)
        self.busy: QLabel = label("", "hint")
        self.busy.setObjectName("bookBusy")
        pick.addWidget(self.busy)
        self.days_box = QWidget()
        self.days_box.setObjectName("bookDays")
        self.days_layout = WrapLayout(self.days_box, spacing=12)
        self.days_layout.setContentsMargins(0, 0, 0, 0)
        pick.addWidget(self.days_box)
        self.times_title: QLabel = label("", "label")
        pick.addWidget(self.times_title)
        self.times_box = QWidget()
        self.times_box.setObjectName("bookTimes")
        self.times_layout = WrapLayout(self.times_box, spacing=12)
        self.times_layout.setContentsMargins(0, 0, 0, 0)
        pick.addWidget(self.times_box)
        return self.pick

    def _build_details(self) -> QWidget:
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(20)
        self.fields: dict[str, LineField] = {}
        for field_id, kind in _KINDS.items():
            field = LineField(_field_state(field_id, kind, ""), "en")
            self.fields[field_id] = field
            details.addWidget(field)
        return self.details

    def _build_booked(self) -> QWidget:
        self.booked = QWidget()
        booked = QVBoxLayout(self.booked)
        booked.setContentsMargins(0, 0, 0, 0)
        booked.setSpacing(16)
        panel, inside = confirmation_panel()
        self.booked_title: QLabel = label("", "panelTitle")
        self.reference_caption: QLabel = label("", "panelBody")
        self.reference: QLabel = label("", "reference")
        self.reference.setObjectName("bookReference")
        self.reference.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        for shown in (self.booked_title, self.reference_caption, self.reference):
            shown.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            inside.addWidget(shown)
        booked.addWidget(panel)
        self.when: QLabel = label("", "subtitle")
        self.when.setObjectName("bookWhen")
        booked.addWidget(self.when)
        self.next: QLabel = label("", "body")
        self.next.setObjectName("bookNext")
        booked.addWidget(self.next)
        row = QHBoxLayout()
        self.qr_code = QrCode()
        self.qr_code.setObjectName("appointmentQr")
        self.qr_caption: QLabel = label("", "hint")
        row.addWidget(self.qr_code)
        row.addWidget(self.qr_caption, 1)
        booked.addLayout(row)
        return self.booked

    def _build_footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        self.back_button = button("", "secondary")
        self.back_button.setObjectName("bookBack")
        self.primary_button = button("", "primary")
        self.primary_button.setObjectName("bookPrimary")
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        footer.addWidget(self.primary_button)
        return footer

    def _connect_signals(self) -> None:
        if self.read_only:
            return
        self.back_button.clicked.connect(self.back_requested)
        self.primary_button.clicked.connect(self._on_primary_clicked)
        for field_id, field in self.fields.items():
            field.value_changed.connect(
                lambda value, f=field_id: self.answer_changed.emit(f, str(value or ""))
            )

    # Drawing ------------------------------------------------------------------------------

    def show_screen(
        self,
        state: BookScreen,
        typed: Mapping[str, str] | None = None,
        qr_link: str | None = None,
    ) -> None:
        """Draw ``state``; ``typed``: the kiosk's own text for its boxes (the mirror has
        none, and shows a mask where something is typed); ``qr_link``: the kiosk's own
        link for the QR code, with the secret that shows the booking (the state's has none).
        """
        self._state = state
        stage = state.stage
        self.title.setText(state.title)
        # Booked: the title is the panel's, over the reference.
        self.title.setVisible(state.booked is None)
        self.service.setText(state.service)
        self.body.setText(state.body or "")
        self.body.setVisible(state.body is not None)
        self.message.setText(state.message or "")
        self.message.setVisible(state.message is not None)
        self.pick.setVisible(stage is BookStage.PICK)
        self.details.setVisible(stage in TYPING)
        self.rows_box.setVisible(stage in READING)
        self.booked.setVisible(stage in FINISHED)
        self._show_pick(state)
        self._show_fields(state.fields, typed)
        self._show_rows(state.rows)
        self._show_actions(state.actions)
        self._show_booked(state.booked, qr_link)
        self.primary_button.setEnabled(not state.waiting)
        for widget, words in ((self.back_button, state.back), (self.primary_button, state.primary)):
            widget.setText(words or "")
            widget.setAccessibleName(words or "")
            widget.setVisible(words is not None)

    def _show_pick(self, state: BookScreen) -> None:
        self.busy.setText(state.busy or "")
        self.busy.setVisible(state.busy is not None)
        self.times_title.setText(state.times_title or "")
        self.times_title.setVisible(state.times_title is not None)
        choices = (state.days, state.times)
        if choices == self._shown_choices:
            return
        self._shown_choices = choices
        self.day_buttons = _fill(self.days_layout, state.days, self.day_chosen)
        self.time_buttons = _fill(self.times_layout, state.times, self.time_chosen)
        self.days_box.setVisible(bool(state.days))
        self.times_box.setVisible(bool(state.times))

    def _show_fields(self, fields: tuple[BookField, ...], typed: Mapping[str, str] | None) -> None:
        # Only the page's own boxes: booking's details, or changing's reference and contact.
        wanted = {shown.id for shown in fields}
        for field_id, box in self.fields.items():
            box.setVisible(field_id in wanted)
        for shown in fields:
            field = self.fields.get(shown.id)
            if field is None:
                continue
            value = typed.get(shown.id, "") if typed is not None else MASK if shown.given else ""
            field.apply(_field_state(shown.id, _KINDS[shown.id], shown.label), value)
            field.set_error(shown.error)

    def _show_rows(self, rows: tuple[BookRow, ...]) -> None:
        if rows == self._shown_rows:
            return
        self._shown_rows = rows
        _empty(self.rows_layout)
        self.change_buttons = []
        for row in rows:
            # As a journey's check: the label and the answer, and Change beside them.
            frame = QFrame()
            frame.setProperty("frameRole", "checkRow")
            line = QHBoxLayout(frame)
            words = QVBoxLayout()
            words.addWidget(label(row.label, "label"))
            value = label(row.value if row.value is not None else _hidden(row), "checkValue")
            value.setObjectName("bookRowValue")
            words.addWidget(value)
            line.addLayout(words, 1)
            if row.change is not None and row.change_to is not None:
                link = button(row.change, "link", f"{row.change}: {row.label}")
                link.setObjectName(f"bookChange:{row.change_to.value}")
                if not self.read_only:
                    link.clicked.connect(
                        lambda _=False, to=row.change_to: self.change_requested.emit(to.value)
                    )
                line.addWidget(link, 0, Qt.AlignmentFlag.AlignTop)
                self.change_buttons.append(link)
            self.rows_layout.addWidget(frame)

    def _show_actions(self, actions: tuple[SlotChoice, ...]) -> None:
        """The page's large choices, made again when they change: as wide as the page,
        their words wrapping in a long language or large text."""
        self.actions_box.setVisible(bool(actions))
        if actions == self._shown_actions:
            return
        self._shown_actions = actions
        _empty(self.actions_layout)
        self.action_buttons = {}
        for action in actions:
            widget = WrappedButton(action.words, "tile", margins=(20, 12, 20, 12))
            widget.setObjectName(f"bookAction:{action.key}")
            if not self.read_only:
                widget.clicked.connect(lambda _=False, key=action.key: self.action_chosen.emit(key))
            self.actions_layout.addWidget(widget)
            self.action_buttons[action.key] = widget

    def _show_booked(self, booked: Booked | None, qr_link: str | None) -> None:
        if booked is None:
            for shown in (self.booked_title, self.reference_caption, self.reference, self.when):
                shown.setText("")
            self.next.setText("")
            self.qr_code.set_text("")
            return
        self.booked_title.setText(booked.title)
        self.reference_caption.setText(booked.reference_label)
        self.reference.setText(booked.reference)
        self.reference.setAccessibleName(
            f"{booked.reference_label}: " + " ".join(booked.reference.replace("-", ""))
        )
        self.when.setText(booked.when)
        self.next.setText(booked.next)
        link = qr_link or booked.qr_url
        if self.qr_code.text != link:
            self.qr_code.set_text(link)
        self.qr_code.setVisible(bool(booked.qr_url))
        self.qr_code.setAccessibleName(booked.qr_caption)
        self.qr_caption.setText(booked.qr_caption)
        self.qr_caption.setVisible(bool(booked.qr_url))

    # Reading ------------------------------------------------------------------------------

    def screen_state(self) -> BookScreen | None:
        """What the page shows, for the desk's mirror: whether each box holds anything
        (as typed this moment), never what."""
        state = self._state
        if state is None:
            return None
        fields = tuple(replace(shown, given=bool(self.typed(shown.id))) for shown in state.fields)
        return replace(state, fields=fields)

    def typed(self, field_id: str) -> str:
        field = self.fields.get(field_id)
        value = field.value() if field is not None else None
        return value.strip() if isinstance(value, str) else ""

    def clear(self) -> None:
        """Every box emptied and nothing of the last booking left drawn (the customer has
        gone)."""
        for field in self.fields.values():
            field.set_value("")
            field.set_error(None)
        self.show_screen(BookScreen(stage=BookStage.PICK, title="", service=""), typed={})

    def spoken_text(self) -> str:
        state = self._state
        if state is None:
            return ""
        if state.booked is not None:
            return f"{state.booked.title}. {state.booked.when}. {state.booked.next}"
        parts = [state.message, state.title, state.body]
        if state.stage in _READ_OUT:
            # A booking found, or about to change: what, when and where, then the choices,
            # so a customer who listens knows it is theirs and what they can do.
            parts += [f"{row.label}: {row.value}" for row in state.rows if row.value]
            parts += [action.words for action in state.actions]
        return " ".join(part for part in parts if part)

    def pin_title(self, pinned: bool) -> None:
        """Show the heading above the page (it stays put while the page scrolls to the box
        being typed in), or put it back in the page."""
        shown = self.title if self.title.isVisibleTo(self) else None
        pin_title(self.pinned_title, shown, pinned)

    def _on_primary_clicked(self) -> None:
        if self._state is not None and self._state.stage in FINISHED:
            self.done.emit()
        else:
            self.primary_requested.emit()


def _field_state(field_id: str, kind: FieldKind, words: str) -> FieldState:
    return FieldState(id=field_id, kind=kind, label=words, max_length=_LENGTHS[field_id])


def _hidden(row: BookRow) -> str:
    return MASK if row.given else row.not_given


def _empty(layout: QLayout) -> None:
    """Every widget in ``layout`` taken out and deleted (its parts are made again)."""
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()


def _fill(
    layout: WrapLayout, choices: tuple[SlotChoice, ...], chosen: SignalInstance
) -> dict[str, QPushButton]:
    """``layout``'s buttons made again, one per choice, a chosen one marked."""
    _empty(layout)
    buttons: dict[str, QPushButton] = {}
    for choice in choices:
        # A plain button: a day or a time is a few characters, never a line to wrap.
        widget = button(choice.words, "slot")
        widget.setObjectName(f"slot:{choice.key}")
        widget.setCheckable(True)
        widget.setChecked(choice.chosen)
        widget.clicked.connect(lambda _=False, key=choice.key: chosen.emit(key))
        layout.addWidget(widget)
        buttons[choice.key] = widget
    return buttons
