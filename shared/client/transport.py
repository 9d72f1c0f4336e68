"""HTTP under the backend client: one keep-alive session, timeouts, retries only where a
request is safe to repeat, and every failure turned into the shared error vocabulary.

Nothing here logs a URL, a query, a body or an exception's text: queries carry what staff
typed, so log lines name the operation and the outcome only, and urllib3's own request line
(at DEBUG) loses its query.
"""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

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

Timeout = float | tuple[float, float]
Sleep = Callable[[float], None]


class _WithoutQueries(logging.Filter):
    """urllib3 logs each request line at DEBUG, query and all; a search's query holds what
    a person typed (names, addresses). Keep the path, drop the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                a.split("?", 1)[0] + "?..." if isinstance(a, str) and "?" in a else a
                for a in record.args
            )
        return True


_URLLIB3_LOG = logging.getLogger("urllib3.connectionpool")
if not any(isinstance(f, _WithoutQueries) for f in _URLLIB3_LOG.filters):
    _URLLIB3_LOG.addFilter(_WithoutQueries())


@dataclass(frozen=True, slots=True)
class _Failure:
    error: FirstStopError
    # Whether the same request may be sent again (if it is safe to repeat at all).
    retry: bool
    # Seconds the server asked us to wait (Retry-After), already capped.
    after: float | None = None


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
        self._timeout = timeout
        self._attempts = retries + 1
        self._backoff = backoff
        self._retry_after_cap = retry_after_cap
        self._sleep = sleep
        self._closing = threading.Event()
        # A requests.Session is not documented as thread-safe; one lock around each send
        # makes a client safe to hand between threads (waits between retries hold no lock).
        self._lock = threading.Lock()
        self._session = requests.Session()
        # Proxies, CA bundles and .netrc come from our own settings, never the environment
        # (a .netrc entry would even replace the bearer token).
        self._session.trust_env = False
        self._session.verify = verify
        self._adapter = HTTPAdapter(pool_connections=1, pool_maxsize=4, max_retries=0)
        self._session.mount("http://", self._adapter)
        self._session.mount("https://", self._adapter)
        self._session.headers.update({"User-Agent": _USER_AGENT, "Accept": "application/json"})

    # Lifecycle ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closing.is_set()

    def close(self) -> None:
        """Stop: a wait between retries ends at once, later requests raise ``Unavailable``."""
        self._closing.set()
        with self._lock:
            # urllib3 closes a pool's connections when the pool is collected, and a failed
            # request leaves its pool in a reference cycle: close them now, not at some GC.
            pools = self._adapter.poolmanager.pools
            for key in list(pools.keys()):
                pool = pools.get(key)
                if pool is not None:
                    pool.close()
            self._session.close()

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
    ) -> requests.Response:
        """One call, retried when safe; a 2xx or 3xx response, or a ``FirstStopError``."""
        headers: dict[str, str] = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            headers["Content-Type"] = "application/json"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        safe = method in _SAFE_METHODS or idempotency_key is not None
        url = f"{self.base_url}/{path.lstrip('/')}"

        for attempt in range(1, self._attempts + 1):
            outcome = self._attempt(method, url, headers, body, params)
            if isinstance(outcome, requests.Response):
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
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        params: Mapping[str, str | int] | None,
    ) -> requests.Response | _Failure:
        """Send once: the response when it is a success, otherwise what went wrong."""
        if self.closed:
            return _Failure(Unavailable(UNREACHABLE, reason="closed"), retry=False)
        try:
            with self._lock:
                response = self._session.request(
                    method, url, data=body, params=params, headers=headers, timeout=self._timeout
                )
        except requests.RequestException as exc:
            return _transport_failure(exc)
        if response.status_code < 400:
            return response
        error = _error_from(response)
        response.close()
        if response.status_code not in RETRY_STATUSES:
            return _Failure(error, retry=False)
        return _Failure(error, retry=True, after=self._retry_after(response))

    def _delay(self, attempt: int) -> float:
        return float(self._backoff * 2 ** (attempt - 1))

    def _retry_after(self, response: requests.Response) -> float | None:
        value = response.headers.get("Retry-After", "").strip()
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


def _transport_failure(exc: requests.RequestException) -> _Failure:
    # No exception is chained or logged: requests' own messages carry the URL and the
    # query, which may hold what a person typed.
    if isinstance(exc, requests.exceptions.SSLError):
        return _Failure(_tls_error(exc), retry=False)
    if isinstance(exc, requests.Timeout):
        return _Failure(Unavailable(UNREACHABLE, reason="timeout"), retry=True)
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return _Failure(Unavailable(UNREACHABLE, reason="connection"), retry=True)
    # A malformed address, too many redirects: sending it again would not help.
    return _Failure(Unavailable(UNREACHABLE, reason="request"), retry=False)


def _error_from(response: requests.Response) -> FirstStopError:
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


def _tls_error(exc: requests.exceptions.SSLError) -> Unavailable:
    """Tell an untrusted certificate (an installer's job) from any other TLS failure."""
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in _causes(exc)):
        return Unavailable(UNTRUSTED_CERTIFICATE, reason="certificate")
    return Unavailable(NOT_SECURE, reason="tls")


def _causes(exc: BaseException) -> list[BaseException]:
    # requests and urllib3 wrap the ssl module's error as a cause, a context, a ``reason``
    # attribute or an argument, depending on the version and the path taken.
    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo and len(seen) < 20:
        current = todo.pop()
        if not isinstance(current, BaseException) or any(current is s for s in seen):
            continue
        seen.append(current)
        todo.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        todo.extend(current.args)
    return seen


def _describe(error: FirstStopError) -> str:
    reason = error.details.get("reason")
    status = error.details.get("status")
    parts = [error.code, *(str(p) for p in (reason, status) if p is not None)]
    return "/".join(parts)
