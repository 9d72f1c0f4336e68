"""The backend client: against a real backend (SQLite and PostgreSQL), and against a small
scripted loopback server that fails on purpose, to prove retries, backoff and error mapping."""

from __future__ import annotations

import json
import logging
import shutil
import socket
import ssl
import subprocess
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD
from casebackend.identity import service as identity
from shared.cases.schemas import CaseCreate, NoteCreate, StatusChange
from shared.cases.workflow import CaseStatus
from shared.client import (
    NOT_SECURE,
    UNREACHABLE,
    UNREADABLE,
    UNTRUSTED_CERTIFICATE,
    BackendClient,
)
from shared.errors import (
    Conflict,
    FirstStopError,
    Forbidden,
    InvalidInput,
    InvalidReference,
    InvalidTransition,
    NotAuthenticated,
    NotFound,
    RateLimited,
    Unavailable,
)
from shared.fleet.schemas import Heartbeat
from shared.references import CaseReference, is_valid
from shared.schema import convert, to_builtins
from tests.conftest import wait_until

# Helpers ---------------------------------------------------------------------------------


def enrolment_code(backend, location: str = "shop") -> str:
    with unit_of_work(backend.context.sessions) as session:
        code, _ = identity.create_enrolment_code(session, location, timedelta(hours=1))
    return code


def pothole(backend, **changes: Any) -> CaseCreate:
    service = backend.context.catalogue.service("pothole")
    answers = {
        a.code: a.values[0].key for a in service.attributes if a.datatype == "singlevaluelist"
    }
    body = {
        "service_code": "pothole",
        "description": "Deep hole by the bus stop",
        "answers": answers,
        "place": {"address": "12 Mansfield Road", "postcode": "NG5 2AB"},
    }
    return convert(CaseCreate, body | changes)


@pytest.fixture
def kiosk(backend) -> Iterator[tuple[BackendClient, Any]]:
    with BackendClient(backend.url, backoff=0.001) as client:
        enrolment = client.enrol(enrolment_code(backend), "k1")
        client.token = enrolment.token
        yield client, enrolment


def staff_client(backend, username: str = "jo") -> BackendClient:
    client = BackendClient(backend.url, backoff=0.001)
    client.token = client.login(username, DEMO_PASSWORD).token
    return client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Against the real backend ------------------------------------------------------------------


def test_health_and_catalogue(backend):
    with BackendClient(backend.url) as client:
        assert client.health().status == "ok"
        catalogue = client.catalogue()
    assert catalogue.service("pothole") is not None


def test_enrol_answers_token_and_issuer_and_a_used_code_is_a_conflict(backend):
    code = enrolment_code(backend)
    with BackendClient(backend.url) as client:
        enrolment = client.enrol(code, "front-door")
        assert enrolment.location_code == "shop"
        assert len(enrolment.issuer) == 3
        assert enrolment.token
        with pytest.raises(Conflict) as used:
            client.enrol(code, "again")
        with pytest.raises(NotFound) as unknown:
            client.enrol("ZZZZ-ZZZZ", "k")
    assert used.value.message == "That enrolment code has already been used. Ask for a new one."
    assert used.value.details == {"reason": "used_code"}
    assert unknown.value.details["reason"] == "unknown_code"
    assert enrolment.tracking_url == "http://127.0.0.1:8765/track/"


def test_a_heartbeat_reaches_the_fleet_board(backend, kiosk):
    client, enrolment = kiosk
    beat = Heartbeat(
        version="1.2.3", outbox_depth=2, outbox_held=1, screen="welcome", frame_age_s=0.5
    )
    assert client.send_heartbeat(beat) is None
    staff = staff_client(backend)
    with staff:
        response = backend.http.get(
            f"{backend.api}/devices", headers={"Authorization": f"Bearer {staff.token}"}
        )
    board = {k["device_id"]: k for k in response.json()}
    mine = board[enrolment.device_id]
    assert (mine["screen"], mine["outbox_depth"], mine["outbox_held"]) == ("welcome", 2, 1)


def test_login_and_a_wrong_password(backend):
    with BackendClient(backend.url) as client:
        session = client.login("jo", DEMO_PASSWORD)
        assert session.staff.username == "jo"
        assert session.staff.roles == ["caseworker"]
        with pytest.raises(NotAuthenticated) as refused:
            client.login("jo", "not-the-password")
    assert refused.value.message == "That username and password do not match. Please try again."


def test_create_replay_and_conflict(backend, kiosk):
    client, _ = kiosk
    key = uuid.uuid4().hex
    first = client.create_case(pothole(backend), idempotency_key=key)
    again = client.create_case(pothole(backend), idempotency_key=key)
    assert is_valid(first.reference)
    assert (again.reference, again.id) == (first.reference, first.id)
    assert first.channel == "kiosk"
    assert first.location_code == "shop"
    with pytest.raises(Conflict) as clash:
        client.create_case(pothole(backend, description="other"), idempotency_key=key)
    assert clash.value.message == "This idempotency key was already used for a different request."
    assert clash.value.details == {"reference": first.reference}
    with staff_client(backend) as staff:
        assert staff.search_cases().total == 1


def test_a_kiosk_issued_reference_is_kept_and_another_issuers_is_forbidden(backend, kiosk):
    client, enrolment = kiosk
    mine = CaseReference.issue(enrolment.issuer, 7)
    case = client.create_case(
        pothole(backend, reference=mine.display), idempotency_key=uuid.uuid4().hex
    )
    assert case.reference == mine.compact
    other = "222" if enrolment.issuer != "222" else "333"
    theirs = CaseReference.issue(other, 7).compact
    with pytest.raises(Forbidden) as refused:
        client.create_case(pothole(backend, reference=theirs), idempotency_key=uuid.uuid4().hex)
    assert "Only the kiosk that issued a reference" in refused.value.message


def test_invalid_input_comes_back_with_its_details(backend, kiosk):
    client, _ = kiosk
    with pytest.raises(InvalidInput) as refused:
        client.create_case(pothole(backend, place=None), idempotency_key=uuid.uuid4().hex)
    assert refused.value.message.startswith("Please tell us where this is")
    assert refused.value.details == {"field": "place"}


def test_get_track_search_status_and_notes(backend, kiosk):
    client, _ = kiosk
    created = client.create_case(pothole(backend), idempotency_key=uuid.uuid4().hex)
    assert client.get_case(created.reference.lower()).id == created.id

    public = client.track(created.reference_display)
    assert public.reference == created.reference
    assert public.status is CaseStatus.SUBMITTED
    assert (public.full, public.service_code) == (False, None)
    assert created.tracking_token is not None
    full = client.track(created.reference_display, created.tracking_token)
    assert (full.full, full.service_code) == (True, "pothole")

    with staff_client(backend) as staff:
        page = staff.search_cases(status=CaseStatus.SUBMITTED, service_code="pothole")
        assert [item.reference for item in page.items] == [created.reference]
        assert staff.search_cases(q=created.reference_display).total == 1
        assert staff.search_cases(status=CaseStatus.CLOSED).total == 0

        moved = staff.change_status(
            created.reference, StatusChange(status=CaseStatus.TRIAGED, note="Looked at")
        )
        assert moved.status is CaseStatus.TRIAGED
        with pytest.raises(InvalidTransition) as wrong:
            staff.change_status(created.reference, StatusChange(status=CaseStatus.SUBMITTED))
        assert wrong.value.code == "invalid_transition"
        assert wrong.value.message

        noted = staff.add_note(created.reference, NoteCreate(body="Crew booked"))
        assert [n.body for n in noted.notes] == ["Crew booked"]

    with staff_client(backend, "sam") as greeter, pytest.raises(Forbidden):
        greeter.change_status(created.reference, StatusChange(status=CaseStatus.CLOSED))


def test_not_found_not_signed_in_and_signed_out(backend):
    missing = CaseReference.issue("222", 12345).compact
    with BackendClient(backend.url) as anonymous:
        with pytest.raises(NotFound) as not_found:
            anonymous.track(missing)
        with pytest.raises(NotAuthenticated) as anon:
            anonymous.search_cases()
    assert not_found.value.message == "We cannot find a case with that reference."
    assert anon.value.message.startswith("Please sign in first")

    staff = staff_client(backend)
    with staff:
        staff.search_cases()
        staff.logout()
        with pytest.raises(NotAuthenticated):
            staff.search_cases()


def test_figures_for_the_greeters_own_location_and_not_anothers(backend):
    with staff_client(backend, "sam") as sam:
        report = sam.figures(date(2026, 11, 1), date(2026, 11, 30), "shop")
        with pytest.raises(Forbidden):
            sam.figures(date(2026, 11, 1), date(2026, 11, 30), "lib-central")
    assert (report.period_from, report.period_to) == (date(2026, 11, 1), date(2026, 11, 30))
    assert report.location == "shop"
    assert report.visits.visits == 0


def test_a_mistyped_reference_is_refused_without_a_round_trip():
    # Nothing listens on this port: the answer can only come from the client itself.
    with BackendClient(f"http://127.0.0.1:{free_port()}") as client:
        with pytest.raises(InvalidReference) as look_alike:
            client.track("K7M-2QX-R4O")
        with pytest.raises(InvalidReference):
            client.get_case("K7M2QXR4")
    assert "O/0" in look_alike.value.message


# Against a scripted loopback server ---------------------------------------------------------

HEALTH = {"status": "ok", "version": "test", "added_by_a_newer_backend": True}


class Scripted(ThreadingHTTPServer):
    """Answers each request with the next step of a script; "ok" once the script ends.

    Steps: "ok", "close" (drop the connection without answering), "ok-then-close" (answer,
    then close the connection without saying so, as a server does with an idle keep-alive
    connection), "hang" (answer nothing until the test ends), "garbage" (200 that is not
    JSON), "<status>" (that status with no body), "<status>:json" (with a FirstStop error
    body), "429:<Retry-After>", "307:<path>" (a redirect there).
    """

    # Handler threads are joined on close, so none outlives its test.
    daemon_threads = False

    def __init__(self, script: list[str], answer: dict[str, Any] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.script = list(script)
        self.answer = answer or HEALTH
        self.seen: list[dict[str, Any]] = []
        self.release = threading.Event()
        # Set once the server has closed a connection.
        self.closed_one = threading.Event()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"

    def shutdown_request(self, request: Any) -> None:
        super().shutdown_request(request)
        self.closed_one.set()

    def next_step(self, record: dict[str, Any]) -> str:
        with self.lock:
            self.seen.append(record)
            return self.script.pop(0) if self.script else "ok"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Scripted

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        step = self.server.next_step(
            {
                "method": self.command,
                "path": self.path,
                "headers": dict(self.headers),
                "body": body,
                "port": self.client_address[1],
            }
        )
        if step == "close":
            self.close_connection = True
            return
        if step == "hang":
            self.server.release.wait(10)
            self.close_connection = True
            return
        if step in {"ok", "ok-then-close"}:
            self._send(200, json.dumps(self.server.answer).encode())
            self.close_connection = step == "ok-then-close"
        elif step.startswith("307:"):
            self._send(307, b"", {"Location": step.split(":", 1)[1]})
        elif step == "garbage":
            self._send(200, b"<html>not json</html>")
        elif step.startswith("429:"):
            self._send(429, b"", {"Retry-After": step.split(":", 1)[1]})
        elif step.endswith(":json"):
            status = int(step.split(":")[0])
            code = {503: "unavailable", 500: "error"}.get(status, "error")
            error = {"code": code, "message": f"Server says {status}."}
            self._send(status, json.dumps(error).encode())
        else:
            self._send(int(step), b"")

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def scripted() -> Iterator[Any]:
    servers: list[Scripted] = []

    def start(
        script: list[str],
        answer: dict[str, Any] | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> Scripted:
        server = Scripted(script, answer)
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        server.thread = thread  # type: ignore[attr-defined]
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.release.set()
        server.shutdown()
        server.server_close()
        server.thread.join()  # type: ignore[attr-defined]


def test_reads_are_retried_with_exponential_backoff_on_503_and_dropped_connections(scripted):
    server = scripted(["503", "close", "503:json"])
    waits: list[float] = []
    with BackendClient(server.url, retries=3, backoff=0.5, sleep=waits.append) as client:
        assert client.health().version == "test"
    assert waits == [0.5, 1.0, 2.0]
    assert len(server.seen) == 4


def test_the_default_wait_really_waits_between_retries(scripted):
    server = scripted(["502", "504"])
    with BackendClient(server.url, backoff=0.001) as client:
        assert client.health().status == "ok"
    assert len(server.seen) == 3


def test_after_the_last_retry_the_error_is_unavailable_with_a_plain_message(scripted):
    server = scripted(["503"] * 3)
    waits: list[float] = []
    with (
        BackendClient(server.url, retries=2, sleep=waits.append) as client,
        pytest.raises(Unavailable) as bare,
    ):
        client.health()
    assert bare.value.message == UNREACHABLE
    assert bare.value.details == {"reason": "status", "status": 503}
    assert len(server.seen) == 3
    assert waits == [0.5, 1.0]

    server = scripted(["503:json"] * 2)
    with (
        BackendClient(server.url, retries=1, sleep=waits.append) as client,
        pytest.raises(Unavailable) as from_backend,
    ):
        client.health()
    assert from_backend.value.message == "Server says 503."


def test_a_create_with_an_idempotency_key_is_retried_with_the_same_key_and_body(scripted, backend):
    case = _case_json(backend)
    server = scripted(["503", "close"], answer=case)
    waits: list[float] = []
    with BackendClient(server.url, sleep=waits.append) as client:
        created = client.create_case(pothole(backend), idempotency_key="key-12345678")
    assert created.reference == case["reference"]
    posts = [r for r in server.seen if r["method"] == "POST"]
    assert len(posts) == 3
    assert {r["headers"]["Idempotency-Key"] for r in posts} == {"key-12345678"}
    assert len({r["body"] for r in posts}) == 1
    assert waits == [0.5, 1.0]


def test_posts_without_an_idempotency_key_are_sent_once(scripted):
    server = scripted(["503", "close"])
    waits: list[float] = []
    with BackendClient(server.url, sleep=waits.append) as client:
        with pytest.raises(Unavailable):
            client.login("jo", "secret")
        with pytest.raises(Unavailable) as dropped:
            client.change_status("K7M2QXR4E", StatusChange(status=CaseStatus.CLOSED))
    assert dropped.value.details == {"reason": "connection"}
    assert len(server.seen) == 2
    assert waits == []


def test_a_heartbeat_is_sent_once_and_never_retried(scripted):
    server = scripted(["503", "close"])
    waits: list[float] = []
    beat = Heartbeat(version="1", outbox_depth=0, screen="welcome", frame_age_s=0)
    with BackendClient(server.url, token="device-token", sleep=waits.append) as client:
        with pytest.raises(Unavailable):
            client.send_heartbeat(beat)
        with pytest.raises(Unavailable):
            client.send_heartbeat(beat)
    assert [r["path"] for r in server.seen] == ["/api/v1/devices/heartbeat"] * 2
    assert server.seen[0]["headers"]["Authorization"] == "Bearer device-token"
    assert json.loads(server.seen[0]["body"])["screen"] == "welcome"
    assert waits == []


def test_other_refusals_and_server_failures_are_not_retried(scripted):
    server = scripted(["500:json", "404", "500"])
    waits: list[float] = []
    with BackendClient(server.url, sleep=waits.append) as client:
        with pytest.raises(FirstStopError) as failed:
            client.health()
        with pytest.raises(NotFound):
            client.health()
        with pytest.raises(Unavailable):
            client.health()
    assert type(failed.value) is FirstStopError
    assert failed.value.message == "Server says 500."
    assert len(server.seen) == 3
    assert waits == []


def test_retry_after_is_honoured_and_capped(scripted):
    server = scripted(["429:7", "429:600", "429:soon"])
    waits: list[float] = []
    with BackendClient(server.url, retry_after_cap=60, sleep=waits.append) as client:
        client.health()
    assert waits == [7.0, 60.0, 2.0]

    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    server = scripted([f"429:{later}", "429:1", "429:1"])
    waits.clear()
    with (
        BackendClient(server.url, retries=2, retry_after_cap=5, sleep=waits.append) as client,
        pytest.raises(RateLimited),
    ):
        client.track("K7M2QXR4E")
    assert waits == [5.0, 1.0]


def test_one_keep_alive_connection_for_many_calls(scripted):
    server = scripted([])
    with BackendClient(server.url) as client:
        for _ in range(5):
            client.health()
    assert len({r["port"] for r in server.seen}) == 1


def test_a_kept_connection_the_server_closed_is_opened_again_even_for_a_post_sent_once(
    scripted,
):
    server = scripted(["ok-then-close"])
    with BackendClient(server.url, sleep=lambda _: pytest.fail("nothing failed")) as client:
        client.health()
        wait_until(server.closed_one.is_set, what="the server to close the connection")
        client.logout()  # a POST without a key: sent once, never retried
    assert [r["method"] for r in server.seen] == ["GET", "POST"]
    assert server.seen[0]["port"] != server.seen[1]["port"]


def test_a_redirect_within_the_backend_is_followed(scripted):
    server = scripted(["307:/api/v1/health?again=1"])
    with BackendClient(server.url, token="t") as client:
        assert client.health().status == "ok"
    assert [r["path"] for r in server.seen] == ["/api/v1/health", "/api/v1/health?again=1"]
    assert server.seen[1]["headers"]["Authorization"] == "Bearer t"


def test_a_timeout_is_unavailable_and_a_read_is_retried_after_it(scripted):
    server = scripted(["hang", "hang"])
    waits: list[float] = []
    with BackendClient(server.url, timeout=(1.0, 0.2), sleep=waits.append) as client:
        assert client.health().status == "ok"
        assert len(waits) == 2
    with BackendClient(server.url, timeout=(1.0, 0.2), retries=0) as client:
        server.script.append("hang")
        with pytest.raises(Unavailable) as timed_out:
            client.health()
    assert timed_out.value.message == UNREACHABLE
    assert timed_out.value.details == {"reason": "timeout"}


def test_an_answer_that_cannot_be_read_is_unavailable(scripted):
    server = scripted(["garbage"])
    with BackendClient(server.url) as client, pytest.raises(Unavailable) as unreadable:
        client.health()
    assert unreadable.value.message == UNREADABLE
    assert unreadable.value.details == {"reason": "unreadable"}


def test_a_refused_port_is_unavailable_after_the_retries():
    waits: list[float] = []
    with (
        BackendClient(f"http://127.0.0.1:{free_port()}", retries=2, sleep=waits.append) as c,
        pytest.raises(Unavailable) as refused,
    ):
        c.health()
    assert refused.value.message == "We cannot reach the council's system at the moment."
    assert refused.value.details == {"reason": "connection"}
    assert refused.value.__cause__ is None
    assert waits == [0.5, 1.0]


def test_close_ends_a_wait_between_retries_and_later_calls_are_unavailable(scripted):
    server = scripted(["503"] * 10)
    client = BackendClient(server.url, retries=5, backoff=30.0)
    outcome: list[Unavailable] = []

    def call() -> None:
        try:
            client.health()
        except Unavailable as error:
            outcome.append(error)

    caller = threading.Thread(target=call)
    caller.start()
    wait_until(lambda: len(server.seen) == 1, what="the first attempt")
    client.close()
    caller.join(timeout=5)
    assert not caller.is_alive()
    assert outcome[0].details == {"reason": "closed"}
    assert len(server.seen) == 1
    with pytest.raises(Unavailable):
        client.health()


def test_no_url_query_or_answer_text_reaches_the_log(scripted, caplog):
    server = scripted(["503", "close", "503"])
    caplog.set_level(logging.DEBUG)
    with (
        BackendClient(server.url, retries=2, sleep=lambda _: None) as client,
        pytest.raises(Unavailable),
    ):
        client.search_cases(q="Flat 3 Secretname Street")
    assert caplog.records
    assert "Secretname" not in caplog.text
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("shared.client")]
    assert ours
    assert all("search_cases" in line and "/api/" not in line for line in ours)


def test_a_base_url_must_be_http_or_https():
    with pytest.raises(ValueError):
        BackendClient("127.0.0.1:8765")


# TLS ----------------------------------------------------------------------------------------


@pytest.fixture
def tls_server(scripted, tmp_path) -> tuple[Scripted, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return scripted([], tls=context), cert


def test_an_untrusted_certificate_is_unavailable_and_says_so(tls_server):
    server, cert = tls_server
    url = server.url.replace("http://", "https://")
    with (
        BackendClient(url, sleep=lambda _: pytest.fail("a bad certificate is not retried")) as c,
        pytest.raises(Unavailable) as untrusted,
    ):
        c.health()
    assert untrusted.value.message == UNTRUSTED_CERTIFICATE
    assert "certificate is not trusted" in untrusted.value.message
    assert untrusted.value.details == {"reason": "certificate"}

    with BackendClient(url, verify=str(cert)) as trusting:
        assert trusting.health().status == "ok"


def test_https_to_a_plain_http_server_is_not_called_a_certificate_problem(scripted):
    server = scripted([])
    with (
        BackendClient(server.url.replace("http://", "https://")) as client,
        pytest.raises(Unavailable) as not_tls,
    ):
        client.health()
    assert not_tls.value.message == NOT_SECURE
    assert not_tls.value.details == {"reason": "tls"}


# ---------------------------------------------------------------------------------------------


def _case_json(backend) -> dict[str, Any]:
    """A real CaseRead, as the backend answers it, for the scripted server to repeat."""
    with BackendClient(backend.url) as client:
        client.token = client.enrol(enrolment_code(backend), "k").token
        created = client.create_case(pothole(backend), idempotency_key=uuid.uuid4().hex)
    return to_builtins(created)  # type: ignore[no-any-return]
