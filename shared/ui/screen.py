"""ScreenView: draws one :class:`ScreenState` — the kiosk's live screen, the desk's mirror.

The kiosk draws its customer's screen with it and turns its intent signals into flow
actions; the staff desk draws the mirrored state with the same class, ``read_only``. Every
word comes from the state (already in the customer's language) or from the flow's own
texts in that language, so both ends show the same screen by construction.

A new step rebuilds the page; a newer state of the same step only updates values and
errors, so the field being typed in keeps its focus and cursor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.cases.tracking import tracking_link
from shared.flow import FieldKind, ScreenState, StepKind, texts
from shared.flow.kiosk_screen import AddressLookupState
from shared.flow.screen_state import CheckRow, FieldValue
from shared.flow.steps import ADDRESS, POSTCODE, UPRN
from shared.ui.fields import DateField, FieldWidget, LineField, make_field
from shared.ui.locale import date_words, datetime_words, number_words
from shared.ui.qr import QrCode
from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import WrappedButton, button, label

# Fields the customer never sees: the property number follows the address they choose.
_HIDDEN = frozenset({FieldKind.UPRN})


class ScreenView(QWidget):
    """One screen of a journey. In ``read_only`` mode nothing can be typed or pressed."""

    answer_changed = Signal(str, object)
    focus_changed = Signal(object)
    next_requested = Signal()
    back_requested = Signal()
    change_requested = Signal(str)
    submit_requested = Signal()
    address_lookup_requested = Signal(str)
    # Read-only mode: a field was tapped (the desk highlights it on the kiosk).
    field_tapped = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.read_only = read_only
        self.state: ScreenState | None = None
        self.tracking_url = ""
        # The shown case's tracking token: the QR code's link carries it (the kiosk's only).
        self.tracking_token = ""
        self._fields: dict[str, FieldWidget] = {}
        self._change_buttons: dict[str, QPushButton] = {}
        self._error_links: list[QWidget] = []
        self._highlight: str | None = None
        self._address_choices: QWidget | None = None
        # What the address choices and the screen's message show (the mirror's state).
        self._lookup: AddressLookupState | None = None
        self._message: str | None = None
        self._page: QWidget | None = None
        self.setObjectName("screenRoot")
        self._build()
        self._connect_signals()

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QHBoxLayout()
        header.setContentsMargins(32, 16, 32, 0)
        self.service_label = label("", "service")
        self.progress_label = label("", "progress")
        self.progress_label.setWordWrap(False)
        header.addWidget(self.service_label, 1)
        header.addWidget(self.progress_label)
        outer.addLayout(header)
        self.pinned_title = pinned_title()
        outer.addWidget(self.pinned_title)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("screenScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_touch_scrollable(self.scroll_area)
        # Pages come and go inside one container: swapping the scroll area's own widget
        # would re-parent the old page to no window and re-polish the area each time.
        self._container = QWidget()
        self._container.setObjectName("screenPage")
        self._container_layout = QVBoxLayout(self._container)
        self._container_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area.setWidget(self._container)
        outer.addWidget(self.scroll_area, 1)
        # Back and Continue; the kiosk hides the row while typing when the screen is short
        # (the keyboard's Done goes on as Continue does).
        self.footer = QWidget()
        self.footer.setObjectName("screenFooter")
        footer = QHBoxLayout(self.footer)
        footer.setContentsMargins(32, 12, 32, 16)
        footer.setSpacing(24)
        self.back_button = button("", "secondary")
        self.back_button.setObjectName("back")
        self.primary_button = button("", "primary")
        self.primary_button.setObjectName("primary")
        self.primary_button.setMinimumWidth(280)
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        footer.addWidget(self.primary_button)
        outer.addWidget(self.footer)
        if self.read_only:
            for widget in (self.back_button, self.primary_button):
                widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self._on_back_clicked)
        self.primary_button.clicked.connect(self._on_primary_clicked)

    # Drawing ----------------------------------------------------------------------------

    def show_state(self, state: ScreenState, unmasked: Mapping[str, object] | None = None) -> None:
        """Draw ``state``; ``unmasked`` holds what the kiosk's own widgets show in place of
        masked values (the customer's own answers). The mirror never has it."""
        if self.state is not None and state.sequence < self.state.sequence:
            return
        same_page = (
            self.state is not None
            and self._page is not None
            and (self.state.service_code, self.state.step_id, self.state.language)
            == (state.service_code, state.step_id, state.language)
            and self.state.accessibility == state.accessibility
            and [f.id for f in self.state.fields] == [f.id for f in state.fields]
            and self.state.reference == state.reference
        )
        self.state = state
        if not same_page:
            self._rebuild(state)
        self._apply(state, unmasked or {})

    def clear(self) -> None:
        """Forget the screen (the privacy wipe): every text emptied at once, the page taken
        out of the window and destroyed."""
        self.state = None
        page = self._page
        if page is not None:
            for edit in page.findChildren(QLineEdit):
                edit.clear()
            for area in page.findChildren(QPlainTextEdit):
                area.clear()
            for words in page.findChildren(QLabel):
                words.clear()
            for choice in page.findChildren(QPushButton):
                choice.setText("")
        self._drop_page(detach=True)
        self.service_label.clear()
        self.progress_label.clear()
        self.back_button.hide()
        self.primary_button.hide()

    def pin_title(self, pinned: bool) -> None:
        """Show the screen's question above the page (it stays put while the page scrolls
        to the field), or put it back in the page."""
        pin_title(self.pinned_title, getattr(self, "title_label", None), pinned)

    def field(self, field_id: str) -> FieldWidget | None:
        return self._fields.get(field_id)

    def fields(self) -> Sequence[FieldWidget]:
        return tuple(self._fields.values())

    def change_button(self, field_id: str) -> QPushButton:
        return self._change_buttons[field_id]

    def set_highlight(self, field_id: str | None) -> None:
        """Mark one field (a greeter pointing at it); ``None`` clears the mark."""
        self._highlight = field_id
        for fid, widget in self._fields.items():
            widget.set_highlighted(fid == field_id)
        if field_id in self._fields:
            self.scroll_area.ensureWidgetVisible(self._fields[field_id], 24, 24)

    def show_address_choices(self, postcode: str, choices: Sequence[tuple[str, str]]) -> None:
        """Addresses found for ``postcode``, as (property number, address line) pairs."""
        if self.state is None:
            return
        language = self.state.language
        if not choices:
            lookup = AddressLookupState(
                heading=texts.ui_text("screen.address.none", language), found=False
            )
        else:
            lookup = AddressLookupState(
                heading=texts.ui_text("screen.address.choose", language),
                choices=tuple(line for _uprn, line in choices),
                manual=texts.ui_text("screen.address.manual", language),
            )
        self._draw_lookup(lookup, [uprn for uprn, _line in choices])
        if not choices:
            self._reveal_address(focus=True)

    def show_lookup(self, lookup: AddressLookupState | None) -> None:
        """Draw the address choices as the kiosk reported them (the mirror: read-only)."""
        if lookup is None:
            self._lookup = None
            if self._address_choices is not None:
                self._address_choices.hide()
        elif lookup != self._lookup or (
            self._address_choices is not None and self._address_choices.isHidden()
        ):
            self._draw_lookup(lookup, [str(n) for n in range(len(lookup.choices))])

    def lookup_state(self) -> AddressLookupState | None:
        """The address choices shown under the postcode, or None."""
        return self._lookup

    def message(self) -> str | None:
        """The message about the whole screen shown in the summary, or None."""
        return self._message

    def _draw_lookup(self, lookup: AddressLookupState, ids: Sequence[str]) -> None:
        if self._address_choices is None:
            return
        layout = self._address_choices.layout()
        if not isinstance(layout, QVBoxLayout):
            return
        while layout.count():
            item = layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self._lookup = lookup
        if not lookup.found:
            layout.addWidget(label(lookup.heading, "error"))
        else:
            layout.addWidget(label(lookup.heading, "label"))
            for uprn, line in zip(ids, lookup.choices, strict=True):
                choice = button(line, "secondary")
                choice.setObjectName(f"address:{uprn}")
                choice.setProperty("choiceRole", "address")
                choice.clicked.connect(
                    lambda _=False, u=uprn, a=line: self._on_address_chosen(u, a)
                )
                layout.addWidget(choice)
            if lookup.manual is not None:
                manual = button(lookup.manual, "link")
                manual.setObjectName("address:manual")
                manual.clicked.connect(self._on_manual_address_clicked)
                layout.addWidget(manual)
        if self.read_only:
            for control in self._address_choices.findChildren(QPushButton):
                control.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                control.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._address_choices.show()

    def _drop_page(self, *, detach: bool = False) -> None:
        self._fields = {}
        self._change_buttons = {}
        self._error_links = []
        self._address_choices = None
        self._lookup = None
        self._message = None
        old = self._page
        if old is not None:
            self._container_layout.removeWidget(old)
            old.hide()
            if detach:
                old.setParent(None)
            old.deleteLater()
        self._page = None

    def _rebuild(self, state: ScreenState) -> None:
        self._drop_page()
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if state.direction == "rtl"
            else Qt.LayoutDirection.LeftToRight
        )
        page = QWidget()
        page.setObjectName("screenBody")
        page.setLayoutDirection(self.layoutDirection())
        body = QVBoxLayout(page)
        body.setContentsMargins(32, 16, 32, 24)
        body.setSpacing(24)
        self.title_label = label(state.title, "title")
        self.title_label.setObjectName("title")
        confirmed = state.step_kind is StepKind.CONFIRMATION and state.reference is not None
        if confirmed:
            # GOV.UK's confirmation pattern: the title and the reference in a panel.
            body.addWidget(self._build_panel(state))
        else:
            body.addWidget(self.title_label)
        self.body_label = label(state.body or "", "body")
        self.body_label.setObjectName("body")
        # In the page before it is hidden or shown: a widget shown without a parent is a
        # window of its own, and taking the focus from the kiosk's for a moment.
        body.addWidget(self.body_label)
        self.body_label.setVisible(bool(state.body))
        body.addWidget(self._build_error_summary(state))
        for field_state in state.fields:
            widget = make_field(field_state, state.language)
            self._fields[field_state.id] = widget
            if field_state.kind in _HIDDEN:
                widget.hide()
            widget.set_read_only(self.read_only)
            # One question on the screen: its title is the question, so no second label.
            widget.set_label_visible(len(state.fields) > 1 or field_state.label != state.title)
            body.addWidget(widget)
            self._wire_field(widget)
            if field_state.id == POSTCODE:
                self._add_address_finder(widget, body, state.language)
        if state.step_kind is StepKind.CHECK:
            self._build_check_rows(state, body)
        if confirmed:
            self._build_next_steps(state, body)
        body.addStretch(1)
        self._page = page
        self._container_layout.addWidget(page)
        # Shown now, not when the layout's queued show comes round: the screen is complete
        # the moment the state is drawn.
        page.show()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._word_buttons(state)
        if not self.read_only:
            for widget in self._fields.values():
                if isinstance(widget, DateField):
                    QTimer.singleShot(0, widget, widget.start)

    def _build_error_summary(self, state: ScreenState) -> QFrame:
        self.error_summary = QFrame()
        self.error_summary.setProperty("frameRole", "errorSummary")
        self.error_summary.setObjectName("errorSummary")
        summary = QVBoxLayout(self.error_summary)
        summary.addWidget(label(texts.ui_text("screen.errors.title", state.language), "title"))
        self._summary_layout = QVBoxLayout()
        summary.addLayout(self._summary_layout)
        self.error_summary.hide()
        return self.error_summary

    def _wire_field(self, widget: FieldWidget) -> None:
        field_id = widget.field_id
        widget.value_changed.connect(
            lambda value, f=field_id, w=widget: self._on_value_changed(f, w, value)
        )
        widget.focused.connect(lambda f=field_id: self.focus_changed.emit(f))
        if self.read_only:
            widget.installEventFilter(self)
            for child in widget.findChildren(QWidget):
                child.installEventFilter(self)
                child.setProperty("mirrorField", field_id)
            widget.setProperty("mirrorField", field_id)

    def _add_address_finder(self, postcode: FieldWidget, body: QVBoxLayout, language: str) -> None:
        if not isinstance(postcode, LineField):
            return
        find = button(texts.ui_text("screen.address.find", language), "secondary")
        find.setObjectName("address:find")
        if self.read_only:
            find.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        find.clicked.connect(self._on_find_address_clicked)
        postcode.add_button(find)
        self._address_choices = QWidget()
        self._address_choices.setObjectName("addressChoices")
        choices = QVBoxLayout(self._address_choices)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(12)
        self._address_choices.hide()
        body.addWidget(self._address_choices)

    def _build_check_rows(self, state: ScreenState, body: QVBoxLayout) -> None:
        for row in state.check_rows:
            frame = QFrame()
            frame.setProperty("frameRole", "checkRow")
            frame.setObjectName(f"check:{row.field}")
            line = QHBoxLayout(frame)
            words = QVBoxLayout()
            words.addWidget(label(row.label, "label"))
            value = label(check_words(row, state.language), "checkValue")
            value.setObjectName(f"checkValue:{row.field}")
            words.addWidget(value)
            line.addLayout(words, 1)
            change = button(texts.ui_text("screen.change", state.language), "link")
            change.setAccessibleName(
                f"{texts.ui_text('screen.change', state.language)}: {row.label}"
            )
            change.setObjectName(f"change:{row.field}")
            change.clicked.connect(lambda _=False, s=row.change_step: self.change_requested.emit(s))
            if self.read_only:
                change.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self._change_buttons[row.field] = change
            line.addWidget(change, 0, Qt.AlignmentFlag.AlignTop)
            body.addWidget(frame)

    def _build_panel(self, state: ScreenState) -> QFrame:
        """The confirmation's panel: what happened, and the reference in large type."""
        reference = state.reference or ""
        panel, inside = confirmation_panel()
        self.title_label.setProperty("textRole", "panelTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        inside.addWidget(self.title_label)
        caption = label(texts.ui_text("screen.reference.label", state.language), "panelBody")
        caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        inside.addWidget(caption)
        self.reference_label = label(reference, "reference")
        self.reference_label.setObjectName("reference")
        self.reference_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.reference_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reference_label.setAccessibleName(
            f"{texts.ui_text('screen.reference.label', state.language)}: "
            + " ".join(reference.replace("-", ""))
        )
        inside.addWidget(self.reference_label)
        return panel

    def _build_next_steps(self, state: ScreenState, body: QVBoxLayout) -> None:
        """What happens next: when the council replies (its SLA), and the QR code."""
        if state.reference is None:
            return
        language = state.language
        heading = label(texts.ui_text("screen.next.title", language), "subtitle")
        heading.setObjectName("nextTitle")
        body.addWidget(heading)
        days = state.response_days
        if days is not None:
            reply = (
                texts.ui_text("screen.next.reply.one", language)
                if days == 1
                else texts.ui_text("screen.next.reply", language, days=days)
            )
            self.reply_label = label(reply, "body")
            self.reply_label.setObjectName("nextReply")
            body.addWidget(self.reply_label)
        if self.tracking_url:
            compact = state.reference.replace("-", "").replace(" ", "")
            self.qr_code = QrCode(tracking_link(self.tracking_url, compact, self.tracking_token))
            self.qr_code.setObjectName("trackingQr")
            self.qr_code.setAccessibleName(texts.ui_text("screen.qr.caption", state.language))
            row = QHBoxLayout()
            row.addWidget(self.qr_code)
            row.addWidget(label(texts.ui_text("screen.qr.caption", state.language), "hint"), 1)
            body.addLayout(row)

    def _word_buttons(self, state: ScreenState) -> None:
        language = state.language
        self.back_button.setText(texts.ui_text("screen.back", language))
        self.back_button.setAccessibleName(self.back_button.text())
        kind = state.step_kind
        if kind is StepKind.CHECK:
            primary = "screen.submit"
        elif kind is StepKind.FEEDBACK:
            primary = "screen.finish"
        else:
            primary = "screen.continue"
        self.primary_button.setText(texts.ui_text(primary, language))
        self.primary_button.setAccessibleName(self.primary_button.text())

    def _apply(self, state: ScreenState, unmasked: Mapping[str, object]) -> None:
        self.service_label.setText(state.service_name)
        if state.step_number is not None:
            self.progress_label.setText(
                texts.ui_text(
                    "screen.progress",
                    state.language,
                    number=state.step_number,
                    count=state.step_count,
                )
            )
        else:
            self.progress_label.clear()
        self.title_label.setText(state.title)
        self.body_label.setText(state.body or "")
        self.body_label.setVisible(bool(state.body))
        self.back_button.setVisible(state.can_go_back or state.can_leave)
        self.primary_button.show()
        by_field = {e.field: e.text for e in state.errors if e.field}
        for field_state in state.fields:
            widget = self._fields[field_state.id]
            shown: object = field_state.value
            if field_state.masked and field_state.id in unmasked:
                shown = unmasked[field_state.id]
            widget.apply(field_state, shown if isinstance(shown, str | float | tuple) else None)
            widget.set_error(by_field.get(field_state.id))
        if state.step_kind is StepKind.CHECK:
            for row in state.check_rows:
                value = (
                    self._page.findChild(QLabel, f"checkValue:{row.field}") if self._page else None
                )
                if value is not None:
                    words = (
                        unmasked.get(row.field, row.value)
                        if row.masked
                        else check_words(row, state.language)
                    )
                    value.setText(str(words))
        if self.state is not None:
            self._show_errors(state)
        self.set_highlight(self._highlight if self._highlight in self._fields else None)
        if state.focus and state.focus in self._fields and not self.read_only:
            current = self._fields[state.focus]
            if state.errors and not current.control().hasFocus():
                current.focus()

    def _show_errors(self, state: ScreenState) -> None:
        for link in self._error_links:
            link.deleteLater()
        self._error_links = []
        self._message = None
        for error in state.errors:
            link = WrappedButton(error.text, "link")
            link.setProperty("errorLink", True)
            if error.field in self._fields:
                link.clicked.connect(lambda _=False, f=error.field: self._focus_field(f))
            self._summary_layout.addWidget(link)
            self._error_links.append(link)
        self.error_summary.setVisible(bool(state.errors))

    def show_message(self, text: str) -> None:
        """A problem about the whole screen that no field can fix (shown in the summary,
        until the next state is drawn)."""
        if self._page is None:
            return
        self._message = text
        notice = label(text, "error")
        notice.setObjectName("screenMessage")
        self._summary_layout.addWidget(notice)
        self._error_links.append(notice)
        self.error_summary.show()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _focus_field(self, field_id: str | None) -> None:
        widget = self._fields.get(field_id) if field_id is not None else None
        if widget is not None:
            widget.focus()
            self.scroll_area.ensureWidgetVisible(widget, 24, 24)

    def _reveal_address(self, *, focus: bool) -> None:
        address = self._fields.get(ADDRESS)
        if address is not None:
            address.show()
            if focus:
                address.focus()

    # Intents ----------------------------------------------------------------------------

    def _on_value_changed(self, field_id: str, widget: FieldWidget, value: object) -> None:
        # A page being replaced can still report (a date giving today's answer late).
        if not self.read_only and self._fields.get(field_id) is widget:
            self.answer_changed.emit(field_id, value)

    def _on_back_clicked(self) -> None:
        if not self.read_only:
            self.back_requested.emit()

    def _on_primary_clicked(self) -> None:
        if self.read_only or self.state is None:
            return
        # A date not yet touched answers with the day it shows before the customer goes on.
        for widget in self._fields.values():
            if isinstance(widget, DateField):
                widget.start()
        if self.state.step_kind is StepKind.CHECK:
            self.submit_requested.emit()
        else:
            self.next_requested.emit()

    def _on_find_address_clicked(self) -> None:
        postcode = self._fields.get(POSTCODE)
        if postcode is not None:
            self.address_lookup_requested.emit(str(postcode.value() or ""))

    def _on_address_chosen(self, uprn: str, line: str) -> None:
        if self.read_only:
            return
        self._lookup = None
        self.answer_changed.emit(ADDRESS, line)
        self.answer_changed.emit(UPRN, uprn)
        if self._address_choices is not None:
            self._address_choices.hide()

    def _on_manual_address_clicked(self) -> None:
        if self.read_only:
            return
        self._lookup = None
        if self._address_choices is not None:
            self._address_choices.hide()
        self._reveal_address(focus=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self.read_only and event.type() == QEvent.Type.MouseButtonRelease:
            field_id = watched.property("mirrorField")
            if isinstance(field_id, str):
                self.field_tapped.emit(field_id)
                return True
        return super().eventFilter(watched, event)


__all__ = ["FieldValue", "ScreenView"]


def check_words(row: CheckRow, language: str) -> str:
    """A check row's answer as the customer reads it: a date, time or number in their
    language's conventions (Qt's locale), anything else as the flow worded it."""
    if row.moment is not None:
        if row.whole_day:
            return date_words(row.moment.date(), language)
        return datetime_words(row.moment, language)
    if row.number is not None:
        return number_words(row.number, language)
    return row.value


def pinned_title() -> QLabel:
    """A screen's question, pinned above its page while typing on a screen too short for
    the question, the field and the keyboard together (the kiosk asks, :func:`pin_title`):
    the page scrolls to the field under it. Hidden until then."""
    pinned = label("", "title")
    pinned.setObjectName("pinnedTitle")
    pinned.setContentsMargins(32, 4, 32, 4)
    pinned.hide()
    return pinned


def pin_title(pinned: QLabel, title: QLabel | None, pin: bool) -> None:
    """Show ``title``'s words in ``pinned`` (from :func:`pinned_title`) when ``pin``, or
    hide it and leave the question to the page. A page rebuilt since may have dropped
    ``title``: nothing is pinned then."""
    text = title.text() if isinstance(title, QLabel) and shiboken6.isValid(title) else ""
    pinned.setText(text)
    pinned.setVisible(pin and bool(text))


def confirmation_panel() -> tuple[QFrame, QVBoxLayout]:
    """GOV.UK's confirmation panel (in the go colour, for a title and a reference in large
    type), and the layout to put them in: a journey's confirmation and a booking's."""
    panel = QFrame()
    panel.setObjectName("confirmationPanel")
    panel.setProperty("frameRole", "confirmationPanel")
    inside = QVBoxLayout(panel)
    inside.setContentsMargins(32, 24, 32, 24)
    inside.setSpacing(8)
    return panel, inside
