"""The one place errors become HTTP responses.

The internal API answers ``{"code", "message", "details"}`` with the error's own status;
the Open311 face answers in the GeoReport format. Nothing unexpected leaves as a traceback:
:class:`LastResort`, the outermost of our middleware, logs it by type and frames only and
answers a plain 500 body. It does not hand the exception on: Starlette's own last handler
would re-raise it to uvicorn, which logs it with its message.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casebackend.open311 import errors as open311_errors
from shared.errors import FirstStopError, InvalidInput, NotFound
from shared.logsafe import describe

log = logging.getLogger(__name__)

_STATUS_ERRORS: dict[int, tuple[str, str]] = {
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept that kind of request."),
}


class ErrorBody(BaseModel):
    """Every error the internal API answers with."""

    code: str = Field(description="Stable code, e.g. not_found, conflict, invalid_input.")
    message: str = Field(description="Plain words for the person in front of the screen.")
    details: dict[str, Any] | None = Field(
        default=None, description="Machine-readable particulars, e.g. per-field problems."
    )


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in {
        401: "Not signed in, or the token is not recognised.",
        403: "Signed in, but not allowed to do this.",
        404: "Not found (or not visible to this caller).",
        409: "Conflicts with the current state.",
        413: "The body is too large.",
        415: "The body is not JSON.",
        422: "Malformed input.",
        429: "Too many requests.",
    }.items()
}


def _is_open311(request: Request) -> bool:
    return request.url.path.startswith("/open311/")


def _respond(request: Request, exc: FirstStopError) -> Response:
    if _is_open311(request):
        return open311_errors.render(request, exc)
    headers = {}
    if "retry_after" in exc.details:
        headers["Retry-After"] = str(exc.details["retry_after"])
    return JSONResponse(exc.to_wire(), status_code=exc.status, headers=headers)


# pydantic's words where plainer ones say the same to the person sending the request. A
# field the request does not have reads "Extra inputs are not permitted" for a model and
# "Unexpected keyword argument" for a dataclass (the schemas are dataclasses now).
_PLAIN_PROBLEMS = {
    "extra_forbidden": "is not a field of this request",
    "unexpected_keyword_argument": "is not a field of this request",
}


def _validation_message(exc: RequestValidationError) -> InvalidInput:
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        said = _PLAIN_PROBLEMS.get(error.get("type", ""), error.get("msg", "is not valid"))
        problems.append({"field": where, "problem": str(said)})
    first = problems[0] if problems else {"field": "", "problem": "is not valid"}
    text = f"{first['field']}: {first['problem']}" if first["field"] else first["problem"]
    return InvalidInput(f"The request is not valid: {text}", errors=problems)


def install(app: FastAPI) -> None:
    @app.exception_handler(FirstStopError)
    async def _domain(request: Request, exc: FirstStopError) -> Response:
        return _respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _respond(request, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code, message = _STATUS_ERRORS.get(exc.status_code, ("error", str(exc.detail)))
        error: FirstStopError
        if exc.status_code == 404:
            error = NotFound(message)
        elif exc.status_code < 500:
            error = InvalidInput(message)
        else:
            error = FirstStopError(message)
        if _is_open311(request):
            return open311_errors.render(request, error)
        return JSONResponse(
            {"code": code, "message": message}, status_code=exc.status_code, headers=exc.headers
        )


# An ASGI message that means the client already has the start of an answer.
_STARTED = {"http.response.start", "websocket.accept", "websocket.close"}
# websocket.close before accepting: uvicorn answers the handshake with 403, it cannot be 500.
_WEBSOCKET_INTERNAL_ERROR = 1011


class LastResort:
    """Whatever escapes a route, a dependency or a middleware inside this one: logged by its
    type and traceback frames (:func:`shared.logsafe.describe`), never its message; answered
    with the error body of the face it came through, status 500. Once an answer has begun
    there is nothing to send; the error is still logged, and goes no further."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] in _STARTED
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # noqa: BLE001 - the last resort, by definition
            method = scope.get("method", "WEBSOCKET")
            # Not logging.exception: that would print the message, which may quote input.
            log.error(  # noqa: TRY400
                "unexpected error on %s %s: %s", method, scope["path"], describe(exc)
            )
            if started:
                return
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": _WEBSOCKET_INTERNAL_ERROR})
                return
            error = FirstStopError("Something went wrong on our side. Please try again.")
            await _respond(Request(scope), error)(scope, receive, send)
