"""Guards in front of every route: body size and content type, answered in plain words."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casebackend.open311 import errors as open311_errors
from shared.errors import FirstStopError, PayloadTooLarge, UnsupportedMediaType

_BODY_METHODS = {"POST", "PUT", "PATCH"}


class RequestGuard:
    """Refuses bodies over the limit (413) and non-JSON bodies on the internal API (415)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await self._refuse(scope, receive, send, self._too_large())
            return
        path: str = scope["path"]
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if (
            path.startswith("/api/")
            and length not in (None, "0")
            and content_type != "application/json"
        ):
            await self._refuse(
                scope,
                receive,
                send,
                UnsupportedMediaType(
                    "Send the request body as JSON (Content-Type: application/json)."
                ),
            )
            return
        await self.app(scope, self._counting(receive), send)

    def _too_large(self) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"The request is too large: the most we accept is {self.max_body_bytes} bytes."
        )

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise self._too_large()
            return message

        return wrapped

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, error: FirstStopError
    ) -> None:
        response: Response
        if scope["path"].startswith("/open311/"):
            response = open311_errors.render(Request(scope), error)
        else:
            response = JSONResponse(error.to_wire(), status_code=error.status)
        await response(scope, receive, send)
