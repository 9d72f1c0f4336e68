"""One error vocabulary for every program.

Each error has a stable ``code`` that travels over the wire and an HTTP ``status`` the
backend answers with (404/409 are business outcomes, 422 is malformed input). The backend
maps them to responses in one handler; the client raises them back from those responses;
each app turns them into words for the person in front of it.
"""

from __future__ import annotations

from typing import Any, ClassVar


class FirstStopError(Exception):
    """The root of every error the programs raise on purpose."""

    code: ClassVar[str] = "error"
    status: ClassVar[int] = 500

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


class InvalidInput(FirstStopError):
    """The request was understood but something in it is not acceptable."""

    code = "invalid_input"
    status = 422


class NotFound(FirstStopError):
    code = "not_found"
    status = 404


class Conflict(FirstStopError):
    """The request clashes with the current state (a replay with other data, a bad transition)."""

    code = "conflict"
    status = 409


class NotAuthenticated(FirstStopError):
    code = "not_authenticated"
    status = 401


class Forbidden(FirstStopError):
    code = "forbidden"
    status = 403


class RateLimited(FirstStopError):
    code = "rate_limited"
    status = 429


class PayloadTooLarge(FirstStopError):
    code = "payload_too_large"
    status = 413


class UnsupportedMediaType(FirstStopError):
    code = "unsupported_media_type"
    status = 415


class Unavailable(FirstStopError):
    """The backend could not be reached or could not answer; the caller may try again."""

    code = "unavailable"
    status = 503


class InvalidReference(InvalidInput):
    """A case reference that cannot be right: wrong length, letters never used, bad check."""

    code = "invalid_reference"


class InvalidTransition(Conflict):
    code = "invalid_transition"


class SlotTaken(Conflict):
    """An appointment slot's last seat went to someone else first."""

    code = "slot_taken"


_BY_CODE: dict[str, type[FirstStopError]] = {}


def _register(cls: type[FirstStopError]) -> None:
    _BY_CODE[cls.code] = cls
    for sub in cls.__subclasses__():
        _register(sub)


_register(FirstStopError)


def error_from_wire(status: int, body: Any) -> FirstStopError:
    """Rebuild the error the backend raised from its response, for the client."""
    if isinstance(body, dict):
        cls = _BY_CODE.get(str(body.get("code")))
        message = str(body.get("message") or "The service answered with an error.")
        raw = body.get("details")
        details: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if cls is not None:
            return cls(message, **details)
    for cls in (NotFound, Conflict, NotAuthenticated, Forbidden, RateLimited, InvalidInput):
        if cls.status == status:
            return cls("The service refused the request.")
    return Unavailable(f"The service answered with status {status}.")
