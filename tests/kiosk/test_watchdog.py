"""The watchdog: quiet while the screen answers, and a real frozen screen ends the process
with the watchdog's exit code, logging no customer data."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.watchdog import EXIT_CODE, Watchdog

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Ada Lovelace, 12 High Street"
MESSAGE = "the screen stopped answering for"

# The child: a watchdog of 1 s, then a slot that blocks the UI thread for 30 s while it
# holds a customer's answer in a local variable.
FROZEN_CHILD = f"""
import logging, sys, threading
logging.basicConfig(level=logging.INFO, stream=sys.stderr)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk.watchdog import Watchdog

app = QApplication(sys.argv[:1])
watchdog = Watchdog(1.0)
watchdog.start()

def on_answer():
    answer = {SECRET!r}
    threading.Event().wait(30)
    print(len(answer))

QTimer.singleShot(0, on_answer)
sys.exit(app.exec())
"""


class _Exits:
    """A fake ``os._exit``: records the codes instead of ending the process."""

    def __init__(self) -> None:
        self.codes: list[int] = []

    def __call__(self, code: int) -> None:
        self.codes.append(code)


def test_quiet_while_the_event_loop_runs(qtbot: QtBot) -> None:
    exits = _Exits()
    checks: list[float] = []

    def clock() -> float:
        now = time.monotonic()
        if threading.current_thread().name == "watchdog":
            checks.append(now)
        return now

    watchdog = Watchdog(0.3, exit=exits, clock=clock)
    watchdog.start()
    try:
        # Several checks, each well past the timeout since the watchdog was armed.
        qtbot.waitUntil(lambda: len(checks) >= 8 and checks[-1] - checks[0] > 0.9, timeout=5000)
        assert exits.codes == []
        assert watchdog.running
    finally:
        watchdog.stop()
    assert not watchdog.running


def test_a_stale_heartbeat_exits_once_with_its_code(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    exits = _Exits()

    def clock() -> float:
        # The UI thread's beats are stamped at 0; the checker sees 100 s later.
        return 100.0 if threading.current_thread().name == "watchdog" else 0.0

    watchdog = Watchdog(0.3, exit=exits, clock=clock)
    with caplog.at_level(logging.CRITICAL, logger="kiosk.watchdog"):
        watchdog.start()
        try:
            qtbot.waitUntil(lambda: exits.codes != [] and not watchdog.running, timeout=5000)
        finally:
            watchdog.stop()
    assert exits.codes == [EXIT_CODE]
    assert "the screen stopped answering for 100.0 s: exiting for a restart" in caplog.text


def test_stop_ends_the_checker(qtbot: QtBot) -> None:
    exits = _Exits()
    watchdog = Watchdog(5.0, exit=exits)
    watchdog.start()
    started = watchdog.running
    watchdog.stop()
    stopped = not watchdog.running
    watchdog.stop()  # twice is harmless
    assert (started, stopped) == (True, True)
    assert exits.codes == []


def test_refuses_a_timeout_that_is_not_positive(qtbot: QtBot) -> None:
    with pytest.raises(ValueError, match="positive"):
        Watchdog(0)


def test_a_real_frozen_screen_ends_the_process_for_a_restart() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", FROZEN_CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=15,
        check=False,
    )
    assert done.returncode == EXIT_CODE, done.stderr
    assert MESSAGE in done.stderr
    assert "exiting for a restart" in done.stderr
    # The stacks show where it froze, never what the customer typed.
    assert "on_answer" in done.stderr
    assert SECRET not in done.stderr
    assert SECRET not in done.stdout
