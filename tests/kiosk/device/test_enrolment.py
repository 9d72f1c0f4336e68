"""Enrolling a kiosk against the real backend, and every failure an installer can meet."""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import stat
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kiosk.device import (
    EnrolmentFailed,
    OutboxLost,
    enrol,
    load_identity,
    open_outbox,
)
from tests.kiosk.device.conftest import enrolment_code
from tests.kiosk.outbox.conftest import report


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[Any]:
    """A web server that is not First Stop: static files, 404 for the API."""
    servers: list[ThreadingHTTPServer] = []
    threads: list[threading.Thread] = []

    def start(tls: ssl.SSLContext | None = None) -> str:
        (tmp_path / "www").mkdir(exist_ok=True)
        (tmp_path / "www" / "index.html").write_text("<html>Council home page</html>")

        def handler(*args: Any) -> _Quiet:
            return _Quiet(*args, directory=str(tmp_path / "www"))

        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        servers.append(server)
        threads.append(thread)
        scheme = "https" if tls else "http"
        return f"{scheme}://127.0.0.1:{server.server_address[1]}"

    yield start
    for server, thread in zip(servers, threads, strict=True):
        server.shutdown()
        server.server_close()
        thread.join()


def test_enrolment_keeps_the_identity_in_an_owner_only_file(backend, settings):
    identity = enrol(settings, enrolment_code(backend), backend.url + "/api/v1/", "front-door")

    path = settings.device_file
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    stored = json.loads(path.read_text())
    assert stored["backend_url"] == backend.url
    assert stored["location_code"] == "shop"
    assert stored["location_name"] == identity.location_name
    assert stored["name"] == "front-door"
    assert stored["token"] == identity.token
    assert stored["issuer"] == identity.issuer
    assert len(identity.issuer) == 3
    assert stored["tracking_url"] == "http://127.0.0.1:8765/track/"
    assert stored["retired"] == []
    assert load_identity(settings) == identity
    # The token never shows in a repr (and so in no log line that prints the identity).
    assert identity.token not in repr(identity)
    # No temporary file is left beside it.
    assert sorted(p.name for p in path.parent.iterdir()) == ["device.json"]


def test_a_kiosk_that_was_never_enrolled_has_no_identity(settings):
    assert load_identity(settings) is None


@pytest.mark.parametrize(
    ("case", "reason", "words"),
    [
        ("unknown", "unknown_code", "not right"),
        ("used", "used_code", "already been used"),
        ("expired", "expired_code", "has expired"),
        ("too long", "unknown_code", "not right"),
    ],
)
def test_a_wrong_used_or_expired_code_is_explained(backend, settings, case, reason, words):
    code = {
        "unknown": "ABCD-EFGH",
        "used": enrolment_code(backend),
        "expired": enrolment_code(backend, hours=-1),
        "too long": "A" * 30,
    }[case]
    if case == "used":
        enrol(settings, code, backend.url)
        settings.device_file.unlink()
    with pytest.raises(EnrolmentFailed) as failed:
        enrol(settings, code, backend.url)
    assert failed.value.details["reason"] == reason
    assert words in failed.value.message
    assert not settings.device_file.exists()


def test_an_address_nothing_answers_at_is_unreachable(settings):
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(EnrolmentFailed) as failed:
        enrol(settings, "ABCD-EFGH", url)
    assert failed.value.details["reason"] == "unreachable"
    assert failed.value.message.startswith(f"Nothing answered at {url}.")
    assert not settings.device_file.exists()


@pytest.mark.parametrize("address", ["", "backend.council.example", "ftp://x", "https://"])
def test_something_that_is_not_a_web_address_is_refused(settings, address):
    with pytest.raises(EnrolmentFailed) as failed:
        enrol(settings, "ABCD-EFGH", address)
    assert failed.value.details["reason"] == "bad_address"


def test_a_web_server_that_is_not_first_stop_is_named_so(settings, web_server):
    url = web_server()
    with pytest.raises(EnrolmentFailed) as failed:
        enrol(settings, "ABCD-EFGH", url)
    assert failed.value.details["reason"] == "not_first_stop"
    assert "does not look like a First Stop system" in failed.value.message


def test_an_untrusted_certificate_is_named_so(settings, web_server, tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    url = web_server(tls=context)
    with pytest.raises(EnrolmentFailed) as failed:
        enrol(settings, "ABCD-EFGH", url)
    assert failed.value.details["reason"] == "certificate"
    assert "certificate this kiosk does not trust" in failed.value.message
    # Trusting the council's own authority gets past the certificate (to "not First Stop").
    with pytest.raises(EnrolmentFailed) as trusted:
        enrol(settings, "ABCD-EFGH", url, verify=str(cert))
    assert trusted.value.details["reason"] == "not_first_stop"


def test_enrolling_again_gives_a_new_issuer_and_keeps_the_old_sign_in(backend, settings):
    first = enrol(settings, enrolment_code(backend), backend.url)
    with open_outbox(settings, first) as outbox:
        old = outbox.submit(report())
    second = enrol(settings, enrolment_code(backend, "lib-central"), backend.url)

    assert second.issuer != first.issuer
    assert second.location_code == "lib-central"
    assert not second.outbox_started
    assert [(r.issuer, r.device_id, r.token) for r in second.retired] == [
        (first.issuer, first.device_id, first.token)
    ]
    with open_outbox(settings, second) as outbox:
        new = outbox.submit(report())
        assert outbox.depth() == 2
    assert (old.issuer, new.issuer) == (first.issuer, second.issuer)
    # Each issuer counts on its own: no reference is issued twice.
    assert new.compact != old.compact
    stored = load_identity(settings)
    assert stored is not None
    assert stored.outbox_started


def test_a_lost_outbox_is_refused_until_the_kiosk_is_enrolled_again(backend, settings):
    identity = enrol(settings, enrolment_code(backend), backend.url)
    with open_outbox(settings, identity) as outbox:
        given = outbox.submit(report())
    reloaded = load_identity(settings)
    assert reloaded is not None
    assert reloaded.outbox_started
    for path in settings.data_dir.glob("outbox.sqlite3*"):
        path.unlink()

    with pytest.raises(OutboxLost) as lost:
        open_outbox(settings, reloaded)
    assert "Enrol the kiosk again" in lost.value.message
    assert not settings.outbox_file.exists()

    again = enrol(settings, enrolment_code(backend), backend.url)
    with open_outbox(settings, again) as outbox:
        fresh = outbox.submit(report())
    assert fresh.issuer == again.issuer != given.issuer


def test_an_installer_enrols_from_the_console_without_starting_the_kiosk(
    backend, tmp_path: Path
) -> None:
    """``firststop kiosk --enrol CODE --backend URL --no-start``: enrolled, then exits 0."""
    import os
    import sys

    env = dict(
        os.environ,
        FIRSTSTOP_KIOSK_CONFIG_DIR=str(tmp_path / "config"),
        FIRSTSTOP_KIOSK_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
    )
    code = enrolment_code(backend)
    command = [sys.executable, "-m", "firststop", "kiosk", "--enrol", code]
    done = subprocess.run(
        [*command, "--backend", backend.url, "--no-start"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Enrolled at City Centre Customer Service Shop."
    assert (tmp_path / "config" / "device.json").exists()
    # The same code again is refused, plainly, and nothing starts either.
    again = subprocess.run(
        [*command, "--backend", backend.url, "--no-start"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert again.returncode == 1
    assert "already been used" in again.stderr
