"""The attacks of the security issue, against the real backend on loopback.

- Extreme Open311 dates answer 400 with the GeoReport error body (they were 500s).
- An unexpected error answers the face's plain 500 body, and no log record — ours,
  uvicorn's, asyncio's — carries the exception's message or a traceback.
- A kiosk (or a greeter) cannot post a public update, the council's words on /track.
- /track's answers carry a Content-Security-Policy without script, and are never framed.
- The API documentation (and the Open311 face's OpenAPI document) goes away with
  ``api_docs = false``.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import re
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import text

from casebackend.app import build_context, create_app
from tests.conftest import Backend, LiveServer, make_settings, seed_demo_council

# Built at run time, so no traceback's source line can contain it.
SECRET = "-".join(["Ceri Jones", "07700 900123"])
EXTREMES = [
    {"start_date": "9999-12-31T00:00:00Z"},
    {"end_date": "0001-01-01T00:00:00Z"},
    {"start_date": "9999-12-31T23:59:59-14:00"},
    {"end_date": "0001-01-01T00:00:00+14:00"},
    {"start_date": "0001-01-01T00:00:00+14:00", "end_date": "0001-01-02T00:00:00+14:00"},
]
POTHOLE = {
    "service_code": "pothole",
    "description": "Deep hole by the bus stop",
    "answers": {"size": "plate_to_tyre", "in_road_or_pavement": "road", "hazard_now": "no"},
    "place": {"address": "12 Mansfield Road", "postcode": "NG5 2AB"},
}


@pytest.fixture
def fragile(backend_settings) -> Iterator[Backend]:
    """The real backend, with two routes that fail as a bug would: quoting a customer."""
    seed = seed_demo_council(backend_settings.database_url)
    context = build_context(backend_settings)
    app = create_app(backend_settings, context)

    def fail() -> None:
        raise ValueError(f"cannot use {SECRET}")

    app.add_api_route("/api/v1/fail", fail)
    app.add_api_route("/open311/v2/fail.{fmt}", fail)
    with LiveServer(app) as server, requests.Session() as http:
        yield Backend(server.url, context, seed.api_key, http)


def _geo_errors(response: requests.Response, status: int) -> list[str]:
    assert response.status_code == status, response.text
    body = response.json()
    assert [set(e) for e in body] == [{"code", "description"}] * len(body)
    assert {e["code"] for e in body} == {status}
    return [e["description"] for e in body]


def _leaks(caplog: pytest.LogCaptureFixture, *needles: str) -> list[str]:
    found = []
    for record in caplog.records:
        line = record.getMessage()
        if record.exc_info or record.exc_text:
            found.append(f"{record.name}: a traceback is attached")
        if "Traceback (most recent call last)" in line:
            found.append(f"{record.name}: {line[:120]}")
        found.extend(f"{record.name}: {n!r}" for n in needles if n in line)
    return found


def test_extreme_dates_are_the_clients_400_and_nothing_leaks(fragile, caplog):
    caplog.set_level(logging.DEBUG)
    for path in ("requests", "servicerequestupdates"):
        for params in EXTREMES:
            response = fragile.http.get(f"{fragile.open311}/{path}.json", params=params)
            (description,) = _geo_errors(response, 400)
            assert "between the years 1900 and 2999" in description, description
        xml = fragile.http.get(f"{fragile.open311}/{path}.xml", params=EXTREMES[0])
        assert xml.status_code == 400
        assert re.search(rb"<errors>\s*<error>\s*<code>400</code>", xml.content), xml.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert _leaks(caplog, "out of range") == []


def test_an_unexpected_error_is_a_plain_500_logged_without_its_message(fragile, caplog):
    caplog.set_level(logging.DEBUG)
    api = fragile.http.get(f"{fragile.api}/fail")
    assert api.status_code == 500
    assert api.headers["content-type"] == "application/json"
    assert api.json() == {
        "code": "error",
        "message": "Something went wrong on our side. Please try again.",
    }
    open311 = fragile.http.get(f"{fragile.open311}/fail.json")
    assert _geo_errors(open311, 500) == ["Something went wrong on our side. Please try again."]
    # The connection survives: the server did not see the exception.
    assert fragile.http.get(f"{fragile.api}/health").status_code == 200

    logged = [r.getMessage() for r in caplog.records if r.name == "casebackend.api.errors"]
    assert len(logged) == 2
    assert all("builtins.ValueError (message withheld)" in line for line in logged)
    assert not [r for r in caplog.records if r.name.startswith("uvicorn") and r.levelno >= 40]
    assert _leaks(caplog, SECRET) == []


def test_a_database_failure_leaks_neither_sql_nor_values(fragile, caplog):
    """A library's own exception: SQLAlchemy's message quotes the statement."""
    jo = fragile.login("jo")
    kiosk, _ = fragile.enrol()
    made = fragile.create_case(kiosk, POTHOLE)
    assert made.status_code == 201, made.text
    with fragile.context.engine.begin() as connection:
        connection.execute(text("DROP TABLE audit_events"))
    caplog.set_level(logging.DEBUG)
    broken = fragile.http.get(f"{fragile.api}/cases/{made.json()['reference']}", headers=jo)
    assert broken.status_code == 500
    assert broken.json()["code"] == "error"
    assert "audit" not in broken.text
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("(message withheld)" in m for m in messages), messages
    assert _leaks(caplog, "audit_events", "INSERT INTO", "no such table", "does not exist") == []


def test_library_loggers_never_print_an_exception_message(fragile, caplog):
    """uvicorn's and asyncio's own error paths, as the served backend configured them."""
    caplog.set_level(logging.DEBUG)

    def fail() -> None:
        raise RuntimeError(f"cannot use {SECRET}")

    try:
        fail()
    except RuntimeError as exc:
        error = exc
    logging.getLogger("uvicorn.error").error("Exception in ASGI application\n", exc_info=error)
    logging.getLogger("uvicorn.error").warning("closing: %s", error)
    loop = asyncio.new_event_loop()
    try:
        loop.call_exception_handler(
            {"message": "Task exception was never retrieved", "exception": error}
        )
    finally:
        loop.close()
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("Exception in ASGI application: builtins.") for line in lines)
    assert any(line.startswith("Task exception was never retrieved: builtins.") for line in lines)
    assert "closing: builtins.RuntimeError (message withheld)" in lines
    assert _leaks(caplog, SECRET) == []


def _case(backend: Backend) -> tuple[dict[str, str], str, str]:
    kiosk, _ = backend.enrol()
    made = backend.create_case(kiosk, POTHOLE)
    assert made.status_code == 201, made.text
    return kiosk, made.json()["reference"], made.json()["tracking_token"]


def test_a_kiosk_cannot_speak_for_the_council(backend):
    kiosk, reference, token = _case(backend)
    words = {"body": "Fixed already, no need to come", "public": True}
    refused = backend.http.post(f"{backend.api}/cases/{reference}/notes", json=words, headers=kiosk)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert {"code", "message"} <= set(refused.json()) <= {"code", "message", "details"}
    greeter = backend.http.post(
        f"{backend.api}/cases/{reference}/notes", json=words, headers=backend.login("sam")
    )
    assert greeter.status_code == 403
    # Private notes still work for the kiosk, and the public page shows none of it.
    private = backend.http.post(
        f"{backend.api}/cases/{reference}/notes", json={"body": "Customer left"}, headers=kiosk
    )
    assert private.status_code == 201
    # The full public view (with the tracking token), where the council's words appear.
    full_view = f"{backend.url}/track/{reference}?t={token}"
    page = backend.http.get(full_view)
    assert page.status_code == 200
    assert "Fixed already" not in page.text
    assert "Customer left" not in page.text
    staff = backend.http.post(
        f"{backend.api}/cases/{reference}/notes", json=words, headers=backend.login("jo")
    )
    assert staff.status_code == 201
    assert "Fixed already" in backend.http.get(full_view).text


def _policy(response: requests.Response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: part.partition(" ")[2]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def test_the_tracking_page_is_locked_down_on_every_answer(backend):
    _, reference, _ = _case(backend)
    answers = [
        backend.http.get(f"{backend.url}/track"),
        backend.http.get(f"{backend.url}/track/{reference}"),
        backend.http.get(f"{backend.url}/track/NOT-A-REF"),
        backend.http.get(
            f"{backend.url}/track", params={"reference": reference}, allow_redirects=False
        ),
    ]
    assert [a.status_code for a in answers[:2]] == [200, 200]
    assert answers[2].status_code >= 400
    assert answers[3].status_code == 303
    for answer in answers:
        policy = _policy(answer)
        assert policy["default-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert "script-src" not in policy
        assert "unsafe-inline" not in answer.headers["Content-Security-Policy"]
        assert answer.headers["Referrer-Policy"] == "no-referrer"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
    # The page's one style block is allowed by its hash, so the page still looks right.
    page = answers[1].text
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert _policy(answers[1])["style-src"] == f"'sha256-{digest}'"
    assert "<script" not in page
    # The API is not a page: no CSP there, but nosniff everywhere.
    health = backend.http.get(f"{backend.api}/health")
    assert "Content-Security-Policy" not in health.headers
    assert health.headers["X-Content-Type-Options"] == "nosniff"


def test_api_docs_can_be_turned_off(sqlite_url):
    settings = make_settings(sqlite_url, api_docs=False)
    app = create_app(settings, build_context(settings))
    with LiveServer(app) as server:
        for path in ("/api/v1/docs", "/api/v1/openapi.json", "/api/v1/redoc", "/docs", "/redoc"):
            response = requests.get(server.url + path, timeout=10)
            assert response.status_code == 404, path
            assert response.json()["code"] == "not_found"
        assert requests.get(f"{server.url}/api/v1/health", timeout=10).status_code == 200
        discovery = requests.get(f"{server.url}/open311/v2/discovery.json", timeout=10)
        assert discovery.status_code == 200
        open311_document = requests.get(f"{server.url}/open311/v2/openapi.json", timeout=10)
        assert open311_document.status_code == 404
        assert open311_document.json()[0]["code"] == 404
