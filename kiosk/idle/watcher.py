"""The idle watcher: a warning after a quiet spell, then the privacy wipe.

One :class:`IdleWatcher` per window, installed on the application as an event filter: every
press, key, wheel turn or touch anywhere restarts a :class:`QElapsedTimer` (nothing more,
so it is cheap). The window :meth:`~IdleWatcher.arm`\\ s it when a customer is mid-journey,
naming the screen, and :meth:`~IdleWatcher.disarm`\\ s it on the welcome screen.

After ``idle_seconds`` without input it emits ``warning_started(seconds_left)`` and shows
the :class:`IdleWarning` overlay, counting down ``warning_seconds`` one second at a time.
Any input extends: the warning goes, the quiet spell starts again and ``extended`` is
emitted. At zero it emits ``timed_out(screen)``, and the window wipes the journey. Each wipe
is recorded without personal data: one log line naming the screen, and a counter.

:meth:`~IdleWatcher.hold` and :meth:`~IdleWatcher.release` pause it for a reason ("help"
while a member of staff has been asked for, or has claimed the session): while any reason
holds, no warning comes.
"""

from __future__ import annotations

import logging
from collections import Counter

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.app_filter import AppFilter
from kiosk.settings import KioskSettings
from shared.ui.pages.idle import IdleWarning

log = logging.getLogger(__name__)

_INPUT = frozenset(
    [
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    ]
)

_TICK_MS = 1000


class IdleWatcher(AppFilter):
    """Counts the quiet time while armed; warns, then times out."""

    warning_started = Signal(int)  # seconds left before the wipe
    countdown_changed = Signal(int)  # seconds left, each second while warning
    extended = Signal()
    # A person touched the screen or pressed a key (the heartbeat's "last touch").
    input_seen = Signal()
    timed_out = Signal(str)  # the screen the customer left it on

    def __init__(
        self,
        window: QWidget,
        *,
        idle_seconds: float,
        warning_seconds: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._idle_ms = round(idle_seconds * 1000)
        self._warning_ms = round(warning_seconds * 1000)
        self._armed = False
        self._screen = ""
        self._holds: set[str] = set()
        self._wipes: Counter[str] = Counter()

        self._last_input = QElapsedTimer()
        self._last_input.start()
        self._warning_clock = QElapsedTimer()

        self.warning = IdleWarning(window)
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._tick = QTimer(self)
        self._tick.setInterval(_TICK_MS)
        self._connect_signals()

    @classmethod
    def from_settings(cls, window: QWidget, settings: KioskSettings) -> IdleWatcher:
        """A watcher owned by ``window``: it stops watching when the window is gone."""
        return cls(
            window,
            idle_seconds=settings.idle_seconds,
            warning_seconds=settings.idle_warning_seconds,
            parent=window,
        )

    def _connect_signals(self) -> None:
        self._idle_timer.timeout.connect(self._on_idle_check)
        self._deadline.timeout.connect(self._on_deadline)
        self._tick.timeout.connect(self._on_tick)
        self.warning.more_time_requested.connect(self._on_more_time_requested)

    # Public -----------------------------------------------------------------------------

    def arm(self, screen: str) -> None:
        """A customer is mid-journey on ``screen`` (a screen's name, never its content).

        Called again on each new screen, it updates the name and starts the quiet spell
        afresh."""
        self._screen = screen
        self._armed = True
        self._restart()

    def disarm(self) -> None:
        """Back on the welcome screen: nothing to protect."""
        self._armed = False
        self._stop()

    def hold(self, reason: str) -> None:
        """No warning while ``reason`` holds (help asked for or claimed)."""
        self._holds.add(reason)
        self._stop()

    def release(self, reason: str) -> None:
        """``reason`` no longer holds; once none do, a full quiet spell starts again."""
        self._holds.discard(reason)
        if not self._holds:
            self._restart()

    @property
    def armed(self) -> bool:
        return self._armed

    @property
    def held(self) -> bool:
        return bool(self._holds)

    @property
    def warning_shown(self) -> bool:
        return self.warning.isVisible()

    @property
    def wipe_count(self) -> int:
        """Privacy wipes after idling, since the app started."""
        return self._wipes.total()

    @property
    def wipes_by_screen(self) -> Counter[str]:
        return Counter(self._wipes)

    def prompt_text(self) -> str:
        """What to speak when the warning appears."""
        return self.warning.prompt_text()

    # Input ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _INPUT:
            self._last_input.restart()
            self.input_seen.emit()
            if self._deadline.isActive():
                self._extend()
        return False

    # Timers -----------------------------------------------------------------------------

    def _on_idle_check(self) -> None:
        if not self._counting():
            return
        quiet = self._last_input.elapsed()
        if quiet < self._idle_ms:
            self._idle_timer.start(self._idle_ms - quiet)
            return
        self._start_warning()

    def _start_warning(self) -> None:
        seconds = self._seconds_left()
        self._warning_clock.start()
        self._deadline.start(self._warning_ms)
        self._tick.start()
        self.warning.set_seconds_left(seconds)
        self.warning.present()
        log.info("idle warning on screen %s", self._screen)
        self.warning_started.emit(seconds)

    def _on_tick(self) -> None:
        seconds = self._seconds_left()
        self.warning.set_seconds_left(seconds)
        self.countdown_changed.emit(seconds)

    def _on_deadline(self) -> None:
        screen = self._screen
        self._armed = False
        self._stop()
        self._wipes[screen] += 1
        log.info("privacy wipe: idle on screen %s (%d so far)", screen, self.wipe_count)
        self.timed_out.emit(screen)

    def _on_more_time_requested(self) -> None:
        if self._deadline.isActive():
            self._extend()

    # Inside -----------------------------------------------------------------------------

    def _extend(self) -> None:
        self._restart()
        log.info("idle warning: more time")
        self.extended.emit()

    def _counting(self) -> bool:
        return self._armed and not self._holds

    def _restart(self) -> None:
        self._stop()
        self._last_input.restart()
        if self._counting():
            self._idle_timer.start(self._idle_ms)

    def _stop(self) -> None:
        self._idle_timer.stop()
        self._deadline.stop()
        self._tick.stop()
        self.warning.dismiss()

    def _seconds_left(self) -> int:
        if not self._warning_clock.isValid() or not self._deadline.isActive():
            return max(1, -(-self._warning_ms // 1000))
        left = self._warning_ms - self._warning_clock.elapsed()
        return max(0, -(-left // 1000))
