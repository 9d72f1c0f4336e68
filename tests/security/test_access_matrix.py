"""The authorisation matrix, generated from the route table.

Every method and path the app serves (``/api/v1``, ``/open311/v2``, ``/track``, ``/live``)
must have a rule in ``RULES``: one or more probes, each a real request with the answer
expected for each kind of caller. Each probe is sent by every caller to the real backend on
loopback. A route without a rule fails the test by name, so a new endpoint cannot ship
without someone deciding who may call it.

Expectations: ``OK`` (a 2xx or 3xx answer, or one of the probe's listed business outcomes),
``NO`` (401 or 403: the caller is not recognised, or not allowed), ``HIDDEN`` (404: the
thing does not exist for this caller, as a kiosk sees another kiosk's case).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import pytest
import requests
from fastapi.routing import iter_route_contexts
from sqlalchemy import select
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from casebackend.app import build_context, create_app
from casebackend.appointments import service as appointments
from casebackend.cases.models import ActorKind
from casebackend.customers.models import Customer, CustomerMatch
from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD
from casebackend.identity import service as identity
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.organisation.models import Location
from shared.appointments.schemas import AppointmentCreate
from shared.live.messages import KioskActivity, KioskHello, LiveError, read_message, write_message
from shared.schema import convert
from tests.conftest import LiveServer, seed_demo_council


class Caller(StrEnum):
    ANONYMOUS = "anonymous"
    KIOSK = "kiosk at shop"
    REVOKED_KIOSK = "revoked kiosk"
    API_KEY = "Open311 API key"
    GREETER = "greeter at shop"
    GREETER_ELSEWHERE = "greeter at lib-northgate"
    CASEWORKER = "caseworker"
    ADMIN = "admin"


OK, NO, HIDDEN = "ok", "no", "hidden"
STAFF_LOGINS = {
    Caller.GREETER: "sam",
    Caller.GREETER_ELSEWHERE: "priya",
    Caller.CASEWORKER: "jo",
    Caller.ADMIN: "admin",
}
KIOSKS = (Caller.KIOSK, Caller.REVOKED_KIOSK)
SIGNED_IN = (Caller.KIOSK, *STAFF_LOGINS)


def everyone(outcome: str = OK) -> dict[Caller, str]:
    return dict.fromkeys(Caller, outcome)


def only(*allowed: Caller, hidden_from: tuple[Caller, ...] = ()) -> dict[Caller, str]:
    """``allowed`` get OK, ``hidden_from`` get 404, everyone else 401 or 403."""
    return {
        caller: OK if caller in allowed else HIDDEN if caller in hidden_from else NO
        for caller in Caller
    }


def signed_in_only(*allowed: Caller) -> dict[Caller, str]:
    """Anonymous, revoked and API-key callers are not recognised on the internal API (401);
    a recognised one not in ``allowed`` is refused (403)."""
    return only(*allowed)


@dataclass
class World:
    """What the probes act on: a shop case made by the shop's kiosk, an Open311 request."""

    url: str
    context: Any
    secrets: dict[Caller, str | None]
    shop_case: str
    open311_request: str
    # Ceri's record; a second record (Dana's) to merge into it; two possible matches (two
    # later submissions giving Ceri's email), one to confirm and one to reject.
    customer: str = ""
    other_customer: str = ""
    matches: tuple[str, str] = ("", "")

    def enrolment_code(self) -> str:
        with unit_of_work(self.context.sessions) as session:
            code, _ = identity.create_enrolment_code(session, "shop", timedelta(hours=1))
        return code


@dataclass
class Probe:
    name: str
    expect: dict[Caller, str]
    request: Callable[[World], dict[str, Any]] = lambda world: {}
    # Answers that are the business outcome of a permitted call (409: already done).
    also_ok: frozenset[int] = frozenset()
    # For a route that signs out: each staff caller uses a session of its own.
    fresh_session: bool = False
    # Checks on a permitted answer: what this caller must not see.
    check: Callable[[Caller, requests.Response], None] | None = None


PATIENT = {
    "service_code": "pothole",
    "description": "Deep hole by the bus stop",
    "answers": {"size": "plate_to_tyre", "in_road_or_pavement": "road", "hazard_now": "no"},
    "place": {"address": "12 Mansfield Road", "postcode": "NG5 2AB"},
}
BEAT = {"version": "0.1.0", "outbox_depth": 0, "screen": "welcome", "frame_age_s": 0.4}


def _report_form() -> dict[str, str]:
    return {
        "service_code": "pothole",
        "lat": "52.9548",
        "long": "-1.1581",
        "description": "Deep hole",
        "attribute[size]": "plate_to_tyre",
        "attribute[in_road_or_pavement]": "road",
        "attribute[hazard_now]": "no",
    }


def _update(reference_of: Callable[[World], str]) -> Callable[[World], dict[str, Any]]:
    def build(world: World) -> dict[str, Any]:
        return {
            "form": {
                "update_id": uuid.uuid4().hex,
                "service_request_id": reference_of(world),
                "status": "OPEN",
                "updated_datetime": datetime.now(UTC).isoformat(timespec="seconds"),
                "description": "Still there",
            }
        }

    return build


def _no_shop_data_for_elsewhere(key: str) -> Callable[[Caller, requests.Response], None]:
    def check(caller: Caller, response: requests.Response) -> None:
        body = response.json()
        found = body[key] if key else body
        if caller is Caller.GREETER_ELSEWHERE:
            assert found == [], f"a greeter elsewhere sees the shop's {key or 'kiosks'}"
        else:
            assert found, f"{caller} should see the shop's {key or 'kiosks'}"

    return check


def _on_an_entry(body: dict[str, Any] | None) -> Callable[[World], dict[str, Any]]:
    """An action on an entry that is on no list (a permitted caller is told 404)."""

    def build(world: World) -> dict[str, Any]:
        path = {"entry_id": uuid.uuid4().hex}
        return {"path": path, "params": {"location": "shop"}, "json": body}

    return build


_PUBLIC = [Probe("public", everyone())]


_RIVERSIDE_WEEK = {"weekly": [{"weekday": 1, "spans": [{"opens": "13:00", "closes": "19:00"}]}]}
# One booking at the shop per world (its reference, page token and start), for the probes
# that act on a booking.
_BOOKED: dict[str, tuple[str, str, str]] = {}


def _booking(world: World) -> dict[str, Any]:
    return _booking_at(_appointment(world)[2])


def _change(action: str) -> Callable[[World], dict[str, Any]]:
    """Cancel or move the shop booking, proving it is theirs with its phone number."""

    def build(world: World) -> dict[str, Any]:
        reference, _, starts_at = _appointment(world)
        moved = {"starts_at": starts_at} if action == "rebook" else {}
        return {"path": {"reference": reference}, "json": {"contact": "07700 900123"} | moved}

    return build


def _appointment(world: World) -> tuple[str, str, str]:
    if world.url not in _BOOKED:
        with unit_of_work(world.context.sessions) as session:
            shop = session.scalars(select(Location).where(Location.code == "shop")).one()
            slot = appointments.list_slots(
                session, world.context, location_code="shop", service_code="appointment", days=28
            ).slots[0]
            booked = appointments.book(
                session,
                world.context,
                Principal(
                    ActorKind.STAFF, None, "probe", frozenset({Role.ADMIN}), frozenset({shop.id})
                ),
                convert(AppointmentCreate, _booking_at(slot.starts_at.isoformat())),
                through="test",
            )
            assert booked.page_token is not None  # a new booking's
            _BOOKED[world.url] = (
                booked.appointment.reference,
                booked.page_token,
                slot.starts_at.isoformat(),
            )
    return _BOOKED[world.url]


def _booking_at(starts_at: str) -> dict[str, Any]:
    return {
        "service_code": "appointment",
        "location_code": "shop",
        "starts_at": starts_at,
        "customer": {"name": "Ceri", "phone": "07700 900123"},
    }


# The one table: (method, path as the app declares it) -> probes. WS is the WebSocket.
RULES: dict[tuple[str, str], list[Probe]] = {
    ("GET", "/api/v1/openapi.json"): _PUBLIC,
    ("GET", "/api/v1/docs"): _PUBLIC,
    ("GET", "/api/v1/docs/oauth2-redirect"): _PUBLIC,
    ("GET", "/api/v1/health"): _PUBLIC,
    ("GET", "/api/v1/catalogue"): _PUBLIC,
    ("GET", "/api/v1/locations"): _PUBLIC,
    ("POST", "/api/v1/devices/enrol"): [
        Probe(
            "a fresh one-time code",
            everyone(),
            lambda w: {"json": {"code": w.enrolment_code(), "name": "probe"}},
        )
    ],
    ("POST", "/api/v1/staff/login"): [
        Probe(
            "right password",
            everyone(),
            lambda w: {"json": {"username": "sam", "password": DEMO_PASSWORD}},
        )
    ],
    ("POST", "/api/v1/staff/logout"): [
        Probe("own session", signed_in_only(*STAFF_LOGINS), fresh_session=True)
    ],
    ("GET", "/api/v1/staff/me"): [Probe("own record", signed_in_only(*STAFF_LOGINS))],
    ("POST", "/api/v1/cases"): [
        Probe(
            "at the shop",
            only(Caller.KIOSK, Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"json": PATIENT | {"location_code": "shop"}},
        )
    ],
    ("GET", "/api/v1/cases"): [
        Probe(
            "the shop's cases",
            signed_in_only(*STAFF_LOGINS),
            lambda w: {"params": {"location": "shop"}},
            check=_no_shop_data_for_elsewhere("items"),
        )
    ],
    ("GET", "/api/v1/cases/overdue"): [
        Probe("every team's overdue cases", signed_in_only(Caller.CASEWORKER, Caller.ADMIN)),
        Probe(
            "one team's overdue cases",
            signed_in_only(Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"params": {"team": "highways"}},
        ),
    ],
    ("GET", "/api/v1/cases/{reference}"): [
        Probe(
            "a shop case",
            only(Caller.KIOSK, Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"path": {"reference": w.shop_case}},
        )
    ],
    ("POST", "/api/v1/cases/{reference}/status"): [
        Probe(
            "triage a shop case",
            only(Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"path": {"reference": w.shop_case}, "json": {"status": "triaged"}},
            also_ok=frozenset({409}),
        )
    ],
    ("POST", "/api/v1/cases/{reference}/notes"): [
        Probe(
            "a private note on a shop case",
            only(Caller.KIOSK, Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"path": {"reference": w.shop_case}, "json": {"body": "Called back"}},
        ),
        Probe(
            "a public note (shown on /track as the council's words)",
            only(Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {
                "path": {"reference": w.shop_case},
                "json": {"body": "A crew is booked", "public": True},
            },
        ),
    ],
    ("GET", "/api/v1/track/{reference}"): [
        Probe("by reference", everyone(), lambda w: {"path": {"reference": w.shop_case}})
    ],
    ("GET", "/api/v1/lookup/cases"): [
        Probe(
            "a shop case by its reference",
            signed_in_only(*STAFF_LOGINS),
            lambda w: {"params": {"q": w.shop_case}},
            check=_no_shop_data_for_elsewhere("items"),
        )
    ],
    ("GET", "/api/v1/customers"): [
        Probe(
            "by email",
            signed_in_only(*STAFF_LOGINS),
            lambda w: {"params": {"email": "ceri@example.org"}},
        )
    ],
    ("GET", "/api/v1/customers/{customer_id}"): [
        Probe(
            "Ceri's record",
            signed_in_only(*STAFF_LOGINS),
            lambda w: {"path": {"customer_id": w.customer}},
        )
    ],
    ("PATCH", "/api/v1/customers/{customer_id}"): [
        Probe(
            "a change checked with the customer",
            signed_in_only(*STAFF_LOGINS),
            lambda w: {"path": {"customer_id": w.customer}, "json": {"first_name": "Ceri"}},
        )
    ],
    ("GET", "/api/v1/customers/matches"): [
        Probe("pending matches", signed_in_only(Caller.CASEWORKER, Caller.ADMIN))
    ],
    ("POST", "/api/v1/customers/matches/{match_id}/confirm"): [
        Probe(
            "the same person (409 once decided)",
            signed_in_only(Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"path": {"match_id": w.matches[0]}},
            also_ok=frozenset({409}),
        )
    ],
    ("POST", "/api/v1/customers/matches/{match_id}/reject"): [
        Probe(
            "not the same person (409 once decided)",
            signed_in_only(Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"path": {"match_id": w.matches[1]}},
            also_ok=frozenset({409}),
        )
    ],
    ("POST", "/api/v1/customers/merge"): [
        Probe(
            "Dana's record into Ceri's (404 once merged)",
            signed_in_only(Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {
                "json": {"survivor_id": int(w.customer), "merged_id": int(w.other_customer)}
            },
            also_ok=frozenset({404}),
        )
    ],
    ("GET", "/api/v1/audit"): [Probe("the audit log", signed_in_only(Caller.ADMIN))],
    ("POST", "/api/v1/devices/heartbeat"): [
        Probe("own health", signed_in_only(Caller.KIOSK), lambda w: {"json": BEAT})
    ],
    ("GET", "/api/v1/devices"): [
        Probe(
            "the shop's kiosks",
            signed_in_only(*STAFF_LOGINS),
            lambda w: {"params": {"location": "shop"}},
            check=_no_shop_data_for_elsewhere(""),
        )
    ],
    ("POST", "/api/v1/visits"): [
        Probe(
            "its own visit",
            signed_in_only(Caller.KIOSK),
            lambda w: {
                "json": {
                    "id": uuid.uuid4().hex,
                    "started_at": "2026-12-01T10:00:00Z",
                    "ended_at": "2026-12-01T10:04:00Z",
                    "language": "en",
                    "service_code": "pothole",
                    "outcome": "submitted",
                    "case_reference": w.shop_case,
                    "satisfaction": {"rating": "good"},
                }
            },
        )
    ],
    ("POST", "/api/v1/satisfaction"): [
        Probe(
            "a rating of the shop's case, given at the desk",
            signed_in_only(Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {
                "json": {
                    "channel": "face_to_face",
                    "rating": "average",
                    "case_reference": w.shop_case,
                }
            },
        )
    ],
    ("GET", "/api/v1/figures"): [
        Probe(
            "November's figures for the whole council",
            signed_in_only(Caller.ADMIN),
            lambda w: {"params": {"from": "2026-11-01", "to": "2026-11-30"}},
        ),
        Probe(
            "November's figures for the shop",
            signed_in_only(Caller.GREETER, Caller.ADMIN),
            lambda w: {"params": {"from": "2026-11-01", "to": "2026-11-30", "location": "shop"}},
        ),
    ],
    ("GET", "/api/v1/addresses"): [
        Probe(
            "a postcode",
            signed_in_only(*SIGNED_IN),
            lambda w: {"params": {"postcode": "NG5 4WJ"}},
        )
    ],
    ("GET", "/api/v1/locations/{code}/hours"): [
        Probe("the shop's hours", everyone(), lambda w: {"path": {"code": "shop"}})
    ],
    ("GET", "/api/v1/locations/{code}/open"): [
        Probe("is the shop open", everyone(), lambda w: {"path": {"code": "shop"}})
    ],
    ("PUT", "/api/v1/locations/{code}/hours"): [
        Probe(
            "Riverside's week",
            signed_in_only(Caller.ADMIN),
            lambda w: {"path": {"code": "lib-riverside"}, "json": _RIVERSIDE_WEEK},
        )
    ],
    ("PUT", "/api/v1/locations/{code}/hours/exceptions/{day}"): [
        Probe(
            "Riverside closed for a day",
            signed_in_only(Caller.ADMIN),
            lambda w: {"path": {"code": "lib-riverside", "day": "2030-01-02"}, "json": {}},
        )
    ],
    ("DELETE", "/api/v1/locations/{code}/hours/exceptions/{day}"): [
        Probe(
            "Riverside open that day after all (404 once removed)",
            signed_in_only(Caller.ADMIN),
            lambda w: {"path": {"code": "lib-riverside", "day": "2030-01-03"}},
            also_ok=frozenset({404}),
        )
    ],
    ("GET", "/api/v1/appointments/offers"): _PUBLIC,
    ("PUT", "/api/v1/appointments/offers/{location}/{service_code}"): [
        Probe(
            "appointments at Northgate",
            signed_in_only(Caller.ADMIN),
            lambda w: {
                "path": {"location": "lib-northgate", "service_code": "appointment"},
                "json": {"slot_minutes": 30, "capacity": 1},
            },
        )
    ],
    ("GET", "/api/v1/appointments/slots"): [
        Probe(
            "the shop's free times",
            everyone(),
            lambda w: {"params": {"location": "shop", "service": "appointment"}},
        )
    ],
    ("POST", "/api/v1/appointments"): [
        Probe(
            "at the shop (409 once its seats are taken)",
            only(Caller.KIOSK, Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"json": _booking(w)},
            also_ok=frozenset({409}),
        )
    ],
    ("GET", "/api/v1/appointments"): [
        Probe(
            "the shop's day",
            signed_in_only(Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"params": {"location": "shop"}},
        )
    ],
    ("GET", "/api/v1/appointments/{reference}"): [
        Probe(
            "a shop booking",
            signed_in_only(Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"path": {"reference": _appointment(w)[0]}},
        )
    ],
    ("GET", "/api/v1/appointments/{reference}/public"): [
        Probe(
            "with the link's token",
            everyone(),
            lambda w: {
                "path": {"reference": _appointment(w)[0]},
                "params": {"t": _appointment(w)[1]},
            },
        )
    ],
    ("GET", "/appointment/{reference}"): [
        Probe(
            "the page the QR code opens",
            everyone(),
            lambda w: {
                "path": {"reference": _appointment(w)[0]},
                "params": {"t": _appointment(w)[1]},
            },
        )
    ],
    **{
        ("POST", f"/api/v1/appointments/{{reference}}/{action}"): [
            Probe(
                f"{action} a shop booking with its phone number (409 once cancelled)",
                # Staff at the location, or anyone with the booking's own phone number.
                only(
                    Caller.ANONYMOUS,
                    Caller.KIOSK,
                    Caller.GREETER,
                    Caller.CASEWORKER,
                    Caller.ADMIN,
                ),
                _change(action),
                also_ok=frozenset({409}),
            )
        ]
        for action in ("find", "cancel", "rebook")
    },
    ("POST", "/api/v1/appointments/{reference}/arrive"): [
        Probe(
            "a shop booking, not today (409)",
            only(Caller.KIOSK, Caller.GREETER, Caller.CASEWORKER, Caller.ADMIN),
            lambda w: {"path": {"reference": _appointment(w)[0]}},
            also_ok=frozenset({409}),
        )
    ],
    ("GET", "/open311/v2/openapi.json"): _PUBLIC,
    ("GET", "/open311/v2/discovery.{fmt}"): _PUBLIC,
    ("GET", "/open311/v2/services.{fmt}"): _PUBLIC,
    ("GET", "/open311/v2/services/{service_code}.{fmt}"): [
        Probe("pothole", everyone(), lambda w: {"path": {"service_code": "pothole"}})
    ],
    ("POST", "/open311/v2/requests.{fmt}"): [
        Probe(
            "a report, with the caller's secret as api_key",
            only(Caller.API_KEY),
            lambda w: {"form": _report_form()},
        )
    ],
    ("GET", "/open311/v2/requests.{fmt}"): _PUBLIC,
    ("GET", "/open311/v2/requests/{service_request_id}.{fmt}"): [
        Probe(
            "a public report",
            everyone(),
            lambda w: {"path": {"service_request_id": w.open311_request}},
        )
    ],
    ("GET", "/open311/v2/tokens/{token}.{fmt}"): [
        # The demo council has no batch services, so no token exists for anyone.
        Probe("any token", everyone(HIDDEN), lambda w: {"path": {"token": w.shop_case}})
    ],
    ("GET", "/open311/v2/servicerequestupdates.{fmt}"): _PUBLIC,
    ("POST", "/open311/v2/servicerequestupdates.{fmt}"): [
        Probe(
            "on the client's own request",
            only(Caller.API_KEY),
            _update(lambda w: w.open311_request),
        ),
        Probe(
            "on a case from another channel",
            only(hidden_from=(Caller.API_KEY,)),
            _update(lambda w: w.shop_case),
        ),
    ],
    ("GET", "/track"): _PUBLIC,
    ("GET", "/performance"): _PUBLIC,
    ("GET", "/track/{reference}"): [
        Probe("by reference", everyone(), lambda w: {"path": {"reference": w.shop_case}})
    ],
    ("GET", "/api/v1/triage"): [
        Probe(
            "the shop's triage list",
            signed_in_only(Caller.GREETER, Caller.ADMIN),
            lambda w: {"params": {"location": "shop"}},
        )
    ],
    ("GET", "/api/v1/triage/staff"): [
        Probe(
            "the shop's desk staff, to pass a visitor to",
            signed_in_only(Caller.GREETER, Caller.ADMIN),
            lambda w: {"params": {"location": "shop"}},
        )
    ],
    ("POST", "/api/v1/triage/walk-ins"): [
        Probe(
            "a visitor at the shop's door",
            signed_in_only(Caller.GREETER, Caller.ADMIN),
            lambda w: {"json": {"location_code": "shop", "topics": ["Council tax"]}},
        )
    ],
    ("POST", "/api/v1/triage/speak-to-someone"): [
        Probe("from its own screen", signed_in_only(Caller.KIOSK), lambda w: {"json": {}})
    ],
    ("POST", "/api/v1/triage/next"): [
        Probe(
            "the top of the shop's list",
            signed_in_only(Caller.GREETER, Caller.ADMIN),
            lambda w: {"json": {"location_code": "shop"}},
            also_ok=frozenset({404}),
        )
    ],
    **{
        ("POST", f"/api/v1/triage/{{entry_id}}/{action}"): [
            Probe(
                f"{action} on the shop's list",
                signed_in_only(Caller.GREETER, Caller.ADMIN),
                _on_an_entry(body),
                # No such entry: the business answer to a permitted call.
                also_ok=frozenset({404}),
            )
        ]
        for action, body in (
            ("call", None),
            ("park", {"reason": "Fetching a document"}),
            ("transfer", {"to_advisor": True}),
            ("no-show", None),
            ("close", {"outcome": "resolved"}),
        )
    },
    ("WS", "/live"): [
        Probe(
            "the shop's live room",
            only(Caller.KIOSK, Caller.GREETER, Caller.ADMIN),
            lambda w: {"params": {"location": "shop"}},
        )
    ],
}


def declared_routes(app: Any) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for route in iter_route_contexts(app.routes):
        path, methods = str(route.path), route.methods
        if methods is None:  # a WebSocket route
            found.append(("WS", path))
        else:
            found.extend((m, path) for m in sorted(methods - {"HEAD"}))
    return found


@pytest.fixture
def served(backend_settings) -> Iterator[tuple[Any, World]]:
    # Every caller signs in and enrols from this one address, more often than a person
    # would: the limits themselves are tests/security/test_limits.py's to check.
    backend_settings = backend_settings.model_copy(
        update={
            "login_requests_per_minute": 1000,
            "enrol_requests_per_minute": 1000,
            "customer_lookups_per_minute": 1000,
            "track_requests_per_minute": 1000,
        }
    )
    seed = seed_demo_council(backend_settings.database_url)
    context = build_context(backend_settings)
    app = create_app(backend_settings, context)
    with LiveServer(app) as server, requests.Session() as http:
        secrets: dict[Caller, str | None] = {Caller.ANONYMOUS: None, Caller.API_KEY: seed.api_key}
        for caller in KIOSKS:
            with unit_of_work(context.sessions) as session:
                code, _ = identity.create_enrolment_code(session, "shop", timedelta(hours=1))
            body = http.post(f"{server.url}/api/v1/devices/enrol", json={"code": code, "name": "k"})
            body.raise_for_status()
            secrets[caller] = body.json()["token"]
            if caller is Caller.REVOKED_KIOSK:
                with unit_of_work(context.sessions) as session:
                    identity.revoke_device(session, body.json()["device_id"])
        for caller, username in STAFF_LOGINS.items():
            secrets[caller] = _login(http, server.url, username)
        kiosk = {"Authorization": f"Bearer {secrets[Caller.KIOSK]}"}
        customer = {"email": "ceri@example.org", "first_name": "Ceri"}

        def submit(contact: dict[str, str]) -> requests.Response:
            made = http.post(
                f"{server.url}/api/v1/cases",
                json=PATIENT | {"customer": contact},
                headers=kiosk | {"Idempotency-Key": uuid.uuid4().hex},
            )
            assert made.status_code == 201, made.text
            return made

        made = submit(customer)
        submit({"email": "dana@example.org", "first_name": "Dana"})
        submit(customer | {"first_name": "Someone"})
        submit(customer | {"first_name": "Else"})
        report = http.post(
            f"{server.url}/open311/v2/requests.json",
            data=_report_form() | {"api_key": seed.api_key},
        )
        assert report.status_code == 200, report.text
        world = World(
            server.url,
            context,
            secrets,
            made.json()["reference"],
            report.json()[0]["service_request_id"],
            *_customers_and_matches(context),
        )
        yield app, world


def _customers_and_matches(context: Any) -> tuple[str, str, tuple[str, str]]:
    with context.sessions() as session:
        ceri, dana = (
            session.scalars(select(Customer.id).where(Customer.email == email)).one()
            for email in ("ceri@example.org", "dana@example.org")
        )
        pending = session.scalars(
            select(CustomerMatch.id)
            .where(CustomerMatch.customer_id == ceri)
            .order_by(CustomerMatch.id)
        ).all()
    assert len(pending) >= 2, "the later submissions with Ceri's email are possible matches"
    return str(ceri), str(dana), (str(pending[-2]), str(pending[-1]))


def _login(http: requests.Session, url: str, username: str) -> str:
    response = http.post(
        f"{url}/api/v1/staff/login", json={"username": username, "password": DEMO_PASSWORD}
    )
    response.raise_for_status()
    return str(response.json()["token"])


def _status_of_live(world: World, secret: str | None, params: dict[str, str], kiosk: bool) -> int:
    """The live hub answers on the socket: 401/403 as its close reasons, else 200."""
    url = world.url.replace("http://", "ws://") + "/live"
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    with connect(url, additional_headers=headers) as socket:
        try:
            if kiosk:
                socket.send(write_message(KioskHello(activity=KioskActivity.IN_JOURNEY)))
            first = read_message(socket.recv(timeout=5), "hub")
        except ConnectionClosed as closed:
            # Refused before our hello went out: the close code says why.
            code = closed.rcvd.code if closed.rcvd else None
            return {4401: 401, 4410: 401, 4403: 403}.get(code or 0, 400)
    if isinstance(first, LiveError):
        return {"not_authenticated": 401, "forbidden": 403}.get(first.code, 400)
    return 200


def _send(
    http: requests.Session, world: World, method: str, path: str, probe: Probe, caller: Caller
) -> requests.Response | int:
    secret = world.secrets[caller]
    if probe.fresh_session and caller in STAFF_LOGINS:
        secret = _login(http, world.url, STAFF_LOGINS[caller])
    spec = probe.request(world)
    filled = path.replace("{fmt}", "json")
    for name, value in spec.get("path", {}).items():
        filled = filled.replace("{" + name + "}", value)
    if method == "WS":
        return _status_of_live(world, secret, spec.get("params", {}), caller in KIOSKS)
    kwargs: dict[str, Any] = {"params": spec.get("params"), "allow_redirects": False}
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    if "json" in spec:
        kwargs["json"] = spec["json"]
        headers["Idempotency-Key"] = uuid.uuid4().hex
    if "form" in spec:
        # Whatever the caller holds goes where an Open311 client puts its key.
        kwargs["data"] = spec["form"] | ({"api_key": secret} if secret else {})
    return http.request(method, world.url + filled, headers=headers, timeout=30, **kwargs)


def test_every_route_has_a_rule(served):
    app, _ = served
    routes = declared_routes(app)
    missing = [f"{m} {p}" for m, p in routes if (m, p) not in RULES]
    stale = [f"{m} {p}" for m, p in RULES if (m, p) not in routes]
    assert not missing, f"routes without an access rule in RULES: {missing}"
    assert not stale, f"rules for routes that no longer exist: {stale}"
    for key, probes in RULES.items():
        for probe in probes:
            assert set(probe.expect) == set(Caller), f"{key} {probe.name} misses a caller"


def test_each_caller_gets_exactly_what_its_rule_says(served):
    app, world = served
    wrong: list[str] = []
    with requests.Session() as http:
        for method, path in declared_routes(app):
            for probe in RULES.get((method, path), []):
                for caller in Caller:
                    answer = _send(http, world, method, path, probe, caller)
                    status = answer if isinstance(answer, int) else answer.status_code
                    expected = probe.expect[caller]
                    if expected == OK:
                        good = status < 400 or status in probe.also_ok
                    elif expected == NO:
                        good = status in (401, 403)
                    else:
                        good = status == 404
                    if not good:
                        wrong.append(f"{method} {path} [{probe.name}] as {caller}: {status}")
                    elif expected == OK and probe.check and not isinstance(answer, int):
                        probe.check(caller, answer)
    assert wrong == []
