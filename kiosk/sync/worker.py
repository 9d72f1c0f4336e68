"""The sync worker: a ``QObject`` living in its own ``QThread`` that sends the outbox, keeps
the catalogue cache fresh and sends heartbeats, so the UI thread never waits on the network.

* **Sync**: a pass every ``sync_seconds`` (a single-shot timer, re-armed after each pass),
  and at once when the UI asks (``sync_now``, after each submission and each visit). A
  pass sends what the outbox has due (cases, then visits); if it had nothing to send it
  asks the backend's health, so the kiosk always knows whether it is online. While the
  backend does not answer, passes back off: ``sync_seconds`` doubling each time, capped at
  ``backoff_cap``, each wait drawn at random between half and all of that (jitter, so a
  room of kiosks does not return in step). The outbox keeps its own backoff per entry
  besides.
* **Catalogue**: fetched on the first pass that reaches the backend and then every
  ``catalogue_refresh_seconds``; a new one is saved to the cache and announced.
* **Heartbeats**: one at start, then every ``heartbeat_seconds`` (see
  :mod:`kiosk.sync.heartbeat`).

The worker has its own ``BackendClient`` (and one per kept earlier sign-in, see
:mod:`kiosk.sync.sender`); ``close_clients()`` ends any wait between retries at once, so a
stop is prompt even while the backend is unreachable. Use it through
:class:`kiosk.sync.background.BackgroundSync`, which owns the thread.
"""

from __future__ import annotations

import logging
import random
import threading
import time

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from kiosk.device import DeviceIdentity, drop_retired
from kiosk.outbox import Outbox
from kiosk.settings import KioskSettings
from kiosk.sync.catalogue import load_cached_catalogue, save_catalogue
from kiosk.sync.heartbeat import HeartbeatSender
from kiosk.sync.sender import IssuerRouter
from kiosk.sync.vitals import KioskVitals
from shared.catalogue.schemas import Catalogue
from shared.client import BackendClient
from shared.errors import FirstStopError, Unavailable
from shared.logsafe import describe

log = logging.getLogger(__name__)

DEFAULT_BACKOFF_CAP = 300.0
# Short connect timeout: a black-holed network should not hold a pass (or a stop) long.
_CLIENT_TIMEOUT = (3.05, 10.0)
_MAX_DOUBLINGS = 20


def offline_delay(failures: int, base: float, cap: float, rng: random.Random) -> float:
    """Seconds before the next pass after ``failures`` passes in a row found the backend
    down: ``base`` doubling, capped at ``cap``, with "equal jitter" (half fixed, half
    random)."""
    ceiling = min(cap, base * 2 ** min(max(failures - 1, 0), _MAX_DOUBLINGS))
    return rng.uniform(ceiling / 2, ceiling)


class SyncWorker(QObject):
    # Whether the backend answered the last pass (emitted on each change, and first once).
    online_changed = Signal(bool)
    # The outbox's depth (everything unacknowledged: cases and visits) and held count, on
    # each change.
    outbox_changed = Signal(int, int)
    # A new catalogue from the backend (a shared.catalogue.schemas.Catalogue), now cached.
    catalogue_updated = Signal(object)

    def __init__(
        self,
        settings: KioskSettings,
        identity: DeviceIdentity,
        outbox: Outbox,
        vitals: KioskVitals,
        *,
        backoff_cap: float = DEFAULT_BACKOFF_CAP,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._outbox = outbox
        self._client = _client(identity.backend_url, identity.token)
        self._retired = {r.issuer: _client(r.backend_url, r.token) for r in identity.retired}
        self._router = IssuerRouter(self._client, self._retired)
        self._heartbeats = HeartbeatSender(self._client, outbox, vitals)
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self._backoff_cap = max(backoff_cap, settings.sync_seconds)
        self._closing = threading.Event()
        self._online: bool | None = None
        self._failures = 0
        self._counts: tuple[int, int] | None = None
        self._catalogue: Catalogue | None = load_cached_catalogue(settings)
        self._catalogue_due = 0.0
        # Children: they move to the worker's thread with it, and run there.
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._heartbeat_timer = QTimer(self)
        self._heartbeat_timer.setInterval(_ms(settings.heartbeat_seconds))
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._sync_timer.timeout.connect(self._on_sync_due)
        self._heartbeat_timer.timeout.connect(self._on_heartbeat_due)

    # Slots (run in the worker's thread) --------------------------------------------------

    @Slot()
    def start(self) -> None:
        """The thread has started: first pass and first heartbeat, then the timers."""
        self._heartbeat_timer.start()
        self._run_pass()
        self._on_heartbeat_due()

    @Slot()
    def sync_now(self) -> None:
        """A pass now (the UI has just stored a submission)."""
        self._run_pass()

    @Slot()
    def shutdown(self) -> None:
        """Stop the timers and end the thread's event loop."""
        self.close_clients()
        self._sync_timer.stop()
        self._heartbeat_timer.stop()
        thread = QThread.currentThread()
        if thread is not None:
            thread.quit()

    @Slot()
    def _on_sync_due(self) -> None:
        self._run_pass()

    @Slot()
    def _on_heartbeat_due(self) -> None:
        if self._closing.is_set():
            return
        try:
            self._heartbeats.send()
        except Exception as error:  # noqa: BLE001 - the outbox file: never let the thread die of it
            # Not log.exception: the message may quote what the outbox holds.
            log.error(  # noqa: TRY400
                "heartbeat failed: %s", describe(error)
            )

    # Any thread --------------------------------------------------------------------------

    def close_clients(self) -> None:
        """End every network wait at once; later calls fail fast. Thread-safe."""
        self._closing.set()
        for client in (self._client, *self._retired.values()):
            client.close()

    # The pass ----------------------------------------------------------------------------

    def _run_pass(self) -> None:
        if self._closing.is_set():
            return
        self._sync_timer.stop()
        try:
            online = self._send_outbox()
        except Exception as error:  # noqa: BLE001 - a local failure (the outbox file)
            log.error(  # noqa: TRY400
                "sync pass failed: %s", describe(error)
            )
            online = bool(self._online)
        if self._closing.is_set():
            return  # a closed client's failures say nothing about the backend
        self._set_online(online)
        if online:
            self._refresh_catalogue()
        self._report_outbox()
        self._sync_timer.start(_ms(self._next_delay(online)))

    def _send_outbox(self) -> bool:
        """One outbox pass; whether the backend answered."""
        report = self._outbox.sync_once(self._router)
        if report.stopped == Unavailable.code:
            return False
        if report.sent or report.held or report.deferred:
            return True
        try:
            self._client.health()
        except Unavailable:
            return False
        except FirstStopError:
            return True  # it answered, if not as hoped
        return True

    def _set_online(self, online: bool) -> None:
        self._failures = 0 if online else self._failures + 1
        if online == self._online:
            return
        self._online = online
        log.info("backend %s", "reachable" if online else "not reachable")
        self.online_changed.emit(online)

    def _next_delay(self, online: bool) -> float:
        base = self._settings.sync_seconds
        if online:
            return base
        return offline_delay(self._failures, base, self._backoff_cap, self._rng)

    def _refresh_catalogue(self) -> None:
        now = time.monotonic()
        if now < self._catalogue_due:
            return
        try:
            catalogue = self._client.catalogue()
        except FirstStopError as error:
            log.info("catalogue not fetched: %s", error.code)
            return
        self._catalogue_due = now + self._settings.catalogue_refresh_seconds
        if catalogue == self._catalogue:
            return
        try:
            save_catalogue(self._settings, catalogue)
        except OSError as error:
            log.warning("catalogue not cached: %s", type(error).__name__)
        self._catalogue = catalogue
        log.info("catalogue version %s received", catalogue.version)
        self.catalogue_updated.emit(catalogue)

    def _report_outbox(self) -> None:
        counts = (self._outbox.depth(), self._outbox.held_count())
        if counts != self._counts:
            self._counts = counts
            self.outbox_changed.emit(*counts)
        if self._retired and self._outbox.case_depth() == 0:
            # No case is left that an earlier enrolment's issuer made: its sign-in can go
            # (visits go with the current sign-in, so those still waiting do not count).
            drop_retired(self._settings)
            self._router.forget_retired()
            for client in self._retired.values():
                client.close()
            self._retired = {}


def _client(url: str, token: str) -> BackendClient:
    return BackendClient(url, token=token, retries=1, backoff=0.5, timeout=_CLIENT_TIMEOUT)


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))
