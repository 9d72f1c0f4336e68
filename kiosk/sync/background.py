"""The UI thread's handle on the sync worker: it owns the ``QThread``, starts and stops it,
and passes the worker's signals on, so the window wires itself to one object here.

``sync_now()`` reaches the worker through a queued connection: it returns at once, and the
pass runs in the worker's thread. ``stop()`` must be called before the application quits;
it returns promptly even mid-backoff or mid-retry, because it closes the worker's clients
first (ending their waits) and then asks the worker's event loop to end.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.device import DeviceIdentity
from kiosk.outbox import Outbox
from kiosk.settings import KioskSettings
from kiosk.sync.vitals import KioskVitals
from kiosk.sync.worker import DEFAULT_BACKOFF_CAP, SyncWorker


class BackgroundSync(QObject):
    # Passed on from the worker; see SyncWorker.
    online_changed = Signal(bool)
    outbox_changed = Signal(int, int)
    catalogue_updated = Signal(object)
    # To the worker (queued: it lives in its own thread).
    _sync_requested = Signal()
    _stop_requested = Signal()

    def __init__(
        self,
        settings: KioskSettings,
        identity: DeviceIdentity,
        outbox: Outbox,
        vitals: KioskVitals,
        parent: QObject | None = None,
        *,
        backoff_cap: float = DEFAULT_BACKOFF_CAP,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(parent)
        # No parent: the thread must outlive nothing that would destroy it while it runs.
        self._thread = QThread()
        self._thread.setObjectName("kiosk-sync")
        self._worker = SyncWorker(
            settings, identity, outbox, vitals, backoff_cap=backoff_cap, rng=rng
        )
        self._worker.moveToThread(self._thread)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._thread.started.connect(self._worker.start)
        self._sync_requested.connect(self._worker.sync_now)
        self._stop_requested.connect(self._worker.shutdown)
        self._worker.online_changed.connect(self.online_changed)
        self._worker.outbox_changed.connect(self.outbox_changed)
        self._worker.catalogue_updated.connect(self.catalogue_updated)

    def start(self) -> None:
        self._thread.start()

    def sync_now(self) -> None:
        """Ask for a pass now (after a submission); returns at once."""
        self._sync_requested.emit()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def stop(self, timeout_s: float = 5.0) -> bool:
        """End the worker thread; whether it ended within ``timeout_s``."""
        if not self._thread.isRunning():
            return True
        self._worker.close_clients()
        self._stop_requested.emit()
        return bool(self._thread.wait(max(1, round(timeout_s * 1000))))
