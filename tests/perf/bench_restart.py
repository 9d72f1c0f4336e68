"""The kiosk's restart after ``kill -9`` under a real systemd: back to its welcome screen.

systemd 252 boots in a ``systemd-nspawn`` container (a Debian root made by
``build/dev/nspawn-root.sh``) and runs the kiosk bundle from a unit carrying the Linux kit's
own restart settings (``Restart=``, ``RestartSec=``, ``StartLimitIntervalSec=``,
``RestartPreventExitStatus=``, copied from ``build/linux/firststop-kiosk.service``). The
kiosk draws on the benchmark's Xvfb (its socket is shared with the container) instead of
under cage, which needs a real display and input devices. The benchmark kills the kiosk
with SIGKILL from outside at its welcome screen and times, on Xvfb's framebuffer, how long
until the Start button is back — systemd noticing the death, waiting ``RestartSec`` and
starting the unit again, and the kiosk's own start.

Needs root, ``systemd-nspawn`` and the prepared root; without them it says so and the
bundle benchmark falls back to its own supervisor.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.perf.bench_bundle import Screen

ROOT = Path(__file__).resolve().parents[2]
CONTAINER_ROOT = ROOT / "build" / "work" / "nspawn-root"
UNIT = ROOT / "build" / "linux" / "firststop-kiosk.service"
BENCH_UNIT = "firststop-kiosk-bench.service"
INSIDE = "/opt/firststop-kiosk"
# The kit's settings that decide when and how fast systemd restarts the kiosk.
RESTART_KEYS = ("Restart", "RestartSec", "RestartPreventExitStatus", "StartLimitIntervalSec")


def available() -> str | None:
    """``None`` when the measurement can run here, else why not (one sentence)."""
    if os.geteuid() != 0:
        return "it needs root (systemd-nspawn)"
    if shutil.which("systemd-nspawn") is None:
        return "systemd-nspawn is not installed (apt-get install systemd-container)"
    if not (CONTAINER_ROOT / "lib" / "systemd" / "systemd").exists():
        return "there is no container root (build/dev/nspawn-root.sh makes one)"
    return None


def kit_restart_settings() -> dict[str, str]:
    found = {}
    for line in UNIT.read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() in RESTART_KEYS:
            found[key.strip()] = value.strip()
    return found


def _unit(display: str, environment: dict[str, str], settings: dict[str, str]) -> str:
    unit_keys = {"StartLimitIntervalSec"}
    variables = " ".join(f"{name}={value}" for name, value in sorted(environment.items()))
    lines = [
        "[Unit]",
        "Description=First Stop kiosk (restart benchmark; the kit's restart settings)",
        *(f"{key}={value}" for key, value in settings.items() if key in unit_keys),
        "",
        "[Service]",
        f"Environment=DISPLAY={display} QT_QPA_PLATFORM=xcb {variables}",
        f"ExecStart={INSIDE}/firststop-kiosk --windowed",
        *(f"{key}={value}" for key, value in settings.items() if key not in unit_keys),
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
    ]
    return "\n".join(lines)


def _install_unit(text: str) -> None:
    system = CONTAINER_ROOT / "etc" / "systemd" / "system"
    (system / BENCH_UNIT).write_text(text)
    wants = system / "multi-user.target.wants"
    wants.mkdir(exist_ok=True)
    link = wants / BENCH_UNIT
    if not link.is_symlink():
        link.symlink_to(f"/etc/systemd/system/{BENCH_UNIT}")


def _kiosk_pid() -> int | None:
    """The kiosk's process as this machine sees it (the container shares our kernel)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if command.decode(errors="replace") == f"{INSIDE}/firststop-kiosk":
            return int(entry.name)
    return None


def _wait_for_pid(timeout: float = 30.0) -> int:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        pid = _kiosk_pid()
        if pid is not None:
            return pid
        time.sleep(0.01)
    raise RuntimeError("the kiosk did not start in the container")


def measure(
    screen: Screen,
    bundle: Path,
    scratch: Path,
    environment: dict[str, str],
    restarts: int,
    settle_s: float,
) -> dict[str, Any]:
    """kill -9 the kiosk ``restarts`` times under systemd; seconds from each kill until the
    welcome screen is back. ``environment`` names the kiosk's folders under ``scratch``."""
    settings = kit_restart_settings()
    _install_unit(_unit(screen.display, environment, settings))
    container = subprocess.Popen(
        [
            "systemd-nspawn",
            "--quiet",
            "--boot",
            "--register=no",
            "--keep-unit",
            f"--directory={CONTAINER_ROOT}",
            "--machine=firststop-bench",
            f"--bind-ro={bundle}:{INSIDE}",
            "--bind-ro=/tmp/.X11-unix",
            f"--bind={scratch}",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    times: list[float] = []
    try:
        booted = time.perf_counter()
        screen.wait_for_marker(booted, container)
        for _ in range(restarts):
            time.sleep(settle_s)
            pid = _wait_for_pid()
            killed = time.perf_counter()
            os.kill(pid, signal.SIGKILL)
            screen.wait_clear()
            times.append(screen.wait_for_marker(killed, container))
    finally:
        # SIGTERM asks the container's systemd to power off cleanly.
        container.send_signal(signal.SIGTERM)
        try:
            container.wait(timeout=30)
        except subprocess.TimeoutExpired:
            container.kill()
            container.wait()
    version = subprocess.run(
        ["systemd-nspawn", "--version"], capture_output=True, text=True, check=False
    ).stdout.split("\n", 1)[0]
    return {
        "under_systemd": True,
        "systemd": re.sub(r"\s+\(.*", "", version).strip(),
        "supervisor": "systemd booted in systemd-nspawn, the kit's restart settings",
        "restart_settings": settings,
        "kill_to_welcome_s": times,
    }
