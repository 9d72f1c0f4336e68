"""Taking over a customer's record by typing their email address into a kiosk or an
Open311 client: the record, and its service accounts, must stay the customer's own."""

from __future__ import annotations

from typing import Any

from tests.casebackend.customers.helpers import audit, case_of, customer, decide, matches, report
from tests.casebackend.open311.helpers import create
from tests.conftest import Backend

VICTIM = {
    "first_name": "Ceri",
    "last_name": "Jones",
    "email": "ceri.jones@example.com",
    "phone": "07700 900123",
    "postcode": "NG1 2FX",
    "address": "5 Market Street, Nottingham",
    "accounts": {"council_tax": "CT-1001"},
}
ATTACKER = {
    "first_name": "Mallory",
    "last_name": "Evans",
    "email": "CERI.JONES@example.com",
    "phone": "07700 900999",
    "postcode": "NG2 3EH",
    "address": "9 Elsewhere Road",
    "accounts": {"council_tax": "CT-1001", "parking": "PK-77"},
}


def _lookup(backend: Backend) -> dict[str, Any]:
    """The victim's record, found by their email as a greeter would."""
    found = backend.http.get(
        f"{backend.api}/customers", params={"email": VICTIM["email"]}, headers=backend.login("jo")
    )
    assert found.status_code == 200, found.text
    record: dict[str, Any] = found.json()
    return record


def _victim(backend: Backend) -> tuple[dict[str, str], dict[str, Any]]:
    kiosk, _ = backend.enrol()
    first = report(backend, kiosk, **VICTIM)
    victim = _lookup(backend)
    assert victim["id"] == first["customer_id"]
    return kiosk, victim


def _untouched(backend: Backend, before: dict[str, Any]) -> None:
    after = _lookup(backend)
    assert after == before
    assert after["first_name"] == "Ceri"
    assert after["phone"] == "07700900123"
    assert after["address"] == "5 Market Street, Nottingham"
    assert after["accounts"] == [{"service": "council_tax", "account_ref": "CT-1001"}]


def test_a_kiosk_submission_with_a_victims_email_changes_nothing_of_theirs(backend):
    kiosk, victim = _victim(backend)
    attack = report(backend, kiosk, **ATTACKER)

    _untouched(backend, victim)
    assert attack["customer_id"] is None
    jo = backend.login("jo")
    (match,) = matches(backend, jo)
    assert match["case_reference"] == attack["reference"]
    assert match["customer"] == victim
    assert match["matched_on"] == "email"
    assert match["submitted"]["first_name"] == "Mallory"
    assert match["submitted"]["accounts"] == ATTACKER["accounts"]
    # Not even a new account is attached to the victim, nor the victim's to anyone else.
    assert customer(backend, victim["id"], jo) == victim
    (flagged,) = audit(backend, "customer_match_flagged")
    assert flagged["customer_id"] == victim["id"]
    assert flagged["actor_kind"] == "device"

    # Staff decide it is someone else: the submission becomes its own customer.
    rejected = decide(backend, match["id"], "reject", jo)
    assert rejected["status"] == "rejected"
    assert rejected["decided_by"] == "Jo"
    _untouched(backend, victim)
    newcomer = customer(backend, rejected["case_customer_id"], jo)
    assert newcomer["id"] != victim["id"]
    assert (newcomer["first_name"], newcomer["phone"]) == ("Mallory", "07700900999")
    # The victim's account stays with the victim; the unclaimed one goes to the newcomer.
    assert newcomer["accounts"] == [{"service": "parking", "account_ref": "PK-77"}]
    assert case_of(backend, attack["reference"], jo)["customer_id"] == newcomer["id"]
    assert [e["customer_id"] for e in audit(backend, "customer_match_reject")] == [victim["id"]]
    assert matches(backend, jo) == []


def test_an_open311_submission_with_a_victims_email_changes_nothing_of_theirs(backend):
    _, victim = _victim(backend)
    reference = create(
        backend,
        first_name="Mallory",
        last_name="Evans",
        email="ceri.jones@example.com",
        phone="07700 900999",
    )

    _untouched(backend, victim)
    jo = backend.login("jo")
    assert case_of(backend, reference, jo)["customer_id"] is None
    (match,) = matches(backend, jo)
    assert (match["case_reference"], match["matched_on"]) == (reference, "email")
    assert match["customer"]["id"] == victim["id"]
    (flagged,) = audit(backend, "customer_match_flagged")
    assert (flagged["actor_kind"], flagged["through"]) == ("api_key", "open311")


def test_a_phone_number_alone_cannot_take_a_record_over_either(backend):
    kiosk, victim = _victim(backend)
    report(backend, kiosk, first_name="Mallory", phone="+44 7700 900123", address="Elsewhere")
    _untouched(backend, victim)
    (match,) = matches(backend, backend.login("jo"))
    assert match["matched_on"] == "phone"


def test_staff_confirm_and_merge_are_the_only_ways_records_change(backend):
    kiosk, victim = _victim(backend)
    moved = report(backend, kiosk, **(VICTIM | {"address": "1 New Street", "postcode": "NG5 4WJ"}))
    jo = backend.login("jo")
    (match,) = matches(backend, jo)

    # A confirmation without applying links the case and leaves the record as it was.
    confirmed = decide(backend, match["id"], "confirm", jo)
    assert confirmed["status"] == "confirmed"
    assert case_of(backend, moved["reference"], jo)["customer_id"] == victim["id"]
    _untouched(backend, victim)
    again = backend.http.post(f"{backend.api}/customers/matches/{match['id']}/reject", headers=jo)
    assert again.status_code == 409

    # A second record of the same person, merged in: its case and account move over.
    other = report(
        backend, kiosk, first_name="Ceri", email="ceri@home.example", accounts={"library": "L-5"}
    )
    merged = backend.http.post(
        f"{backend.api}/customers/merge",
        json={"survivor_id": victim["id"], "merged_id": other["customer_id"]},
        headers=jo,
    )
    assert merged.status_code == 200, merged.text
    assert merged.json()["accounts"] == [
        {"service": "council_tax", "account_ref": "CT-1001"},
        {"service": "library", "account_ref": "L-5"},
    ]
    assert merged.json()["email"] == VICTIM["email"]
    assert case_of(backend, other["reference"], jo)["customer_id"] == victim["id"]
    gone = backend.http.get(f"{backend.api}/customers/{other['customer_id']}", headers=jo)
    assert gone.status_code == 404
    merges = audit(backend, "customer_merge")
    assert {e["customer_id"] for e in merges} == {victim["id"], other["customer_id"]}
    assert [e["action"] for e in audit(backend, "customer_match_confirm")] == [
        "customer_match_confirm"
    ]
