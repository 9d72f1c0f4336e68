"""A loopback fake of GOV.UK Notify's REST API (v2), for tests.

It speaks the documented protocol (https://docs.notifications.service.gov.uk/rest-api.html)
closely enough that the official ``notifications-python-client`` works against it unchanged:

* ``POST /v2/notifications/sms`` and ``POST /v2/notifications/email`` with JSON bodies;
* authentication by ``Authorization: Bearer <JWT>``, verified as Notify does: HS256 signed
  with the API key's secret, ``iss`` the service id, ``iat`` within 30 seconds of now;
* ``201`` with the documented response body, or Notify's error body
  ``{"status_code": ..., "errors": [{"error": ..., "message": ...}]}``.

Use it as a context manager::

    with FakeNotify() as notify:
        template_id = notify.add_sms_template("Case ((reference)) is open.")
        client = NotificationsAPIClient(notify.api_key, base_url=notify.base_url)
        ...
        assert notify.messages[0].personalisation == {"reference": "FS-1"}

Failures can be injected for the next requests, in order: ``fail_next(count, status=500)``
answers with an error status, ``drop_next(count)`` closes the connection without an answer and
``stall_next(count)`` holds the request unanswered until the fake stops (for client timeouts).

Not emulated: letters, GET endpoints, trial mode and team keys, international numbers,
file uploads, the SMS service-name prefix.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, Self, cast

import jwt

logger = logging.getLogger(__name__)

TemplateType = Literal["sms", "email"]

# Notify accepts a token whose iat is within this many seconds of its own clock.
TOKEN_LEEWAY_SECONDS = 30
# How long a stalled request is held at most, so a forgotten stall cannot hang a test run.
_MAX_STALL_SECONDS = 30.0

_PLACEHOLDER = re.compile(r"\(\(([^()]+)\)\)")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_PHONE_PUNCTUATION = re.compile(r"[\s()\-+]")
_EMAIL = re.compile(r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\-]+@([^.@][^@\s]+)$")
_HOSTNAME_PART = re.compile(r"^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$", re.IGNORECASE)
_TLD = re.compile(r"^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$", re.IGNORECASE)
_TRUTHY = frozenset({"yes", "y", "true", "t", "1", "include", "show"})


@dataclass(frozen=True, slots=True)
class FakeTemplate:
    id: str
    type: TemplateType
    body: str
    subject: str | None
    version: int


@dataclass(frozen=True, slots=True)
class SentNotification:
    """One notification the fake accepted, as Notify would have stored it."""

    id: str
    type: TemplateType
    template_id: str
    template_version: int
    recipient: str
    personalisation: dict[str, Any]
    reference: str | None
    body: str
    subject: str | None


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    payload: dict[str, Any]


class _NotifyError(Exception):
    """Internal: the request is answered with Notify's error body."""

    def __init__(self, status: int, errors: list[tuple[str, str]]) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors

    def reply(self) -> _Reply:
        return _Reply(
            self.status,
            {
                "status_code": self.status,
                "errors": [{"error": error, "message": message} for error, message in self.errors],
            },
        )


_Action = Literal["reply", "drop", "stall"]

_INJECTED_ERRORS: dict[int, tuple[str, str]] = {
    400: ("BadRequestError", "Injected failure"),
    403: ("AuthError", "Invalid token: API key revoked"),
    429: (
        "RateLimitError",
        "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
    ),
    500: ("Exception", "Internal server error"),
}


class FakeNotify:
    """A fake GOV.UK Notify service with one API key, on 127.0.0.1 and a free port."""

    def __init__(
        self,
        *,
        service_id: str | None = None,
        secret: str | None = None,
        key_name: str = "firststop_test",
        sms_sender: str = "GOVUK",
        email_from: str = "first.stop",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.service_id = service_id or str(uuid.uuid4())
        self.secret = secret or str(uuid.uuid4())
        self.key_name = key_name
        self.sms_sender = sms_sender
        self.email_from = email_from
        # The fake's idea of "now" for checking a token's iat; tests move it to make tokens
        # look expired or from the future without waiting.
        self.clock = clock
        self._lock = threading.Lock()
        self._templates: dict[str, FakeTemplate] = {}
        self._messages: list[SentNotification] = []
        self._request_count = 0
        self._injected: deque[tuple[_Action, int]] = deque()
        self._release_stalled = threading.Event()
        self._server: _NotifyHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError("the fake Notify is already running")
        self._release_stalled.clear()
        server = _NotifyHTTPServer(("127.0.0.1", 0), _NotifyHandler, fake=self)
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-govuk-notify",
            daemon=True,
        )
        thread.start()
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._release_stalled.set()
        server.shutdown()
        server.server_close()  # also waits for the request threads
        thread.join()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake Notify is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_key(self) -> str:
        """The service's API key, in Notify's ``{key_name}-{service_id}-{secret}`` form."""
        return f"{self.key_name}-{self.service_id}-{self.secret}"

    # -- set-up and assertions ---------------------------------------------------------

    def add_sms_template(
        self, body: str, *, template_id: str | None = None, version: int = 1
    ) -> str:
        """Register a text message template (``((name))`` placeholders); returns its id."""
        return self._add_template("sms", body, None, template_id, version)

    def add_email_template(
        self, subject: str, body: str, *, template_id: str | None = None, version: int = 1
    ) -> str:
        """Register an email template; placeholders may be in the subject and the body."""
        return self._add_template("email", body, subject, template_id, version)

    def _add_template(
        self,
        template_type: TemplateType,
        body: str,
        subject: str | None,
        template_id: str | None,
        version: int,
    ) -> str:
        template_id = template_id or str(uuid.uuid4())
        with self._lock:
            self._templates[template_id] = FakeTemplate(
                template_id, template_type, body, subject, version
            )
        return template_id

    @property
    def messages(self) -> list[SentNotification]:
        """The notifications accepted so far, oldest first."""
        with self._lock:
            return list(self._messages)

    @property
    def request_count(self) -> int:
        """Every request received, accepted or not."""
        with self._lock:
            return self._request_count

    def clear(self) -> None:
        """Forget accepted messages, the request count and any pending injected failures."""
        with self._lock:
            self._messages.clear()
            self._request_count = 0
            self._injected.clear()

    def fail_next(self, count: int = 1, *, status: int = 500) -> None:
        """Answer the next ``count`` requests with ``status`` and Notify's error body for it."""
        self._inject("reply", count, status)

    def drop_next(self, count: int = 1) -> None:
        """Close the connection of the next ``count`` requests without answering."""
        self._inject("drop", count, 0)

    def stall_next(self, count: int = 1) -> None:
        """Hold the next ``count`` requests unanswered until the fake stops, then drop them."""
        self._inject("stall", count, 0)

    def _inject(self, action: _Action, count: int, status: int) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._injected.extend([(action, status)] * count)

    # -- the protocol ------------------------------------------------------------------

    def _dispatch(
        self, method: str, path: str, authorization: str | None, raw_body: bytes
    ) -> tuple[_Action, _Reply | None]:
        with self._lock:
            self._request_count += 1
            injected = self._injected.popleft() if self._injected else None
        if injected is not None:
            action, status = injected
            if action != "reply":
                return action, None
            error, message = _INJECTED_ERRORS.get(
                status, (HTTPStatus(status).phrase.replace(" ", "") + "Error", "Injected failure")
            )
            return "reply", _NotifyError(status, [(error, message)]).reply()
        try:
            return "reply", self._handle(method, path, authorization, raw_body)
        except _NotifyError as rejected:
            return "reply", rejected.reply()

    def _handle(self, method: str, path: str, authorization: str | None, raw_body: bytes) -> _Reply:
        routes: dict[str, TemplateType] = {
            "/v2/notifications/sms": "sms",
            "/v2/notifications/email": "email",
        }
        notification_type = routes.get(path.split("?", 1)[0])
        if notification_type is None:
            return _Reply(404, {"result": "error", "message": "The requested URL was not found"})
        if method != "POST":
            return _Reply(405, {"result": "error", "message": "The method is not allowed"})
        self._authenticate(authorization)
        request = _json_object(raw_body)
        return self._send(notification_type, request)

    def _authenticate(self, header: str | None) -> None:
        if not header:
            raise _NotifyError(
                401, [("AuthError", "Unauthorized, authentication token must be provided")]
            )
        if header[:7].title() != "Bearer ":
            raise _NotifyError(
                401, [("AuthError", "Unauthorized, authentication bearer scheme must be used")]
            )
        token = header[7:].strip()
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise _NotifyError(
                403, [("AuthError", "Invalid token: signature, api token is not valid")]
            ) from None
        if "iss" not in unverified:
            raise _NotifyError(403, [("AuthError", "Invalid token: iss field not provided")])
        if unverified["iss"] != self.service_id:
            raise _NotifyError(403, [("AuthError", "Invalid token: service not found")])
        try:
            claims = jwt.decode(
                token,
                key=self.secret,
                algorithms=["HS256"],
                # iat is checked below against the fake's own (movable) clock.
                options={"verify_iat": False, "verify_exp": False, "verify_nbf": False},
            )
        except jwt.InvalidAlgorithmError:
            raise _NotifyError(
                403, [("AuthError", "Invalid token: algorithm used is not HS256")]
            ) from None
        except jwt.PyJWTError:
            raise _NotifyError(
                403, [("AuthError", "Invalid token: signature, api token is not valid")]
            ) from None
        issued_at = claims.get("iat")
        if not isinstance(issued_at, int | float) or isinstance(issued_at, bool):
            raise _NotifyError(403, [("AuthError", "Invalid token: iat field not provided")])
        if abs(self.clock() - issued_at) > TOKEN_LEEWAY_SECONDS:
            raise _NotifyError(
                403,
                [("AuthError", "Error: Your system clock must be accurate to within 30 seconds")],
            )

    def _send(self, notification_type: TemplateType, request: dict[str, Any]) -> _Reply:
        recipient_field = "phone_number" if notification_type == "sms" else "email_address"
        errors: list[tuple[str, str]] = []
        for required in (recipient_field, "template_id"):
            if required not in request:
                errors.append(("ValidationError", f"{required} is a required property"))
        recipient = request.get(recipient_field)
        template_id = request.get("template_id")
        personalisation = request.get("personalisation", {})
        reference = request.get("reference")
        if template_id is not None and not (
            isinstance(template_id, str) and _UUID.match(template_id)
        ):
            errors.append(("ValidationError", "template_id is not a valid UUID"))
        if not isinstance(personalisation, dict):
            errors.append(("ValidationError", "personalisation is not of type object"))
        if reference is not None and not isinstance(reference, str):
            errors.append(("ValidationError", "reference is not of type string"))
        if recipient is not None:
            problem = (
                _phone_number_problem(recipient)
                if notification_type == "sms"
                else _email_address_problem(recipient)
            )
            if problem:
                errors.append(("ValidationError", f"{recipient_field} {problem}"))
        if errors:
            raise _NotifyError(400, errors)
        assert isinstance(recipient, str)
        assert isinstance(template_id, str)
        assert isinstance(personalisation, dict)

        with self._lock:
            template = self._templates.get(template_id)
        if template is None:
            raise _NotifyError(400, [("BadRequestError", "Template not found")])
        if template.type != notification_type:
            raise _NotifyError(
                400,
                [
                    (
                        "BadRequestError",
                        f"{template.type} template is not suitable for "
                        f"{notification_type} notification",
                    )
                ],
            )
        missing = _missing_placeholders(template, personalisation)
        if missing:
            raise _NotifyError(
                400, [("BadRequestError", f"Missing personalisation: {', '.join(missing)}")]
            )

        notification = SentNotification(
            id=str(uuid.uuid4()),
            type=notification_type,
            template_id=template.id,
            template_version=template.version,
            recipient=recipient,
            personalisation=dict(personalisation),
            reference=reference,
            body=_render(template.body, personalisation),
            subject=_render(template.subject, personalisation) if template.subject else None,
        )
        with self._lock:
            self._messages.append(notification)
        return _Reply(201, self._created_body(notification))

    def _created_body(self, notification: SentNotification) -> dict[str, Any]:
        base_url = self.base_url
        content: dict[str, Any] = {"body": notification.body}
        if notification.type == "sms":
            content["from_number"] = self.sms_sender
        else:
            content["subject"] = notification.subject
            content["from_email"] = f"{self.email_from}@notifications.service.gov.uk"
            content["one_click_unsubscribe_url"] = None
        return {
            "id": notification.id,
            "reference": notification.reference,
            "content": content,
            "uri": f"{base_url}/v2/notifications/{notification.id}",
            "template": {
                "id": notification.template_id,
                "version": notification.template_version,
                "uri": f"{base_url}/v2/template/{notification.template_id}",
            },
            "scheduled_for": None,
        }


def _json_object(raw_body: bytes) -> dict[str, Any]:
    try:
        request = json.loads(raw_body or b"null")
    except ValueError:
        raise _NotifyError(
            400, [("BadRequestError", "Invalid JSON supplied in POST data")]
        ) from None
    if not isinstance(request, dict):
        raise _NotifyError(400, [("ValidationError", "request body is not of type object")])
    return cast(dict[str, Any], request)


def _placeholder_key(name: str) -> str:
    """Notify matches placeholder names ignoring case, spaces, hyphens and underscores."""
    return "".join(c for c in name.lower() if c not in " _-")


def _placeholder_names(text: str) -> list[str]:
    return [match.split("??", 1)[0].strip() for match in _PLACEHOLDER.findall(text)]


def _missing_placeholders(template: FakeTemplate, personalisation: Mapping[str, Any]) -> list[str]:
    given = {_placeholder_key(key) for key, value in personalisation.items() if value is not None}
    missing: list[str] = []
    for name in _placeholder_names((template.subject or "") + "\n" + template.body):
        if _placeholder_key(name) not in given and name not in missing:
            missing.append(name)
    return missing


def _render(text: str, personalisation: Mapping[str, Any]) -> str:
    values = {_placeholder_key(key): value for key, value in personalisation.items()}

    def replace(match: re.Match[str]) -> str:
        name, _, conditional = match.group(1).partition("??")
        value = values[_placeholder_key(name.strip())]
        if conditional:
            return conditional if str(value).strip().lower() in _TRUTHY else ""
        return str(value)

    return _PLACEHOLDER.sub(replace, text)


def _phone_number_problem(number: Any) -> str | None:
    """Notify's UK-mobile check (a service without international text messages)."""
    if not isinstance(number, str):
        return "is not of type string"
    digits = _PHONE_PUNCTUATION.sub("", number)
    if not digits.isdigit():
        return "Must not contain letters or symbols"
    digits = digits.lstrip("0")
    digits = digits.removeprefix("44").lstrip("0")
    if not digits.startswith("7"):
        return "Not a UK mobile number"
    if len(digits) > 10:
        return "Too many digits"
    if len(digits) < 10:
        return "Not enough digits"
    return None


def _email_address_problem(address: Any) -> str | None:
    """Notify's email address check."""
    if not isinstance(address, str):
        return "is not of type string"
    return None if _is_valid_email_address(address.strip()) else "Not a valid email address"


def _is_valid_email_address(address: str) -> bool:
    match = _EMAIL.match(address)
    if not match or len(address) > 320 or ".." in address:
        return False
    try:
        hostname = match.group(1).encode("idna").decode("ascii")
    except UnicodeError:
        return False
    parts = hostname.split(".")
    return (
        len(hostname) <= 253
        and len(parts) >= 2
        and all(part and len(part) <= 63 and _HOSTNAME_PART.match(part) for part in parts)
        and bool(_TLD.match(parts[-1]))
    )


class _NotifyHTTPServer(ThreadingHTTPServer):
    # Join request threads on server_close, so nothing outlives the fake.
    daemon_threads = False

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        *,
        fake: FakeNotify,
    ) -> None:
        self.fake = fake
        super().__init__(address, handler)


class _NotifyHandler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so no idle keep-alive sockets on either side.
    protocol_version = "HTTP/1.0"
    server_version = "FakeGovUkNotify/1.0"
    timeout = 10

    def do_POST(self) -> None:
        self._serve("POST")

    def do_GET(self) -> None:
        self._serve("GET")

    def _serve(self, method: str) -> None:
        fake = cast(_NotifyHTTPServer, self.server).fake
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length > 0 else b""
        action, reply = fake._dispatch(
            method, self.path, self.headers.get("Authorization"), raw_body
        )
        if action == "stall":
            fake._release_stalled.wait(_MAX_STALL_SECONDS)
        if reply is None:
            self.close_connection = True
            return
        body = json.dumps(reply.payload).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        # The request line carries only the method and path: no customer data.
        logger.debug("fake Notify: " + format, *args)  # noqa: G003
