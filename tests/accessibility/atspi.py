"""A screen reader's view of an app: a private X display (Xvfb), a private D-Bus session
bus with the AT-SPI registry on it, and a client that walks an application's accessible
tree over the bus (``org.a11y.atspi.Accessible``), as Orca does.

Qt's AT-SPI bridge lives in its xcb platform plugin, so the apps run on Xvfb here: on the
offscreen platform they never register on the accessibility bus."""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from jeepney import DBusAddress, Properties, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

ACCESSIBLE = "org.a11y.atspi.Accessible"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
REGISTRY = "org.a11y.atspi.Registry"
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
# AtspiStateType: the control is on the screen (a control scrolled out of the viewport is
# still visible, and a screen reader still reads it).
STATE_VISIBLE = 30
# The control can be used now (not under a modal overlay, not switched off).
STATE_ENABLED = 8
# The roles a person operates: each must say what it does.
CONTROL_ROLES = frozenset(
    {
        "push button",
        "toggle button",
        "check box",
        "radio button",
        "text",
        "entry",
        "password text",
        "combo box",
        "spin button",
    }
)
CALL_TIMEOUT = 5.0


class CannotStart(RuntimeError):
    """The display or the buses could not be started here (missing packages?)."""


@dataclass(frozen=True)
class Node:
    role: str
    name: str
    children: tuple[Node, ...] = field(default=())
    enabled: bool = True

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@contextmanager
def desktop(scratch: Path) -> Iterator[dict[str, str]]:
    """An X display and a session bus of our own; answers the environment an app needs to
    show on that display and speak to assistive technology on that bus."""
    for program in ("Xvfb", "dbus-daemon"):
        if shutil.which(program) is None:
            raise CannotStart(f"{program} is not installed (build/dev/a11y-deps.sh)")
    if not BUS_LAUNCHER.exists():
        raise CannotStart(f"{BUS_LAUNCHER} is missing: at-spi2-core (build/dev/a11y-deps.sh)")
    runtime = scratch / "runtime"
    runtime.mkdir(mode=0o700)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        display = _start_xvfb(processes)
        bus_address = _start_session_bus(processes, runtime)
        env = {
            **os.environ,
            "DISPLAY": display,
            "DBUS_SESSION_BUS_ADDRESS": bus_address,
            "XDG_RUNTIME_DIR": str(runtime),
            "QT_QPA_PLATFORM": "xcb",
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        }
        try:
            yield env
        finally:
            launcher_pid = _bus_launcher_pid(bus_address)
            if launcher_pid is not None:
                # Started for us by the session bus; it takes its own bus and registry along.
                os.kill(launcher_pid, signal.SIGTERM)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


def _start_xvfb(processes: list[subprocess.Popen[bytes]]) -> str:
    read_end, write_end = os.pipe()
    try:
        process = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                "1920x1080x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(process)
        os.close(write_end)
        number = _read_line(read_end, 20.0)
    finally:
        os.close(read_end)
    if not number.isdigit():
        raise CannotStart("Xvfb did not start")
    return f":{number}"


def _start_session_bus(processes: list[subprocess.Popen[bytes]], runtime: Path) -> str:
    process = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--print-address=1",
            f"--address=unix:dir={runtime}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    processes.append(process)
    assert process.stdout is not None
    address = _read_line(process.stdout.fileno(), 20.0)
    if not address.startswith("unix:"):
        raise CannotStart("the D-Bus session bus did not start")
    return address


def _read_line(fd: int, timeout: float) -> str:
    text = b""
    while not text.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        text += chunk
    return text.decode().strip()


def _bus_launcher_pid(bus_address: str) -> int | None:
    with open_dbus_connection(bus_address) as session:
        reply = session.send_and_get_reply(
            message_bus.GetConnectionUnixProcessID("org.a11y.Bus"), timeout=CALL_TIMEOUT
        )
    return int(reply.body[0]) if reply.header.message_type.name == "method_return" else None


def accessibility_bus(env: dict[str, str]) -> DBusConnection:
    """Connect to the accessibility bus, as a screen reader does: ask the session bus
    where it is (this starts it, and the registry on it)."""
    with open_dbus_connection(env["DBUS_SESSION_BUS_ADDRESS"]) as session:
        where = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
        reply = session.send_and_get_reply(new_method_call(where, "GetAddress"), timeout=20)
    if reply.header.message_type.name != "method_return":
        raise CannotStart(f"the accessibility bus did not start: {reply.body}")
    return open_dbus_connection(str(reply.body[0]))


class Reader:
    """A screen reader's questions about the applications on one accessibility bus."""

    def __init__(self, bus: DBusConnection) -> None:
        self.bus = bus

    def _call(self, message: object) -> tuple[object, ...]:
        reply = self.bus.send_and_get_reply(message, timeout=CALL_TIMEOUT)
        if reply.header.message_type.name != "method_return":
            raise AssertionError(f"AT-SPI call failed: {reply.body}")
        return tuple(reply.body)

    def _accessible(self, bus_name: str, path: str) -> DBusAddress:
        return DBusAddress(path, bus_name=bus_name, interface=ACCESSIBLE)

    def application(self, pid: int, timeout: float = 20.0) -> str:
        """The bus name of the application that process ``pid`` registered."""
        desktop = self._accessible(REGISTRY, ROOT_PATH)
        for _ in range(int(timeout / 0.1)):
            (children,) = self._call(new_method_call(desktop, "GetChildren"))
            for bus_name, _path in children:  # type: ignore[attr-defined]
                (owner,) = self._call(message_bus.GetConnectionUnixProcessID(bus_name))
                if owner == pid:
                    return str(bus_name)
            threading.Event().wait(0.1)
        raise AssertionError(f"process {pid} never registered on the accessibility bus")

    def tree(self, bus_name: str, path: str = ROOT_PATH, *, enabled: bool = True) -> Node:
        """The accessible tree from ``path`` down, visible parts only."""
        where = self._accessible(bus_name, path)
        (role,) = self._call(new_method_call(where, "GetRoleName"))
        (name,) = self._call(Properties(where).get("Name"))
        (children,) = self._call(new_method_call(where, "GetChildren"))
        kept = []
        for child_bus, child_path in children:  # type: ignore[attr-defined]
            child = self._accessible(child_bus, child_path)
            (states,) = self._call(new_method_call(child, "GetState"))
            if _has_state(states, STATE_VISIBLE):  # type: ignore[arg-type]
                usable = _has_state(states, STATE_ENABLED)  # type: ignore[arg-type]
                kept.append(self.tree(child_bus, child_path, enabled=usable))
        return Node(str(role), str(name[1]), tuple(kept), enabled)  # type: ignore[index]


def _has_state(states: list[int], state: int) -> bool:
    return bool(states[state // 32] & (1 << (state % 32)))


class Driven:
    """An app in its own process, run by ``tests.accessibility.driver``: ``next()`` shows
    its next screen and answers what the app says of it."""

    def __init__(self, which: str, env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.accessibility.driver", which],
            env={**env, "PYTHONPATH": str(cwd)},
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.ready = self._answer(60.0)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            text = line.decode()
            if text.startswith("DRIVER "):
                self._lines.put(text[len("DRIVER ") :])
        self._lines.put("")

    def next(self) -> dict[str, object]:
        assert self.process.stdin is not None
        self.process.stdin.write(b"next\n")
        self.process.stdin.flush()
        return self._answer(60.0)

    def _answer(self, timeout: float) -> dict[str, object]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the driven app said nothing in {timeout} s") from None
        if not line:
            raise AssertionError(f"the driven app ended (exit {self.process.wait()})")
        answer: dict[str, object] = json.loads(line)
        return answer

    def close(self) -> None:
        stdin = self.process.stdin
        if stdin is not None:
            # Closed whether or not the app is still there to read "quit": an app that
            # ended early must not leave its pipe open for the next test to trip over.
            try:
                if self.process.poll() is None:
                    stdin.write(b"quit\n")
                stdin.close()
            except BrokenPipeError:
                pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
