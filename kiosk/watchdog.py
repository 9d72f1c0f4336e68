"""The watchdog: a frozen screen ends the process, and the operating system starts it again.

A :class:`Watchdog` has two halves:

* a ``QTimer`` in the UI thread that refreshes a heartbeat (``time.monotonic``) every
  half second while the event loop runs;
* a plain daemon ``threading.Thread`` that looks at the heartbeat every second. When it is
  older than ``timeout_s`` the screen has stopped answering: the thread dumps every
  thread's stack to stderr (``faulthandler``: file, line and function names only, never a
  variable), logs ``the screen stopped answering for N s: exiting for a restart`` and ends
  the process at once with :data:`EXIT_CODE` (``os._exit``: a frozen UI thread could never
  run an orderly shutdown).

The service manager (systemd, the Windows shell launcher) restarts the kiosk on any
non-zero status. The checker is plain Python, so it needs the interpreter's lock: a UI thread
stuck in Python code, a sleep, a wait or I/O is caught; one stuck inside a C call that holds
the lock is not.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# The process's exit status when the screen froze (EX_SOFTWARE): distinct from a crash loop
# (``kiosk.main.CRASH_LOOP``) and from an installer exit (0).
EXIT_CODE = 70

BEAT_SECONDS = 0.5
CHECK_SECONDS = 1.0


class Watchdog(QObject):
    """Ends the process with :data:`EXIT_CODE` when the UI thread stops answering.

    Create and :meth:`start` it in the UI thread, once the ``QApplication`` exists.
    ``exit`` and ``clock`` are there for tests: a fake exit records the code instead of
    ending the process.
    """

    def __init__(
        self,
        timeout_s: float,
        *,
        exit: Callable[[int], None] = os._exit,  # noqa: A002 - the documented name
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.timeout_s = timeout_s
        self._exit = exit
        self._clock = clock
        # Beat and check often enough that a short timeout still means something.
        self._check_s = min(CHECK_SECONDS, timeout_s / 2)
        self._last_beat = clock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(min(BEAT_SECONDS, timeout_s / 3) * 1000)))
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self._on_beat)

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def start(self) -> None:
        """Arm the heartbeat in this (the UI) thread and start the checker thread."""
        if self._thread is not None:
            return
        self._stopping.clear()
        self._last_beat = self._clock()
        self._timer.start()
        self._thread = threading.Thread(target=self._check, name="watchdog", daemon=True)
        self._thread.start()
        log.info("watchdog armed: %.0f s", self.timeout_s)

    def stop(self) -> None:
        """Disarm: the heartbeat stops and the checker thread ends (waited for briefly)."""
        self._timer.stop()
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=self._check_s + 1.0)

    def _on_beat(self) -> None:
        self._last_beat = self._clock()

    def _check(self) -> None:
        while not self._stopping.wait(self._check_s):
            silent = self._clock() - self._last_beat
            if silent > self.timeout_s:
                self._fire(silent)
                return

    def _fire(self, silent: float) -> None:
        _dump_stacks()
        log.critical("the screen stopped answering for %.1f s: exiting for a restart", silent)
        for handler in logging.getLogger().handlers:
            handler.flush()
        self._exit(EXIT_CODE)


def _dump_stacks() -> None:
    """Every thread's stack to stderr, for diagnosis: code locations only, no variables."""
    stream = sys.stderr
    if stream is None:  # a windowed build without a console
        return
    try:
        stream.flush()
        faulthandler.dump_traceback(file=stream, all_threads=True)
    except (AttributeError, OSError, ValueError, RuntimeError):
        log.warning("the watchdog could not write the threads' stacks")
