"""Tell us once, safely: submissions make new customers or flag possible matches; only
staff-verified changes touch a record. Over HTTP against a real backend, SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.casebackend.customers.helpers import audit, case_of, customer, decide, matches, report


def test_a_first_submission_makes_a_customer_from_its_details(backend):
    kiosk, _ = backend.enrol()
    case = report(
        backend,
        kiosk,
        first_name=" Ceri ",
        last_name="Jones",
        email="Ceri.Jones@Example.com",
        phone="+44 7700 900123",
        postcode="ng1 2fx",
        accounts={"council_tax": "CT-1"},
    )
    record = customer(backend, case["customer_id"], backend.login("jo"))
    assert record == {
        "id": case["customer_id"],
        "first_name": "Ceri",
        "last_name": "Jones",
        "email": "ceri.jones@example.com",
        "phone": "07700900123",
        "postcode": "NG12FX",
        "address": "",
        "accounts": [{"service": "council_tax", "account_ref": "CT-1"}],
    }
    assert matches(backend, backend.login("jo")) == []


def test_a_submission_without_contact_keys_has_no_customer(backend):
    kiosk, _ = backend.enrol()
    case = report(backend, kiosk, first_name="Ceri")
    assert case["customer_id"] is None
    assert matches(backend, backend.login("jo")) == []


def test_name_and_postcode_and_a_held_account_are_matches_too(backend):
    kiosk, _ = backend.enrol()
    first = report(backend, kiosk, last_name="Jones", postcode="NG1 2FX", accounts={"waste": "W-1"})
    by_name = report(backend, kiosk, first_name="Ceri", last_name="JONES", postcode="ng12fx")
    by_account = report(backend, kiosk, last_name="Other", accounts={"waste": "W-1"})
    jo = backend.login("jo")
    found = {
        m["case_reference"]: (m["matched_on"], m["customer"]["id"]) for m in matches(backend, jo)
    }
    assert found == {
        by_name["reference"]: ("name_postcode", first["customer_id"]),
        by_account["reference"]: ("account", first["customer_id"]),
    }
    assert customer(backend, first["customer_id"], jo)["first_name"] == ""


def test_confirm_with_apply_details_is_a_verified_change(backend):
    kiosk, _ = backend.enrol()
    first = report(backend, kiosk, email="ceri@example.com", accounts={"parking": "P-1"})
    # Someone else's account, named by mistake or on purpose.
    other = report(backend, kiosk, email="dai@example.com", accounts={"library": "L-9"})
    later = report(
        backend,
        kiosk,
        email="ceri@example.com",
        first_name="Ceri",
        phone="07700 900555",
        address="1 New Street",
        accounts={"library": "L-9", "waste": "W-2"},
    )
    jo = backend.login("jo")
    (match,) = matches(backend, jo)
    assert match["case_reference"] == later["reference"]
    decided = decide(backend, match["id"], "confirm", jo, apply_details=True)
    assert decided["customer"]["first_name"] == "Ceri"
    record = customer(backend, first["customer_id"], jo)
    assert (record["phone"], record["address"]) == ("07700900555", "1 New Street")
    # Staff confirmed it: the named accounts are now this customer's.
    assert [a["account_ref"] for a in record["accounts"]] == ["P-1", "L-9", "W-2"]
    assert customer(backend, other["customer_id"], jo)["accounts"] == []
    assert case_of(backend, later["reference"], jo)["customer_id"] == first["customer_id"]
    (confirm,) = audit(backend, "customer_match_confirm")
    assert confirm["detail"] == f"match {match['id']}, details applied"
    (update,) = audit(backend, "customer_update")
    assert update["detail"] == "first_name, phone, address, account library, account waste"
    assert "07700" not in update["detail"]
    assert matches(backend, jo) == []
    assert [m["id"] for m in matches(backend, jo, "confirmed")] == [match["id"]]


def test_a_staff_verified_change_of_address_updates_the_record(backend):
    kiosk, _ = backend.enrol()
    first = report(backend, kiosk, email="ceri@example.com", address="5 Old Road")
    # The change-of-address service from the kiosk: the case is made and routed, and the
    # record waits for staff.
    service = backend.context.catalogue.service("change_of_address")
    answers = {
        "moved_on": "2026-11-01T00:00:00Z",
        "previous_address": "5 Old Road",
        "new_address": "1 New Street, NG5 4WJ",
        "services_to_update": [service.attribute("services_to_update").values[0].key],
        "people_moving": 2,
    }
    moved = backend.create_case(
        kiosk,
        {
            "service_code": "change_of_address",
            "answers": answers,
            "customer": {"email": "ceri@example.com", "address": "1 New Street"},
        },
    )
    assert moved.status_code == 201, moved.text
    assert moved.json()["team_code"] == "revenues"
    greeter = backend.login("sam")
    assert customer(backend, first["customer_id"], greeter)["address"] == "5 Old Road"
    # A greeter who has checked with the customer makes the change.
    changed = backend.http.patch(
        f"{backend.api}/customers/{first['customer_id']}",
        json={
            "address": "1 New Street",
            "postcode": "NG5 4WJ",
            "accounts": {"council_tax": "CT-8"},
        },
        headers=greeter,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["address"] == "1 New Street"
    assert changed.json()["postcode"] == "NG54WJ"
    assert changed.json()["accounts"] == [{"service": "council_tax", "account_ref": "CT-8"}]
    (update,) = audit(backend, "customer_update")
    assert (update["actor_label"], update["customer_id"]) == ("Sam", first["customer_id"])


def test_a_verified_change_cannot_take_another_records_email(backend):
    kiosk, _ = backend.enrol()
    ceri = report(backend, kiosk, email="ceri@example.com")
    dai = report(backend, kiosk, email="dai@example.com")
    jo = backend.login("jo")
    taken = backend.http.patch(
        f"{backend.api}/customers/{dai['customer_id']}",
        json={"email": "Ceri@example.com"},
        headers=jo,
    )
    assert taken.status_code == 409
    assert "merge" in taken.json()["message"]
    assert customer(backend, ceri["customer_id"], jo)["email"] == "ceri@example.com"
    assert customer(backend, dai["customer_id"], jo)["email"] == "dai@example.com"


def test_who_may_decide_matches_and_change_records(backend):
    kiosk, _ = backend.enrol()
    first = report(backend, kiosk, email="ceri@example.com")
    report(backend, kiosk, email="ceri@example.com", first_name="X")
    jo = backend.login("jo")
    (match,) = matches(backend, jo)
    greeter = backend.login("sam")
    api = backend.api
    calls: list[tuple[str, str, dict[str, Any] | None]] = [
        ("get", f"{api}/customers/matches", None),
        ("post", f"{api}/customers/matches/{match['id']}/confirm", {}),
        ("post", f"{api}/customers/matches/{match['id']}/reject", None),
        ("post", f"{api}/customers/merge", {"survivor_id": 1, "merged_id": 2}),
    ]
    for method, url, body in calls:
        for headers, status in ((greeter, 403), (kiosk, 403), ({}, 401)):
            response = backend.http.request(method, url, json=body, headers=headers)
            assert response.status_code == status, (method, url, response.text)
    own: list[tuple[str, str, dict[str, Any] | None]] = [
        ("get", f"{api}/customers/{first['customer_id']}", None),
        ("patch", f"{api}/customers/{first['customer_id']}", {"first_name": "Y"}),
    ]
    for method, url, body in own:
        assert backend.http.request(method, url, json=body, headers=kiosk).status_code == 403
        assert backend.http.request(method, url, json=body).status_code == 401
    assert matches(backend, jo)[0]["status"] == "pending"
    admin = backend.login("admin")
    assert decide(backend, match["id"], "reject", admin)["decided_by"] == "Admin"


def test_bad_decisions_get_plain_answers(backend):
    jo = backend.login("jo")
    missing = backend.http.post(f"{backend.api}/customers/matches/999/confirm", headers=jo)
    assert missing.status_code == 404
    same = backend.http.post(
        f"{backend.api}/customers/merge", json={"survivor_id": 3, "merged_id": 3}, headers=jo
    )
    assert same.status_code == 422
    assert "two different" in same.json()["message"]
    nobody = backend.http.post(
        f"{backend.api}/customers/merge", json={"survivor_id": 3, "merged_id": 4}, headers=jo
    )
    assert nobody.status_code == 404
