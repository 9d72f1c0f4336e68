"""A case reference is short and guessable, so by itself it shows a case's status and dates
only; its tracking token (made with the reference, on an offline kiosk too, and carried by
the QR code and the confirmation messages) opens the full public view."""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid

import pytest
from sqlalchemy import select, update

from casebackend.cases.models import Case
from casebackend.db.engine import unit_of_work
from casebackend.notifications.models import Notification
from kiosk.outbox import Outbox
from shared.cases.schemas import CaseCreate
from shared.cases.tracking import new_tracking_token
from shared.client import BackendClient
from shared.references import parse
from shared.schema import convert
from tests.conftest import make_settings, wait_until
from tests.fakes.notify import FakeNotify

DESCRIPTION = "Deep hole outside number 12, my mum tripped"
ADDRESS = "12 Mansfield Road"
PUBLIC_NOTE = "A crew is booked for Thursday."
STATUS_NOTE = "Inspector on the way"


@pytest.fixture
def notify():
    with FakeNotify() as fake:
        yield fake


@pytest.fixture
def backend_settings(database_url, notify):
    link = "((reference)) ((service_name)) ((status)) ((track_url))"
    return make_settings(
        database_url,
        notification_provider="govuk_notify",
        notify_api_key=notify.api_key,
        notify_base_url=notify.base_url,
        notify_templates={
            "sms:case_created": notify.add_sms_template(f"Received {link}"),
            "email:case_created": notify.add_email_template("Received", f"Got {link}"),
            "sms:status_changed": notify.add_sms_template(f"Update {link}"),
            "email:status_changed": notify.add_email_template("Update", f"Now {link}"),
        },
    )


def _pothole(backend, **changes):
    service = backend.context.catalogue.service("pothole")
    answers = {a.code: a.values[0].key for a in service.attributes if a.values}
    return {
        "service_code": "pothole",
        "description": DESCRIPTION,
        "answers": answers,
        "place": {"address": ADDRESS, "postcode": "NG5 2AB"},
    } | changes


def _worked_on(backend) -> tuple[str, str]:
    """A kiosk's pothole report with a public status note and a public update."""
    kiosk, _ = backend.enrol()
    created = backend.create_case(kiosk, _pothole(backend)).json()
    reference, token = created["reference"], created["tracking_token"]
    jo = backend.login("jo")
    backend.http.post(
        f"{backend.api}/cases/{reference}/status",
        json={"status": "in_progress", "note": STATUS_NOTE, "public": True},
        headers=jo,
    ).raise_for_status()
    backend.http.post(
        f"{backend.api}/cases/{reference}/notes",
        json={"body": PUBLIC_NOTE, "public": True},
        headers=jo,
    ).raise_for_status()
    return reference, token


def _api(backend, reference, token=None):
    params = {"t": token} if token is not None else None
    response = backend.http.get(f"{backend.api}/track/{reference}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _page(backend, reference, token=None):
    params = {"t": token} if token is not None else None
    response = backend.http.get(f"{backend.url}/track/{reference}", params=params)
    assert response.status_code == 200, response.text
    return response.text


def test_a_reference_alone_shows_status_and_dates_only(backend):
    reference, _ = _worked_on(backend)
    public = _api(backend, reference)
    assert public["full"] is False
    assert public["service_code"] is None
    assert public["service_name"] is None
    assert public["updates"] == []
    assert [h["status"] for h in public["history"]] == ["submitted", "in_progress"]
    assert all(h["note"] == "" for h in public["history"])
    assert public["status"] == "in_progress"
    assert public["created_at"]
    text = str(public)
    html = _page(backend, reference)
    assert parse(reference).display in html
    assert "Being worked on" in html
    for secret in (DESCRIPTION, ADDRESS, PUBLIC_NOTE, STATUS_NOTE, "pothole", "Report a"):
        assert secret not in text
        assert secret not in html


def test_the_token_opens_the_full_public_view(backend):
    reference, token = _worked_on(backend)
    public = _api(backend, reference, token)
    assert public["full"] is True
    assert (public["service_code"], public["service_name"]) == ("pothole", "Report a pothole")
    assert [u["text"] for u in public["updates"]] == [PUBLIC_NOTE]
    assert public["history"][1]["note"] == STATUS_NOTE
    html = _page(backend, parse(reference).display.lower(), token)
    for shown in ("Report a pothole", PUBLIC_NOTE, STATUS_NOTE):
        assert shown in html
    # Still no personal or place detail, with the token or without.
    for secret in (DESCRIPTION, ADDRESS):
        assert secret not in str(public)
        assert secret not in html


def test_a_wrong_token_is_answered_exactly_as_no_token(backend):
    reference, token = _worked_on(backend)
    _, other_token = _worked_on(backend)
    bare_api, bare_page = _api(backend, reference), _page(backend, reference)
    wrong = [
        new_tracking_token(),
        other_token,  # another case's real token
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token.upper() if token.upper() != token else token.lower(),
        "x",
        "",
    ]
    for guess in wrong:
        assert _api(backend, reference, guess) == bare_api, guess
        assert _page(backend, reference, guess) == bare_page, guess


def test_the_token_is_answered_once_and_stored_only_as_a_hash(backend):
    kiosk, _ = backend.enrol()
    key = uuid.uuid4().hex
    created = backend.create_case(kiosk, _pothole(backend), key=key)
    assert created.status_code == 201
    token = created.json()["tracking_token"]
    assert re.fullmatch(r"[A-Za-z0-9_\-]{22,}", token)
    replay = backend.create_case(kiosk, _pothole(backend), key=key)
    assert replay.status_code == 200
    assert replay.json()["tracking_token"] is None
    reference = created.json()["reference"]
    read = backend.http.get(f"{backend.api}/cases/{reference}", headers=backend.login("jo"))
    assert read.json()["tracking_token"] is None
    with unit_of_work(backend.context.sessions) as session:
        case = session.scalars(select(Case).where(Case.reference == reference)).one()
        assert case.tracking_token_hash == hashlib.sha256(token.encode()).hexdigest()
        stored = {c.key: getattr(case, c.key) for c in Case.__table__.columns}
    assert token not in str(stored)


def test_a_token_the_creator_made_is_the_cases_token(backend):
    kiosk, _ = backend.enrol()
    token = new_tracking_token()
    created = backend.create_case(kiosk, _pothole(backend, tracking_token=token)).json()
    assert created["tracking_token"] == token
    assert _api(backend, created["reference"], token)["full"] is True
    too_short = backend.create_case(kiosk, _pothole(backend, tracking_token="abc"))
    assert too_short.status_code == 422


def test_confirmation_and_update_messages_carry_the_token_link(backend, notify):
    kiosk, _ = backend.enrol()
    customer = {"phone": "07700 900123", "email": "resident@example.com"}
    body = _pothole(backend, customer=customer | {"notify_by": ["sms", "email"]})
    created = backend.create_case(kiosk, body).json()
    reference, token = created["reference"], created["tracking_token"]
    link = f"{backend.context.settings.public_base_url.rstrip('/')}/track/{reference}?t={token}"
    wait_until(lambda: len(notify.messages) == 2, what="two confirmations")
    assert all(link in m.body for m in notify.messages)
    backend.http.post(
        f"{backend.api}/cases/{reference}/status",
        json={"status": "in_progress"},
        headers=backend.login("jo"),
    ).raise_for_status()
    wait_until(lambda: len(notify.messages) == 4, what="two updates")
    assert all(link in m.body for m in notify.messages[2:])
    # The link in the message opens the full view.
    assert _api(backend, reference, token)["service_code"] == "pothole"


def test_a_case_from_before_tokens_is_given_one_when_next_written_to(backend, notify):
    kiosk, _ = backend.enrol()
    body = _pothole(backend, customer={"phone": "07700 900123", "notify_by": ["sms"]})
    reference = backend.create_case(kiosk, body).json()["reference"]
    wait_until(lambda: len(notify.messages) == 1, what="the confirmation")
    old_link = f"{backend.context.settings.public_base_url.rstrip('/')}/track/{reference}"
    with unit_of_work(backend.context.sessions) as session:
        # As migration 0006 leaves a case made before it: no token, links without one.
        session.execute(
            update(Case).where(Case.reference == reference).values(tracking_token_hash=None)
        )
        for row in session.scalars(select(Notification)):
            row.personalisation = row.personalisation | {"track_url": old_link}
    assert _api(backend, reference, "anything")["full"] is False
    backend.http.post(
        f"{backend.api}/cases/{reference}/status",
        json={"status": "in_progress"},
        headers=backend.login("jo"),
    ).raise_for_status()
    wait_until(lambda: len(notify.messages) == 2, what="the update")
    found = re.search(rf"/track/{reference}\?t=([A-Za-z0-9_\-]+)", notify.messages[1].body)
    assert found is not None
    assert _api(backend, reference, found.group(1))["full"] is True


def test_an_offline_kiosk_makes_the_token_with_the_reference(backend, tmp_path):
    """The outbox keeps the token the kiosk made offline; once synced, it opens the case."""
    _, enrolment = backend.enrol()
    token = new_tracking_token()
    data = convert(CaseCreate, _pothole(backend, tracking_token=token, channel="kiosk"))
    with Outbox(tmp_path / "outbox.sqlite3", enrolment["issuer"]) as outbox:
        reference = outbox.submit(data)  # offline: nothing is sent yet
        with BackendClient(backend.url, token=enrolment["token"], retries=0) as client:
            report = outbox.sync_once(client)
        assert report.sent == 1
    with BackendClient(backend.url) as anyone:
        assert anyone.track(reference.display, token).service_code == "pothole"
        assert anyone.track(reference.display).service_code is None
        assert anyone.track(reference.display, secrets.token_urlsafe(16)).full is False
