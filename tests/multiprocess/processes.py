"""Backend processes started as they are deployed: ``python -m firststop backend`` on a free
loopback port, its settings in ``FIRSTSTOP_BACKEND_*`` variables, its log in a file; and which
of its processes holds a given connection, read from the kernel's socket tables (Linux)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import requests

from tests.conftest import wait_until

# Every backend of these tests shares its live hub through PostgreSQL (docs/deploying.md).
# Re-checking sign-ins is slowed to its longest, so a desk closed within seconds of a logout
# through another process was told by the broker, not found by its own process's re-check.
BACKEND_ENV = {
    "FIRSTSTOP_BACKEND_LIVE_BROKER": "postgresql",
    "FIRSTSTOP_BACKEND_LIVE_RECHECK_SECONDS": "30",
    # A process not heard from for 3 s (the least allowed) is taken as gone.
    "FIRSTSTOP_BACKEND_LIVE_PEER_TIMEOUT_SECONDS": "3",
    "FIRSTSTOP_BACKEND_OVERDUE_DIGEST": "false",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BackendProcess:
    """One ``firststop backend`` (with its uvicorn workers, if several) on a loopback port."""

    def __init__(
        self,
        database_url: str,
        log: Path,
        *,
        workers: int = 1,
        port: int | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        """``env``: settings beside ``BACKEND_ENV``'s, or instead of them."""
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._workers = workers
        environment = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTSTOP_")}
        environment |= BACKEND_ENV | {"FIRSTSTOP_BACKEND_DATABASE_URL": database_url}
        environment |= env or {}
        command = [sys.executable, "-m", "firststop", "backend"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers)]
        # The log goes to a file: a pipe nobody reads would fill and stall the backend.
        with log.open("ab") as sink:
            self.process = subprocess.Popen(command, env=environment, stdout=sink, stderr=sink)
        self._seen: set[int] = set()

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/live"

    def wait_ready(self, timeout: float = 30) -> BackendProcess:
        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the backend stopped at start:\n{self.log_tail()}")
            with contextlib.suppress(requests.ConnectionError):
                return requests.get(f"{self.url}/api/v1/health", timeout=2).ok
            return False

        wait_until(answers, timeout, f"the backend on port {self.port}")
        if self._workers > 1:
            wait_until(lambda: len(self.workers()) >= self._workers, timeout, "its workers")
        return self

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def workers(self) -> list[int]:
        """The processes that serve connections: the workers, or the process itself."""
        if self._workers == 1:
            return [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = [int(pid) for pid in children.read_text().split()]
        except FileNotFoundError:
            return []
        # uvicorn's supervisor may also run multiprocessing's resource tracker: a worker is
        # a child that holds the listening socket.
        listening = _inodes(self.port, listening=True)
        found = [pid for pid in pids if _holds(pid, listening)]
        self._seen.update(found)
        return found

    def worker_of(self, connection: socket.socket) -> int:
        """Which of this backend's processes accepted ``connection`` (a client's socket)."""
        client_port = connection.getsockname()[1]
        inodes = _inodes(self.port, peer_port=client_port)
        for pid in self.workers():
            if _holds(pid, inodes):
                return pid
        raise AssertionError(f"no worker of the backend on port {self.port} holds that socket")

    def established(self) -> int:
        """How many connections this backend's processes hold open on its port."""
        inodes = _inodes(self.port)
        return sum(1 for pid in self.workers() for inode in _socket_inodes(pid) if inode in inodes)

    def kill(self, pid: int | None = None) -> None:
        """SIGKILL: the process (or one worker) dies at once, as on a power cut."""
        target = pid or self.process.pid
        os.kill(target, signal.SIGKILL)
        if target == self.process.pid:
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Gone at once, workers and all: the test is over, and its database is dropped."""
        if self.process.poll() is None:
            self._seen.update(self.workers())
            self.process.kill()
            self.process.wait(timeout=10)
        # A worker whose supervisor was killed would otherwise go on serving.
        for pid in self._seen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _address(port: int) -> str:
    """127.0.0.1:port as /proc/net/tcp writes it."""
    return f"0100007F:{port:04X}"


def _port(address: str) -> int:
    return int(address.rpartition(":")[2], 16)


def _inodes(port: int, *, peer_port: int | None = None, listening: bool = False) -> set[str]:
    """The inodes of sockets bound to 127.0.0.1:``port``: listening, or established (with
    that peer port, if given)."""
    found: set[str] = set()
    lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    for line in lines:
        fields = line.split()
        local, remote, state, inode = fields[1], fields[2], fields[3], fields[9]
        if local != _address(port):
            continue
        # 0A is LISTEN, 01 ESTABLISHED.
        wanted = (
            state == "0A" if listening else state == "01" and peer_port in (None, _port(remote))
        )
        if wanted:
            found.add(inode)
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    with contextlib.suppress(FileNotFoundError, ProcessLookupError, PermissionError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = str(fd.readlink())
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
    return inodes


def _holds(pid: int, inodes: Iterable[str]) -> bool:
    return not _socket_inodes(pid).isdisjoint(inodes)
