"""The kiosk's whole visible screen as one serialisable state (placeholder: filled next)."""

from __future__ import annotations

from enum import StrEnum


class HelpStatus(StrEnum):
    NONE = "none"
    WAITING = "waiting"  # asked for; no greeter yet
    HELPED = "helped"  # a greeter has claimed it and sees the screen
