"""The installer exit: hold the top-left corner, then type the installer PIN.

Nothing on screen shows it. A press (mouse or one finger) that starts inside the window's
top-left corner square and stays there, still, for ``hold_seconds`` opens the :class:`PinPad`.
Releasing, moving more than the platform's drag distance, leaving the corner or adding a
second finger cancels the hold, so a short tap, a swipe or a long press anywhere else never
opens it. The corner is the physical top-left in every language.

The PIN is checked by an injected :class:`~kiosk.device.pin.PinLock` (the device store's),
which also keeps the lock-out: after five wrong PINs in a row the pad locks for a minute,
after the next five for five minutes, then for thirty, and the pad says how long to wait.
The count and the lock-out live in the kiosk's device store, so closing the pad or
restarting the kiosk forgets neither. Unused for ``unused_seconds`` the pad closes by
itself, back to the customer screen. A right PIN emits ``exit_authorised``; the
window then releases the break-out filter and quits. The PIN is never logged or kept.
"""

from __future__ import annotations

import logging
import math

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.app_filter import AppFilter
from kiosk.device.pin import PinLock
from kiosk.lockdown.pin_pad import PinPad

log = logging.getLogger(__name__)

CORNER_PX = 80
UNUSED_SECONDS = 30.0

_PRESS = frozenset([QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin])
_MOVE = frozenset([QEvent.Type.MouseMove, QEvent.Type.TouchUpdate])
_RELEASE = frozenset(
    [QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel]
)

_WATCHED = _PRESS | _MOVE | _RELEASE


class InstallerExit(AppFilter):
    """Watches the corner, shows the PIN pad, and says when the exit is authorised."""

    opened = Signal()
    exit_authorised = Signal()
    refused = Signal(int)  # tries left before the pad locks
    locked_out = Signal()
    closed = Signal()  # the pad went away without authorising: cancelled or unused

    def __init__(
        self,
        window: QWidget,
        pins: PinLock,
        *,
        hold_seconds: float = 5.0,
        corner_px: int = CORNER_PX,
        unused_seconds: float = UNUSED_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window.window()
        self._pins = pins
        self._corner = QRect(0, 0, corner_px, corner_px)

        self._holding = False
        self._hold_start = QPoint()
        self._pressed: QWidget | None = None
        self._swallow_release = False

        self.pad = PinPad(self._window)

        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(round(hold_seconds * 1000))
        self._unused_timer = QTimer(self)
        self._unused_timer.setSingleShot(True)
        self._unused_timer.setInterval(round(unused_seconds * 1000))
        # Ends a lock-out on time; the tick keeps the pad's "try again in …" up to date.
        self._lock_timer = QTimer(self)
        self._lock_timer.setSingleShot(True)
        self._lock_tick = QTimer(self)
        self._lock_tick.setInterval(1000)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._hold_timer.timeout.connect(self._on_hold_elapsed)
        self._unused_timer.timeout.connect(self._on_unused_elapsed)
        self._lock_timer.timeout.connect(self._on_lockout_over)
        self._lock_tick.timeout.connect(self._on_lock_tick)
        self.pad.pin_entered.connect(self._on_pin_entered)
        self.pad.cancelled.connect(self._on_pad_cancelled)
        self.pad.key_tapped.connect(self._on_pad_used)

    # Public -----------------------------------------------------------------------------

    def uninstall(self) -> None:
        super().uninstall()
        self._cancel_hold()

    @property
    def is_open(self) -> bool:
        return self.pad.isVisible()

    @property
    def is_locked(self) -> bool:
        # The timer until the pad says it is open again; the store for a lock-out from before.
        return self._lock_timer.isActive() or self._pins.seconds_locked() > 0

    def open_pad(self) -> None:
        """Show the PIN pad (what a completed corner hold does)."""
        self._cancel_hold()
        if self.pad.isVisible():
            return
        log.info("installer exit opened")
        self.pad.clear()
        left = self._pins.seconds_locked()
        if left:
            # A lock-out from before (this run or the last one) still holds.
            self._start_lock(left)
        else:
            self.pad.show_unlocked()
        self.pad.present()
        self._unused_timer.start()
        self.opened.emit()

    def close_pad(self) -> None:
        """Back to the customer screen without authorising."""
        self._unused_timer.stop()
        if self.pad.isVisible():
            self.pad.clear()
            self.pad.dismiss()
            self.closed.emit()

    # The corner -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if kind in _RELEASE:
            self._cancel_hold()
            if self._swallow_release and kind == QEvent.Type.MouseButtonRelease:
                # The release ending the hold that opened the pad: it must click nothing.
                self._swallow_release = False
                return True
            return False
        if kind in _PRESS:
            self._swallow_release = False
        if self.pad.isVisible() or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._window:
            return False
        position = _global_position(event)
        if position is None:
            self._cancel_hold()
        elif kind in _PRESS:
            self._on_press(watched, position)
        elif self._holding:
            self._on_move(position)
        return False

    def _on_press(self, watched: QWidget, position: QPoint) -> None:
        if self._holding:
            return  # the same press, seen again on its way up to a parent widget
        if not self._corner.contains(self._window.mapFromGlobal(position)):
            return
        self._holding = True
        self._hold_start = position
        self._pressed = watched
        self._hold_timer.start()

    def _on_move(self, position: QPoint) -> None:
        moved = (position - self._hold_start).manhattanLength()
        still_in_corner = self._corner.contains(self._window.mapFromGlobal(position))
        if moved > QGuiApplication.styleHints().startDragDistance() or not still_in_corner:
            self._cancel_hold()

    def _cancel_hold(self) -> None:
        self._holding = False
        self._pressed = None
        self._hold_timer.stop()

    def _on_hold_elapsed(self) -> None:
        if not self._holding:
            return
        pressed = self._pressed
        if isinstance(pressed, QAbstractButton) and shiboken6.isValid(pressed):
            pressed.setDown(False)
        self._swallow_release = True
        self.open_pad()

    # The pad ----------------------------------------------------------------------------

    def _on_pin_entered(self, pin: str) -> None:
        self._unused_timer.start()
        if self._lock_timer.isActive():
            return
        attempt = self._pins.attempt(pin)
        if attempt.authorised:
            log.info("installer exit authorised")
            self._unused_timer.stop()
            self.pad.clear()
            self.pad.dismiss()
            self.exit_authorised.emit()
            return
        log.warning("installer exit refused: wrong PIN (%d tries left)", attempt.tries_left)
        self.refused.emit(attempt.tries_left)
        if attempt.tries_left:
            self.pad.show_refused(attempt.tries_left)
            return
        log.warning("installer exit locked for %d s", math.ceil(attempt.locked_seconds))
        self._start_lock(attempt.locked_seconds)
        self.locked_out.emit()

    def _start_lock(self, seconds: float) -> None:
        self._lock_timer.start(max(1, math.ceil(seconds * 1000)))
        self._lock_tick.start()
        self.pad.show_locked(math.ceil(seconds))

    def _on_pad_cancelled(self) -> None:
        log.info("installer exit closed: cancelled")
        self.close_pad()

    def _on_pad_used(self) -> None:
        if self.pad.isVisible():
            self._unused_timer.start()

    def _on_unused_elapsed(self) -> None:
        if self.pad.isVisible():
            log.info("installer exit closed: unused")
            self.close_pad()

    def _on_lockout_over(self) -> None:
        left = self._pins.seconds_locked()
        if left:  # the wall clock and the timer disagree a little: wait for the rest
            self._lock_timer.start(max(1, math.ceil(left * 1000)))
            return
        self._lock_tick.stop()
        log.info("installer exit unlocked")
        self.pad.show_unlocked()

    def _on_lock_tick(self) -> None:
        left = self._pins.seconds_locked()
        if self.pad.isVisible() and left:
            self.pad.show_locked(math.ceil(left))


def _global_position(event: QEvent) -> QPoint | None:
    """Where a one-point press or move is on the screen; None for two or more fingers."""
    if isinstance(event, QMouseEvent):
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and event.button() != Qt.MouseButton.LeftButton
        ):
            return None
        return event.globalPosition().toPoint()
    if isinstance(event, QTouchEvent):
        points = event.points()
        if len(points) != 1:
            return None
        return points[0].globalPosition().toPoint()
    return None
