"""Starting the kiosk for real: the enrolled identity, its outbox, the cached catalogue, the
window locked down, the background sync, the installer exit, the idle wipe and the crash
guard. :func:`run` returns the process's exit code."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import Kiosk
from kiosk.crash import CrashGuard
from kiosk.device import DeviceIdentity, installer_pin_lock
from kiosk.lockdown import BreakoutFilter, InstallerExit, harden_tree, lock_down
from kiosk.settings import KioskSettings
from kiosk.sync.catalogue import load_cached_catalogue
from kiosk.sync.vitals import KioskVitals
from kiosk.watchdog import Watchdog
from shared.catalogue.schemas import Catalogue
from shared.ui.collector import MainThreadCollector

if TYPE_CHECKING:
    from kiosk.outbox import Outbox
    from kiosk.sync.background import BackgroundSync
    from shared.client import BackendClient
    from shared.ui.live import LiveLink

log = logging.getLogger(__name__)

# Exit codes: the OS restarts the kiosk on anything but 0.
CRASH_LOOP = 3

# The background parts start at the welcome screen's first paint, or after this long if
# the window system never has it painted.
FIRST_FRAME_MS = 5000

# The watchdog exits with kiosk.watchdog.EXIT_CODE (70) when the UI thread is silent for
# settings.watchdog_seconds.


def run(settings: KioskSettings, identity: DeviceIdentity) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("First Stop kiosk")
    collector = MainThreadCollector(app)
    collector.start()
    watchdog = Watchdog(settings.watchdog_seconds)
    watchdog.start()
    vitals = KioskVitals()
    breakout = BreakoutFilter()
    breakout.install(app)
    running = _Running()
    catalogue = load_cached_catalogue(settings)
    if catalogue is not None:
        # The welcome screen first; the outbox, the client, the live link and the sync
        # worker once its first frame has been painted (they cost more to load than
        # everything on the screen). A timer of 0 ms after show() is not enough: on X and
        # Wayland the first paint waits for the window to be exposed, which comes later.
        running.kiosk = _start_kiosk(app, settings, identity, catalogue, vitals, breakout, running)
        running.first_frame = FirstFrame(
            running.kiosk.window, lambda: _start_background(settings, identity, vitals, running)
        )
    else:
        # Never synced and no cache: out of order until the backend's catalogue arrives.
        log.warning("no catalogue yet: waiting for the backend")
        _start_background(settings, identity, vitals, running, at_once=True)
        sync = running.sync
        if sync is not None:
            sync.catalogue_updated.connect(
                lambda found: _first_catalogue(
                    app, settings, identity, found, vitals, breakout, running
                )
            )
    try:
        return app.exec()
    finally:
        # First: a slow shutdown after an installer exit must not end as a "freeze".
        watchdog.stop()
        running.close()
        collector.stop()


def _first_catalogue(
    app: QApplication,
    settings: KioskSettings,
    identity: DeviceIdentity,
    catalogue: object,
    vitals: KioskVitals,
    breakout: BreakoutFilter,
    running: _Running,
) -> None:
    if running.kiosk is None and isinstance(catalogue, Catalogue):
        running.kiosk = _start_kiosk(app, settings, identity, catalogue, vitals, breakout, running)
        running.connect()


def _start_kiosk(
    app: QApplication,
    settings: KioskSettings,
    identity: DeviceIdentity,
    catalogue: Catalogue,
    vitals: KioskVitals,
    breakout: BreakoutFilter,
    running: _Running,
) -> Kiosk:
    kiosk = Kiosk(
        settings,
        catalogue,
        None,
        client=None,
        tracking_url=identity.tracking_url,
        location=identity.location_code,
        vitals=vitals,
    )
    window = kiosk.window
    harden_tree(window)
    if settings.locked:
        lock_down(window)
    else:
        window.resize(settings.width, settings.height)
        window.show()
    installer = InstallerExit(
        window,
        installer_pin_lock(settings),
        hold_seconds=settings.installer_hold_seconds,
    )
    installer.install(app)
    installer.opened.connect(lambda: kiosk.idle.hold("installer"))
    installer.closed.connect(lambda: kiosk.idle.release("installer"))
    installer.exit_authorised.connect(lambda: _leave(app, breakout))
    kiosk.installer_exit_allowed.connect(lambda: _leave(app, breakout))
    guard = CrashGuard(window)
    guard.install()
    guard.restart_requested.connect(lambda: kiosk.wipe("error"))
    guard.crash_loop.connect(lambda: app.exit(CRASH_LOOP))
    running.installer, running.guard = installer, guard
    return kiosk


def _start_background(
    settings: KioskSettings,
    identity: DeviceIdentity,
    vitals: KioskVitals,
    running: _Running,
    *,
    at_once: bool = False,
) -> None:
    """The outbox, the backend client, the live link and the sync worker, each on its own
    turn of the event loop (unless ``at_once``), so that a tap meanwhile waits for one of
    them (~0.15 s at most), not for all of them."""
    began = time.perf_counter()
    longest = 0.0

    def outbox() -> None:
        from kiosk.device import open_outbox

        running.outbox = open_outbox(settings, identity)

    def client() -> None:
        from shared.client import BackendClient

        running.client = BackendClient(identity.backend_url, token=identity.token, retries=1)

    def live() -> None:
        from shared.ui.live import LiveLink

        # Help me and staff's maintenance: kept open, on the UI thread's event loop. A
        # refused token is retried too (the kiosk cannot sign in again by itself), but not
        # one the hub says was revoked (close code 4410).
        running.live = LiveLink(identity.backend_url, identity.token, retry_refused=True)

    def sync() -> None:
        from kiosk.sync.background import BackgroundSync

        if running.outbox is None:
            return
        running.sync = BackgroundSync(settings, identity, running.outbox, vitals)
        running.connect()
        running.sync.start()

    steps = [outbox, client, live, sync]

    def next_step() -> None:
        nonlocal longest
        step = steps.pop(0)
        step_began = time.perf_counter()
        step()
        longest = max(longest, time.perf_counter() - step_began)
        if steps:
            if at_once:
                next_step()
            else:
                QTimer.singleShot(0, next_step)
            return
        log.info(
            "background parts started in %.0f ms (longest step %.0f ms)",
            (time.perf_counter() - began) * 1000,
            longest * 1000,
        )

    next_step()


class FirstFrame(QObject):
    """Calls ``then`` once, on the event loop's next turn after ``window`` first painted:
    the frame has reached the screen by then (the paint and the flush to the window
    system happen in one go), and input that came meanwhile is handled before ``then``.

    If the window system never has the window painted (a compositor that shows nothing
    while the screen is off), ``then`` runs after ``fallback_ms`` anyway: the kiosk must
    sync and answer staff whether or not anyone can see it.
    """

    def __init__(
        self, window: QWidget, then: Callable[[], None], *, fallback_ms: int = FIRST_FRAME_MS
    ) -> None:
        super().__init__(window)
        self._then = then
        self._window = window
        self._due = False
        self._done = False
        window.installEventFilter(self)
        self._fallback = QTimer(self, singleShot=True, interval=fallback_ms)
        self._fallback.timeout.connect(self._on_fallback)
        self._fallback.start()

    @property
    def done(self) -> bool:
        return self._done

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and not self._due:
            self._due = True
            QTimer.singleShot(0, self._run)
        return False

    def _on_fallback(self) -> None:
        if not self._due:
            log.warning(
                "the window was not painted within %d ms: starting anyway",
                self._fallback.interval(),
            )
            self._due = True
            self._run()

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._fallback.stop()
        self._window.removeEventFilter(self)
        self._then()


@dataclass
class _Running:
    """What start-up made, kept alive for as long as the kiosk runs."""

    kiosk: Kiosk | None = None
    installer: InstallerExit | None = None
    guard: CrashGuard | None = None
    outbox: Outbox | None = None
    client: BackendClient | None = None
    sync: BackgroundSync | None = None
    live: LiveLink | None = None
    first_frame: FirstFrame | None = None
    _connected: bool = False

    def connect(self) -> None:
        """Once both the screen and the background parts exist, join them (once)."""
        kiosk, sync = self.kiosk, self.sync
        live = self.live
        if kiosk is None or sync is None or self.outbox is None or self.client is None:
            return
        if live is None:
            return
        if self._connected:
            return
        self._connected = True
        kiosk.attach(self.outbox, self.client)
        sync.online_changed.connect(kiosk.set_online)
        sync.catalogue_updated.connect(kiosk.catalogue_updated)
        kiosk.journey.submitted.connect(lambda _reference: sync.sync_now())
        kiosk.visit_ended.connect(lambda _visit_id: sync.sync_now())
        kiosk.attach_live(live)
        live.start()

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()
        if self.sync is not None:
            self.sync.stop()
        if self.kiosk is not None:
            self.kiosk.background.close()
        elif self.client is not None:
            self.client.close()
        if self.outbox is not None:
            self.outbox.close()


def _leave(app: QApplication, breakout: BreakoutFilter) -> None:
    log.info("installer exit: the kiosk is closing")
    breakout.release()
    app.exit(0)
