"""``firststop demo``: the whole system on one machine, on its embedded defaults.

The case backend runs as its own process with the demo council (SQLite in the user data
directory), exactly as ``firststop backend --demo`` does, with its live hub in-process. A
kiosk enrolled at the demo shop (its own config and data directories, so a real enrolment
on this machine is untouched) opens in a window, and a greeter's staff desk, signed in as
the demo greeter Sam, opens beside it (its own process, as on a real tablet). Press Help me
on the kiosk to see the desk alert. Closing the kiosk stops the rest. Without a screen (no
``DISPLAY`` or ``WAYLAND_DISPLAY``) only the backend runs, and the demo says so.

``firststop demo --headless`` runs a scripted visit offscreen instead, on a backend of its
own (a temporary database on a free port): a customer starts a journey, presses Help me,
Sam claims it, points at a field and sends a tip, the customer finishes and submits. It
prints one JSON line (the reference, the alert and mirror latencies in milliseconds, the
outcome) and writes screenshots of both apps (``--screenshots DIR``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from casebackend.demo import DEMO_PASSWORD
from kiosk.device import DeviceIdentity
from kiosk.settings import KioskSettings, load_settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk.app import Kiosk
    from staffdesk.window import DeskWindow

DEMO_URL = "http://127.0.0.1:8765"
DEMO_GREETER = "sam"
_CODE = re.compile(r"Enrolment code for shop: (\S+)")
# Side by side on a 1920-pixel-wide screen.
KIOSK_SIZE = (1024, 768)
DESK_SIZE = (880, 768)


def demo_kiosk_settings() -> KioskSettings:
    home = Path(platformdirs.user_data_dir("firststop", appauthor=False)) / "demo-kiosk"
    return load_settings(
        config_dir=home / "config",
        data_dir=home / "data",
        locked=False,
        width=KIOSK_SIZE[0],
        height=KIOSK_SIZE[1],
    )


def _command() -> list[str]:
    return [sys.executable, "-m", "firststop"]


def run_demo(args: argparse.Namespace) -> int:
    if getattr(args, "headless", False):
        return run_headless(args.screenshots)
    command = _command()
    backend = subprocess.Popen([*command, "backend", "--demo"])  # noqa: S603 (our own command)
    desk: subprocess.Popen[bytes] | None = None
    try:
        if not _wait_for_backend(backend, DEMO_URL):
            print("The demo backend did not start; see the messages above.", file=sys.stderr)
            return 1
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            print(
                "No screen here (DISPLAY is not set): the backend runs alone. "
                "Run `firststop demo` on a desktop to open a kiosk and a staff desk beside "
                "it, or `firststop demo --headless` for a scripted visit. Ctrl+C stops.",
                flush=True,
            )
            return backend.wait()
        settings = demo_kiosk_settings()
        identity = _enrolled(settings, command, DEMO_URL)
        desk = subprocess.Popen(
            [sys.executable, "-c", "from firststop.demo import desk_main; desk_main()"]
        )
        print("A kiosk and Sam's staff desk are opening. Press Help me on the kiosk.")
        from kiosk.main import run

        return run(settings, identity)
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (desk, backend):
            if process is not None:
                process.terminate()
                process.wait(timeout=15)


def desk_main() -> None:
    """The demo's staff desk, in its own process: Sam, signed in at the shop, placed to the
    right of the kiosk."""
    from PySide6.QtWidgets import QApplication

    from staffdesk.app import build_desk
    from staffdesk.settings import load_settings as desk_settings

    app = QApplication(sys.argv[:1])
    app.setApplicationName("First Stop help desk (demo)")
    settings = desk_settings(
        backend_url=DEMO_URL, windowed=True, width=DESK_SIZE[0], height=DESK_SIZE[1]
    )
    window = build_desk(settings)
    window.move(KIOSK_SIZE[0] + 16, 0)
    window.show()
    window.sign_in(DEMO_GREETER, DEMO_PASSWORD, "shop")
    try:
        app.exec()
    finally:
        window.presenter.shutdown()


def _wait_for_backend(backend: subprocess.Popen[bytes], url: str) -> bool:
    from shared.client import BackendClient
    from shared.errors import Unavailable

    pause = threading.Event()
    # Refused connections are expected while the backend starts: not worth a line each.
    logging.getLogger("shared.client.transport").setLevel(logging.WARNING)
    with BackendClient(url, retries=0, timeout=(1.0, 2.0)) as client:
        for _ in range(240):
            if backend.poll() is not None:
                return False
            try:
                client.health()
            except Unavailable:
                pause.wait(0.25)
            else:
                logging.getLogger("shared.client.transport").setLevel(logging.NOTSET)
                return True
    return False


def _enrolled(
    settings: KioskSettings,
    command: list[str],
    url: str,
    env: dict[str, str] | None = None,
) -> DeviceIdentity:
    from kiosk.device import enrol as enrol_kiosk
    from kiosk.device import load_identity

    identity = load_identity(settings)
    if identity is not None and identity.backend_url.rstrip("/") == url:
        return identity
    made = subprocess.run(  # noqa: S603 (our own command)
        [*command, "admin", "enrolment-code", "--location", "shop"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    found = _CODE.search(made.stdout)
    if found is None:
        raise RuntimeError("the demo could not make an enrolment code")
    return enrol_kiosk(settings, found.group(1), url, "demo kiosk")


# The scripted visit -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def run_headless(screenshots: Path | None) -> int:
    """Start a backend of its own, run the scripted visit, print its JSON line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="firststop-demo-"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # The environment names the database for every command this run starts.
    env = dict(os.environ, FIRSTSTOP_BACKEND_DATABASE_URL=f"sqlite:///{folder / 'backend.sqlite3'}")
    command = _command()
    backend = subprocess.Popen(  # noqa: S603 (our own command)
        [*command, "backend", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        if not _wait_for_backend(backend, url):
            print("The demo backend did not start.", file=sys.stderr)
            return 1
        settings = load_settings(
            config_dir=folder / "kiosk-config",
            data_dir=folder / "kiosk-data",
            locked=False,
            width=KIOSK_SIZE[0],
            height=KIOSK_SIZE[1],
            speech_engine="mock",
            sync_seconds=0.5,
        )
        identity = _enrolled(settings, command, url, env)
        result = _ScriptedVisit(settings, identity, url, screenshots or folder / "screens").run()
    except DemoFailed as exc:
        print(f"The scripted visit stopped: {exc}.", file=sys.stderr)
        return 1
    finally:
        backend.terminate()
        backend.wait(timeout=15)
    print(json.dumps(result), flush=True)
    return 0 if result.get("reference") else 1


class DemoFailed(RuntimeError):
    pass


class _ScriptedVisit:
    """The kiosk and Sam's desk in one offscreen process, driven by touches."""

    def __init__(
        self, settings: KioskSettings, identity: DeviceIdentity, url: str, screens: Path
    ) -> None:
        self.settings = settings
        self.identity = identity
        self.url = url
        self.screens = screens
        self.shot = 0

    def run(self) -> dict[str, object]:
        from PySide6.QtWidgets import QApplication

        from kiosk.app import Kiosk
        from kiosk.device import open_outbox
        from kiosk.sync.background import BackgroundSync
        from shared.catalogue.schemas import Catalogue
        from shared.client import BackendClient
        from shared.ui.live import LiveLink
        from staffdesk.app import build_desk
        from staffdesk.settings import load_settings as desk_settings

        app = QApplication.instance() or QApplication(sys.argv[:1])
        del app
        client = BackendClient(self.url, token=self.identity.token, retries=1)
        catalogue: Catalogue = client.catalogue()
        outbox = open_outbox(self.settings, self.identity)
        kiosk = Kiosk(
            self.settings,
            catalogue,
            outbox,
            client=client,
            tracking_url=self.identity.tracking_url,
            dpi=96,
        )
        kiosk.window.resize(*KIOSK_SIZE)
        kiosk.window.show()
        sync = BackgroundSync(self.settings, self.identity, outbox, kiosk.vitals)
        sync.online_changed.connect(kiosk.set_online)
        kiosk.journey.submitted.connect(lambda _reference: sync.sync_now())
        sync.start()
        link = LiveLink(self.url, self.identity.token, retry_refused=True)
        kiosk.attach_live(link)
        link.start()
        desk = build_desk(
            desk_settings(
                backend_url=self.url,
                windowed=True,
                sound=False,
                width=DESK_SIZE[0],
                height=DESK_SIZE[1],
            )
        )
        desk.show()
        try:
            return self._script(kiosk, desk)
        finally:
            desk.presenter.shutdown()
            link.stop()
            sync.stop()
            kiosk.background.close()
            outbox.close()

    # The script -----------------------------------------------------------------------------

    def _script(self, kiosk: Kiosk, desk: DeskWindow) -> dict[str, object]:
        from PySide6.QtWidgets import QPushButton, QWidget

        from kiosk.help.session import HelpStatus
        from kiosk.window import Page

        desk.sign_in(DEMO_GREETER, DEMO_PASSWORD, "shop")
        wait(lambda: kiosk.help.available, "the kiosk to reach the live hub")
        wait(lambda: bool(desk.board.cards), "Sam's board to show the kiosk")
        window = kiosk.window
        self._snap(window, "kiosk-welcome")
        self._snap(desk, "desk-board")
        # A customer starts to report a missed bin and stops at the contact step.
        tap(window.welcome.start_button)
        tap(window.services.findChild(QWidget, "group:Bins, rubbish and recycling"))
        tap(window.services.findChild(QWidget, "service:missed_bin"))
        view = window.journey_view
        alerted: list[str] = []
        desk.alerted.connect(alerted.append)
        # Help me: time until Sam's desk alerts.
        started = time.perf_counter()
        tap(window.help_button)
        wait(lambda: bool(alerted), "the desk to alert")
        alert_ms = (time.perf_counter() - started) * 1000
        help_id = alerted[0]
        self._snap(window, "kiosk-help-on-the-way")
        self._snap(desk, "desk-alert")
        tap(desk.findChild(QPushButton, f"claim-{help_id}"))
        wait(lambda: kiosk.help.status is HelpStatus.HELPED, "the claim to reach the kiosk")
        mirror = desk.mirror.screen
        wait(lambda: mirror.state == view.state, "the mirror to show the kiosk's screen")
        # The mirror follows the customer: time from their answer to Sam's mirror.
        flow = kiosk.journey.flow
        if flow is None:
            raise DemoFailed("the journey did not start")
        first = flow.step.fields[0]
        started = time.perf_counter()
        kiosk.journey.answer(first.id, _an_answer(first))
        wait(lambda: mirror.state == view.state, "the mirror to follow the answer")
        mirror_ms = (time.perf_counter() - started) * 1000
        # Sam points at the field and sends a tip.
        mirror.field_tapped.emit(first.id)
        wait(lambda: view._highlight == first.id, "the highlight on the kiosk")
        tap(desk.findChild(QPushButton, "tip-tip.press_next"))
        wait(window.help_banner.tip.isVisible, "the tip on the kiosk")
        self._snap(window, "kiosk-helped-with-tip")
        self._snap(desk, "desk-mirror")
        tap(desk.findChild(QPushButton, "outcome-resolved_at_kiosk"))
        wait(lambda: kiosk.help.status is HelpStatus.NONE, "the help to close")
        # The customer finishes on their own and submits.
        reference = self._finish(kiosk)
        self._snap(window, "kiosk-confirmation")
        # On to the feedback question: answered, then Finish.
        for _ in range(3):
            if window.current_page() is not Page.JOURNEY:
                break
            self._answer_all(kiosk)
            tap(view.primary_button)
        wait(lambda: window.current_page() in (Page.THANKS, Page.WELCOME), "the thank-you")
        return {
            "reference": reference,
            "alert_latency_ms": round(alert_ms, 1),
            "mirror_latency_ms": round(mirror_ms, 1),
            "outcome": "resolved_at_kiosk",
            "screenshots": str(self.screens),
        }

    def _finish(self, kiosk: Kiosk) -> str:
        from shared.flow import StepKind

        view = kiosk.window.journey_view
        for _ in range(20):
            flow = kiosk.journey.flow
            if flow is None:
                raise DemoFailed("the journey ended early")
            if flow.step.kind is StepKind.CONFIRMATION:
                return view.reference_label.text()
            if flow.step.kind is StepKind.CHECK:
                tap(view.primary_button)
                continue
            self._answer_all(kiosk)
            tap(view.primary_button)
        raise DemoFailed("the journey did not reach its confirmation")

    @staticmethod
    def _answer_all(kiosk: Kiosk) -> None:
        """Answer what the current screen asks that is still unanswered."""
        flow = kiosk.journey.flow
        if flow is None:
            return
        for spec in flow.step.fields:
            answer = _an_answer(spec)
            if answer is not None and flow.answers.get(spec.id) in (None, "", ()):
                kiosk.journey.answer(spec.id, answer)

    def _snap(self, widget: QWidget, name: str) -> None:
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()
        self.screens.mkdir(parents=True, exist_ok=True)
        self.shot += 1
        widget.grab().save(str(self.screens / f"{self.shot:02d}-{name}.png"))


def _an_answer(spec: object) -> object | None:
    from kiosk.screenshots import sample_answer

    return sample_answer(spec)  # type: ignore[arg-type]


def tap(widget: QWidget | None) -> None:
    """A touch on ``widget``: a button pressed, anything else clicked where a finger lands."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QScrollArea

    if widget is None:
        raise DemoFailed("a control the script needs is not on the screen")
    area = widget.parentWidget()
    while area is not None:  # scrolled into view, as a greeter would first
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(widget)
        area = area.parentWidget()
    if isinstance(widget, QAbstractButton):
        # Pressed as such: a touch-scrollable page holds a synthetic press back and hands
        # it to whatever is at that point of the (headless, unplaced) screen.
        widget.click()
        return
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint())


def wait(predicate: Callable[[], bool], what: str, timeout_s: float = 15.0) -> None:
    """Run the event loop until ``predicate`` holds; ``DemoFailed`` naming ``what`` if not."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer(interval=2)
    timer.timeout.connect(
        lambda: loop.quit() if predicate() or time.monotonic() > deadline else None
    )
    timer.start()
    if not predicate():
        loop.exec()
    timer.stop()
    if not predicate():
        raise DemoFailed(f"timed out waiting for {what}")
