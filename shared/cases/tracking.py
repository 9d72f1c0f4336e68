"""Tracking links: a case's reference, and the secret that opens its full public view.

A reference is short, readable and checkable, and it is not a secret: a neighbour can guess
one. So a reference alone shows only a case's status and dates. The full public view (what
the case is about, and the team's updates) needs the case's **tracking token** too: 128
random bits, URL-safe, made where the reference is made (on an offline kiosk as well) and
carried by the kiosk's QR code and the confirmation messages' links. The backend keeps only
its hash.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

# The query parameter a tracking link carries its token in: ``/track/K7M2QXR4E?t=…``.
TOKEN_PARAMETER = "t"  # noqa: S105 - a parameter name, not a secret
_TOKEN_BYTES = 16  # 128 bits
TOKEN_MIN_LENGTH = 22  # what 16 bytes are in URL-safe base64, unpadded
TOKEN_MAX_LENGTH = 64
TOKEN_PATTERN = rf"^[A-Za-z0-9_\-]{{{TOKEN_MIN_LENGTH},{TOKEN_MAX_LENGTH}}}$"


def new_tracking_token() -> str:
    """A fresh tracking token: 128 random bits in 22 URL-safe characters."""
    return secrets.token_urlsafe(_TOKEN_BYTES)


def tracking_link(track_url: str, reference: str, token: str | None = None) -> str:
    """The link to a case's tracking page: ``track_url`` (ending ``/track/``), the compact
    reference, and the token when there is one."""
    link = f"{track_url.rstrip('/')}/{quote(reference)}"
    return f"{link}?{TOKEN_PARAMETER}={quote(token)}" if token else link
