"""The kiosk screen's pages and its help status, apart from the screen's schemas
(:mod:`shared.flow.kiosk_screen`): the kiosk's window is drawn with these before pydantic
is loaded, and the schemas are built only when a screen is shared."""

from __future__ import annotations

from enum import StrEnum


class HelpStatus(StrEnum):
    NONE = "none"
    WAITING = "waiting"  # asked for; no greeter yet
    HELPED = "helped"  # a greeter has claimed it and sees the screen


class KioskPage(StrEnum):
    WELCOME = "welcome"
    SERVICES = "services"
    JOURNEY = "journey"
    TRACK = "track"
    THANKS = "thanks"
    # Speak to someone: a ticket for an advisor (issue 12).
    SPEAK = "speak"
    # I have an appointment: checking in (issue 12).
    ARRIVE = "arrive"
    # Book an appointment: a tier-3 service's tile (issue 12).
    BOOK = "book"
    # Change or cancel my appointment: the booking's own pages, for one already made.
    MANAGE = "manage"
