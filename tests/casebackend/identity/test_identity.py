"""Enrolment, sign-in and sign-out over the real API."""

from datetime import timedelta

from casebackend.db.engine import unit_of_work
from casebackend.identity import service as identity


def _code(backend, hours=1.0):
    with unit_of_work(backend.context.sessions) as session:
        code, _ = identity.create_enrolment_code(session, "lib-central", timedelta(hours=hours))
    return code


def test_enrolment_code_works_once_and_binds_the_location(backend):
    code = _code(backend)
    first = backend.http.post(f"{backend.api}/devices/enrol", json={"code": code.lower()})
    assert first.status_code == 201
    body = first.json()
    assert body["location_code"] == "lib-central"
    assert len(body["issuer"]) == 3
    # The kiosk's tracking QR code points at the backend's public address.
    assert body["tracking_url"] == "http://127.0.0.1:8765/track/"
    again = backend.http.post(f"{backend.api}/devices/enrol", json={"code": code})
    assert again.status_code == 409
    assert "already been used" in again.json()["message"]


def test_expired_and_unknown_codes_are_explained(backend):
    expired = _code(backend, hours=-1)
    response = backend.http.post(f"{backend.api}/devices/enrol", json={"code": expired})
    assert response.status_code == 409
    assert "expired" in response.json()["message"]
    response = backend.http.post(f"{backend.api}/devices/enrol", json={"code": "ABCD-EFGH"})
    assert response.status_code == 404
    assert "not right" in response.json()["message"]


def test_device_tokens_are_stored_hashed(backend):
    _, enrolment = backend.enrol()
    from sqlalchemy import select

    from casebackend.identity.models import Device

    with backend.context.sessions() as session:
        hashes = list(session.scalars(select(Device.token_hash)))
    assert enrolment["token"] not in hashes
    assert all(len(h) == 64 for h in hashes)


def test_sign_out_ends_the_session_at_once(backend):
    staff = backend.login("sam")
    me = backend.http.get(f"{backend.api}/staff/me", headers=staff)
    assert me.status_code == 200
    assert me.json()["locations"][0]["code"] == "shop"
    assert backend.http.post(f"{backend.api}/staff/logout", headers=staff).status_code == 204
    assert backend.http.get(f"{backend.api}/staff/me", headers=staff).status_code == 401


def test_an_expired_session_is_refused(backend_settings, database_url):
    from casebackend.app import build_context, create_app
    from tests.conftest import LiveServer, make_settings, seed_demo_council

    settings = make_settings(database_url, staff_session_hours=0.0001)  # 0.36 s
    seed_demo_council(database_url)
    context = build_context(settings)
    with unit_of_work(context.sessions) as session:
        signed_in = identity.log_in(session, "sam", "firststop-demo", timedelta(seconds=-1))
    with LiveServer(create_app(settings, context)) as server:
        import requests

        response = requests.get(
            f"{server.url}/api/v1/staff/me",
            headers={"Authorization": f"Bearer {signed_in.token}"},
            timeout=5,
        )
    assert response.status_code == 401
    assert "sign in again" in response.json()["message"]


def test_the_program_hashes_staff_passwords_with_argon2s_strong_parameters():
    """The suite hashes with Argon2's cheapest parameters (tests/conftest.py); the program
    keeps argon2-cffi's defaults, RFC 9106's second choice: argon2id, 64 MiB, three passes."""
    from tests.conftest import PROGRAM_HASHER

    assert PROGRAM_HASHER.hash("firststop-demo").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
