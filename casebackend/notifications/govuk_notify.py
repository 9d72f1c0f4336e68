"""Sending text messages and emails through GOV.UK Notify, with its official client.

Notify keeps the wording of every message in its own templates; we only choose the template
and fill in its ``((placeholders))``. Each (channel, purpose) pair is mapped to a Notify
template id by configuration.

Failures become :class:`ProviderError`: Notify's 400 (a bad number, a missing placeholder, an
unknown template) is permanent for that message; 403 (a wrong or revoked key, a wrong clock)
is retried like rate limiting (429), Notify's own failures (5xx) and network trouble, because
it is fixed in configuration and every message would otherwise be given up on at once. No
error message and no log line carries the recipient or the personalisation.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

import requests
from notifications_python_client.errors import APIError, HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from casebackend.notifications.provider import (
    NotificationChannel,
    NotificationTemplate,
    OutgoingMessage,
    ProviderError,
)

logger = logging.getLogger(__name__)

NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"

# Notify answers these when the request itself is wrong; sending it again cannot help.
_PERMANENT_STATUSES = frozenset({400})

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# {key_name}-{service_id}-{secret}, as Notify documents its API keys.
_API_KEY = re.compile(rf".+-{_UUID}-{_UUID}")
_TEMPLATE_ID = re.compile(_UUID)

# Values shorter than this are not searched for when scrubbing Notify's error messages: a
# one- or two-character value ("1", "no") would mangle the text and identifies nobody.
_MIN_REDACTED_LENGTH = 3
_MAX_DETAIL_LENGTH = 300

TemplateMap = Mapping[tuple[NotificationChannel, NotificationTemplate], str]


class _NotifyClient(Protocol):
    """The part of the official (untyped) client this provider uses."""

    request_session: requests.Session

    def send_sms_notification(
        self,
        *,
        phone_number: str,
        template_id: str,
        personalisation: dict[str, str] | None,
        reference: str | None,
    ) -> Any: ...

    def send_email_notification(
        self,
        *,
        email_address: str,
        template_id: str,
        personalisation: dict[str, str] | None,
        reference: str | None,
    ) -> Any: ...


# The client class seen through that protocol, so calls to it are type-checked.
_new_client: Callable[..., _NotifyClient] = NotificationsAPIClient


class GovUkNotifyProvider:
    """A :class:`~casebackend.notifications.provider.NotificationProvider` for GOV.UK Notify.

    The official client is documented as not thread-safe (it holds a ``requests`` session), so
    every ``send`` uses a client of its own and closes it afterwards: the provider can be shared
    between threads and needs no closing.
    """

    name = "govuk_notify"

    def __init__(
        self,
        *,
        api_key: str,
        templates: TemplateMap,
        base_url: str = NOTIFY_BASE_URL,
        timeout: float = 10.0,
    ) -> None:
        if not _API_KEY.fullmatch(api_key):
            # Never echo the key: it is a secret.
            raise ValueError(
                "The GOV.UK Notify API key must look like {key_name}-{service_id}-{secret}"
            )
        for (channel, template), template_id in templates.items():
            if not _TEMPLATE_ID.fullmatch(template_id):
                raise ValueError(
                    f"The GOV.UK Notify template id for {channel} {template} is not a UUID: "
                    f"{template_id!r}"
                )
        if not base_url:
            raise ValueError("The GOV.UK Notify base URL must not be empty")
        if timeout <= 0:
            raise ValueError("The GOV.UK Notify timeout must be positive")
        self._api_key = api_key
        self._templates = dict(templates)
        self._base_url = base_url
        self._timeout = timeout

    def send(self, message: OutgoingMessage) -> str:
        template_id = self._templates.get((message.channel, message.template))
        if template_id is None:
            raise ProviderError(
                f"No GOV.UK Notify template is configured for {message.channel} {message.template}",
                permanent=True,
            )
        try:
            response = self._post(message, template_id)
        except (APIError, requests.RequestException) as error:
            failure = _provider_error(error, message)
            logger.warning(
                "GOV.UK Notify did not accept %s message %s (%s): %s",
                message.channel,
                message.client_reference,
                "permanent" if failure.permanent else "will retry",
                failure,
            )
            # Not chained: the client's error holds the request, and so the recipient.
            raise failure from None

        notification_id = response.get("id") if isinstance(response, dict) else None
        if not isinstance(notification_id, str) or not notification_id:
            logger.warning(
                "GOV.UK Notify answered %s message %s without a notification id",
                message.channel,
                message.client_reference,
            )
            raise ProviderError(
                "GOV.UK Notify's answer carried no notification id", permanent=False
            )
        logger.info(
            "GOV.UK Notify accepted %s message %s as %s (template %s)",
            message.channel,
            message.client_reference,
            notification_id,
            template_id,
        )
        return notification_id

    def _post(self, message: OutgoingMessage, template_id: str) -> Any:
        client = _new_client(self._api_key, base_url=self._base_url, timeout=self._timeout)
        personalisation = dict(message.personalisation) or None
        reference = message.client_reference or None
        try:
            if message.channel is NotificationChannel.SMS:
                return client.send_sms_notification(
                    phone_number=message.recipient,
                    template_id=template_id,
                    personalisation=personalisation,
                    reference=reference,
                )
            return client.send_email_notification(
                email_address=message.recipient,
                template_id=template_id,
                personalisation=personalisation,
                reference=reference,
            )
        finally:
            client.request_session.close()


def _provider_error(
    error: APIError | requests.RequestException, message: OutgoingMessage
) -> ProviderError:
    if isinstance(error, requests.RequestException):
        # The client wraps these itself; kept in case a version stops doing so.
        return ProviderError(
            f"Could not reach GOV.UK Notify ({type(error).__name__})", permanent=False
        )
    response = error.response
    if response is None:
        # A network failure or timeout: the client reports it as a 503 without a response.
        cause = error.__cause__ or error.__context__
        what = type(cause).__name__ if cause is not None else type(error).__name__
        return ProviderError(f"Could not reach GOV.UK Notify ({what})", permanent=False)
    status = int(error.status_code)
    if not isinstance(error, HTTPError):
        # A success answer that was not JSON (a proxy's page, say): nothing was sent.
        return ProviderError(
            f"GOV.UK Notify gave an unreadable answer (HTTP {status})", permanent=False
        )
    detail = _shorten(_redact(_describe(response), _customer_values(message)))
    if status in _PERMANENT_STATUSES:
        return ProviderError(
            f"GOV.UK Notify rejected the {message.channel} message (HTTP {status}): {detail}",
            permanent=True,
        )
    if status == 429:
        return ProviderError(
            f"GOV.UK Notify is limiting our sending (HTTP 429): {detail}", permanent=False
        )
    return ProviderError(f"GOV.UK Notify failed (HTTP {status}): {detail}", permanent=False)


def _describe(response: requests.Response) -> str:
    """Notify's error names and messages, from its ``{"errors": [...]}`` body."""
    try:
        body = response.json()
    except ValueError:
        return response.reason or "no details"
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return "no details"
    parts = []
    for item in errors:
        if isinstance(item, dict):
            parts.append(f"{item.get('error', 'Error')}: {item.get('message', '')}")
    return "; ".join(parts) or "no details"


def _shorten(text: str) -> str:
    return text if len(text) <= _MAX_DETAIL_LENGTH else text[: _MAX_DETAIL_LENGTH - 1] + "…"


def _customer_values(message: OutgoingMessage) -> list[str]:
    values = [message.recipient, re.sub(r"\s+", "", message.recipient)]
    values.extend(message.personalisation.values())
    return values


def _redact(text: str, values: Iterable[str]) -> str:
    """Defence in depth: Notify's messages name fields, but never let a value through."""
    for value in sorted(set(values), key=len, reverse=True):
        if len(value) >= _MIN_REDACTED_LENGTH:
            text = re.sub(re.escape(value), "[redacted]", text, flags=re.IGNORECASE)
    return text
