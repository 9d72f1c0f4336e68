"""Where the on-screen keyboard goes: docked below the content, never over the field.

The window puts the keyboard in its own layout, below the content's ``QScrollArea``, so the
content area shrinks when the keyboard shows. :class:`KeyboardHost` watches the focus:

- when an editable ``QLineEdit``, ``QPlainTextEdit`` or ``QTextEdit`` inside the scroll area
  gets the focus, it picks the board from the editor's dynamic property ``keyboard``
  ("text", "email", "phone", "number", "postcode"; or, without it, from the editor's
  input-method hints; "text" otherwise), Done or New line from whether the editor is
  single- or multi-line, shows the keyboard, and scrolls the field into view once the
  window's layout has settled;
- whenever the scroll area's viewport changes size while a field is being edited (the
  keyboard showing, a taller or shorter board, the window turning), it scrolls the field
  into view again;
- it leaves the screen's heading, the field's label and the field room above the
  keyboard: the keyboard gets the height that is left, its keys shorter when they must be
  (never under 44 px), and the page scrolls so the heading is at the top when heading,
  label and field fit together (else the label and the field). When even the shortest keys
  leave too little room, it emits :attr:`room_short` (the window hides what it can spare,
  the kiosk its Back and Continue row, while typing: Done goes on as Continue does);
- when the focus leaves the editors, it hides the keyboard;
- the keyboard's Hide key hides it; touching the field again shows it.

A physical keyboard keeps working throughout: its key presses go to the field as usual,
and using it neither hides nor shows the on-screen keyboard.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from shared.ui.keyboard.layouts import Layout
from shared.ui.keyboard.view import EnterMode, OnScreenKeyboard
from shared.ui.theme import MIN_TARGET_PX

log = logging.getLogger(__name__)

# Room kept between the field and the edge of the visible area, when there is room for it.
REVEAL_MARGIN_PX = 16

_TOUCHES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
_MULTI_LINE = (QPlainTextEdit, QTextEdit)


class KeyboardHost(QObject):
    keyboard_shown = Signal()
    keyboard_hidden = Signal()
    field_revealed = Signal(QWidget)  # the field is in view, after the layout settled
    # True: the screen cannot show the heading, the field and the keyboard at once, and
    # should hide what it can spare while typing; False: show it again.
    room_short = Signal(bool)

    def __init__(
        self,
        keyboard: OnScreenKeyboard,
        scroll_area: QScrollArea,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else keyboard)
        self._keyboard = keyboard
        self._scroll = scroll_area
        self._editor: QWidget | None = None
        self._touched: QWidget | None = None  # the widget a tap on the field lands on
        self._short = False
        self._reveal_timer = QTimer(self)
        self._reveal_timer.setSingleShot(True)
        self._reveal_timer.setInterval(0)
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(0)
        self._scroll.viewport().installEventFilter(self)
        self._keyboard.hide()
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._keyboard.hide_requested.connect(self._on_hide_requested)
        self._reveal_timer.timeout.connect(self._on_reveal_due)
        self._settle_timer.timeout.connect(self._on_focus_settled)

    # Public ------------------------------------------------------------------------------

    def keyboard(self) -> OnScreenKeyboard:
        return self._keyboard

    def editor(self) -> QWidget | None:
        """The field being typed into, or None."""
        return self._editor

    def set_language(
        self, code: str, direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight
    ) -> None:
        """The customer's language (``"en"``, ``"pl"``, ``"ar"`` …) and the screen's direction."""
        self._keyboard.set_language(code, direction)

    def set_scroll_area(self, scroll_area: QScrollArea) -> None:
        """Serve the fields of another page (the window shows one page at a time)."""
        if scroll_area is self._scroll:
            return
        self._scroll.viewport().removeEventFilter(self)
        self._scroll = scroll_area
        self._scroll.viewport().installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        """Look at the focus now (e.g. after the window swapped its page)."""
        editor = self._editable(QApplication.focusWidget())
        if editor is not None:
            self._edit(editor)
        else:
            self._stop_editing()

    # Events ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._scroll.viewport():
            if self._editor is not None:
                # The scroll area updates its scroll bars after this filter: reveal later.
                self._reveal_timer.start()
        elif kind in _TOUCHES and watched is self._touched and self._keyboard.isHidden():
            self._show()
            self._reveal_timer.start()
        return False

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        editor = self._editable(new)
        if editor is not None:
            self._edit(editor)
        else:
            # Decide once the focus has settled, so moving between fields never flickers.
            self._settle_timer.start()

    def _on_focus_settled(self) -> None:
        if self._editable(QApplication.focusWidget()) is None:
            self._stop_editing()

    def _on_hide_requested(self) -> None:
        # The field keeps the focus (a physical keyboard still types into it); touching
        # it shows the keyboard again.
        self._hide()

    def _on_reveal_due(self) -> None:
        editor = self._editor
        if editor is None or not shiboken6.isValid(editor):
            return
        # Lay out now whatever is waiting to be laid out (the keyboard just shown, the
        # scroll area shrunk), so the geometry read below is the settled one.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        content = self._scroll.widget()
        if content is None or not content.isAncestorOf(editor):
            return
        self._fit(editor, content)
        # The keys' new height (and the screen giving way) laid out before reading again.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        area = self._reveal_area(editor, content)
        viewport = self._scroll.viewport()
        vertical = self._scroll.verticalScrollBar()
        vertical.setValue(
            scroll_to_show(
                vertical.value(), viewport.height(), area.top(), area.height(), REVEAL_MARGIN_PX
            )
        )
        horizontal = self._scroll.horizontalScrollBar()
        horizontal.setValue(
            scroll_to_show(
                horizontal.value(), viewport.width(), area.left(), area.width(), REVEAL_MARGIN_PX
            )
        )
        self.field_revealed.emit(editor)

    # Editing -----------------------------------------------------------------------------

    def _editable(self, widget: QWidget | None) -> QWidget | None:
        if widget is None or not self._scroll.isAncestorOf(widget):
            return None
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
            return widget
        return None

    def _edit(self, editor: QWidget) -> None:
        self._settle_timer.stop()
        if editor is not self._editor:
            self._watch(editor)
            self._editor = editor
            self._keyboard.set_keyboard_layout(layout_for(editor))
            self._keyboard.set_enter_mode(
                EnterMode.NEW_LINE if isinstance(editor, _MULTI_LINE) else EnterMode.DONE
            )
            self._show()
        self._reveal_timer.start()

    def _stop_editing(self) -> None:
        self._watch(None)
        self._editor = None
        self._reveal_timer.stop()
        self._hide()

    def _fit(self, editor: QWidget, content: QWidget) -> None:
        """Give the keyboard the height the heading, the label and the field leave it."""
        if self._keyboard.isHidden():
            return
        viewport = self._scroll.viewport()
        shared = viewport.height() + self._keyboard.height()
        room = shared - self._keyboard.height_for(MIN_TARGET_PX)
        wanted = self._wanted_area(editor, content, room)
        short = wanted.height() + 2 * REVEAL_MARGIN_PX > room or not (
            self._keyboard.fit_height(shared - wanted.height() - 2 * REVEAL_MARGIN_PX)
        )
        # Once short, short until the typing ends: giving the room back would make it fit
        # again, and the screen would flicker between the two.
        dropped_heading = self._wanted_area(editor, content, 1 << 30) != wanted
        if (short or dropped_heading) and not self._short:
            self._short = True
            self.room_short.emit(True)

    def _wanted_area(self, editor: QWidget, content: QWidget, room: int) -> QRect:
        """The heading, the label and the field, when they fit in ``room``; else the label
        and the field."""
        area = self._labelled_field(editor, content)
        heading = _heading(content)
        if heading is not None:
            top = QRect(heading.mapTo(content, QPoint(0, 0)), heading.size())
            with_heading = area.united(top)
            if top.top() <= area.top() and with_heading.height() + 2 * REVEAL_MARGIN_PX <= room:
                return with_heading
        return area

    def _labelled_field(self, editor: QWidget, content: QWidget) -> QRect:
        field = QRect(editor.mapTo(content, QPoint(0, 0)), editor.size())
        area = QRect(field)
        for label in content.findChildren(QLabel):
            if label.buddy() is editor and label.isVisible():
                area = area.united(QRect(label.mapTo(content, QPoint(0, 0)), label.size()))
        return area

    def _watch(self, editor: QWidget | None) -> None:
        if self._touched is not None and shiboken6.isValid(self._touched):
            self._touched.removeEventFilter(self)
        self._touched = None
        if editor is not None:
            touched = editor.viewport() if isinstance(editor, QAbstractScrollArea) else editor
            touched.installEventFilter(self)
            self._touched = touched

    def _show(self) -> None:
        if self._keyboard.isHidden():
            self._keyboard.show()
            self.keyboard_shown.emit()

    def _hide(self) -> None:
        if not self._keyboard.isHidden():
            self._keyboard.hide()
            self.keyboard_hidden.emit()
        if self._short:
            self._short = False
            self.room_short.emit(False)

    def _reveal_area(self, editor: QWidget, content: QWidget) -> QRect:
        """The heading, label and field when they fit in the visible area; else the label
        and the field when they fit; else the field."""
        page = self._scroll.viewport().height()
        area = self._wanted_area(editor, content, page)
        if area.height() + 2 * REVEAL_MARGIN_PX > page:
            return QRect(editor.mapTo(content, QPoint(0, 0)), editor.size())
        return area


def _heading(content: QWidget) -> QLabel | None:
    """The screen's heading: its first shown label in the ``title`` text role."""
    titles = [
        label
        for label in content.findChildren(QLabel)
        if label.property("textRole") == "title" and label.isVisibleTo(content)
    ]
    return min(titles, key=lambda label: label.mapTo(content, QPoint(0, 0)).y(), default=None)


def layout_for(editor: QWidget) -> Layout:
    """The board an editor asks for: its ``keyboard`` property, else its input hints."""
    value = editor.property("keyboard")
    if isinstance(value, str) and value:
        try:
            return Layout(value.strip().lower())
        except ValueError:
            log.warning("unknown keyboard layout %r on %s; using text", value, type(editor))
            return Layout.TEXT
    hints = editor.inputMethodHints()
    hint = Qt.InputMethodHint
    if hints & hint.ImhEmailCharactersOnly:
        return Layout.EMAIL
    if hints & hint.ImhDialableCharactersOnly:
        return Layout.PHONE
    if hints & (hint.ImhDigitsOnly | hint.ImhFormattedNumbersOnly):
        return Layout.NUMBER
    return Layout.TEXT


def scroll_to_show(value: int, page: int, start: int, length: int, margin: int = 0) -> int:
    """The scroll position that shows ``start``..``start + length`` within a ``page``-long
    view now at ``value``, moving as little as possible; the start when it cannot all fit."""
    if length >= page:
        return start
    margin = max(0, min(margin, (page - length) // 2))
    if start - margin < value:
        return start - margin
    if start + length + margin > value + page:
        return start + length + margin - page
    return value
