"""Calls to the backend that a person waits for, off the UI thread: one worker thread, one
keep-alive client, the answer delivered back on the UI thread. The kiosk's (track a case,
find an address) and the staff desk's (sign in, sign out, and every call in a greeter's
session, :meth:`Background.call_as`).

The UI thread never waits on the network: it asks, shows that it is looking, and draws
the answer (or a plain message) when it arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from shared.errors import FirstStopError, Unavailable
from shared.logsafe import describe

if TYPE_CHECKING:
    from shared.client import BackendClient

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
        except Exception as exc:  # noqa: BLE001 — the person sees a plain message instead
            log.warning("backend call failed unexpectedly: %s", describe(exc))
            self.signals.failed.emit(Unavailable("Sorry, that did not work. Please try again."))
        else:
            self.signals.done.emit(result)


class Background(QObject):
    """Runs backend calls one at a time on a worker thread."""

    def __init__(self, client: BackendClient | None, parent: QObject | None = None) -> None:
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
        if self._client is None:
            on_failed(Unavailable("This screen is not connected just now."))
            return
        job = _Job(work, self._client)
        job.setAutoDelete(False)
        self._jobs.add(job)

        def finish(callback: Callable[[Any], None], value: object) -> None:
            self._jobs.discard(job)
            callback(value)

        job.signals.done.connect(lambda value: finish(on_done, value))
        job.signals.failed.connect(lambda error: finish(on_failed, error))
        self._pool.start(job)

    def call_as(
        self,
        token: str | None,
        work: Callable[[BackendClient], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[FirstStopError], None],
    ) -> None:
        """As :meth:`call`, signed in as ``token``: the desk's presenters share one client,
        so each call says whose session it runs in (taken when asked, not when it runs)."""

        def signed_in(client: BackendClient) -> Any:
            client.token = token
            return work(client)

        self.call(signed_in, on_done, on_failed)

    def attach(self, client: BackendClient) -> None:
        self._client = client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._pool.waitForDone(5000)
