"""The break-out filter: keys, gestures and events that could leave the kiosk, swallowed.

One :class:`BreakoutFilter` is installed on the ``QApplication``, so it sees every event
before any widget does. It swallows:

- window and session keys: Alt+F4, Alt+Tab, Alt+Shift+Tab, Alt+Esc, Ctrl+Esc, Alt+Space,
  Ctrl+W, Ctrl+Q, Ctrl+Shift+Esc, Ctrl+Alt+Del and Ctrl+Alt+Backspace (when the operating
  system lets them reach the app at all), Esc, every function key (F1-F35, F11 above all),
  the Meta/Super keys alone or with anything, Print Screen and SysRq, the Menu key, and
  the launcher, power and browser keys some keyboards have;
- zoom: Ctrl+Plus, Ctrl+=, Ctrl+Minus, Ctrl+0 and Ctrl+wheel;
- context menus (``QEvent.ContextMenu``, whether from a right click, a long press or the
  Menu key), and every mouse button but the left one (the middle button pastes the X11
  selection, which could hold the last customer's words);
- drag and drop into any widget (enter, move and drop are refused);
- pinch and native gestures (``QEvent.NativeGesture``, a ``QPinchGesture``, and touch
  events carrying two or more points);
- closing a top-level window while locked, unless :meth:`BreakoutFilter.release` was
  called (the installer exit does that once the PIN is right).

Ordinary typing, Tab and Shift+Tab, Enter, Backspace, Delete, the arrows, Home/End and
Space pass untouched. On ``QEvent.Polish`` (once per widget, before it is first shown) it
also hardens each widget with :func:`kiosk.lockdown.window.harden`: labels open no links,
line edits start no drags, nothing accepts drops.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import (
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QTouchEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QWidget

from kiosk.app_filter import AppFilter
from kiosk.lockdown.window import harden

log = logging.getLogger(__name__)

Key = Qt.Key
Mod = Qt.KeyboardModifier

_CTRL = Mod.ControlModifier
_ALT = Mod.AltModifier
_SHIFT = Mod.ShiftModifier
_META = Mod.MetaModifier
_MODIFIERS = _CTRL | _ALT | _SHIFT | _META

# Keys swallowed whatever the modifiers.
_ALWAYS: frozenset[Key] = frozenset(
    [
        Key.Key_Escape,
        Key.Key_Meta,
        Key.Key_Super_L,
        Key.Key_Super_R,
        Key.Key_Hyper_L,
        Key.Key_Hyper_R,
        Key.Key_Menu,
        Key.Key_Print,
        Key.Key_SysReq,
        Key.Key_Help,
        Key.Key_ZoomIn,
        Key.Key_ZoomOut,
        Key.Key_Zoom,
        Key.Key_Close,
        Key.Key_Exit,
        Key.Key_Back,
        Key.Key_Forward,
        Key.Key_Refresh,
        Key.Key_HomePage,
        Key.Key_Search,
        Key.Key_Explorer,
        Key.Key_Calculator,
        Key.Key_Calendar,
        Key.Key_Terminal,
        Key.Key_LaunchMail,
        Key.Key_LaunchMedia,
        Key.Key_OpenUrl,
        Key.Key_WWW,
        Key.Key_PowerOff,
        Key.Key_PowerDown,
        Key.Key_Sleep,
        Key.Key_Suspend,
        Key.Key_Hibernate,
        Key.Key_LogOff,
        Key.Key_Standby,
        Key.Key_TaskPane,
        Key.Key_ApplicationLeft,
        Key.Key_ApplicationRight,
        Key.Key_TopMenu,
        Key.Key_Context1,
        Key.Key_Context2,
        Key.Key_Context3,
        Key.Key_Context4,
        *(Key(Key.Key_F1.value + offset) for offset in range(35)),
        *(Key(Key.Key_Launch0.value + offset) for offset in range(16)),
    ]
)

# Keys swallowed with Alt held (window switching, closing, the window menu).
_WITH_ALT: frozenset[Key] = frozenset(
    [Key.Key_Tab, Key.Key_Backtab, Key.Key_F4, Key.Key_Escape, Key.Key_Space]
)

# Keys swallowed with Ctrl held (closing, quitting, the start menu, task manager, zoom).
_WITH_CTRL: frozenset[Key] = frozenset(
    [
        Key.Key_W,
        Key.Key_Q,
        Key.Key_Escape,
        Key.Key_Plus,
        Key.Key_Equal,
        Key.Key_Minus,
        Key.Key_Underscore,
        Key.Key_0,
    ]
)

# Keys swallowed with Ctrl and Alt both held (the secure attention sequence, killing X).
_WITH_CTRL_ALT: frozenset[Key] = frozenset([Key.Key_Delete, Key.Key_Backspace])

_KEY_EVENTS = frozenset(
    [QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride]
)
_MOUSE_BUTTON_EVENTS = frozenset(
    [
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
    ]
)
_DRAG_EVENTS = frozenset([QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop])
_TOUCH_EVENTS = frozenset([QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate])
_GESTURE_EVENTS = frozenset([QEvent.Type.Gesture, QEvent.Type.GestureOverride])

_WATCHED = frozenset(
    [
        *_KEY_EVENTS,
        *_MOUSE_BUTTON_EVENTS,
        *_DRAG_EVENTS,
        *_TOUCH_EVENTS,
        *_GESTURE_EVENTS,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
        QEvent.Type.NativeGesture,
        QEvent.Type.Close,
        QEvent.Type.Polish,
    ]
)


def is_breakout_key(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Whether a key with these modifiers is one the kiosk swallows."""
    try:
        code = Key(key)
    except ValueError:
        return False
    held = modifiers & _MODIFIERS
    if code in _ALWAYS or held & _META:
        return True
    if held & _CTRL and held & _ALT and code in _WITH_CTRL_ALT:
        return True
    if held & _ALT and code in _WITH_ALT:
        return True
    return bool(held & _CTRL) and code in _WITH_CTRL


class BreakoutFilter(AppFilter):
    """Swallows break-out keys, gestures, menus, drops and window closes, app-wide."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._released = False

    @property
    def locked(self) -> bool:
        """Whether top-level windows refuse to close (until :meth:`release`)."""
        return not self._released

    def install(self, app: QCoreApplication | None = None) -> None:
        """Install on the application (the running one unless given)."""
        super().install(app)
        log.info("break-out filter installed")

    def release(self) -> None:
        """Let windows close: only after the installer exit has been authorised."""
        self._released = True
        log.info("break-out filter released: windows may close")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if kind == QEvent.Type.Polish:
            if isinstance(watched, QWidget):
                harden(watched)
            return False
        if kind == QEvent.Type.Close:
            return self._close(watched, event)
        return _swallows(event)

    def _close(self, watched: QObject, event: QEvent) -> bool:
        if self._released or not isinstance(watched, QWidget):
            return False
        # Only real windows: popups (a combo box's list) and tool tips must still close.
        if not watched.isWindow() or watched.windowType() not in (
            Qt.WindowType.Window,
            Qt.WindowType.Dialog,
        ):
            return False
        log.info("window close refused: the kiosk is locked")
        event.ignore()
        return True


def _swallows(event: QEvent) -> bool:
    """Whether an input event is one the kiosk swallows (accepting or refusing it first)."""
    if isinstance(event, QKeyEvent):
        swallow = is_breakout_key(event.key(), event.modifiers())
        # An accepted ShortcutOverride stops any QShortcut or QAction matching the key; the
        # key press that follows is then swallowed too.
    elif isinstance(event, QMouseEvent):
        # Only the left button (and touch, which arrives as it) does anything here.
        swallow = event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    elif isinstance(event, QWheelEvent):
        swallow = bool(event.modifiers() & _CTRL)
    elif isinstance(event, QDropEvent):
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.ignore()
        return True
    elif isinstance(event, QTouchEvent):
        swallow = event.type() in _TOUCH_EVENTS and len(event.points()) > 1
    elif isinstance(event, QGestureEvent):
        swallow = event.gesture(Qt.GestureType.PinchGesture) is not None
    else:
        swallow = True  # ContextMenu and NativeGesture, always
    if swallow:
        event.accept()
    return swallow
