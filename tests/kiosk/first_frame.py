"""A probe run in a child process by ``test_start.py``: the real kiosk start-up
(``firststop kiosk --windowed``, enrolled, its catalogue cached) with a watcher on the
application that notes, at the welcome screen's first paint, which heavy modules were
already imported, taps Start at once (real mouse events, queued before the kiosk itself is
built around that screen), notes the page the tap led to and what had started by then, and
once the background parts are up reports as JSON on stdout.

``python -m tests.kiosk.first_frame`` with the kiosk's folders in the environment
(``FIRSTSTOP_KIOSK_CONFIG_DIR``, ``FIRSTSTOP_KIOSK_DATA_DIR``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]

# What must wait until the welcome screen is on the screen.
HEAVY = (
    # pydantic: never, on the kiosk (its schemas are read with msgspec, shared/schema.py).
    "pydantic",
    "pydantic_core",
    # The schemas, the flow engine and the kiosk's presenter: built around the welcome
    # screen once it is up (kiosk/main.py).
    "kiosk.app",
    "shared.flow.engine",
    "shared.catalogue.schemas",
    "kiosk.device.schemas",
    "sqlalchemy",
    "requests",
    "urllib3",
    "qrcode",
    "pydantic_settings",
    "argon2",  # when the installer PIN is first set or checked
    "email_validator",  # when an e-mail address is first checked (shared.emails)
    "idna",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "PySide6.QtWebSockets",
    "kiosk.outbox",
    "kiosk.sync.background",
    "shared.client",
    # The pages the welcome screen does not show, and their presenters: built when first
    # needed (shared.ui.kiosk_screen), so neither imported nor made before the first frame.
    "shared.ui.pages.services",
    "shared.ui.screen",
    "shared.ui.pages.track",
    "shared.ui.pages.entry",
    "shared.ui.pages.book",
    "kiosk.book",
    "kiosk.speak",
    "kiosk.arrive",
    "kiosk.help.fill",
)
# Proof that the background start ran (and when it had).
BACKGROUND = "kiosk.sync.background"
DEADLINE_MS = 30_000


def _heavy_loaded() -> list[str]:
    return sorted(name for name in HEAVY if name in sys.modules)


class Probe(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.report: dict[str, object] = {}
        self._window: QWidget | None = None
        app.installEventFilter(self)
        self._poll = QTimer(self)
        self._poll.setInterval(20)
        self._poll.timeout.connect(self._check_background)
        QTimer.singleShot(DEADLINE_MS, self._give_up)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            self._window is None
            and event.type() == QEvent.Type.Paint
            and type(watched).__name__ == "KioskWindow"
            and isinstance(watched, QWidget)
        ):
            self._window = watched
            self.report["loaded_at_first_paint"] = _heavy_loaded()
            self._tap_start(watched)
        return False

    def _tap_start(self, window: QWidget) -> None:
        """Press and release on the Start button, posted now: handled before anything the
        kiosk queues on seeing the same paint."""
        button = window.welcome.start_button  # type: ignore[attr-defined]
        window.pages.currentChanged.connect(self._on_page_changed)  # type: ignore[attr-defined]
        at = QPointF(button.width() / 2, button.height() / 2)
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            event = QMouseEvent(
                kind,
                at,
                button.mapToGlobal(at),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.postEvent(button, event)
        self._poll.start()

    def _on_page_changed(self) -> None:
        window = self._window
        assert window is not None
        if "page_after_tap" not in self.report:
            self.report["page_after_tap"] = window.current_page().value  # type: ignore[attr-defined]
            self.report["background_before_tap"] = BACKGROUND in sys.modules

    def _check_background(self) -> None:
        if BACKGROUND in sys.modules and self._attached() and "page_after_tap" in self.report:
            self._poll.stop()
            self.report["loaded_after_start"] = _heavy_loaded()
            window = self._window
            assert window is not None
            self.report["page_at_end"] = window.current_page().value  # type: ignore[attr-defined]
            self.app.exit(0)

    def _attached(self) -> bool:
        """The kiosk's journey has its outbox: the background start is complete."""
        from kiosk.app import Kiosk

        kiosks = [obj for obj in gc.get_objects() if isinstance(obj, Kiosk)]
        return any(k.journey._outbox is not None for k in kiosks)

    def _give_up(self) -> None:
        self.report["timed_out"] = True
        self.app.exit(1)


def run_enrolled(
    tmp_path: Path, *command: str, folders: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m <command>`` offscreen, as a kiosk enrolled (to a backend that is not
    there) with its catalogue cached, its folders under ``tmp_path`` (or ``folders``,
    made by :func:`tests.perf.bench_bundle.enrolled_kiosk`): how the start-up tests run
    the real program."""
    from tests.perf.bench_bundle import enrolled_kiosk

    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
        PYTHONPATH=str(ROOT),
    )
    env.update(folders if folders is not None else enrolled_kiosk(tmp_path / "kiosk"))
    return subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def main() -> int:
    app = QApplication(sys.argv[:1])
    probe = Probe(app)
    from kiosk.cli import add_kiosk_parser

    parser = argparse.ArgumentParser()
    add_kiosk_parser(parser.add_subparsers())
    args = parser.parse_args(["kiosk", "--windowed"])
    code = args.run(args)
    sys.stdout.write(json.dumps(probe.report) + "\n")
    sys.stdout.flush()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
