"""Opening hours and the slots made from them, on SQLite and PostgreSQL: the shop's late
Thursday and Saturday morning, closed Sundays, bank holidays closed unless an exception
opens them, no slot past closing, the lead time and the horizon; "is it open now?".

The tests share one backend per database: they read the shop's hours, and each changes
a location no other test here reads (Central Library's exceptions, Northgate's offer,
Riverside's week)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from casebackend.appointments import service
from casebackend.cases.sla import BankHolidayRegion
from casebackend.organisation import hours
from casebackend.organisation.service import get_location
from shared.appointments.schemas import SlotList
from tests.casebackend.appointments.helpers import FRIDAY, at
from tests.conftest import Backend


def slots(backend: Backend, now: datetime, location: str = "shop", **extra: Any) -> SlotList:
    with backend.context.sessions() as session:
        return service.list_slots(
            session,
            backend.context,
            location_code=location,
            service_code="appointment",
            now=now,
            **extra,
        )


def times_by_day(found: SlotList) -> dict[date, list[str]]:
    days: dict[date, list[str]] = {}
    for slot in found.slots:
        days.setdefault(slot.day, []).append(slot.time)
    return days


def test_slots_follow_the_week_the_lead_time_and_the_horizon(shared_backend: Backend):
    backend = shared_backend
    # From Monday 7 December 2026 at 08:00, a week of the shop's 30-minute slots.
    week = times_by_day(slots(backend, at(7, 8), days=7))
    assert sorted(week) == [date(2026, 12, d) for d in (7, 8, 9, 10, 11, 12)]  # no Sunday
    half_hours = [f"{h:02d}:{m:02d}" for h in range(9, 19) for m in (0, 30)]
    assert week[date(2026, 12, 7)] == half_hours[:16]  # 09:00 … 16:30, the last ends 17:00
    assert week[date(2026, 12, 10)] == half_hours  # Thursday: the last starts 18:30
    assert week[date(2026, 12, 12)] == half_hours[:6]  # Saturday: 09:00 … 11:30
    first = slots(backend, at(7, 8), days=1).slots[0]
    assert (first.starts_at, first.ends_at, first.capacity, first.free) == (
        at(7, 9),
        at(7, 9, 30),
        2,
        2,
    )
    # At 09:10 with an hour's lead, 10:30 is the first slot that can be booked.
    assert slots(backend, at(7, 9, 10), days=1).slots[0].time == "10:30"
    # The horizon (28 days from Friday 4 December) ends on Friday 1 January 2027, a bank
    # holiday; Saturday 2 January, an ordinary Saturday, is past it.
    far = slots(backend, FRIDAY, first_day=date(2026, 12, 30), days=14)
    assert {s.day for s in far.slots} == {date(2026, 12, 30), date(2026, 12, 31)}


def test_bank_holidays_are_closed(shared_backend: Backend):
    # Christmas Day (Friday 25) and Boxing Day's substitute (Monday 28): no slots.
    around = times_by_day(slots(shared_backend, at(21, 8), days=10))
    assert date(2026, 12, 24) in around
    assert date(2026, 12, 25) not in around
    assert date(2026, 12, 28) not in around
    assert date(2026, 12, 29) in around
    with shared_backend.context.sessions() as session:
        shop = get_location(session, "shop")
        assert not hours.is_open(session, shared_backend.context.settings, shop.id, at(25, 11))
        assert hours.is_open(session, shared_backend.context.settings, shop.id, at(24, 11))


def test_no_slot_runs_past_closing_or_through_a_lunch_break(shared_backend: Backend):
    backend = shared_backend
    # Central Library: 45-minute slots, Tuesday 10:00-17:00: 16:00 is the last to fit;
    # nothing on Monday, when it is closed.
    tuesday = times_by_day(slots(backend, at(7, 8), "lib-central", days=2))
    assert tuesday == {
        date(2026, 12, 8): [
            "10:00", "10:45", "11:30", "12:15", "13:00", "13:45", "14:30", "15:15", "16:00"
        ]
    }  # fmt: skip
    # Northgate, offered now: 09:30-13:00 and 14:00-17:00 on Mondays.
    offered = backend.http.put(
        f"{backend.api}/appointments/offers/lib-northgate/appointment",
        json={"slot_minutes": 45, "capacity": 1},
        headers=backend.login("admin"),
    )
    assert offered.status_code == 200, offered.text
    monday = times_by_day(slots(backend, at(7, 8), "lib-northgate", days=1))
    assert monday[date(2026, 12, 7)] == [
        "09:30", "10:15", "11:00", "11:45", "14:00", "14:45", "15:30", "16:15"
    ]  # fmt: skip


def test_an_exception_opens_a_holiday_or_closes_a_weekday(shared_backend: Backend):
    backend = shared_backend
    admin = backend.login("admin")
    url = f"{backend.api}/locations/lib-central/hours/exceptions"
    # Monday 28 December: a bank holiday, and Central Library closes on Mondays anyway.
    opened = backend.http.put(
        f"{url}/2026-12-28",
        json={"spans": [{"opens": "10:00", "closes": "12:00"}], "note": "Open for renewals"},
        headers=admin,
    )
    assert opened.status_code == 200, opened.text
    closed = backend.http.put(
        f"{url}/2026-12-29", json={"spans": [], "note": "Staff training"}, headers=admin
    )
    assert closed.status_code == 200, closed.text
    around = times_by_day(slots(backend, at(21, 8), "lib-central", days=10))
    assert around[date(2026, 12, 28)] == ["10:00", "10:45"]  # 11:30 would end 12:15
    assert date(2026, 12, 29) not in around
    # The hours page says why each day is as it is.
    with backend.context.sessions() as session:
        page = hours.opening_hours(session, backend.context.settings, "lib-central", now=at(21, 8))
    kinds = {d.day: (d.kind, d.note) for d in page.days}
    assert kinds[date(2026, 12, 25)] == ("bank_holiday", "Bank holiday")
    assert kinds[date(2026, 12, 28)] == ("exception", "Open for renewals")
    assert kinds[date(2026, 12, 29)] == ("exception", "Staff training")
    assert backend.http.delete(f"{url}/2026-12-29", headers=admin).status_code == 204
    again = backend.http.delete(f"{url}/2026-12-29", headers=admin)
    assert again.status_code == 404
    assert again.json()["message"] == "This location has no exception to its hours on that day."
    assert date(2026, 12, 29) in times_by_day(slots(backend, at(21, 8), "lib-central", days=10))


def test_open_now_and_the_week_through_the_api(shared_backend: Backend):
    backend = shared_backend

    def state(moment: datetime) -> Any:
        response = backend.http.get(
            f"{backend.api}/locations/shop/open", params={"at": moment.isoformat()}
        )
        assert response.status_code == 200, response.text
        return response.json()

    late = state(at(10, 18, 30))  # Thursday evening
    assert (late["open"], late["closes_at"]) == (True, "2026-12-10T19:00:00Z")
    friday = state(at(11, 18, 30))  # Friday evening: next, Saturday morning
    assert (friday["open"], friday["opens_at"]) == (False, "2026-12-12T09:00:00Z")
    assert state(at(13, 10))["opens_at"] == "2026-12-14T09:00:00Z"  # Sunday: Monday

    week = backend.http.get(f"{backend.api}/locations/lib-northgate/hours").json()
    assert [(s["opens"], s["closes"]) for s in week["weekly"][0]["spans"]] == [
        ("09:30:00", "13:00:00"),
        ("14:00:00", "17:00:00"),
    ]
    admin = backend.login("admin")
    url = f"{backend.api}/locations/lib-riverside/hours"
    sundays = {"weekday": 6, "spans": [{"opens": "11:00", "closes": "15:00"}]}
    changed = backend.http.put(url, json={"weekly": [sundays]}, headers=admin)
    assert changed.status_code == 200, changed.text
    assert [len(day["spans"]) for day in changed.json()["weekly"]] == [0, 0, 0, 0, 0, 0, 1]
    overlap = [{"opens": "09:00", "closes": "13:00"}, {"opens": "12:00", "closes": "17:00"}]
    refused = backend.http.put(
        url, json={"weekly": [{"weekday": 0, "spans": overlap}]}, headers=admin
    )
    assert refused.status_code == 422
    assert "overlap" in refused.json()["message"]
    # No hours at all: open, so that entering none changes nothing.
    backend.http.put(url, json={"weekly": []}, headers=admin).raise_for_status()
    with backend.context.sessions() as session:
        riverside = get_location(session, "lib-riverside")
        assert hours.is_open(session, backend.context.settings, riverside.id, at(13, 3))


def test_a_location_without_hours_is_open_all_day():
    empty = hours.LocationHours(ZoneInfo("Europe/London"), BankHolidayRegion.ENGLAND_AND_WALES)
    assert not empty.configured
    assert empty.is_open(at(25, 3))  # even at 3 a.m. on Christmas Day
    day = empty.open_hours(date(2026, 12, 7), date(2026, 12, 7))
    assert (len(day), day[0].time()) == (24, time(0))
