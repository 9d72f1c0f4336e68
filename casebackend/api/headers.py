"""Response headers that tell a browser what a page may do, added in one place.

Every response says ``X-Content-Type-Options: nosniff`` (a JSON error is never run as a
script). A page face, such as the public tracking page, adds its own set — its
Content-Security-Policy, its referrer policy — to every answer under its path, errors and
redirects included, so a route added there later is covered without remembering to be.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

EVERY_RESPONSE = {"X-Content-Type-Options": "nosniff"}


class SecurityHeaders:
    def __init__(self, app: ASGIApp, pages: Mapping[str, Mapping[str, str]]) -> None:
        """``pages`` maps a path (itself and everything below it) to the headers its
        answers carry."""
        self.app = app
        self.pages = dict(pages)

    def _headers_for(self, path: str) -> dict[str, str]:
        headers = dict(EVERY_RESPONSE)
        for prefix, extra in self.pages.items():
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                headers.update(extra)
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = self._headers_for(scope["path"])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in wanted.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)
