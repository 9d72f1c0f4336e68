"""Calls to the backend (sign in, sign out) off the UI thread: one worker thread, one
keep-alive client, the answer delivered back on the UI thread. The desk never waits on the
network: it says what it is doing and draws the answer, or a plain message, when it comes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from shared.client import BackendClient
from shared.errors import FirstStopError, Unavailable
from shared.logsafe import describe

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[BackendClient], Any], client: BackendClient) -> None:
        super().__init__()
        self.signals = _Signals()
        self._work = work
        self._client = client

    def run(self) -> None:
        try:
            result = self._work(self._client)
        except FirstStopError as exc:
            self.signals.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 — the greeter sees a plain message instead
            log.warning("backend call failed unexpectedly: %s", describe(exc))
            self.signals.failed.emit(Unavailable("Sorry, that did not work. Please try again."))
        else:
            self.signals.done.emit(result)


class Background(QObject):
    """Runs backend calls one at a time on a worker thread."""

    def __init__(self, client: BackendClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()

    def call(
        self,
        work: Callable[[BackendClient], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[FirstStopError], None],
    ) -> None:
        """Run ``work(client)`` off the UI thread; ``on_done``/``on_failed`` run on it."""
        job = _Job(work, self._client)
        job.setAutoDelete(False)
        self._jobs.add(job)

        def finish(callback: Callable[[Any], None], value: object) -> None:
            self._jobs.discard(job)
            callback(value)

        job.signals.done.connect(lambda value: finish(on_done, value))
        job.signals.failed.connect(lambda error: finish(on_failed, error))
        self._pool.start(job)

    def close(self) -> None:
        self._pool.waitForDone(5000)
        self._client.close()
