"""Case messages through GOV.UK Notify (a loopback fake speaking its API): queued with the
case, sent after it, retried on failure, and never able to lose or roll back the case."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from casebackend.db.base import utcnow
from tests.conftest import make_settings, wait_until
from tests.fakes.notify import FakeNotify


@pytest.fixture
def notify():
    with FakeNotify() as fake:
        yield fake


@pytest.fixture
def backend_settings(database_url, notify):
    placeholders = "((reference)) ((service_name)) ((status)) ((track_url))"
    templates = {
        "sms:case_created": notify.add_sms_template(f"Received {placeholders}"),
        "email:case_created": notify.add_email_template("Your request", f"Got {placeholders}"),
        "sms:status_changed": notify.add_sms_template(f"Update {placeholders}"),
        "email:status_changed": notify.add_email_template("Update", f"Now {placeholders}"),
    }
    return make_settings(
        database_url,
        notification_provider="govuk_notify",
        notify_api_key=notify.api_key,
        notify_base_url=notify.base_url,
        notify_templates=templates,
    )


def _missed_bin(backend, **customer):
    service = backend.context.catalogue.service("missed_bin")
    answers = {
        a.code: a.values[0].key for a in service.attributes if a.datatype == "singlevaluelist"
    }
    return {
        "service_code": "missed_bin",
        "answers": answers,
        "place": {"address": "4 Elm Close", "postcode": "NG7 1AA"},
        "customer": customer,
    }


def _case(backend, reference):
    jo = backend.login("jo")
    return backend.http.get(f"{backend.api}/cases/{reference}", headers=jo).json()


def test_confirmation_and_status_update_are_sent_through_notify(backend, notify):
    kiosk, _ = backend.enrol()
    body = _missed_bin(
        backend, email="resident@example.com", phone="07700 900123", notify_by=["sms", "email"]
    )
    reference = backend.create_case(kiosk, body).json()["reference"]
    wait_until(lambda: len(notify.messages) == 2, what="two confirmations")
    sent = {(m.type, m.recipient) for m in notify.messages}
    assert sent == {("sms", "07700 900123"), ("email", "resident@example.com")}
    assert all(m.reference.startswith("firststop-") for m in notify.messages)
    display = notify.messages[0].personalisation["reference"]
    assert display.replace("-", "") == reference

    jo = backend.login("jo")
    backend.http.post(
        f"{backend.api}/cases/{reference}/status", json={"status": "in_progress"}, headers=jo
    ).raise_for_status()

    def statuses():
        notes = _case(backend, reference)["notifications"]
        return [(n["template"], n["status"]) for n in notes]

    wait_until(lambda: statuses().count(("status_changed", "sent")) == 2, what="two updates")
    updates = [m for m in notify.messages if "Update" in m.body or "Now" in m.body]
    assert {m.type for m in updates} == {"sms", "email"}


def test_a_failed_send_is_retried_and_never_loses_the_case(backend, notify):
    kiosk, _ = backend.enrol()
    notify.fail_next(1, status=500)
    body = _missed_bin(backend, email="resident@example.com", notify_by=["email"])
    created = backend.create_case(kiosk, body, key=uuid.uuid4().hex)
    assert created.status_code == 201
    reference = created.json()["reference"]

    wait_until(lambda: _case(backend, reference)["notifications"][0]["attempts"] == 1)
    (first,) = _case(backend, reference)["notifications"]
    assert (first["status"], first["attempts"]) == ("pending", 1)
    assert notify.messages == []

    # The retry is due later; pretend that time has come.
    backend.context.dispatcher.send_due(now=utcnow() + timedelta(hours=1))
    (again,) = _case(backend, reference)["notifications"]
    assert (again["status"], again["attempts"]) == ("sent", 2)
    assert [m.recipient for m in notify.messages] == ["resident@example.com"]


def test_a_permanent_failure_is_recorded_not_retried(backend, notify):
    kiosk, _ = backend.enrol()
    body = _missed_bin(backend, phone="01632 960001", notify_by=["sms"])  # a landline
    reference = backend.create_case(kiosk, body).json()["reference"]
    wait_until(lambda: _case(backend, reference)["notifications"][0]["status"] == "failed")
    backend.context.dispatcher.send_due(now=utcnow() + timedelta(hours=2))
    (record,) = _case(backend, reference)["notifications"]
    assert (record["status"], record["attempts"]) == ("failed", 1)
    assert _case(backend, reference)["status"] == "submitted"
    assert notify.request_count == 1


def test_the_dispatcher_thread_sends_without_being_asked(backend, notify):
    kiosk, _ = backend.enrol()
    body = _missed_bin(backend, email="resident@example.com", notify_by=["email"])
    backend.create_case(kiosk, body)
    wait_until(lambda: notify.messages, what="the confirmation")
    assert [m.recipient for m in notify.messages] == ["resident@example.com"]
