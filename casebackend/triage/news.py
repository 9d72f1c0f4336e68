"""Live news kept on a database session and sent by the live hub once it is committed.

A service that changes the triage list (or a help request, through the API) says what the
desks and kiosks should hear with :func:`tell`. Nothing goes out until the transaction has
committed, and nothing at all if it rolls back: the hub listens for the commit on its own
session factory (:meth:`casebackend.live.hub.LiveHub.start`) and publishes each piece of
news through its broker, so it reaches every backend process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from shared.live.messages import LiveMessage

NEWS = "live_news"


@dataclass(frozen=True, slots=True)
class News:
    """One message for a location's desks, or for one kiosk; or a note for every hub
    process (``share``: a control kind and its fields)."""

    message: LiveMessage | None = None
    location_id: int | None = None
    device_id: int | None = None
    share: tuple[str, dict[str, Any]] | None = None


def tell(session: Session, news: News) -> None:
    session.info.setdefault(NEWS, []).append(news)


def take(session: Session) -> list[News]:
    """The session's news so far, forgotten (after a commit, to send; after a rollback)."""
    taken: list[News] = session.info.pop(NEWS, [])
    return taken
