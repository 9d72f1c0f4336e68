"""The on-screen keyboard: big keys that type into whichever field has the focus.

Keys never take the focus, so the field keeps it. A key press is delivered the way a
physical keyboard's is: a ``QKeyEvent`` press and release sent to
``QApplication.focusWidget()``, so validators, maximum lengths, input masks and
``textChanged`` behave exactly as they do with a real keyboard.

The Enter key depends on the field (:class:`EnterMode`, set by :class:`KeyboardHost`):
on a single-line field it reads "Done", types nothing and emits :attr:`done_pressed`
(the window treats it as Continue); on a multi-line field it reads "New line" and types
a line break (Return), and never emits :attr:`done_pressed`.

Styling is in ``assets/style/keyboard.qss``: the keyboard is ``QWidget#onScreenKeyboard``,
its panel ``QFrame#keyboardPanel``, each page ``QWidget#keyboardPage`` with the property
``pad`` ("true" for a number pad), each key a ``QPushButton`` with ``role="key"``,
``keyKind`` ("character", "action" or "done") and ``active`` ("true" on Shift or Caps while
they are on).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from shared.ui import theme
from shared.ui.keyboard import layouts
from shared.ui.keyboard.layouts import CONTEXT, LETTERS, Board, Key, KeyKind, Layout, Page
from shared.ui.theme import MIN_TARGET_PX

if TYPE_CHECKING:
    from shared.flow.kiosk_screen import KeyboardState

# Stretch units per key unit: keys are placed in quarter-key steps.
_STEPS_PER_UNIT = 4
# Holding Delete repeats it, but only after a long hold: a slow or unsteady press must
# delete one character, not several.
_REPEAT_DELAY_MS = 900
_REPEAT_INTERVAL_MS = 150
# Room left either side of a label before the key shows its short label instead.
_LABEL_PADDING_PX = 4
# A page takes all the width it may before the centring stretches get any.
_PAGE_STRETCH = 10_000
# A key's height until the app gives its mode's (the standard size does not hang on the panel).
_STANDARD_KEY_PX = theme.sizes(large_text=False, dpi=96, viewing_distance_mm=500).key_px


class EnterMode(StrEnum):
    DONE = "done"  # single-line field: emit done_pressed
    NEW_LINE = "new_line"  # multi-line field: type a line break


def tr(text: object) -> str:
    """``text`` (a source text marked with ``QT_TRANSLATE_NOOP``) in the app's language."""
    return QCoreApplication.translate(CONTEXT, str(text))


class KeyButton(QPushButton):
    """One key: never takes the focus, at least ``MIN_TARGET_PX`` square."""

    def __init__(self, key: Key, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._label = ""
        self._short = ""
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)
        self.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
        # Width comes from the row's stretch factors (the key's width in units).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setProperty("role", "key")
        self.setProperty("keyKind", _kind_class(key))
        self.setProperty("keyName", key.kind.value)
        self.setProperty("active", False)
        if key.kind is KeyKind.BACKSPACE:
            self.setAutoRepeat(True)
            self.setAutoRepeatDelay(_REPEAT_DELAY_MS)
            self.setAutoRepeatInterval(_REPEAT_INTERVAL_MS)

    def set_label(self, label: str, short: str = "") -> None:
        """Show ``label``, or ``short`` when ``label`` does not fit the key."""
        self._label = label
        self._short = short
        self._fit()

    def full_label(self) -> str:
        """The key's label (shown unless it does not fit, when the short one is)."""
        return self._label

    def short_label(self) -> str:
        return self._short

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        text = self._label
        if self._short:
            option = QStyleOptionButton()
            self.initStyleOption(option)
            room = (
                self.style()
                .subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
                .width()
            )
            if self.fontMetrics().horizontalAdvance(text) + _LABEL_PADDING_PX > room:
                text = self._short
        if self.text() != text:
            self.setText(text)

    def set_active(self, active: bool) -> None:
        if self.property("active") == active:
            return
        self.setProperty("active", active)
        self.style().unpolish(self)
        self.style().polish(self)


def _kind_class(key: Key) -> str:
    if key.kind is KeyKind.ENTER:
        return "done"
    if key.kind is KeyKind.CHARACTER:
        return "character"
    return "action"


class _PageView(QWidget):
    """One page of a board: rows of keys, short rows centred."""

    def __init__(self, board: Board, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = board
        self.page = page
        self.buttons: list[KeyButton] = []
        self.setObjectName("keyboardPage")
        self.setProperty("pad", page.pad)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Latin letters and digits are always laid out left to right, even in an
        # Arabic screen; the Arabic letters right to left.
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if board.right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(0)  # the gaps are the keys' QSS margins, so they are touchable
        units = page.units()
        for keys in page.rows:
            row = QHBoxLayout()
            row.setSpacing(0)
            gap = round((units - sum(key.width for key in keys)) * _STEPS_PER_UNIT / 2)
            if gap:
                row.addStretch(gap)
            for key in keys:
                button = KeyButton(key, self)
                self.buttons.append(button)
                row.addWidget(button, round(key.width * _STEPS_PER_UNIT))
            if gap:
                row.addStretch(gap)
            rows.addLayout(row)


class OnScreenKeyboard(QWidget):
    """A docked on-screen keyboard; :class:`KeyboardHost` shows it, hides it and picks
    its layout from the focused field."""

    done_pressed = Signal()
    hide_requested = Signal()
    layout_changed = Signal(str)  # the Layout value now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = Layout.TEXT
        self._language = "en"
        self._enter_mode = EnterMode.DONE
        self._page_name = LETTERS
        self._shift = False
        self._caps = False
        self._pages: dict[tuple[Layout, str, str], _PageView] = {}
        self._current: _PageView | None = None
        # A key's height when there is room for it (the mode's key size), and the room
        # the window leaves the keyboard (None: all it likes).
        self._preferred_key_px = _STANDARD_KEY_PX
        self._room_px: int | None = None

        self.setObjectName("onScreenKeyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, on=True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(QCoreApplication.translate("OnScreenKeyboard", "On-screen keyboard"))
        self._buttons = QButtonGroup(self)
        self._buttons.setExclusive(False)
        self._panel = QFrame(self)
        self._panel.setObjectName("keyboardPanel")
        self._panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A page narrower than the panel (its QSS max-width) is centred between stretches.
        self._pages_layout = QHBoxLayout(self._panel)
        self._pages_layout.setContentsMargins(0, 0, 0, 0)
        self._pages_layout.setSpacing(0)
        self._pages_layout.addStretch(1)
        self._pages_layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._panel)
        self._connect_signals()
        self._show_page()

    def _connect_signals(self) -> None:
        self._buttons.buttonClicked.connect(self._on_key_clicked)

    # Public ------------------------------------------------------------------------------

    def keyboard_layout(self) -> Layout:
        return self._layout

    def set_keyboard_layout(self, layout: Layout) -> None:
        """Show ``layout``'s board from its first page, Shift and Caps off."""
        changed = layout is not self._layout
        self._layout = layout
        self._reset()
        if changed:
            self.layout_changed.emit(layout.value)

    def language(self) -> str:
        return self._language

    def set_language(
        self, code: str, direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight
    ) -> None:
        """Use ``code``'s letters on the TEXT board (English when it has none of its own).

        ``direction`` is the screen's; the keyboard's frame follows it, but each board is
        laid out in the direction of what it types (Arabic letters right to left; Latin
        letters, digits and email addresses left to right).
        """
        self._language = layouts.primary_language(code) or "en"
        self.setLayoutDirection(direction)
        self._reset()

    def enter_mode(self) -> EnterMode:
        return self._enter_mode

    def set_enter_mode(self, mode: EnterMode) -> None:
        self._enter_mode = mode
        self._refresh_keys()

    def board(self) -> Board:
        return layouts.board(self._layout, self._language)

    def page_name(self) -> str:
        return self._page_name

    def show_page(self, name: str) -> None:
        """Show the board's page ``name`` (``layouts.LETTERS`` or ``layouts.SYMBOLS``)."""
        self._page_name = name
        self._shift = False
        self._show_page()

    def is_shifted(self) -> bool:
        return self._shift

    def is_caps_locked(self) -> bool:
        return self._caps

    def key_buttons(self) -> list[KeyButton]:
        """The keys now shown."""
        return list(self._current.buttons) if self._current is not None else []

    def key_button(self, kind: KeyKind, text: str = "") -> KeyButton | None:
        """The shown key of ``kind`` (and, for CHARACTER, typing ``text`` in any case)."""
        for button in self.key_buttons():
            if button.key.kind is kind and (not text or button.key.text.lower() == text.lower()):
                return button
        return None

    def set_key_height(self, preferred_px: int) -> None:
        """The height of a key when there is room for it (the mode's ``key_px`` token)."""
        self._preferred_key_px = max(MIN_TARGET_PX, preferred_px)
        self._size_keys()

    def fit_height(self, room_px: int | None) -> bool:
        """Be no taller than ``room_px`` (``None``: keys at their preferred height). Keys
        get shorter to fit, never shorter than ``MIN_TARGET_PX``; answers whether the
        keyboard fits in ``room_px``."""
        self._room_px = room_px
        return self._size_keys()

    def height_for(self, key_px: int) -> int:
        """The keyboard's height with the page now shown and keys ``key_px`` high."""
        rows = len(self._current.page.rows) if self._current is not None else 0
        return self._chrome_px() + rows * key_px

    def key_height(self) -> int:
        """The height every key of the shown page has now."""
        buttons = self.key_buttons()
        return buttons[0].maximumHeight() if buttons else self._preferred_key_px

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("OnScreenKeyboard", "On-screen keyboard"))
        for page in self._pages.values():
            for button in page.buttons:
                self._label(button)

    def screen_state(self, field: str | None = None) -> KeyboardState:
        """The keyboard as shown, and the field it types into (for the desk's mirror)."""
        from shared.flow.kiosk_screen import KeyboardState

        return KeyboardState(
            layout=self._layout.value,
            language=self._language,
            page=self._page_name,
            shifted=self._shift,
            caps=self._caps,
            enter_mode=self._enter_mode.value,
            keys=tuple(button.full_label() for button in self.key_buttons()),
            field=field,
        )

    def show_screen(
        self,
        state: KeyboardState,
        direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight,
    ) -> None:
        """Draw the keyboard as the kiosk reported it: its board, page, Shift and Caps, and
        the words on its keys (in the kiosk's language, whatever this program's is)."""
        layout = Layout(state.layout)
        if (layout, state.language) != (self._layout, self._language):
            self._layout = layout
            self._language = state.language
        self.setLayoutDirection(direction)
        self._enter_mode = EnterMode(state.enter_mode)
        self._page_name = state.page
        self._show_page()
        self._shift, self._caps = state.shifted, state.caps
        self._refresh_keys()
        buttons = self.key_buttons()
        if len(buttons) == len(state.keys):
            for button, words in zip(buttons, state.keys, strict=True):
                button.set_label(words, button.short_label())

    # Events ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_key_clicked(self, button: QAbstractButton) -> None:
        if not isinstance(button, KeyButton):
            return
        key = button.key
        match key.kind:
            case KeyKind.CHARACTER | KeyKind.SPACE:
                self._type(self._text_of(key))
                if self._shift:
                    self._shift = False
                    self._refresh_keys()
            case KeyKind.BACKSPACE:
                self._send(Qt.Key.Key_Backspace.value, "")
            case KeyKind.SHIFT:
                self._shift = not self._shift
                self._refresh_keys()
            case KeyKind.CAPS:
                self._caps = not self._caps
                self._shift = False
                self._refresh_keys()
            case KeyKind.PAGE:
                self.show_page(key.page)
            case KeyKind.ENTER:
                if self._enter_mode is EnterMode.NEW_LINE:
                    self._send(Qt.Key.Key_Return.value, "\r")
                else:
                    self.done_pressed.emit()
            case KeyKind.HIDE:
                self.hide_requested.emit()

    # Typing ------------------------------------------------------------------------------

    def _upper(self) -> bool:
        return self.board().upper_case_only or self._shift or self._caps

    def _text_of(self, key: Key) -> str:
        if key.has_case and len(key.text) == 1:
            return key.text.upper() if self._upper() else key.text.lower()
        return key.text

    def _type(self, text: str) -> None:
        ascii_key = len(text) == 1 and " " <= text.upper() <= "~"
        self._send(ord(text.upper()) if ascii_key else Qt.Key.Key_unknown.value, text)

    def _send(self, key: int, text: str) -> None:
        """Deliver a key press and release to the focused widget, as a keyboard would."""
        target = QApplication.focusWidget()
        if target is None:
            return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            QCoreApplication.sendEvent(target, event)

    # Drawing -----------------------------------------------------------------------------

    def _reset(self) -> None:
        self._page_name = LETTERS
        self._shift = False
        self._caps = False
        self._show_page()

    def _show_page(self) -> None:
        board = self.board()
        page = board.page(self._page_name)
        self._page_name = page.name
        cache_key = (board.layout, board.language, page.name)
        view = self._pages.get(cache_key)
        if view is None:
            view = _PageView(board, page, self._panel)
            for button in view.buttons:
                self._buttons.addButton(button)
            self._pages_layout.insertWidget(1, view, _PAGE_STRETCH)
            view.hide()
            self._pages[cache_key] = view
        if view is not self._current:
            if self._current is not None:
                self._current.hide()
            view.show()
            self._current = view
        self._refresh_keys()

    def _chrome_px(self) -> int:
        """What the keyboard is taller than its rows of keys: the panel's padding and
        border, and the keyboard's own margins."""
        if self._current is None:
            return 0
        self.ensurePolished()
        self._panel.ensurePolished()
        # From the margins themselves, not from size hints (a layout's cached hint lags
        # behind keys just resized). The panel's QSS padding and border are its contents
        # margins (frame included) once polished.
        outer = self.layout()
        outer_margins = outer.contentsMargins() if outer is not None else None
        own = self.contentsMargins()
        panel = self._panel.contentsMargins()
        return (
            own.top()
            + own.bottom()
            + (outer_margins.top() + outer_margins.bottom() if outer_margins else 0)
            + panel.top()
            + panel.bottom()
        )

    def _size_keys(self) -> bool:
        page = self._current
        if page is None:
            return True
        rows = max(1, len(page.page.rows))
        height = self._preferred_key_px
        fits = True
        if self._room_px is not None:
            height = min(height, (self._room_px - self._chrome_px()) // rows)
            fits = height >= MIN_TARGET_PX
        height = max(MIN_TARGET_PX, height)
        # Shorter than the mode's keys, a key takes smaller letters: at the key size's
        # letters a squeezed key cut off every descender and the underscore entirely.
        squeezed = height < self._preferred_key_px
        for button in page.buttons:
            # Polished again first: polishing resets the sizes a stylesheet can set.
            if bool(button.property("squeezed")) != squeezed:
                button.setProperty("squeezed", squeezed)
                button.style().unpolish(button)
                button.style().polish(button)
            if button.maximumHeight() != height or button.minimumHeight() != height:
                button.setFixedHeight(height)
        # The keyboard claims exactly its rows' height, whatever its layouts last cached:
        # the window's layout can never give it less and draw one row over the next.
        total = self._chrome_px() + rows * height
        if self.minimumHeight() != total or self.maximumHeight() != total:
            self.setFixedHeight(total)
        return fits

    def _refresh_keys(self) -> None:
        if self._current is None:
            return
        self._size_keys()
        for button in self._current.buttons:
            self._label(button)

    def _label(self, button: KeyButton) -> None:
        key = button.key
        label, name = self._words(key)
        short = layouts.SHORT_LABELS.get(key.kind, "")
        if key.kind is KeyKind.ENTER and self._enter_mode is EnterMode.NEW_LINE:
            short = layouts.SHORT_NEW_LINE_LABEL
        button.set_label(label, short)
        button.setAccessibleName(name)
        if key.kind is KeyKind.ENTER:
            kind = "done" if self._enter_mode is EnterMode.DONE else "action"
            if button.property("keyKind") != kind:
                button.setProperty("keyKind", kind)
                button.style().unpolish(button)
                button.style().polish(button)
        elif key.kind is KeyKind.SHIFT:
            button.set_active(self._shift)
        elif key.kind is KeyKind.CAPS:
            button.set_active(self._caps)

    def _words(self, key: Key) -> tuple[str, str]:  # noqa: PLR0911 (one answer per kind)
        """A key's label and accessible name, translated."""
        match key.kind:
            case KeyKind.SPACE:
                return tr(layouts.SPACE_LABEL), tr(layouts.SPACE_NAME)
            case KeyKind.BACKSPACE:
                return tr(layouts.BACKSPACE_LABEL), tr(layouts.BACKSPACE_NAME)
            case KeyKind.SHIFT:
                return tr(layouts.SHIFT_LABEL), tr(layouts.SHIFT_NAME)
            case KeyKind.CAPS:
                return tr(layouts.CAPS_LABEL), tr(layouts.CAPS_NAME)
            case KeyKind.HIDE:
                return tr(layouts.HIDE_LABEL), tr(layouts.HIDE_NAME)
            case KeyKind.ENTER if self._enter_mode is EnterMode.NEW_LINE:
                return tr(layouts.NEW_LINE_LABEL), tr(layouts.NEW_LINE_NAME)
            case KeyKind.ENTER:
                return tr(layouts.DONE_LABEL), tr(layouts.DONE_NAME)
            case KeyKind.PAGE:
                return key.label, tr(key.name)
        text = self._text_of(key)
        mark = layouts.mark_name(key.text)
        if mark:
            return text.replace("&", "&&"), tr(mark)
        if key.has_case and text != text.lower() and not self.board().upper_case_only:
            return text, tr(layouts.CAPITAL_NAME).replace("%1", text)
        return text.replace("&", "&&"), text
