"""The figures, checked exactly against known visits, cases, help requests and ratings in
November 2026 (Europe/London), on the real backend (SQLite and PostgreSQL), through the API
as JSON and CSV and through ``firststop admin figures``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from casebackend.cases.models import TrackLookup
from casebackend.db.engine import unit_of_work
from casebackend.fleet.models import KioskHour
from casebackend.identity.models import Device
from casebackend.live.models import HelpSession
from casebackend.organisation.models import Location, Team
from casebackend.visits.models import SatisfactionResponse, Visit
from shared.cases.schemas import Channel
from shared.references import CaseReference
from tests.casebackend.seeding import add_case
from tests.conftest import Backend

PERIOD = {"from": "2026-11-01", "to": "2026-11-30"}


def at(day: int, hour: int = 10, month: int = 11, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, 0, second, tzinfo=UTC)


def seed(backend: Backend) -> None:
    shop_kiosk = backend.enrol("shop")[1]["device_id"]
    library_kiosk = backend.enrol("lib-central")[1]["device_id"]
    with unit_of_work(backend.context.sessions) as session:
        place = dict(session.execute(select(Location.code, Location.id)).all())
        team = dict(session.execute(select(Team.code, Team.id)).all())
        shop, library = place["shop"], place["lib-central"]
        count = 0

        def case(
            service: str,
            channel: Channel,
            tier: int,
            created: datetime,
            location: int | None,
            *,
            team_code: str | None = None,
            due: date | None = None,
            finished: datetime | None = None,
        ) -> None:
            nonlocal count
            count += 1
            add_case(
                session,
                str(CaseReference.issue("222", 500 + count)),
                service,
                created=created,
                channel=channel,
                tier=tier,
                location_id=location,
                team_id=team[team_code] if team_code else None,
                due=due,
                resolved=finished,
                closed=finished + timedelta(days=3) if finished else None,
            )

        kiosk = Channel.KIOSK
        # Highways: on time; overdue, due soon and on time still open at the end.
        case(
            "pothole",
            kiosk,
            1,
            at(2),
            shop,
            team_code="highways",
            due=date(2026, 11, 6),
            finished=at(5),
        )
        case(
            "pothole",
            kiosk,
            1,
            at(30, month=10),
            library,
            team_code="highways",
            due=date(2026, 11, 20),
        )
        case("pothole", kiosk, 1, at(25), shop, team_code="highways", due=date(2026, 12, 1))
        case("pothole", kiosk, 1, at(26), shop, team_code="highways", due=date(2026, 12, 10))
        case(
            "pothole", kiosk, 1, at(1, month=12), shop, team_code="highways", due=date(2026, 12, 3)
        )
        # Waste: resolved late; one with no due date.
        case(
            "missed_bin",
            kiosk,
            1,
            at(3),
            shop,
            team_code="waste",
            due=date(2026, 11, 10),
            finished=at(20),
        )
        case("missed_bin", Channel.ASSISTED_KIOSK, 1, at(4), shop, team_code="waste")
        # Complaints: 4 working days, 14 working days, still open.
        case("complaint", Channel.FACE_TO_FACE, 2, at(9), shop, finished=at(13))
        case("complaint", Channel.PHONE, 2, at(9), None, finished=at(27))
        case("complaint", Channel.WEB, 2, at(10), None)

        def visit(device: int, location: int, outcome: str, ended: datetime, **flags: Any) -> None:
            session.add(
                Visit(
                    id=uuid.uuid4().hex,
                    device_id=device,
                    location_id=location,
                    started_at=ended - timedelta(minutes=4),
                    ended_at=ended,
                    language="en",
                    outcome=outcome,
                    help_requested=flags.get("help_requested", flags.get("helped", False)),
                    helped=flags.get("helped", False),
                )
            )

        visit(shop_kiosk, shop, "submitted", at(2))
        visit(shop_kiosk, shop, "submitted", at(3), helped=True)
        visit(shop_kiosk, shop, "tracked", at(4))
        visit(shop_kiosk, shop, "left", at(5))
        visit(shop_kiosk, shop, "timed_out", at(6), help_requested=True)
        visit(library_kiosk, library, "informed", at(7))
        visit(shop_kiosk, shop, "submitted", datetime(2026, 10, 31, 23, 59, tzinfo=UTC))

        def help_request(raised: datetime, wait: int | None, **end: Any) -> None:
            session.add(
                HelpSession(
                    id=uuid.uuid4().hex,
                    device_id=shop_kiosk,
                    location_id=shop,
                    raised_at=raised,
                    context={},
                    first_claimed_at=raised + timedelta(seconds=wait) if wait is not None else None,
                    claims=1 if wait is not None else 0,
                    ended_at=raised + timedelta(minutes=5) if end else None,
                    end_reason=end.get("reason"),
                    outcome=end.get("outcome"),
                )
            )

        help_request(at(2), 30, reason="closed", outcome="resolved_at_kiosk")
        help_request(at(3), 90, reason="closed", outcome="signposted")
        help_request(at(4), 10, reason="closed", outcome="resolved_at_kiosk")
        help_request(at(5), None, reason="cancelled")
        help_request(at(6), None)

        def rating(
            channel: Channel, value: str, service: str, location: int | None, when: datetime
        ) -> None:
            session.add(
                SatisfactionResponse(
                    at=when,
                    channel=channel,
                    rating=value,
                    service_code=service,
                    location_id=location,
                )
            )

        # The kiosks were enrolled in October; the shop's worked from 08:00 to 12:00 on
        # 2 November, showed a stuck screen at 12:00, and was up outside its service hours
        # (08:00 and 20:00, and on Sunday 1 November: the shop is closed), which do not count.
        for device in (shop_kiosk, library_kiosk):
            session.get_one(Device, device).created_at = at(1, month=10)
        for hour, healthy in ((8, 1), (9, 2), (10, 1), (11, 1), (12, 0), (20, 1)):
            session.add(KioskHour(device_id=shop_kiosk, hour=at(2, hour), beats=2, healthy=healthy))
        session.add(KioskHour(device_id=shop_kiosk, hour=at(1, 10), beats=2, healthy=2))

        # Customers chasing progress: on the tracking page, and by kiosks and apps.
        for day, via, still_open, count in (
            (date(2026, 11, 3), "web", True, 5),
            (date(2026, 11, 4), "api", False, 2),
            (date(2026, 11, 4), "api", True, 1),
            (date(2026, 12, 1), "web", True, 9),
        ):
            session.add(TrackLookup(day=day, via=via, open_case=still_open, lookups=count))

        rating(kiosk, "good", "pothole", shop, at(2))
        rating(kiosk, "poor", "pothole", shop, at(3))
        rating(Channel.ASSISTED_KIOSK, "good", "missed_bin", shop, at(4))
        rating(Channel.FACE_TO_FACE, "average", "complaint", shop, at(9))
        rating(Channel.PHONE, "good", "missed_bin", None, at(10))
        rating(kiosk, "good", "pothole", shop, at(1, month=12))


def rated(key: str, good: int, average: int, poor: int) -> dict[str, Any]:
    total = good + average + poor
    return {
        "key": key,
        "responses": total,
        "good": good,
        "average": average,
        "poor": poor,
        "good_share": round(good / total, 4),
    }


def figures(backend: Backend, **params: str) -> dict[str, Any]:
    answer = backend.http.get(
        f"{backend.api}/figures", params=PERIOD | params, headers=backend.login("morgan")
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    body.pop("generated_at")
    return body


def test_every_figure_for_the_whole_council(backend: Backend):
    seed(backend)
    assert figures(backend) == {
        "period_from": "2026-11-01",
        "period_to": "2026-11-30",
        "location": None,
        "cases": 8,
        "cases_by": [
            {"channel": "assisted_kiosk", "tier": 1, "service_code": "missed_bin", "cases": 1},
            {"channel": "face_to_face", "tier": 2, "service_code": "complaint", "cases": 1},
            {"channel": "kiosk", "tier": 1, "service_code": "missed_bin", "cases": 1},
            {"channel": "kiosk", "tier": 1, "service_code": "pothole", "cases": 3},
            {"channel": "phone", "tier": 2, "service_code": "complaint", "cases": 1},
            {"channel": "web", "tier": 2, "service_code": "complaint", "cases": 1},
        ],
        "visits": {
            "visits": 6,
            "by_outcome": {
                "submitted": 2,
                "tracked": 1,
                "informed": 1,
                "left": 1,
                "timed_out": 1,
                "booked": 0,
            },
            "self_served": 3,
            "helped": 1,
            "first_contact_resolution": 0.6667,
        },
        "help": {
            "requests": 5,
            "claimed": 3,
            "unanswered": 1,
            "response_p50_s": 30.0,
            "response_p90_s": 90.0,
            "outcomes": {"cancelled": 1, "resolved_at_kiosk": 2, "signposted": 1},
        },
        "sla": [
            {
                "team": "Highways",
                "open_on_time": 1,
                "open_due_soon": 1,
                "open_overdue": 1,
                "finished": 1,
                "finished_on_time": 1,
                "compliance": 1.0,
            },
            {
                "team": "Waste Collections",
                "open_on_time": 0,
                "open_due_soon": 0,
                "open_overdue": 0,
                "finished": 1,
                "finished_on_time": 0,
                "compliance": 0.0,
            },
        ],
        "complaints": {
            "received": 3,
            "within_5_working_days": 1,
            "within_20_working_days": 2,
            "still_open": 1,
        },
        "avoidable_contact": {
            "track_visits": 1,
            "track_share": 0.1667,
            "web_lookups": 5,
            "api_lookups": 3,
            "open_case_lookups": 6,
        },
        "satisfaction": {
            "responses": 5,
            "by_service": [
                rated("complaint", 0, 1, 0),
                rated("missed_bin", 2, 0, 0),
                rated("pothole", 1, 0, 1),
            ],
            "by_channel": [
                rated("assisted_kiosk", 1, 0, 0),
                rated("face_to_face", 0, 1, 0),
                rated("kiosk", 1, 0, 1),
                rated("phone", 1, 0, 0),
            ],
            "by_location": [rated("(none)", 1, 0, 0), rated("shop", 2, 1, 1)],
        },
        # Each location's opening hours in November (the demo's; no bank holiday): the shop
        # 09:00-17:00 on weekdays, to 19:00 on Thursdays, 09:00-12:00 on Saturdays (188
        # hours); Central Library 10:00-17:00 Tuesday to Friday, to 19:00 on Thursdays,
        # 10:00-13:00 on Saturdays (132).
        "kiosk_availability": {
            "service_hours": 320,
            "available_hours": 3,
            "availability": 0.0094,
            "by_kiosk": [
                {
                    "kiosk": "k1",
                    "location": "lib-central",
                    "service_hours": 132,
                    "available_hours": 0,
                    "availability": 0.0,
                },
                {
                    "kiosk": "k1",
                    "location": "shop",
                    "service_hours": 188,
                    "available_hours": 3,
                    "availability": 0.016,
                },
            ],
        },
    }


def test_a_visit_that_booked_an_appointment_counts_as_booked_and_resolved(backend: Backend):
    """Sent as a kiosk sends it, and stored as it is on both databases (a plain string
    column, no CHECK: no migration); counted by its outcome and as served at the visit."""
    seed(backend)
    headers, _ = backend.enrol("shop")
    sent = backend.http.post(
        f"{backend.api}/visits",
        json={
            "id": uuid.uuid4().hex,
            "started_at": at(20).isoformat(),
            "ended_at": (at(20) + timedelta(minutes=5)).isoformat(),
            "language": "en",
            "service_code": "appointment",
            "outcome": "booked",
        },
        headers=headers,
    )
    assert sent.status_code == 201, sent.text
    shop = figures(backend, location="shop")["visits"]
    assert shop["by_outcome"]["booked"] == 1
    assert (shop["visits"], shop["self_served"]) == (6, 3)
    assert shop["first_contact_resolution"] == round(4 / 6, 4)
    answer = backend.http.get(
        f"{backend.api}/figures",
        params=PERIOD | {"format": "csv", "location": "shop"},
        headers=backend.login("admin"),
    )
    assert ["visits", "outcome/booked", "1"] in list(csv.reader(io.StringIO(answer.text)))


def test_one_locations_figures(backend: Backend):
    seed(backend)
    shop = figures(backend, location="shop")
    assert shop["location"] == "shop"
    assert shop["cases"] == 6
    assert shop["visits"]["visits"] == 5
    assert shop["visits"]["first_contact_resolution"] == 0.6
    assert shop["visits"]["self_served"] == 2
    # Highways at the shop: the library's overdue pothole is not the shop's.
    assert [(t["team"], t["open_overdue"], t["open_due_soon"]) for t in shop["sla"]] == [
        ("Highways", 0, 1),
        ("Waste Collections", 0, 0),
    ]
    assert shop["complaints"]["received"] == 1
    # A look-up has no place: the council's figure only.
    assert (
        shop["avoidable_contact"]["web_lookups"],
        shop["avoidable_contact"]["track_visits"],
    ) == (0, 1)
    assert shop["satisfaction"]["by_location"] == [rated("shop", 2, 1, 1)]
    library = figures(backend, location="lib-central")
    assert (library["cases"], library["visits"]["visits"], library["help"]["requests"]) == (0, 1, 0)


def test_the_figures_as_csv_and_who_may_read_them(backend: Backend):
    seed(backend)
    answer = backend.http.get(
        f"{backend.api}/figures", params=PERIOD | {"format": "csv"}, headers=backend.login("admin")
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    assert "figures-2026-11-01-2026-11-30.csv" in answer.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0] == ["figure", "breakdown", "value"]
    assert ["cases", "kiosk/1/pothole", "3"] in rows
    assert ["sla_compliance", "Waste Collections", "0.0"] in rows
    assert ["help_response_p90_s", "", "90.0"] in rows
    assert ["satisfaction_good_share", "channel/kiosk", "0.5"] in rows
    assert ["kiosk_availability", "shop/k1", "0.016"] in rows
    for who in ("sam", "jo"):
        assert (
            backend.http.get(
                f"{backend.api}/figures", params=PERIOD, headers=backend.login(who)
            ).status_code
            == 403
        )
    bad = backend.http.get(
        f"{backend.api}/figures",
        params={"from": "2026-11-30", "to": "2026-11-01"},
        headers=backend.login("admin"),
    )
    assert (bad.status_code, bad.json()["message"]) == (422, "The period ends before it starts.")
    unknown = backend.http.get(
        f"{backend.api}/figures",
        params=PERIOD | {"location": "moon"},
        headers=backend.login("admin"),
    )
    assert unknown.status_code == 404


def test_the_command_line_gives_the_same_figures(backend: Backend):
    seed(backend)
    command = [
        sys.executable,
        "-m",
        "firststop",
        "admin",
        "figures",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--database",
        backend.context.settings.database_url,
    ]
    printed = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    body = json.loads(printed.stdout)
    body.pop("generated_at")
    assert body == figures(backend)
    as_csv = subprocess.run(
        [*command, "--format", "csv", "--location", "shop"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert ["location", "", "shop"] in list(csv.reader(io.StringIO(as_csv.stdout)))
