"""Starting the kiosk for real: the enrolled identity, its outbox, the cached catalogue, the
window locked down, the background sync, the installer exit, the idle wipe and the crash
guard. :func:`run` returns the process's exit code.

The start goes in turns of the event loop, so the welcome screen is on the screen as early
as it can be (issue 11; figures in ``docs/performance.md``):

1. the welcome screen, drawn from the cached catalogue's languages alone
   (:func:`~kiosk.sync.catalogue.cached_languages`), in the kiosk's look: nothing of
   pydantic, the schemas or the network is loaded for it;
2. on the turn after its first paint, the catalogue checked, the enrolment read and the
   kiosk built around that window; a touch or key meanwhile is held, then handed over
   (:class:`~kiosk.held_input.HeldInput`);
3. then the outbox, the backend client, the live link and the sync worker, each on a
   turn of its own.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.crash import CrashGuard
from kiosk.device.pin import installer_pin_lock
from kiosk.held_input import HeldInput
from kiosk.lockdown import BreakoutFilter, InstallerExit, harden_tree, lock_down
from kiosk.settings import KioskSettings
from kiosk.sync.catalogue import CachedLanguages, cached_languages
from kiosk.sync.vitals import KioskVitals
from kiosk.watchdog import Watchdog
from kiosk.window import KioskWindow, Page, apply_look, language_names, screen_dpi
from shared.ui.collector import MainThreadCollector

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.device import DeviceIdentity
    from kiosk.outbox import Outbox
    from kiosk.sync.background import BackgroundSync
    from shared.catalogue.schemas import Catalogue
    from shared.client import BackendClient
    from shared.ui.live import LiveLink

log = logging.getLogger(__name__)

# Exit codes: the OS restarts the kiosk on anything but 0.
CRASH_LOOP = 3
# The kiosk could not be built (a fault, logged): started again.
NOT_STARTED = 1
# Its enrolment cannot be read: an installer must enrol it again (as ``firststop kiosk``).
NOT_ENROLLED = 2

# The background parts start at the welcome screen's first paint, or after this long if
# the window system never has it painted.
FIRST_FRAME_MS = 5000

# The watchdog exits with kiosk.watchdog.EXIT_CODE (70) when the UI thread is silent for
# settings.watchdog_seconds.


def run(settings: KioskSettings, identity: DeviceIdentity | None = None) -> int:
    """The kiosk, until it exits. ``identity``: this kiosk's enrolment if it was already
    read (the demo); otherwise ``device.json`` is read once the welcome screen is up."""
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
    start = Startup(app, settings, vitals, breakout, identity)
    languages = cached_languages(settings)
    if languages is not None:
        # A timer of 0 ms after show() is not enough to wait for the first paint: on X and
        # Wayland it waits for the window to be exposed, which comes later.
        window = start.first_window(languages)
        start.running.first_frame = FirstFrame(window, lambda: start.finish(window, languages))
    elif not start.wait_for_catalogue():
        watchdog.stop()
        collector.stop()
        return NOT_ENROLLED
    try:
        return app.exec()
    finally:
        # First: a slow shutdown after an installer exit must not end as a "freeze".
        watchdog.stop()
        start.running.close()
        collector.stop()


class Startup:
    """What :func:`run` starts, step by step (module docstring)."""

    def __init__(
        self,
        app: QApplication,
        settings: KioskSettings,
        vitals: KioskVitals,
        breakout: BreakoutFilter,
        identity: DeviceIdentity | None,
    ) -> None:
        self.app, self.settings, self.vitals, self.breakout = app, settings, vitals, breakout
        self.identity = identity
        self.running = _Running()
        self.held = HeldInput()

    def first_window(self, cached: CachedLanguages) -> KioskWindow:
        """The welcome screen, in the kiosk's look, shown; input held until the kiosk is
        built around it (:meth:`finish`)."""
        settings = self.settings
        window = KioskWindow(language_names(cached.languages))
        apply_look(
            self.app,
            window,
            language=cached.first(settings.default_language),
            large_text=False,
            high_contrast=False,
            dpi=settings.screen_dpi or screen_dpi(self.app),
            viewing_distance_mm=settings.viewing_distance_mm,
        )
        window.show_page(Page.WELCOME)
        self.held.install(self.app)
        self._show(window)
        # Styled and laid out now: left to the event loop, the widgets' polish and the
        # layouts' requests come after the first paint, and the first frame, on the screen
        # while the kiosk is built behind it, would show its buttons out of place.
        QCoreApplication.sendPostedEvents()
        return window

    def finish(self, window: KioskWindow, cached: CachedLanguages) -> None:
        """The catalogue checked (from the bytes ``window`` was drawn from), the enrolment
        read, the kiosk built around ``window``, what was held handed over; then the
        background parts."""
        from kiosk.sync.catalogue import load_cached_catalogue

        began = time.perf_counter()
        try:
            identity = self._identity()
            if identity is None:
                self.app.exit(NOT_ENROLLED)
                return
            catalogue = load_cached_catalogue(self.settings, cached.data)
            if catalogue is None:
                # Its languages could be read but not the rest: as if there were none.
                self.held.release()
                window.close()
                window.deleteLater()
                if not self.wait_for_catalogue():
                    self.app.exit(NOT_ENROLLED)
                return
            self.running.kiosk = self._kiosk(catalogue, identity, window)
        except Exception:
            log.exception("the kiosk could not be started")
            self.app.exit(NOT_STARTED)
            return
        log.info(
            "kiosk built behind the welcome screen in %.0f ms (%d input events held)",
            (time.perf_counter() - began) * 1000,
            self.held.held,
        )
        self.held.release()
        _start_background(self.settings, identity, self.vitals, self.running)

    def wait_for_catalogue(self) -> bool:
        """Never synced and no cache: out of order until the backend's catalogue arrives.
        False if this kiosk's enrolment cannot be read."""
        identity = self._identity()
        if identity is None:
            return False
        log.warning("no catalogue yet: waiting for the backend")
        running = self.running
        _start_background(self.settings, identity, self.vitals, running, at_once=True)
        sync = running.sync
        if sync is not None:
            sync.catalogue_updated.connect(lambda found: self._first_catalogue(found, identity))
        return True

    def _identity(self) -> DeviceIdentity | None:
        """This kiosk's enrolment; None (said on stderr, for the installer) if it cannot
        be read."""
        if self.identity is not None:
            return self.identity
        from kiosk.device import DeviceFileError, load_identity

        try:
            self.identity = load_identity(self.settings)
        except DeviceFileError as error:
            sys.stderr.write(error.message + "\n")
            return None
        if self.identity is None:
            sys.stderr.write(
                f"This kiosk's enrolment file ({self.settings.device_file}) is gone. "
                "Enrol the kiosk again.\n"
            )
        return self.identity

    def _first_catalogue(self, catalogue: object, identity: DeviceIdentity) -> None:
        from shared.catalogue.schemas import Catalogue

        if self.running.kiosk is None and isinstance(catalogue, Catalogue):
            self.running.kiosk = self._kiosk(catalogue, identity, None)
            self.running.connect()

    def _show(self, window: QWidget) -> None:
        harden_tree(window)
        if self.settings.locked:
            lock_down(window)
        else:
            window.resize(self.settings.width, self.settings.height)
            window.show()

    def _kiosk(
        self, catalogue: Catalogue, identity: DeviceIdentity, window: KioskWindow | None
    ) -> Kiosk:
        from kiosk.app import Kiosk

        app, settings, breakout = self.app, self.settings, self.breakout
        kiosk = Kiosk(
            settings,
            catalogue,
            None,
            client=None,
            tracking_url=identity.tracking_url,
            location=identity.location_code,
            vitals=self.vitals,
            window=window,
        )
        if window is None:
            self._show(kiosk.window)
        else:
            # What the kiosk added to the window shown already.
            harden_tree(kiosk.window)
        installer = InstallerExit(
            kiosk.window,
            installer_pin_lock(settings),
            hold_seconds=settings.installer_hold_seconds,
        )
        installer.install(app)
        installer.opened.connect(lambda: kiosk.idle.hold("installer"))
        installer.closed.connect(lambda: kiosk.idle.release("installer"))
        installer.exit_authorised.connect(lambda: _leave(app, breakout))
        kiosk.installer_exit_allowed.connect(lambda: _leave(app, breakout))
        guard = CrashGuard(kiosk.window)
        guard.install()
        guard.restart_requested.connect(lambda: kiosk.wipe("error"))
        guard.crash_loop.connect(lambda: app.exit(CRASH_LOOP))
        self.running.installer, self.running.guard = installer, guard
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
