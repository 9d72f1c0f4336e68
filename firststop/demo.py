"""``firststop demo``: the whole system on one machine, on its embedded defaults.

The case backend runs as its own process with the demo council (SQLite in the user data
directory), exactly as ``firststop backend --demo`` does; a kiosk enrolled at the demo shop
(its own config and data directories, so a real enrolment on this machine is untouched)
opens in a window beside it. Closing the kiosk stops the backend. Without a screen (no
``DISPLAY`` or ``WAYLAND_DISPLAY``) only the backend runs, and the demo says so.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import platformdirs

from kiosk.device import DeviceIdentity
from kiosk.settings import KioskSettings, load_settings

DEMO_URL = "http://127.0.0.1:8765"
_CODE = re.compile(r"Enrolment code for shop: (\S+)")


def demo_kiosk_settings() -> KioskSettings:
    home = Path(platformdirs.user_data_dir("firststop", appauthor=False)) / "demo-kiosk"
    return load_settings(config_dir=home / "config", data_dir=home / "data", locked=False)


def run_demo(args: argparse.Namespace) -> int:
    command = [sys.executable, "-m", "firststop"]
    backend = subprocess.Popen([*command, "backend", "--demo"])  # noqa: S603 (our own command)
    try:
        if not _wait_for_backend(backend):
            print("The demo backend did not start; see the messages above.", file=sys.stderr)
            return 1
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            print(
                "No screen here (DISPLAY is not set): the backend runs alone. "
                "Run `firststop demo` on a desktop to open the kiosk beside it. Ctrl+C stops.",
                flush=True,
            )
            return backend.wait()
        settings = demo_kiosk_settings()
        identity = _enrolled(settings, command)
        from kiosk.main import run

        return run(settings, identity)
    except KeyboardInterrupt:
        return 0
    finally:
        backend.terminate()
        backend.wait(timeout=15)


def _wait_for_backend(backend: subprocess.Popen[bytes]) -> bool:
    from shared.client import BackendClient
    from shared.errors import Unavailable

    pause = threading.Event()
    # Refused connections are expected while the backend starts: not worth a line each.
    logging.getLogger("shared.client.transport").setLevel(logging.WARNING)
    with BackendClient(DEMO_URL, retries=0, timeout=(1.0, 2.0)) as client:
        for _ in range(120):
            if backend.poll() is not None:
                return False
            try:
                client.health()
            except Unavailable:
                pause.wait(0.5)
            else:
                logging.getLogger("shared.client.transport").setLevel(logging.NOTSET)
                return True
    return False


def _enrolled(settings: KioskSettings, command: list[str]) -> DeviceIdentity:
    from kiosk.device import enrol as enrol_kiosk
    from kiosk.device import load_identity

    identity = load_identity(settings)
    if identity is not None:
        return identity
    made = subprocess.run(  # noqa: S603 (our own command)
        [*command, "admin", "enrolment-code", "--location", "shop"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = _CODE.search(made.stdout)
    if found is None:
        raise RuntimeError("the demo could not make an enrolment code")
    return enrol_kiosk(settings, found.group(1), DEMO_URL, "demo kiosk")
