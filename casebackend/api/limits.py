"""Guards in front of every route: body size and content type, answered in plain words."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casebackend.open311 import errors as open311_errors
from shared.errors import FirstStopError, PayloadTooLarge, UnsupportedMediaType

_BODY_METHODS = {"POST", "PUT", "PATCH"}


class RequestGuard:
    """Refuses bodies over the limit (413) and non-JSON bodies on the internal API (415).

    A body sent without a Content-Length (chunked) is read here, up to the limit, so it is
    held to the same rules as one that announces its size.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.max_body_bytes:
                await self._refuse(scope, receive, send, self._too_large())
                return
            has_body = int(length) > 0
        else:
            body = await self._read_body(receive)
            if body is None:
                await self._refuse(scope, receive, send, self._too_large())
                return
            has_body = bool(body)
            receive = _replay(body)
        if has_body and not self._content_type_ok(scope["path"], headers):
            await self._refuse(
                scope,
                receive,
                send,
                UnsupportedMediaType(
                    "Send the request body as JSON (Content-Type: application/json)."
                ),
            )
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _content_type_ok(path: str, headers: dict[str, str]) -> bool:
        if not path.startswith("/api/"):
            return True  # the Open311 face checks its own form encoding
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        return content_type == "application/json"

    async def _read_body(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _too_large(self) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"The request is too large: the most we accept is {self.max_body_bytes} bytes."
        )

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, error: FirstStopError
    ) -> None:
        response: Response
        if scope["path"].startswith("/open311/"):
            response = open311_errors.render(Request(scope), error)
        else:
            response = JSONResponse(error.to_wire(), status_code=error.status)
        await response(scope, receive, send)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
