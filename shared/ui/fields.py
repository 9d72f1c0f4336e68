"""One widget per kind of field: what a :class:`FieldState` looks like on a screen.

Each field is a frame holding its label, hint, error and control. It reports what the
customer typed or chose as the raw value the flow engine takes (text as typed, a tuple of
option keys, an ISO date); the engine alone decides whether it is valid. A field given a
value never reports it back, so drawing a state never loops into the engine.

Text controls carry a ``keyboard`` property (``text``, ``email``, ``phone``, ``number``,
``postcode``) that the kiosk's on-screen keyboard reads to pick its layout.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, time
from typing import ClassVar

from PySide6.QtCore import QDate, QEvent, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shared.flow import FieldKind, FieldState, texts
from shared.flow.screen_state import FieldValue
from shared.ui.locale import month_name
from shared.ui.widgets import button, label

# The kiosk's keyboard layout for each kind of text field.
KEYBOARDS: dict[FieldKind, str] = {
    FieldKind.STRING: "text",
    FieldKind.TEXT: "text",
    FieldKind.NAME: "text",
    FieldKind.ADDRESS: "text",
    FieldKind.EMAIL: "email",
    FieldKind.PHONE: "phone",
    FieldKind.NUMBER: "number",
    FieldKind.POSTCODE: "postcode",
    FieldKind.UPRN: "number",
}


# The space between a marked field's band and its words.
HIGHLIGHT_INSET_PX = 12


class FieldWidget(QFrame):
    """A field's frame: label, hint, error, then the control that subclasses add."""

    value_changed = Signal(object)
    focused = Signal()

    def __init__(self, state: FieldState, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_id = state.id
        self.kind = state.kind
        self.language = language
        self.setProperty("frameRole", "field")
        self.setObjectName(f"field:{state.id}")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._label = label(state.label, "label")
        self._hint = label(state.hint or "", "hint")
        self._error = label("", "error")
        # Into the frame first: a label shown before it has a parent is a window of its own.
        for widget in (self._label, self._hint, self._error):
            self._layout.addWidget(widget)
        self._hint.setVisible(bool(state.hint))
        self._error.setVisible(False)
        self.state = state

    # What subclasses provide ------------------------------------------------------------

    def control(self) -> QWidget:
        """The widget that takes focus and carries the accessible name."""
        raise NotImplementedError

    def set_value(self, value: FieldValue | None) -> None:
        raise NotImplementedError

    def value(self) -> FieldValue | None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    # Shared -----------------------------------------------------------------------------

    def apply(self, state: FieldState, shown: FieldValue | None) -> None:
        """Show a newer state of this field: its value (unless being edited) and texts."""
        self.state = state
        self._label.setText(state.label)
        self._hint.setText(state.hint or "")
        self._hint.setVisible(bool(state.hint))
        if shown != self.value():
            self.set_value(shown)
        self._describe()

    def set_label_visible(self, visible: bool) -> None:
        self._label.setVisible(visible)

    def set_error(self, text: str | None) -> None:
        self._error.setText(text or "")
        self._error.setVisible(bool(text))
        invalid = bool(text)
        if self.property("invalid") != invalid:
            self.setProperty("invalid", invalid)
            _repolish(self)
        self._describe()

    def error_text(self) -> str:
        return self._error.text() if self._error.isVisible() else ""

    def set_highlighted(self, highlighted: bool) -> None:
        if self.property("highlighted") != highlighted:
            self.setProperty("highlighted", highlighted)
            # Room inside the mark's band (screen.qss draws it 6 px wide), so the band
            # frames the field's words instead of crossing them.
            inset = HIGHLIGHT_INSET_PX if highlighted else 0
            self._layout.setContentsMargins(inset, inset, inset, inset)
            _repolish(self)

    def focus(self) -> None:
        self.control().setFocus(Qt.FocusReason.OtherFocusReason)

    def _describe(self) -> None:
        control = self.control()
        control.setAccessibleName(self.state.label)
        parts = [p for p in (self.error_text(), self.state.hint or "") if p]
        control.setAccessibleDescription(" ".join(parts))

    def _emit(self) -> None:
        self.value_changed.emit(self.value())


class LineField(FieldWidget):
    """One line of text: names, email, phone, postcode, a short answer, a number."""

    def __init__(self, state: FieldState, language: str, parent: QWidget | None = None) -> None:
        super().__init__(state, language, parent)
        self._edit = _LineEdit()
        self._edit.setProperty("keyboard", KEYBOARDS.get(state.kind, "text"))
        if state.max_length:
            # A little room over the limit, so the engine can say it is too long.
            self._edit.setMaxLength(state.max_length + 20)
        self._edit.setDragEnabled(False)
        self._edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        if state.kind is FieldKind.EMAIL:
            self._edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        elif state.kind in (FieldKind.PHONE, FieldKind.NUMBER):
            self._edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        if state.kind in (FieldKind.EMAIL, FieldKind.PHONE, FieldKind.POSTCODE):
            # Addresses and numbers read left to right in every language.
            self._edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._row = QHBoxLayout()
        self._row.addWidget(self._edit, 1)
        self._layout.addLayout(self._row)
        self._edit.textEdited.connect(self._on_text_edited)
        self._edit.got_focus.connect(self.focused)
        self._describe()

    def control(self) -> QWidget:
        return self._edit

    def add_button(self, widget: QPushButton) -> None:
        self._row.addWidget(widget)

    def set_value(self, value: FieldValue | None) -> None:
        text = "" if value is None else _as_text(value)
        if self._edit.text() != text:
            with QSignalBlocker(self._edit):
                self._edit.setText(text)
            self._edit.align()

    def value(self) -> FieldValue | None:
        return self._edit.text()

    def set_read_only(self, read_only: bool) -> None:
        self._edit.setReadOnly(read_only)

    def _on_text_edited(self, _text: str) -> None:
        self._emit()


class TextAreaField(FieldWidget):
    """Several lines of text: a description, an address, a reason."""

    def __init__(self, state: FieldState, language: str, parent: QWidget | None = None) -> None:
        super().__init__(state, language, parent)
        self._edit = _PlainTextEdit()
        self._edit.setProperty("keyboard", "text")
        self._edit.setTabChangesFocus(True)
        self._edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._edit.setAcceptDrops(False)
        self._edit.setMinimumHeight(160)
        self._edit.setMaximumHeight(260)
        self._layout.addWidget(self._edit)
        self._edit.textChanged.connect(self._on_text_changed)
        self._edit.got_focus.connect(self.focused)
        self._describe()

    def control(self) -> QWidget:
        return self._edit

    def set_value(self, value: FieldValue | None) -> None:
        text = "" if value is None else _as_text(value)
        if self._edit.toPlainText() != text:
            with QSignalBlocker(self._edit):
                self._edit.setPlainText(text)

    def value(self) -> FieldValue | None:
        return self._edit.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        self._edit.setReadOnly(read_only)

    def _on_text_changed(self) -> None:
        self._emit()


class NumberField(LineField):
    """A number: typed on the number pad, or stepped with big Less and More buttons."""

    def __init__(self, state: FieldState, language: str, parent: QWidget | None = None) -> None:
        super().__init__(state, language, parent)
        self._less = button("\u2212", "secondary", texts.ui_text("screen.number.less", language))
        self._more = button("+", "secondary", texts.ui_text("screen.number.more", language))
        for widget in (self._less, self._more):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.add_button(widget)
        self._less.clicked.connect(self._on_less_clicked)
        self._more.clicked.connect(self._on_more_clicked)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._less.setEnabled(not read_only)
        self._more.setEnabled(not read_only)

    def _step(self, by: float) -> None:
        current = self.value()
        try:
            number = float(str(current)) if current not in (None, "") else None
        except ValueError:
            number = None
        lowest = self.state.min_value if self.state.min_value is not None else 0
        number = lowest if number is None else number + by
        if self.state.max_value is not None:
            number = min(number, self.state.max_value)
        number = max(number, lowest)
        self.set_value(_plain_number(number))
        self._emit()

    def _on_less_clicked(self) -> None:
        self._step(-1)

    def _on_more_clicked(self) -> None:
        self._step(1)


class ChoiceField(FieldWidget):
    """Choose one (big radio buttons) or several (big check boxes)."""

    def __init__(self, state: FieldState, language: str, parent: QWidget | None = None) -> None:
        super().__init__(state, language, parent)
        self.multiple = state.kind is FieldKind.MULTIVALUELIST
        self._group = QButtonGroup(self)
        self._group.setExclusive(not self.multiple)
        self._buttons: dict[str, QAbstractButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 2 if len(state.options) > 4 else 1
        for index, option in enumerate(state.options):
            choice: QAbstractButton = (
                _WholeCheckBox(option.label) if self.multiple else _WholeRadioButton(option.label)
            )
            choice.setObjectName(f"option:{option.key}")
            choice.setAccessibleName(option.label)
            choice.setProperty("optionKey", option.key)
            self._group.addButton(choice)
            self._buttons[option.key] = choice
            grid.addWidget(choice, index // columns, index % columns)
        self._layout.addLayout(grid)
        self._group.buttonClicked.connect(self._on_button_clicked)
        self._describe()

    def control(self) -> QWidget:
        buttons: list[QWidget] = list(self._buttons.values())
        checked = [b for b in self._buttons.values() if b.isChecked()]
        return (checked or buttons or [self])[0]

    def option_button(self, key: str) -> QAbstractButton:
        return self._buttons[key]

    def set_value(self, value: FieldValue | None) -> None:
        chosen = set(value) if isinstance(value, tuple) else {value}
        with QSignalBlocker(self._group):
            if not self.multiple:
                self._group.setExclusive(False)
            for key, choice in self._buttons.items():
                choice.setChecked(key in chosen)
            self._group.setExclusive(not self.multiple)

    def value(self) -> FieldValue | None:
        chosen = tuple(k for k, b in self._buttons.items() if b.isChecked())
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def set_read_only(self, read_only: bool) -> None:
        for choice in self._buttons.values():
            choice.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
            choice.setFocusPolicy(
                Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus
            )

    def _describe(self) -> None:
        # Each option is announced by its own label; the group's question is in the frame.
        self.setAccessibleName(self.state.label)

    def _on_button_clicked(self, _button: QAbstractButton) -> None:
        self.focused.emit()
        self._emit()


class DateField(FieldWidget):
    """A date: big steppers for day, month and year, no tiny calendar.

    It starts at today, and gives that answer as soon as a customer sees it (the kiosk
    calls :meth:`start`), so a customer who agrees need do nothing. The answer is midnight
    at the start of that day in the kiosk's own time zone, as Open311 wants a time zone.
    """

    _PARTS: ClassVar = ("day", "month", "year")

    def __init__(
        self,
        state: FieldState,
        language: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(state, language, parent)
        self._date = _qdate(today or datetime.now(UTC).astimezone().date())
        row = QHBoxLayout()
        row.setSpacing(16)
        self._shown: dict[str, QLabel] = {}
        self._steppers: list[QPushButton] = []
        for part in self._PARTS:
            row.addLayout(self._stepper(part))
        row.addStretch(1)
        self._layout.addLayout(row)
        self._show()

    def _stepper(self, part: str) -> QVBoxLayout:
        column = QVBoxLayout()
        name = texts.ui_text(f"screen.date.{part}", self.language)
        caption = label(name, "hint")
        caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        later = button(
            "▲", "secondary", f"{name}: {texts.ui_text('screen.date.later', self.language)}"
        )
        earlier = button(
            "▼", "secondary", f"{name}: {texts.ui_text('screen.date.earlier', self.language)}"
        )
        shown = label("", "label")
        shown.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        shown.setMinimumWidth(120)
        self._shown[part] = shown
        for widget, by in ((later, 1), (earlier, -1)):
            widget.setObjectName(f"date:{part}:{'later' if by > 0 else 'earlier'}")
            widget.clicked.connect(lambda _=False, p=part, b=by: self._on_step_clicked(p, b))
            self._steppers.append(widget)
        for part_widget in (caption, later, shown, earlier):
            column.addWidget(part_widget)
        return column

    def control(self) -> QWidget:
        return self._steppers[0]

    def set_value(self, value: FieldValue | None) -> None:
        if not isinstance(value, str):
            return
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return
        self._date = _qdate(moment.date())
        self._show()

    def value(self) -> FieldValue | None:
        day = date(self._date.year(), self._date.month(), self._date.day())
        moment = datetime.combine(day, time(0, 0)).astimezone()
        return moment.isoformat(timespec="minutes")

    def start(self) -> None:
        """Give today's date as the answer, if there is none yet (the kiosk calls this)."""
        if self.state.value is None:
            self._emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self._steppers:
            widget.setEnabled(not read_only)

    def _show(self) -> None:
        self._shown["day"].setText(str(self._date.day()))
        self._shown["month"].setText(month_name(self._date.month(), self.language))
        self._shown["year"].setText(str(self._date.year()))
        self._describe()

    def _describe(self) -> None:
        # Each stepper keeps its own name ("Day: Later"); the question names the group, and
        # the date it shows (with any problem or hint) describes it.
        self.setAccessibleName(self.state.label)
        month = month_name(self._date.month(), self.language)
        spoken = f"{self._date.day()} {month} {self._date.year()}"
        parts = [p for p in (spoken, self.error_text(), self.state.hint or "") if p]
        self.setAccessibleDescription(" ".join(parts))

    def _on_step_clicked(self, part: str, by: int) -> None:
        if part == "day":
            self._date = self._date.addDays(by)
        elif part == "month":
            self._date = self._date.addMonths(by)
        else:
            self._date = self._date.addYears(by)
        self._show()
        self.focused.emit()
        self._emit()


def make_field(state: FieldState, language: str) -> FieldWidget:
    kind = state.kind
    if kind in (FieldKind.SINGLEVALUELIST, FieldKind.MULTIVALUELIST):
        return ChoiceField(state, language)
    if kind is FieldKind.DATETIME:
        return DateField(state, language)
    if kind is FieldKind.NUMBER:
        return NumberField(state, language)
    if kind in (FieldKind.TEXT, FieldKind.ADDRESS):
        return TextAreaField(state, language)
    return LineField(state, language)


# Helpers ------------------------------------------------------------------------------------


class _LineEdit(QLineEdit):
    """A line that sits on the side its words start from, like :class:`_PlainTextEdit`."""

    got_focus = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.textChanged.connect(self.align)

    def align(self) -> None:
        """Sit on the side the text starts from (also called for a drawn answer, set with
        the edit's signals blocked)."""
        direction = text_direction(self.text())
        if direction is None:
            # Nothing to go by: the field's own side (the screen's, or left to right for
            # addresses and numbers).
            edge = Qt.AlignmentFlag.AlignLeft
        elif direction is Qt.LayoutDirection.RightToLeft:
            edge = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
        else:
            edge = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
        wanted = edge | Qt.AlignmentFlag.AlignVCenter
        if self.alignment() != wanted:
            self.setAlignment(wanted)

    def focusInEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.got_focus.emit()


class _PlainTextEdit(QPlainTextEdit):
    """Several lines that sit on the side their words start from: Arabic typed on an
    English screen aligns right, English on an Arabic one left, and an empty box follows
    the screen. (Qt aligns typed text by the widget's direction alone.)"""

    got_focus = Signal()

    def __init__(self) -> None:
        super().__init__()
        # The document's own signal: it fires for drawn answers too (set with the edit's
        # signals blocked).
        self.document().contentsChanged.connect(self._align)
        self._align()

    def focusInEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.got_focus.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._align()

    def _align(self) -> None:
        direction = text_direction(self.toPlainText()) or self.layoutDirection()
        edge = (
            Qt.AlignmentFlag.AlignRight
            if direction is Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft
        )
        document = self.document()
        option = document.defaultTextOption()
        wanted = edge | Qt.AlignmentFlag.AlignAbsolute
        if option.alignment() != wanted:
            option.setAlignment(wanted)
            document.setDefaultTextOption(option)


def text_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of ``text``'s first letter that has one (Unicode's bidirectional
    class), or ``None`` when it has none (empty, digits, punctuation)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return Qt.LayoutDirection.RightToLeft
        if kind == "L":
            return Qt.LayoutDirection.LeftToRight
    return None


class _WholeRadioButton(QRadioButton):
    """A radio button that answers a touch anywhere on it, not only on its words."""

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt's name)
        return self.rect().contains(pos)


class _WholeCheckBox(QCheckBox):
    """A check box that answers a touch anywhere on it, not only on its words."""

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt's name)
        return self.rect().contains(pos)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def _as_text(value: FieldValue) -> str:
    if isinstance(value, float):
        return _plain_number(value)
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


def _plain_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
