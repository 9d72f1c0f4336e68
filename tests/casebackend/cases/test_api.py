"""The internal API over HTTP against a real backend, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

from shared.references import is_valid, parse
from tests.conftest import wait_until

POTHOLE = {
    "service_code": "pothole",
    "description": "Deep hole by the bus stop",
    "answers": {"size": None, "hazard_now": "yes"},
    "place": {"address": "12 Mansfield Road", "postcode": "NG5 2AB"},
}


def _pothole_answers(backend):
    service = backend.context.catalogue.service("pothole")
    answers = {}
    for attribute in service.attributes:
        if attribute.datatype == "singlevaluelist":
            answers[attribute.code] = attribute.values[0].key
        elif attribute.datatype == "number":
            answers[attribute.code] = 5
    hazard = service.attribute("hazard_now")
    answers["hazard_now"] = (
        "yes" if hazard and "yes" in hazard.value_keys() else answers.get("hazard_now")
    )
    return answers


def pothole(backend, **changes):
    return POTHOLE | {"answers": _pothole_answers(backend)} | changes


def test_kiosk_creates_a_case_with_reference_team_and_sla(backend):
    kiosk, _ = backend.enrol("shop")
    response = backend.create_case(kiosk, pothole(backend))
    assert response.status_code == 201, response.text
    case = response.json()
    assert is_valid(case["reference"])
    assert case["status"] == "submitted"
    assert case["channel"] == "kiosk"
    assert case["location_code"] == "shop"
    assert case["team_code"] == "highways"
    assert case["sla_due"] is not None
    assert [h["status"] for h in case["history"]] == ["submitted"]


def test_replayed_idempotency_key_returns_the_same_case(backend):
    kiosk, _ = backend.enrol()
    key = uuid.uuid4().hex
    first = backend.create_case(kiosk, pothole(backend), key)
    again = backend.create_case(kiosk, pothole(backend), key)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["reference"] == first.json()["reference"]
    staff = backend.login("jo")
    page = backend.http.get(f"{backend.api}/cases", headers=staff).json()
    assert page["total"] == 1


def test_concurrent_replays_make_one_case(backend):
    kiosk, _ = backend.enrol()
    key = uuid.uuid4().hex
    body = pothole(backend)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: backend.create_case(kiosk, body, key), range(8)))
    assert {r.status_code for r in results} <= {200, 201}
    assert len({r.json()["reference"] for r in results}) == 1
    staff = backend.login("jo")
    assert backend.http.get(f"{backend.api}/cases", headers=staff).json()["total"] == 1


def test_replayed_key_with_different_body_is_a_conflict(backend):
    kiosk, _ = backend.enrol()
    key = uuid.uuid4().hex
    backend.create_case(kiosk, pothole(backend), key)
    response = backend.create_case(kiosk, pothole(backend, description="something else"), key)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_offline_kiosk_reference_is_kept(backend):
    from shared.references import CaseReference

    kiosk, enrolment = backend.enrol()
    reference = CaseReference.issue(enrolment["issuer"], 41)
    response = backend.create_case(kiosk, pothole(backend, reference=reference.display))
    assert response.status_code == 201, response.text
    assert response.json()["reference"] == reference.compact


def test_a_kiosk_cannot_use_another_issuers_reference(backend):
    from shared.references import CaseReference

    kiosk, enrolment = backend.enrol()
    other = "222" if enrolment["issuer"] != "222" else "333"
    response = backend.create_case(
        kiosk, pothole(backend, reference=CaseReference.issue(other, 1).compact)
    )
    assert response.status_code == 403


def test_welsh_and_unicode_round_trip_exactly(backend):
    kiosk, _ = backend.enrol()
    text = "Mae twll mawr ar y ffordd ger y bws — ŵ ŷ â ê, Zażółć gęślą jaźń, حفرة"
    created = backend.create_case(kiosk, pothole(backend, description=text)).json()
    staff = backend.login("sam")
    read = backend.http.get(f"{backend.api}/cases/{created['reference']}", headers=staff).json()
    assert read["description"] == text


def test_bad_input_gets_plain_errors_not_500s(backend):
    kiosk, _ = backend.enrol()
    cases = {
        "unknown service": (pothole(backend, service_code="nope"), 404),
        "too long": (pothole(backend, description="x" * 4001), 422),
        "missing place": (pothole(backend, place=None), 422),
        "bad list value": (pothole(backend, answers={"size": "enormous"}), 422),
        "half a point": (pothole(backend, place={"lat": 52.9}), 422),
    }
    streetlight = {
        "service_code": "streetlight",
        "answers": {"fault": ["flickers"], "noticed_at": "2026-11-20T18:30:00"},
        "place": {"address": "Castle Boulevard"},
    }
    cases["datetime without a time zone"] = (streetlight, 422)
    for label, (body, status) in cases.items():
        response = backend.create_case(kiosk, body)
        assert response.status_code == status, (label, response.text)
        error = response.json()
        assert error["code"], label
        assert error["message"], label
    zone = backend.create_case(kiosk, streetlight).json()
    assert "time zone" in zone["details"]["fields"]["noticed_at"]
    unknown = backend.create_case(kiosk, pothole(backend, colour="red"))
    assert unknown.status_code == 422
    assert unknown.json()["message"] == (
        "The request is not valid: colour: is not a field of this request"
    )


def test_wrong_content_type_and_oversized_bodies(backend):
    kiosk, _ = backend.enrol()
    response = backend.http.post(
        f"{backend.api}/cases",
        data="service_code=pothole",
        headers=kiosk | {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    huge = b'{"service_code": "' + b"x" * 300_000 + b'"}'
    response = backend.http.post(
        f"{backend.api}/cases", data=huge, headers=kiosk | {"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"

    def chunks(data):
        for start in range(0, len(data), 16_384):
            yield data[start : start + 16_384]

    # Chunked bodies (no Content-Length) are held to the same rules.
    chunked = backend.http.post(
        f"{backend.api}/cases",
        data=chunks(huge),
        headers=kiosk | {"Content-Type": "application/json"},
    )
    assert chunked.status_code == 413
    wrong_type = backend.http.post(
        f"{backend.api}/cases",
        data=chunks(b"service_code=pothole"),
        headers=kiosk | {"Content-Type": "text/plain"},
    )
    assert wrong_type.status_code == 415
    good = json.dumps(pothole(backend)).encode()
    accepted = backend.http.post(
        f"{backend.api}/cases",
        data=chunks(good),
        headers=kiosk | {"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex},
    )
    assert accepted.status_code == 201, accepted.text


def test_sign_in_is_required_and_checked(backend):
    assert backend.http.post(f"{backend.api}/cases", json=pothole(backend)).status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert backend.http.get(f"{backend.api}/cases", headers=bad).status_code == 401
    response = backend.http.post(
        f"{backend.api}/staff/login", json={"username": "sam", "password": "wrong-password"}
    )
    assert response.status_code == 401
    assert "do not match" in response.json()["message"]


def test_kiosk_reads_only_its_own_cases(backend):
    kiosk_a, _ = backend.enrol("shop")
    kiosk_b, _ = backend.enrol("shop")
    reference = backend.create_case(kiosk_a, pothole(backend)).json()["reference"]
    assert backend.http.get(f"{backend.api}/cases/{reference}", headers=kiosk_a).status_code == 200
    assert backend.http.get(f"{backend.api}/cases/{reference}", headers=kiosk_b).status_code == 404
    assert backend.http.get(f"{backend.api}/cases", headers=kiosk_a).status_code == 403


def test_greeter_sees_only_their_locations(backend):
    shop_kiosk, _ = backend.enrol("shop")
    library_kiosk, _ = backend.enrol("lib-northgate")
    in_shop = backend.create_case(shop_kiosk, pothole(backend)).json()["reference"]
    in_library = backend.create_case(library_kiosk, pothole(backend)).json()["reference"]
    priya = backend.login("priya")  # a greeter at Northgate library only
    assert backend.http.get(f"{backend.api}/cases/{in_library}", headers=priya).status_code == 200
    assert backend.http.get(f"{backend.api}/cases/{in_shop}", headers=priya).status_code == 403
    listed = backend.http.get(f"{backend.api}/cases", headers=priya).json()
    assert [c["reference"] for c in listed["items"]] == [in_library]
    jo = backend.login("jo")  # a caseworker sees every location
    assert backend.http.get(f"{backend.api}/cases", headers=jo).json()["total"] == 2


def test_status_workflow_history_and_tracking(backend):
    kiosk, _ = backend.enrol()
    created = backend.create_case(kiosk, pothole(backend)).json()
    reference, token = created["reference"], created["tracking_token"]
    jo = backend.login("jo")
    for status in ("triaged", "in_progress", "resolved"):
        response = backend.http.post(
            f"{backend.api}/cases/{reference}/status",
            json={"status": status, "note": f"now {status}", "public": status != "triaged"},
            headers=jo,
        )
        assert response.status_code == 200, response.text
    bad = backend.http.post(
        f"{backend.api}/cases/{reference}/status", json={"status": "submitted"}, headers=jo
    )
    assert bad.status_code == 409
    assert bad.json()["code"] == "invalid_transition"
    greeter = backend.login("sam")
    refused = backend.http.post(
        f"{backend.api}/cases/{reference}/status", json={"status": "closed"}, headers=greeter
    )
    assert refused.status_code == 403

    tracked = backend.http.get(
        f"{backend.api}/track/{parse(reference).display.lower()}", params={"t": token}
    )
    assert tracked.status_code == 200
    public = tracked.json()
    assert [h["status"] for h in public["history"]] == [
        "submitted",
        "triaged",
        "in_progress",
        "resolved",
    ]
    assert public["history"][1]["note"] == ""  # a private note stays private
    assert public["history"][2]["note"] == "now in_progress"
    assert "description" not in public
    assert "answers" not in public


def test_tracking_explains_a_mistyped_reference(backend):
    kiosk, _ = backend.enrol()
    reference = backend.create_case(kiosk, pothole(backend)).json()["reference"]
    typo = reference[:-2] + reference[-1] + reference[-2]
    if typo == reference:
        typo = reference[:3] + ("2" if reference[3] != "2" else "3") + reference[4:]
    response = backend.http.get(f"{backend.api}/track/{typo}")
    assert response.status_code == 422
    assert "mistyped" in response.json()["message"]


def test_tracking_is_rate_limited(backend_settings, database_url):
    import requests

    from casebackend.app import build_context, create_app
    from tests.conftest import LiveServer, make_settings

    settings = make_settings(database_url, track_requests_per_minute=3)
    context = build_context(settings)
    with LiveServer(create_app(settings, context)) as server:
        statuses = [
            requests.get(f"{server.url}/api/v1/track/222-222-222", timeout=5).status_code
            for _ in range(5)
        ]
    assert 429 not in statuses[:3]
    assert statuses[3:] == [429, 429]


def test_tell_us_once_flags_a_returning_customer_for_staff_to_confirm(backend):
    kiosk, _ = backend.enrol()
    first = pothole(
        backend,
        customer={"first_name": "Ceri", "last_name": "Jones", "email": "Ceri.Jones@example.com"},
    )
    second = pothole(
        backend,
        customer={"last_name": "jones", "email": "ceri.jones@example.com", "phone": "07700 900123"},
    )
    a = backend.create_case(kiosk, first).json()
    b = backend.create_case(kiosk, second).json()
    # The first made the record; the second only looks like it until staff say so.
    assert a["customer_id"] is not None
    assert b["customer_id"] is None
    jo = backend.login("jo")
    (match,) = backend.http.get(f"{backend.api}/customers/matches", headers=jo).json()["items"]
    assert (match["case_reference"], match["customer"]["id"]) == (b["reference"], a["customer_id"])
    confirmed = backend.http.post(
        f"{backend.api}/customers/matches/{match['id']}/confirm",
        json={"apply_details": True},
        headers=jo,
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["case_customer_id"] == a["customer_id"]
    found = backend.http.get(
        f"{backend.api}/customers", params={"phone": "+44 7700 900123"}, headers=jo
    )
    assert found.status_code == 200
    assert found.json()["id"] == a["customer_id"]
    assert found.json()["email"] == "ceri.jones@example.com"


def test_notifications_are_recorded_on_the_case(backend):
    kiosk, _ = backend.enrol()
    body = pothole(backend, customer={"email": "someone@example.com", "notify_by": ["email"]})
    reference = backend.create_case(kiosk, body).json()["reference"]
    jo = backend.login("jo")

    def notifications():
        case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo).json()
        return [(n["channel"], n["template"], n["status"]) for n in case["notifications"]]

    wait_until(lambda: notifications() == [("email", "case_created", "sent")])
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "firststop",
            "admin",
            "--database",
            backend.context.settings.database_url,
            "notifications",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert reference in output
    assert "someone@example.com" in output


def test_an_unexpected_error_is_a_plain_500_and_its_log_holds_no_customer_data(backend, caplog):
    kiosk, _ = backend.enrol()
    context = backend.context
    real = context.router.team_for

    def broken(service_code, postcode):
        raise RuntimeError(f"routing exploded for {postcode}")

    context.router.team_for = broken
    try:
        body = pothole(backend, place={"address": "1 High St", "postcode": "NG5 2XY"})
        response = backend.create_case(kiosk, body)
    finally:
        context.router.team_for = real
    assert response.status_code == 500
    assert response.json()["message"] == "Something went wrong on our side. Please try again."
    assert "Traceback" not in response.text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in logged
    assert "NG5 2XY" not in logged
