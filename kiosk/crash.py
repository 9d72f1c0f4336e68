"""The crash guard: an unexpected error becomes "Sorry — starting again", never a traceback.

One :class:`CrashGuard` is installed once, at start-up. It takes over ``sys.excepthook``
(where PySide6 sends an exception raised in a slot or an event handler while the event
loop runs) and ``threading.excepthook`` (a worker thread's error is handed to the UI thread
through a queued signal). For each error it

1. logs the error's type and traceback frames through :func:`shared.logsafe.describe`:
   never its message, never a local variable;
2. shows the :class:`CrashScreen` overlay ("Sorry — something went wrong. Starting again…")
   for ``screen_seconds``;
3. emits ``restart_requested``: the window wipes the journey and goes back to welcome.

If ``loop_count`` errors come within ``loop_seconds`` it emits ``crash_loop`` instead: the
app should then leave with a non-zero status (``QApplication.exit(1)``: ``quit()`` would be
refused by the locked window) and let the operating system start it again.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from shared.logsafe import describe
from shared.ui.overlay import Overlay

log = logging.getLogger(__name__)

SCREEN_SECONDS = 3.0
LOOP_COUNT = 3
LOOP_SECONDS = 60.0

_ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
_ThreadHook = Callable[[threading.ExceptHookArgs], Any]


class CrashScreen(Overlay):
    """What the customer sees after an unexpected error: an apology, and nothing else."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.card.setProperty("overlayKind", "crash")
        self._title = QLabel(self.card)
        self._title.setProperty("textRole", "title")
        self._title.setWordWrap(True)
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._body = QLabel(self.card)
        self._body.setProperty("textRole", "body")
        self._body.setWordWrap(True)
        self._body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(self._title)
        self.card_layout.addWidget(self._body)
        self._finish()

    def retranslate(self) -> None:
        self._title.setText(self.tr("Sorry — something went wrong."))
        self._body.setText(self.tr("Starting again…"))
        self.card.setAccessibleName(self.tr("Sorry — something went wrong. Starting again…"))

    def prompt_text(self) -> str:
        """What to say aloud while it shows."""
        return self.tr("Sorry, something went wrong. Starting again.")


class CrashGuard(QObject):
    """Turns unexpected errors into a short apology and a fresh start."""

    restart_requested = Signal()
    crash_loop = Signal()
    crashed = Signal(str)  # the error's type name (no message): for counting, not showing
    _thread_crashed = Signal(object)

    def __init__(
        self,
        window: QWidget,
        *,
        screen_seconds: float = SCREEN_SECONDS,
        loop_count: int = LOOP_COUNT,
        loop_seconds: float = LOOP_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._loop_count = loop_count
        self._loop_ms = round(loop_seconds * 1000)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._recent: deque[int] = deque(maxlen=loop_count)
        self._previous_hook: _ExceptHook | None = None
        self._previous_thread_hook: _ThreadHook | None = None
        self._installed = False
        self._in_loop = False

        self.screen = CrashScreen(window)
        self._restart_timer = QTimer(self)
        self._restart_timer.setSingleShot(True)
        self._restart_timer.setInterval(round(screen_seconds * 1000))
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._restart_timer.timeout.connect(self._on_screen_shown_long_enough)
        self._thread_crashed.connect(self._on_thread_crashed, Qt.ConnectionType.QueuedConnection)

    # Public -----------------------------------------------------------------------------

    def install(self) -> None:
        """Take over ``sys.excepthook`` and ``threading.excepthook``."""
        if self._installed:
            return
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        self._installed = True
        log.info("crash guard installed")

    def uninstall(self) -> None:
        """Give the hooks back (if nothing replaced them since)."""
        if not self._installed:
            return
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_hook or sys.__excepthook__
        if threading.excepthook == self._thread_excepthook:
            threading.excepthook = self._previous_thread_hook or threading.__excepthook__
        self._installed = False

    def handle(self, error: BaseException) -> None:
        """Log ``error`` safely, apologise, and start again (or report a crash loop)."""
        name = type(error).__qualname__
        log.error("unexpected error: %s", describe(error))
        self.crashed.emit(name)
        now = self._clock.elapsed()
        self._recent.append(now)
        if len(self._recent) == self._loop_count and now - self._recent[0] <= self._loop_ms:
            if not self._in_loop:
                self._in_loop = True
                log.critical(
                    "crash loop: %d errors within %d s; leaving for the system to restart",
                    self._loop_count,
                    self._loop_ms // 1000,
                )
                self.crash_loop.emit()
            return
        if not self._restart_timer.isActive():
            self.screen.present()
            self._restart_timer.start()

    # Hooks ------------------------------------------------------------------------------

    def _excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous_hook is not None:
            self._previous_hook(kind, error, trace)
            return
        if error.__traceback__ is None and trace is not None:
            error = error.with_traceback(trace)
        self.handle(error)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        error = args.exc_value
        if error is None or isinstance(error, SystemExit):
            return
        # Emitted from the worker thread; the queued connection runs the slot on the UI's.
        self._thread_crashed.emit(error)

    def _on_thread_crashed(self, error: object) -> None:
        if isinstance(error, BaseException):
            self.handle(error)

    def _on_screen_shown_long_enough(self) -> None:
        self.screen.dismiss()
        self.restart_requested.emit()
