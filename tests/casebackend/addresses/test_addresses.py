"""Addresses by postcode over HTTP against the real backend (SQLite and PostgreSQL), with
the demo gazetteer loaded by the demo seeding; and what a case's UPRN does to its place."""

from __future__ import annotations

import pytest

from shared.addresses import POSTCODE_PROBLEM

FLYTIPPING = {
    "service_code": "flytipping",
    "answers": {"what": ["bags"], "amount": "car_boot", "seen_tipping": "no"},
}


def find(backend, headers, postcode: str | None):
    params = {} if postcode is None else {"postcode": postcode}
    return backend.http.get(f"{backend.api}/addresses", params=params, headers=headers)


def test_a_kiosk_finds_the_addresses_at_a_postcode_in_street_order(backend):
    kiosk, _ = backend.enrol("shop")
    response = find(backend, kiosk, "NG5 4WJ")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["postcode"] == "NG5 4WJ"
    lines = [a["line"] for a in body["addresses"]]
    # Numbers compared as numbers: 10 and 12 come after 8.
    assert lines == [f"{n} Kestrelwing Row, Northgate" for n in (2, 4, 6, 8, 10, 12)]
    first = body["addresses"][0]
    assert first == {
        "uprn": "990000000301",
        "line": "2 Kestrelwing Row, Northgate",
        "postcode": "NG5 4WJ",
        "lat": pytest.approx(52.98734),
        "long": pytest.approx(-1.15322),
    }


def test_staff_find_addresses_too_and_a_point_is_optional(backend):
    staff = backend.login("sam")
    response = find(backend, staff, "NG1 6QB")
    assert response.status_code == 200, response.text
    addresses = response.json()["addresses"]
    assert len(addresses) == 6
    assert {(a["lat"], a["long"]) for a in addresses} == {(None, None)}


@pytest.mark.parametrize("typed", ["ng54wj", " Ng5   4wJ ", "NG5\t4WJ", "nG54Wj"])
def test_the_postcode_is_read_whatever_its_case_and_spacing(backend, typed):
    kiosk, _ = backend.enrol()
    response = find(backend, kiosk, typed)
    assert response.status_code == 200, response.text
    assert response.json()["postcode"] == "NG5 4WJ"
    assert len(response.json()["addresses"]) == 6


def test_an_unknown_postcode_is_an_empty_list_not_a_404(backend):
    kiosk, _ = backend.enrol()
    response = find(backend, kiosk, "sw1a 1aa")
    assert response.status_code == 200, response.text
    assert response.json() == {"postcode": "SW1A 1AA", "addresses": []}


@pytest.mark.parametrize("typed", ["", "   ", "NG5", "12345", "NG5 4W", "NG5 4WJX", "N%G5 4WJ"])
def test_a_malformed_postcode_is_invalid_input_with_a_plain_message(backend, typed):
    kiosk, _ = backend.enrol()
    response = find(backend, kiosk, typed)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"] == POSTCODE_PROBLEM == "Please type a UK postcode, like SW1A 1AA."
    assert body["details"] == {"field": "postcode"}


def test_a_missing_postcode_is_invalid_input(backend):
    kiosk, _ = backend.enrol()
    response = find(backend, kiosk, None)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_anonymous_callers_are_asked_to_sign_in(backend):
    response = find(backend, {}, "NG5 4WJ")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    unknown = find(backend, {"Authorization": "Bearer not-a-token"}, "NG5 4WJ")
    assert unknown.status_code == 401


def test_a_case_with_a_known_uprn_and_no_postcode_takes_the_gazetteers(backend):
    kiosk, _ = backend.enrol()
    # NG5 is the north's area for fly-tipping: routed by the postcode the gazetteer gave.
    body = FLYTIPPING | {"place": {"uprn": "990000000301"}}
    response = backend.create_case(kiosk, body)
    assert response.status_code == 201, response.text
    case = response.json()
    assert case["place"]["postcode"] == "NG54WJ"
    assert case["place"]["uprn"] == "990000000301"
    assert case["team_code"] == "environment-north"


def test_a_postcode_sent_with_the_place_is_kept(backend):
    kiosk, _ = backend.enrol()
    body = FLYTIPPING | {"place": {"uprn": "990000000301", "postcode": "NG2 1RT"}}
    response = backend.create_case(kiosk, body)
    assert response.status_code == 201, response.text
    assert response.json()["place"]["postcode"] == "NG21RT"
    assert response.json()["team_code"] == "environment-south"


def test_an_unknown_uprn_changes_nothing(backend):
    kiosk, _ = backend.enrol()
    body = FLYTIPPING | {
        "place": {"uprn": "123456789012", "address": "By the old mill"},
        "customer": {"last_name": "Okafor", "postcode": "NG5 7TP"},
    }
    response = backend.create_case(kiosk, body)
    assert response.status_code == 201, response.text
    case = response.json()
    # Without a place postcode the customer's still routes the case, as before.
    assert case["place"]["postcode"] == "NG57TP"
    assert case["team_code"] == "environment-north"
