"""Case lookup for staff against the real backend, on SQLite and PostgreSQL: each detail
typed any way finds the case (through the customer's record and through the details a
later case gave), a greeter finds only their own location's cases, every search is audited
without what was typed, notes are added, and an assisted case says who assisted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from casebackend.db.engine import unit_of_work
from tests.conftest import Backend

CERI = {
    "first_name": "Ceri",
    "last_name": "Jones",
    "email": "Ceri.Jones@Example.org",
    "phone": "07700 900123",
    "postcode": "NG5 2AB",
}
POTHOLE = {
    "service_code": "pothole",
    "description": "Deep hole by the bus stop",
    "answers": {"size": "plate_to_tyre", "in_road_or_pavement": "road", "hazard_now": "no"},
}


def report(backend: Backend, headers: dict[str, str], postcode: str, **extra: Any) -> str:
    body = POTHOLE | {"place": {"address": "12 Mansfield Road", "postcode": postcode}} | extra
    response = backend.create_case(headers, body)
    assert response.status_code == 201, response.text
    return str(response.json()["reference"])


def lookup(backend: Backend, headers: dict[str, str], q: str) -> dict[str, Any]:
    response = backend.http.get(f"{backend.api}/lookup/cases", params={"q": q}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def found(backend: Backend, headers: dict[str, str], q: str) -> set[str]:
    return {hit["reference"] for hit in lookup(backend, headers, q)["items"]}


def test_each_detail_typed_any_way_finds_the_case_within_the_greeters_location(
    backend: Backend,
) -> None:
    shop_kiosk, _ = backend.enrol("shop")
    library_kiosk, _ = backend.enrol("lib-northgate")
    # The first makes Ceri's record; the second only gives the same details (a possible
    # match for staff to decide), so it is found through what it gave.
    first = report(backend, shop_kiosk, "NG5 2AB", customer=CERI)
    second = report(backend, shop_kiosk, "NG1 1AA", customer=CERI | {"phone": "+44 7700 900123"})
    elsewhere = report(backend, library_kiosk, "NG5 2AB", customer=CERI)
    other = report(backend, shop_kiosk, "NG7 1AA")
    sam, priya, jo = (backend.login(name) for name in ("sam", "priya", "jo"))

    by_kind = {
        "reference": (first[:3].lower() + " " + first[3:].lower(), {first}),
        "email": ("  ceri.jones@EXAMPLE.org ", {first, second}),
        "phone": ("+44 (0)7700-900 123".replace("(0)", ""), {first, second}),
        "postcode": ("ng52ab", {first, second}),
        "name": ("JONES", {first, second}),
    }
    for kind, (typed, expected) in by_kind.items():
        answer = lookup(backend, sam, typed)
        assert answer["kind"] == kind
        assert {hit["reference"] for hit in answer["items"]} == expected, kind
    assert found(backend, sam, "ceri jones") == {first, second}
    assert found(backend, sam, "ng1 1aa") == {second}
    assert other not in found(backend, sam, "jones")

    hit = lookup(backend, sam, first)["items"][0]
    assert (hit["customer_name"], hit["postcode"], hit["assisted"]) == (
        "Ceri Jones",
        "NG5 2AB",
        False,
    )
    assert hit["location_code"] == "shop"

    # Another location's greeter finds none of the shop's, and cannot open one.
    assert found(backend, priya, "ceri.jones@example.org") == {elsewhere}
    refused = backend.http.get(f"{backend.api}/cases/{first}", headers=priya)
    assert refused.status_code == 403
    # A caseworker finds them all; a kiosk none.
    assert found(backend, jo, "07700900123") == {first, second, elsewhere}
    kiosk_try = backend.http.get(
        f"{backend.api}/lookup/cases", params={"q": first}, headers=shop_kiosk
    )
    assert kiosk_try.status_code == 403


def test_every_search_is_audited_without_what_was_typed(backend: Backend) -> None:
    kiosk, _ = backend.enrol("shop")
    reference = report(backend, kiosk, "NG5 2AB", customer=CERI)
    sam = backend.login("sam")
    for typed in ("ceri.jones@example.org", "07700 900123", "Ceri", "NG5 2AB", reference):
        lookup(backend, sam, typed)
    nonsense = backend.http.get(f"{backend.api}/lookup/cases", params={"q": "?"}, headers=sam)
    assert nonsense.status_code == 422
    assert "Type at least two letters" in nonsense.json()["message"]

    with unit_of_work(backend.context.sessions) as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "case_lookup").order_by(AuditEvent.id)
        ).all()
        seen = [(row.actor_label, row.detail) for row in rows]
    assert seen == [
        ("Sam", "by email: 1 found"),
        ("Sam", "by phone: 1 found"),
        ("Sam", "by name: 1 found"),
        ("Sam", "by postcode: 1 found"),
        ("Sam", f"by reference: 1 found ({reference})"),
    ]
    for _, detail in seen:
        assert not any(part in detail.lower() for part in ("ceri", "7700", "example", "ng5"))


def test_a_note_is_added_and_an_assisted_case_says_who_assisted(backend: Backend) -> None:
    sam = backend.login("sam")
    response = backend.create_case(
        sam, POTHOLE | {"place": {"postcode": "NG5 2AB", "address": "1 High St"}, "assisted": True}
    )
    assert response.status_code == 201, response.text
    case = response.json()
    assert (case["channel"], case["assisted_by"]) == ("face_to_face", "Sam")
    assert lookup(backend, sam, case["reference"])["items"][0]["assisted"] is True

    noted = backend.http.post(
        f"{backend.api}/cases/{case['reference']}/notes",
        json={"body": "Customer will call back on Friday"},
        headers=sam,
    )
    assert noted.status_code == 201
    notes = [(n["body"], n["author"], n["public"]) for n in noted.json()["notes"]]
    assert notes == [("Customer will call back on Friday", "Sam", False)]

    # Only staff assist: a kiosk saying so is refused, and nothing is recorded.
    kiosk, _ = backend.enrol("shop")
    refused = backend.create_case(
        kiosk,
        POTHOLE | {"place": {"postcode": "NG5 2AB", "address": "1 High St"}, "assisted": True},
    )
    assert refused.status_code == 403
    plain = backend.create_case(
        kiosk, POTHOLE | {"place": {"postcode": "NG5 2AB", "address": "1 High St"}}
    )
    assert plain.json()["assisted_by"] is None
