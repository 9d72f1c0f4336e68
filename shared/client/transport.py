"""HTTP under the backend client: one keep-alive connection, timeouts, retries only where a
request is safe to repeat, and every failure turned into the shared error vocabulary.

Plain ``http.client`` rather than ``requests``: the client sends JSON to one backend over
one connection at a time and reads whole JSON answers, which needs none of what requests
adds (sessions, cookies, proxies, content negotiation, character-set guessing), and a kiosk
loads the standard library's HTTP anyway. requests with urllib3 cost the kiosk bundle about
2 MiB of memory at its welcome screen (issue 11; ``docs/performance.md``). What the client
relied on requests for is kept here: the connection kept alive between calls and opened
again when the server has closed it, a connect and a read timeout, certificates checked
against certifi's authorities (as requests did) or the council's own CA file, and
redirects within the backend followed.

Nothing here logs a URL, a query, a body or an exception's text: queries carry what staff
typed, so log lines name the operation and the outcome only.
"""

from __future__ import annotations

import http.client
import json
import logging
import select
import ssl
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from shared.errors import FirstStopError, Unavailable, error_from_wire

log = logging.getLogger(__name__)

UNREACHABLE = "We cannot reach the council's system at the moment."
UNTRUSTED_CERTIFICATE = (
    "We cannot connect to the council's system safely: its security certificate is not "
    "trusted by this device. Please ask an installer to check the certificate."
)
NOT_SECURE = "We cannot make a secure connection to the council's system at the moment."
UNREADABLE = "The council's system sent an answer we could not read."

# Statuses that mean "not now": the same request may well succeed a moment later.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_USER_AGENT = "firststop-client/0.1"
# Redirects followed within the backend, as requests followed them.
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 30

Timeout = float | tuple[float, float]
Sleep = Callable[[float], None]


class Response:
    """A whole answer: its status, its headers and its body, already read."""

    __slots__ = ("content", "headers", "status_code")

    def __init__(self, status_code: int, headers: http.client.HTTPMessage, content: bytes) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content

    def json(self) -> Any:
        """The body as JSON; ``ValueError`` when it is not JSON (or not UTF-8)."""
        return json.loads(self.content)

    def close(self) -> None:
        """Nothing to release: the body was read whole and the connection kept for reuse.
        (Kept so that callers may close an answer they do not read.)"""


@dataclass(frozen=True, slots=True)
class _Failure:
    error: FirstStopError
    # Whether the same request may be sent again (if it is safe to repeat at all).
    retry: bool
    # Seconds the server asked us to wait (Retry-After), already capped.
    after: float | None = None


class _TooManyRedirects(Exception):
    pass


class Transport:
    """Sends one request to the backend and answers its response, or raises a domain error.

    A request is retried, with exponential backoff, only when repeating it cannot do
    anything twice (a ``GET``, or a ``POST`` carrying an idempotency key) and only when the
    failure is one that passes: the connection failed or timed out, or the answer was 429,
    502, 503 or 504. A ``Retry-After`` header is honoured, up to ``retry_after_cap`` seconds.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Timeout,
        retries: int,
        backoff: float,
        verify: bool | str,
        retry_after_cap: float = 30.0,
        sleep: Sleep | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError("the backend address must be an http:// or https:// URL")
        if retries < 0 or backoff < 0 or retry_after_cap < 0:
            raise ValueError("retries, backoff and retry_after_cap cannot be negative")
        self.base_url = base_url.rstrip("/")
        self._origin = (parts.scheme, parts.netloc)
        self._connect_timeout, self._read_timeout = (
            timeout if isinstance(timeout, tuple) else (timeout, timeout)
        )
        self._attempts = retries + 1
        self._backoff = backoff
        self._retry_after_cap = retry_after_cap
        self._sleep = sleep
        self._closing = threading.Event()
        self._tls = _tls_context(verify) if parts.scheme == "https" else None
        # One connection, kept alive between calls; one lock around each send makes a
        # client safe to hand between threads (waits between retries hold no lock).
        self._lock = threading.Lock()
        self._connection: http.client.HTTPConnection | None = None

    # Lifecycle ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closing.is_set()

    def close(self) -> None:
        """Stop: a wait between retries ends at once, later requests raise ``Unavailable``."""
        self._closing.set()
        with self._lock:
            self._drop()

    # Sending -----------------------------------------------------------------------------

    def send(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        token: str | None = None,
        body: bytes | None = None,
        params: Mapping[str, str | int] | None = None,
        idempotency_key: str | None = None,
    ) -> Response:
        """One call, retried when safe; a 2xx or 3xx response, or a ``FirstStopError``."""
        headers = {"User-Agent": _USER_AGENT, "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        safe = method in _SAFE_METHODS or idempotency_key is not None
        url = f"{self.base_url}/{path.lstrip('/')}"
        if params:
            url = f"{url}?{urlencode(params)}"

        for attempt in range(1, self._attempts + 1):
            outcome = self._attempt(method, url, headers, body)
            if isinstance(outcome, Response):
                log.debug("backend %s: %d", operation, outcome.status_code)
                return outcome
            if not (safe and outcome.retry) or attempt == self._attempts:
                log.info("backend %s failed: %s", operation, _describe(outcome.error))
                raise outcome.error
            delay = self._delay(attempt) if outcome.after is None else outcome.after
            log.warning(
                "backend %s failed (%s); retry %d of %d in %.2f s",
                operation,
                _describe(outcome.error),
                attempt,
                self._attempts - 1,
                delay,
            )
            self._wait(delay)
        raise AssertionError("unreachable")  # pragma: no cover - the last attempt returns

    def _attempt(
        self, method: str, url: str, headers: dict[str, str], body: bytes | None
    ) -> Response | _Failure:
        """Send once: the response when it is a success, otherwise what went wrong."""
        if self.closed:
            return _Failure(Unavailable(UNREACHABLE, reason="closed"), retry=False)
        try:
            with self._lock:
                response = self._exchange(method, url, headers, body)
        except (OSError, http.client.HTTPException, ValueError, _TooManyRedirects) as exc:
            return _transport_failure(exc)
        if response.status_code < 400:
            return response
        error = _error_from(response)
        if response.status_code not in RETRY_STATUSES:
            return _Failure(error, retry=False)
        return _Failure(error, retry=True, after=self._retry_after(response))

    def _exchange(
        self, method: str, url: str, headers: dict[str, str], body: bytes | None
    ) -> Response:
        """The request and its whole answer, following redirects within the backend (with
        the method and body as requests changed them). Holds the lock."""
        for _ in range(_MAX_REDIRECTS + 1):
            try:
                response = self._once(method, url, headers, body)
            except BaseException:
                # Whatever state the connection is in, it is not fit to reuse.
                self._drop()
                raise
            location = response.headers.get("Location")
            if response.status_code not in _REDIRECTS or not location:
                return response
            url = urljoin(url, location)
            target = urlsplit(url)
            if (target.scheme, target.netloc) != self._origin:
                # Elsewhere than the backend: the token is not sent there.
                raise ValueError("a redirect away from the backend")
            if response.status_code == 303 or (
                response.status_code in {301, 302} and method == "POST"
            ):
                method = "GET" if method != "HEAD" else method
                body = None
                headers = {k: v for k, v in headers.items() if k != "Content-Type"}
        raise _TooManyRedirects

    def _once(self, method: str, url: str, headers: dict[str, str], body: bytes | None) -> Response:
        connection = self._open()
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target or "/", body=body, headers=headers)
        answer = connection.getresponse()
        content = answer.read()
        if answer.will_close:
            self._drop()
        return Response(answer.status, answer.headers, content)

    def _open(self) -> http.client.HTTPConnection:
        """The kept connection if the server has not closed it meanwhile (an idle
        keep-alive connection is closed by the server after a few seconds; reading from it
        would fail), else a new one."""
        connection = self._connection
        if connection is not None and _dropped(connection):
            self._drop()
            connection = None
        if connection is None:
            host = urlsplit(self.base_url).netloc
            if self._tls is not None:
                connection = http.client.HTTPSConnection(
                    host, timeout=self._connect_timeout, context=self._tls
                )
            else:
                connection = http.client.HTTPConnection(host, timeout=self._connect_timeout)
            self._connection = connection
            connection.connect()
            if connection.sock is not None:
                connection.sock.settimeout(self._read_timeout)
        return connection

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _delay(self, attempt: int) -> float:
        return float(self._backoff * 2 ** (attempt - 1))

    def _retry_after(self, response: Response) -> float | None:
        value = (response.headers.get("Retry-After") or "").strip()
        if not value:
            return None
        seconds: float
        if value.isdigit():
            seconds = float(value)
        else:
            try:
                when = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = (when - datetime.now(UTC)).total_seconds()
        return float(min(max(seconds, 0.0), self._retry_after_cap))

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
        else:
            self._closing.wait(seconds)


def _dropped(connection: http.client.HTTPConnection) -> bool:
    """Whether a kept connection was closed by the server: an idle connection has nothing
    to read unless the server closed it (or broke the protocol); either way, not reusable."""
    sock = connection.sock
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _tls_context(verify: bool | str) -> ssl.SSLContext:
    """Certificates checked against certifi's authorities (what requests used), or the CA
    file or folder named by ``verify``; not at all when ``verify`` is False."""
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    if isinstance(verify, str):
        if Path(verify).is_dir():
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    try:
        # Optional: without it, the system's authorities.
        import certifi
    except ImportError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())


def _transport_failure(exc: BaseException) -> _Failure:
    # No exception is chained or logged: the messages may carry the address and its query,
    # which may hold what a person typed.
    if isinstance(exc, ssl.SSLError):
        return _Failure(_tls_error(exc), retry=False)
    if isinstance(exc, TimeoutError):
        return _Failure(Unavailable(UNREACHABLE, reason="timeout"), retry=True)
    if isinstance(exc, OSError | http.client.HTTPException):
        return _Failure(Unavailable(UNREACHABLE, reason="connection"), retry=True)
    # A malformed address, a redirect away or too many: sending it again would not help.
    return _Failure(Unavailable(UNREACHABLE, reason="request"), retry=False)


def _error_from(response: Response) -> FirstStopError:
    """The domain error a refusal stands for; a bare 5xx (from a proxy, say) is Unavailable."""
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and "code" in body:
        return error_from_wire(response.status_code, body)
    if response.status_code >= 500:
        return Unavailable(UNREACHABLE, reason="status", status=response.status_code)
    return error_from_wire(response.status_code, body)


def _tls_error(exc: ssl.SSLError) -> Unavailable:
    """Tell an untrusted certificate (an installer's job) from any other TLS failure."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Unavailable(UNTRUSTED_CERTIFICATE, reason="certificate")
    return Unavailable(NOT_SECURE, reason="tls")


def _describe(error: FirstStopError) -> str:
    reason = error.details.get("reason")
    status = error.details.get("status")
    parts = [error.code, *(str(p) for p in (reason, status) if p is not None)]
    return "/".join(parts)
