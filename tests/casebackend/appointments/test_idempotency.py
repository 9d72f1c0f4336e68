"""Booking with an Idempotency-Key, through the real backend on SQLite and PostgreSQL: the
same key and body again answer the booking made first (200, same reference, no second seat,
message or audit entry), another body is refused plainly, keys are the caller's own, requests
racing with one key make one booking, and the client's retry after a timeout books once."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests
from pydantic import TypeAdapter
from sqlalchemy import func, select

from casebackend.appointments.models import Appointment
from casebackend.appointments.service import fingerprint
from casebackend.audit.models import AuditEvent
from casebackend.notifications.models import Notification
from shared.appointments.schemas import AppointmentCreate
from shared.client.backend import BackendClient
from shared.schema import convert
from tests.casebackend.appointments.helpers import body, set_capacity
from tests.casebackend.appointments.test_live_news import free_times
from tests.conftest import Backend

KEY_REUSED = "This idempotency key was already used for a different request."


@pytest.fixture(scope="module")
def times(shared_backend: Backend) -> list[str]:
    # The latest of the next four weeks: the other modules on this backend book earlier.
    return free_times(shared_backend)[-40:-20]


def post(backend: Backend, headers: dict[str, str], key: str | None, payload: Any) -> Any:
    sent = headers | ({"Idempotency-Key": key} if key else {})
    return backend.http.post(f"{backend.api}/appointments", json=payload, headers=sent)


def booked_at(backend: Backend, starts_at: str) -> list[str]:
    with backend.context.sessions() as session:
        return list(
            session.scalars(
                select(Appointment.reference).where(
                    Appointment.starts_at == convert(AppointmentCreate, body(starts_at)).starts_at,
                    Appointment.status == "booked",
                )
            )
        )


def count(backend: Backend, model: Any, *where: Any) -> int:
    with backend.context.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_the_same_key_and_body_answer_the_first_booking(
    shared_backend: Backend, times: list[str]
) -> None:
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    greeter = backend.login("sam")
    key = uuid.uuid4().hex
    first = post(backend, greeter, key, body(times[0]))
    assert first.status_code == 201, first.text
    made = first.json()
    again = post(backend, greeter, key, body(times[0]))
    assert again.status_code == 200, again.text
    replay = again.json()
    assert (replay["reference"], replay["id"]) == (made["reference"], made["id"])
    # The page's link again, from the booking's first message (the token is not kept).
    assert replay["page_url"] == made["page_url"]
    assert booked_at(backend, times[0]) == [made["reference"]]
    assert count(backend, Notification, Notification.appointment_id == made["id"]) == 1
    assert (
        count(
            backend,
            AuditEvent,
            AuditEvent.action == "appointment_book",
            AuditEvent.detail == made["reference"],
        )
        == 1
    )

    # The same key with another request: refused plainly, naming the booking it made.
    other = post(backend, greeter, key, body(times[1]))
    assert other.status_code == 409
    assert (other.json()["code"], other.json()["message"]) == ("conflict", KEY_REUSED)
    assert other.json()["details"]["reference"] == made["reference"]
    assert booked_at(backend, times[1]) == []

    # Keys are the caller's own: the same key from a kiosk is another booking.
    kiosk, _ = backend.enrol("shop")
    theirs = post(backend, kiosk, key, body(times[0]))
    assert theirs.status_code == 201, theirs.text
    assert theirs.json()["reference"] != made["reference"]

    # Still replayed once the slot is full: the answer is the booking, not "taken".
    assert post(backend, greeter, key, body(times[0])).status_code == 200
    assert post(backend, greeter, "not a key!", body(times[0])).status_code == 422


@pytest.mark.parametrize("capacity", [1, 3])
def test_requests_racing_with_one_key_make_one_booking(
    shared_backend: Backend, times: list[str], capacity: int
) -> None:
    """Each sent at once on its own connection: with one seat the later ones find the slot
    full, with three they would take more seats; either way they answer the one booking."""
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), capacity)
    greeter = backend.login("sam")
    slot = times[2 + capacity]
    key = uuid.uuid4().hex
    racers = 4
    start = threading.Barrier(racers)
    answers: list[requests.Response] = []

    def attempt() -> None:
        with requests.Session() as http:
            start.wait()
            answers.append(
                http.post(
                    f"{backend.api}/appointments",
                    json=body(slot, notify_by=[], customer={"name": "Racer"}),
                    headers=greeter | {"Idempotency-Key": key},
                )
            )

    threads = [threading.Thread(target=attempt) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(a.status_code for a in answers) == [200] * (racers - 1) + [201], [
        a.text for a in answers
    ]
    assert len({a.json()["reference"] for a in answers}) == 1
    assert booked_at(backend, slot) == [answers[0].json()["reference"]]
    free = backend.http.get(
        f"{backend.api}/appointments/slots",
        params={"location": "shop", "service": "appointment", "days": "28", "full": "true"},
    ).json()["slots"]
    assert next(s["free"] for s in free if s["starts_at"] == slot) == capacity - 1


@contextmanager
def answer_lost_once(backend: Backend) -> Iterator[tuple[str, list[str | None]]]:
    """A proxy in front of the backend that passes the first booking on and then never
    answers it (the client times out); later requests go through. Yields its address and
    the Idempotency-Key of each booking it passed on."""
    keys: list[str | None] = []
    done = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            payload = self.rfile.read(int(self.headers["Content-Length"]))
            keys.append(self.headers.get("Idempotency-Key"))
            passed = requests.post(
                backend.url + self.path,
                data=payload,
                headers={
                    k: v
                    for k, v in self.headers.items()
                    if k in ("Authorization", "Content-Type", "Idempotency-Key")
                },
                timeout=10,
            )
            if len(keys) == 1:
                done.wait(5)  # booked, but the answer never comes
                self.close_connection = True
                return
            self.send_response(passed.status_code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(passed.content)))
            self.end_headers()
            self.wfile.write(passed.content)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", keys
    finally:
        done.set()
        server.shutdown()
        server.server_close()


def test_the_clients_retry_after_a_timeout_books_once(
    shared_backend: Backend, times: list[str]
) -> None:
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    slot = times[10]
    token = backend.login("sam")["Authorization"].split()[1]
    booking = convert(
        AppointmentCreate,
        {
            "service_code": "appointment",
            "location_code": "shop",
            "starts_at": slot,
            "customer": {"name": "Patient"},
        },
    )
    with (
        answer_lost_once(backend) as (url, keys),
        BackendClient(url, token=token, timeout=(2.0, 1.0), backoff=0.05) as client,
    ):
        made = client.book_appointment(booking)
    assert len(keys) == 2
    assert keys[0] is not None
    assert keys[0] == keys[1]  # the retry carried the same key
    assert booked_at(backend, slot) == [made.reference]


def test_a_booking_s_fingerprint_is_what_earlier_versions_stored() -> None:
    # The backend keeps each Idempotency-Key's fingerprint with its booking: a booking
    # sent again after the backend was upgraded must match what the earlier version stored
    # (these were computed by the version whose appointment schemas were pydantic models).
    edge = TypeAdapter(AppointmentCreate)  # as the backend's edge reads a body
    rich = edge.validate_python(
        {
            "service_code": "blue_badge",
            "location_code": "shop",
            "starts_at": "2026-12-07T09:30:00Z",
            "customer": {
                "name": "Zoë O'Brien",
                "phone": "0115 496 0000",
                "email": "Zoe@Example.com",
            },
            "answers": {
                "depth": 12.5,
                "size": ["big", "wide"],
                "when": "2026-12-05T09:30:00",
                "n": None,
            },
            "access_needs": ["wheelchair", "hearing"],
            "access_note": "Uses a\twheelchair",
            "notify_by": ["sms", "email"],
            "channel": "kiosk",
        }
    )
    assert fingerprint(rich) == "6c38e2b13f3ec296408c9118116d7f1c552b10759880b2ba4bfdab8d5cd0611b"
    # Defaults written out as they were; an offset and milliseconds kept as given.
    plain = edge.validate_python(
        {
            "service_code": "blue_badge",
            "starts_at": "2026-12-07T09:30:00.250+01:00",
            "customer": {"name": "Ada"},
        }
    )
    assert fingerprint(plain) == "64cc80473f0b142c5220804051b3d1af6619de15f8b4c591d77cc4ce3d9e88d8"
