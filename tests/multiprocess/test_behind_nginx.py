"""Two backend processes behind a real nginx running the shipped two-machine site
(``build/linux/nginx/firststop-two-machines.conf``), with TLS, on loopback ports: the kiosk
and the desks spread over both machines through it; help, claim, mirror, guidance, release
and close; then one machine is killed, requests are still served, and the apps that lost
their connection reconnect through nginx and carry on.

nginx runs unprivileged as one process (``master_process off``) with its files in the
test's folder; it comes from ``build/dev/kit-deps.sh``, and the test is skipped without it."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import ssl
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests
from websockets.exceptions import ConnectionClosed

from shared.live.messages import HelpRaised
from tests.conftest import wait_until
from tests.multiprocess.conftest import DESKS, Council, StartBackend
from tests.multiprocess.processes import BackendProcess, free_port
from tests.multiprocess.scenario import Watched, help_session, open_desk, open_kiosk, raise_help

pytestmark = pytest.mark.postgresql

SITE = Path(__file__).resolve().parents[2] / "build" / "linux" / "nginx"
SITE = SITE / "firststop-two-machines.conf"
MACHINES = ("10.0.0.11:8765", "10.0.0.12:8765")


def _swap(text: str, old: str, new: str) -> str:
    assert old in text, f"the site no longer has {old!r}"
    return text.replace(old, new)


class Proxy:
    """nginx serving the shipped site on a loopback port, in front of ``backends``."""

    def __init__(self, folder: Path, backends: list[BackendProcess]) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.ws_url = f"wss://127.0.0.1:{self.port}/live"
        self.certificate = certificate = folder / "fullchain.pem"
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
                *("-subj", "/CN=firststop.council.example"),
                *("-addext", "subjectAltName=DNS:firststop.council.example,IP:127.0.0.1"),
                *("-keyout", str(folder / "privkey.pem"), "-out", str(certificate)),
            ],
            capture_output=True,
            check=True,
        )
        self.tls = ssl.create_default_context(cafile=certificate)
        site = SITE.read_text()
        for machine, backend in zip(MACHINES, backends, strict=True):
            site = _swap(site, machine, f"127.0.0.1:{backend.port}")
        site = _swap(site, "/etc/ssl/firststop", str(folder))
        site = _swap(site, "/var/log/nginx", str(folder))
        site = _swap(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{self.port} ssl http2;")
        site = _swap(site, "listen 80;", f"listen 127.0.0.1:{free_port()};")
        site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
        (folder / "site.conf").write_text(site)
        temp = "".join(
            f"  {kind}_temp_path {folder}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (folder / "nginx.conf").write_text(
            "daemon off;\nmaster_process off;\n"
            f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
            "events {}\n"
            # The site logs to its own file; nothing to the packaged default only root may write.
            f"http {{\n  access_log off;\n{temp}  include {folder}/site.conf;\n}}\n"
        )
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Proxy:
        nginx = shutil.which("nginx")
        assert nginx is not None
        self.process = subprocess.Popen(
            [
                *(nginx, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")),
                # Its log from the start, not the packaged one only root may write.
                *("-e", str(self.folder / "error.log")),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        # Listening, without a request yet: no connection to either backend before the test's.
        def listening() -> bool:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError((self.folder / "error.log").read_text())
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return True
            return False

        wait_until(listening, what="nginx")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def nginx_folder(tmp_path: Path) -> Path:
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip("nginx and openssl are not installed (build/dev/kit-deps.sh installs them)")
    folder = tmp_path / "nginx"
    folder.mkdir()
    return folder


def _lost(peer: Watched) -> bool:
    """Whether the peer's connection has been closed (reading what is left until then)."""
    try:
        peer.drain()
    except ConnectionClosed:
        return True
    return False


def test_two_machines_behind_nginx(
    council: Council, start_backend: StartBackend, nginx_folder: Path
) -> None:
    backends = [start_backend(), start_backend()]
    for backend in backends:
        backend.wait_ready()
    first_kiosk = council.kiosks[0]
    with Proxy(nginx_folder, backends) as proxy, ExitStack() as stack:
        tls = proxy.tls
        desks = {name: open_desk(stack, proxy.ws_url, council.desks[name], tls) for name in DESKS}
        kiosk, _ = open_kiosk(stack, proxy.ws_url, first_kiosk.token, tls=tls)
        # nginx spread the four connections over both machines.
        assert all(backend.established() >= 1 for backend in backends)
        sent = raise_help(kiosk, desks, 5)
        help_session(kiosk, desks, sent[-1], claimer="sam", closer="alex", names=DESKS)

        # One machine dies: requests are still served, by the other.
        backends[1].kill()
        for _ in range(4):
            health = requests.get(
                f"{proxy.url}/api/v1/health", verify=str(proxy.certificate), timeout=10
            )
            assert health.status_code == 200
        # What was connected through it is closed; the apps reconnect through nginx.
        lost = {name for name, desk in desks.items() if _lost(desk)}
        kiosk_lost = _lost(kiosk)
        assert lost or kiosk_lost
        for name in lost:
            desks[name] = open_desk(stack, proxy.ws_url, council.desks[name], tls)
        if kiosk_lost:
            kiosk, _ = open_kiosk(stack, proxy.ws_url, first_kiosk.token, tls=tls)
        again = raise_help(kiosk, desks, 3)
        help_session(kiosk, desks, again[-1], claimer="admin", closer="sam", names=DESKS)
        for name, desk in desks.items():
            raised = [m.request.id for m in desk.received if isinstance(m, HelpRaised)]
            assert len(raised) == len(set(raised)), f"{name} alerted twice"
