"""What a kiosk's help banner says while no greeter has come, apart from the live protocol's
schemas (:mod:`shared.live.messages`): the banner is built before pydantic is loaded."""

from __future__ import annotations

from enum import StrEnum


class HelpNoticeKind(StrEnum):
    # No one at this location's desk: a member of staff at the central shop will help.
    REMOTE = "remote"
    # The location is closed and no desk anywhere can answer.
    CLOSED = "closed"
