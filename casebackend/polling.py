"""The backend's background chores' one shape: a daemon thread that does a round of work,
waits, and does it again until the app stops it.

The retention purge, the overdue digest and the appointments' chores are each one of these
(:class:`PollingThread`), started and stopped with the app. Each round opens its own
transaction; what must happen once however many processes look (a reminder, a digest, a
purge) is claimed in the database by the round itself, never by the thread. The
notification dispatcher is not one: it is woken by commits that queued messages as well as
by the clock, and it leases each message.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod

from shared.logsafe import describe

log = logging.getLogger(__name__)


class PollingThread(ABC):
    """Calls :meth:`poll` once at start and then every ``every_seconds``, on a daemon
    thread named ``name``. A round that fails is logged as ``what`` failed, described
    without its message (it might quote customer data), and tried again next time: the
    thread outlives any one bad moment."""

    def __init__(self, *, name: str, what: str, every_seconds: float) -> None:
        self._name = name
        self._what = what
        self._every_seconds = every_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Set after each round, so a test (or an operator's tool) can wait for one.
        self.ran = threading.Event()

    @property
    def enabled(self) -> bool:
        """Whether :meth:`start` starts the thread (a setting may turn a chore off)."""
        return True

    @abstractmethod
    def poll(self) -> object:
        """One round of the work, in its own transaction."""

    def start(self) -> None:
        if not self.enabled:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except Exception as exc:  # noqa: BLE001
                log.error("%s failed; will try again: %s", self._what, describe(exc))  # noqa: TRY400
            self.ran.set()
            self._stop.wait(self._every_seconds)
