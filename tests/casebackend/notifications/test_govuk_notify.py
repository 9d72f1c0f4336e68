"""GovUkNotifyProvider with the official Notify client, against a loopback fake of Notify."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jwt
import pytest
import requests
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from casebackend.notifications.govuk_notify import GovUkNotifyProvider
from casebackend.notifications.provider import (
    NotificationChannel,
    NotificationTemplate,
    OutgoingMessage,
    ProviderError,
)
from tests.fakes.notify import FakeNotify

PHONE = "07700 900123"
EMAIL = "resident.example@example.org"
NAME = "Amala Okafor"
CASE_REF = "FS-2024-000123"


@pytest.fixture
def notify() -> Iterator[FakeNotify]:
    with FakeNotify() as fake:
        yield fake


@pytest.fixture
def templates(notify: FakeNotify) -> dict[tuple[NotificationChannel, NotificationTemplate], str]:
    return {
        (NotificationChannel.SMS, NotificationTemplate.CASE_CREATED): notify.add_sms_template(
            "Hello ((name)), your case ((case_reference)) is open."
        ),
        (NotificationChannel.EMAIL, NotificationTemplate.CASE_CREATED): notify.add_email_template(
            "Case ((case_reference)) is open",
            "Dear ((name)),\n\nWe have opened case ((case_reference)).",
        ),
    }


@pytest.fixture
def provider(
    notify: FakeNotify, templates: dict[tuple[NotificationChannel, NotificationTemplate], str]
) -> GovUkNotifyProvider:
    return GovUkNotifyProvider(
        api_key=notify.api_key, templates=templates, base_url=notify.base_url, timeout=5
    )


def sms(recipient: str = PHONE, **personalisation: str) -> OutgoingMessage:
    return OutgoingMessage(
        channel=NotificationChannel.SMS,
        recipient=recipient,
        template=NotificationTemplate.CASE_CREATED,
        personalisation=personalisation or {"name": NAME, "case_reference": CASE_REF},
        client_reference="notification-41",
    )


def email(recipient: str = EMAIL) -> OutgoingMessage:
    return OutgoingMessage(
        channel=NotificationChannel.EMAIL,
        recipient=recipient,
        template=NotificationTemplate.CASE_CREATED,
        personalisation={"name": NAME, "case_reference": CASE_REF},
        client_reference="notification-42",
    )


def assert_no_customer_data(text: str, message: OutgoingMessage) -> None:
    assert message.recipient not in text
    assert message.recipient.replace(" ", "") not in text
    for value in message.personalisation.values():
        assert value not in text


def send_failing(provider: GovUkNotifyProvider, message: OutgoingMessage) -> ProviderError:
    with pytest.raises(ProviderError) as caught:
        provider.send(message)
    assert_no_customer_data(str(caught.value), message)
    assert caught.value.__cause__ is None
    return caught.value


# -- accepted messages -----------------------------------------------------------------


def test_sms_is_sent_with_template_personalisation_and_reference(provider, notify, templates):
    notification_id = provider.send(sms())

    [sent] = notify.messages
    assert notification_id == sent.id
    assert sent.type == "sms"
    assert sent.template_id == templates[NotificationChannel.SMS, NotificationTemplate.CASE_CREATED]
    assert sent.recipient == PHONE
    assert sent.personalisation == {"name": NAME, "case_reference": CASE_REF}
    assert sent.reference == "notification-41"
    assert sent.body == f"Hello {NAME}, your case {CASE_REF} is open."


def test_email_is_sent_with_template_personalisation_and_reference(provider, notify, templates):
    notification_id = provider.send(email())

    [sent] = notify.messages
    assert notification_id == sent.id
    assert sent.type == "email"
    assert (
        sent.template_id == templates[NotificationChannel.EMAIL, NotificationTemplate.CASE_CREATED]
    )
    assert sent.recipient == EMAIL
    assert sent.personalisation == {"name": NAME, "case_reference": CASE_REF}
    assert sent.reference == "notification-42"
    assert sent.subject == f"Case {CASE_REF} is open"


def test_no_log_line_carries_customer_data(provider, notify, caplog):
    caplog.set_level(logging.DEBUG)
    provider.send(sms())
    with pytest.raises(ProviderError):
        provider.send(sms(recipient="+1 202 555 0143"))
    notify.fail_next(status=500)
    with pytest.raises(ProviderError):
        provider.send(email())

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "notification-41" in logged
    assert_no_customer_data(logged, sms())
    assert_no_customer_data(logged, email())
    assert "+1 202 555 0143" not in logged


# -- permanent failures ----------------------------------------------------------------


def test_invalid_phone_number_is_a_permanent_failure(provider, notify):
    error = send_failing(provider, sms(recipient="+1 202 555 0143"))

    assert error.permanent
    assert "400" in str(error)
    assert "Not a UK mobile number" in str(error)
    assert "+1 202 555 0143" not in str(error)
    assert notify.messages == []


def test_invalid_email_address_is_a_permanent_failure(provider, notify):
    error = send_failing(provider, email(recipient="resident.example@@example"))

    assert error.permanent
    assert "Not a valid email address" in str(error)
    assert notify.messages == []


def test_missing_personalisation_is_a_permanent_failure(provider):
    error = send_failing(provider, sms(name=NAME))

    assert error.permanent
    assert "Missing personalisation: case_reference" in str(error)


def test_template_unknown_to_notify_is_a_permanent_failure(notify):
    provider = GovUkNotifyProvider(
        api_key=notify.api_key,
        templates={(NotificationChannel.SMS, NotificationTemplate.CASE_CREATED): str(uuid.uuid4())},
        base_url=notify.base_url,
    )

    error = send_failing(provider, sms())

    assert error.permanent
    assert "Template not found" in str(error)


def test_unmapped_template_is_a_permanent_failure_without_calling_notify(provider, notify):
    message = OutgoingMessage(
        channel=NotificationChannel.SMS,
        recipient=PHONE,
        template=NotificationTemplate.STATUS_CHANGED,
        client_reference="notification-43",
    )

    error = send_failing(provider, message)

    assert error.permanent
    assert notify.request_count == 0


def test_wrong_secret_is_an_auth_failure_retried_until_configuration_is_fixed(notify, templates):
    provider = GovUkNotifyProvider(
        api_key=f"firststop_test-{notify.service_id}-{uuid.uuid4()}",
        templates=templates,
        base_url=notify.base_url,
    )

    error = send_failing(provider, sms())

    assert not error.permanent
    assert "403" in str(error)
    assert "AuthError" in str(error)
    assert notify.messages == []


def test_token_outside_notifys_clock_window_is_a_retried_auth_failure(provider, notify):
    notify.clock = lambda: time.time() + 120

    error = send_failing(provider, sms())

    assert not error.permanent
    assert "system clock" in str(error)


# -- failures worth retrying -----------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_rate_limits_are_retried(provider, notify, status):
    notify.fail_next(status=status)

    error = send_failing(provider, sms())

    assert not error.permanent
    assert str(status) in str(error)
    assert notify.messages == []
    # The same message goes through once Notify recovers.
    assert provider.send(sms()) == notify.messages[0].id


def test_dropped_connection_is_retried(provider, notify):
    notify.drop_next()

    error = send_failing(provider, email())

    assert not error.permanent
    assert "Could not reach GOV.UK Notify" in str(error)
    assert notify.request_count == 1  # the client does not resend on its own


def test_timeout_is_retried(notify, templates):
    provider = GovUkNotifyProvider(
        api_key=notify.api_key, templates=templates, base_url=notify.base_url, timeout=0.2
    )
    notify.stall_next()

    error = send_failing(provider, sms())

    assert not error.permanent
    assert "Timeout" in str(error)


def test_unreachable_notify_is_retried(templates):
    with FakeNotify() as stopped:
        api_key, base_url = stopped.api_key, stopped.base_url
    provider = GovUkNotifyProvider(api_key=api_key, templates=templates, base_url=base_url)

    error = send_failing(provider, sms())

    assert not error.permanent


# -- configuration ---------------------------------------------------------------------


def test_malformed_api_key_is_refused_without_echoing_it(templates):
    with pytest.raises(ValueError, match="key_name") as caught:
        GovUkNotifyProvider(api_key="not-a-real-key-secret123", templates=templates)
    assert "secret123" not in str(caught.value)


def test_template_id_must_be_a_uuid(notify):
    with pytest.raises(ValueError, match="not a UUID"):
        GovUkNotifyProvider(
            api_key=notify.api_key,
            templates={(NotificationChannel.SMS, NotificationTemplate.CASE_CREATED): "welcome"},
        )


# -- the fake speaks Notify's protocol -------------------------------------------------


@contextmanager
def official_client(notify: FakeNotify) -> Iterator[Any]:
    client: Any = NotificationsAPIClient(notify.api_key, base_url=notify.base_url)
    try:
        yield client
    finally:
        client.request_session.close()


def test_fake_answers_the_official_client_with_the_documented_body(notify):
    template_id = notify.add_sms_template("Case ((case_reference)) is open.")
    with official_client(notify) as client:
        response = client.send_sms_notification(
            phone_number="+447700900123",
            template_id=template_id,
            personalisation={"case_reference": CASE_REF},
            reference="ref-1",
        )

    assert set(response) >= {"id", "reference", "content", "uri", "template"}
    assert response["reference"] == "ref-1"
    assert response["content"] == {"body": f"Case {CASE_REF} is open.", "from_number": "GOVUK"}
    assert response["uri"] == f"{notify.base_url}/v2/notifications/{response['id']}"
    assert response["template"]["id"] == template_id
    assert response["template"]["version"] == 1


def test_fake_returns_notifys_error_body(notify):
    with official_client(notify) as client, pytest.raises(HTTPError) as caught:
        client.send_email_notification(email_address="nobody", template_id=str(uuid.uuid4()))

    assert caught.value.status_code == 400
    assert caught.value.response is not None
    assert caught.value.response.json() == {
        "status_code": 400,
        "errors": [
            {"error": "ValidationError", "message": "email_address Not a valid email address"}
        ],
    }


def post_with_token(notify: FakeNotify, token: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.post(
        f"{notify.base_url}/v2/notifications/sms",
        json={"phone_number": PHONE, "template_id": str(uuid.uuid4())},
        headers=headers,
        timeout=5,
    )


def test_fake_requires_a_token(notify):
    response = post_with_token(notify, None)

    assert response.status_code == 401
    assert response.json()["errors"][0]["error"] == "AuthError"


@pytest.mark.parametrize(
    ("claims", "algorithm", "message"),
    [
        ({"iat": "now"}, "HS256", "Invalid token: iss field not provided"),
        ({"iss": str(uuid.UUID(int=1)), "iat": "now"}, "HS256", "Invalid token: service not found"),
        ({"iss": "service", "iat": "now"}, "HS512", "Invalid token: algorithm used is not HS256"),
        ({"iss": "service"}, "HS256", "Invalid token: iat field not provided"),
        ({"iss": "service", "iat": "future"}, "HS256", "accurate to within 30 seconds"),
    ],
)
def test_fake_verifies_the_jwt_as_notify_does(notify, claims, algorithm, message):
    now = int(time.time())
    payload = dict(claims)
    if payload.get("iss") == "service":
        payload["iss"] = notify.service_id
    if "iat" in payload:
        payload["iat"] = now if payload["iat"] == "now" else now + 60
    # HS512 wants a longer key (PyJWT warns otherwise); the algorithm is refused first anyway.
    key = notify.secret if algorithm == "HS256" else notify.secret * 2
    token = jwt.encode(payload, key, algorithm=algorithm)

    response = post_with_token(notify, token)

    assert response.status_code == 403
    [error] = response.json()["errors"]
    assert error["error"] == "AuthError"
    assert message in error["message"]
