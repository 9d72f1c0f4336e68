"""The one interface every notification provider speaks.

The notification service decides *what* to send and records every attempt on the case; a
provider only hands one message to the outside world and says whether that worked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class NotificationChannel(StrEnum):
    SMS = "sms"
    EMAIL = "email"


class NotificationTemplate(StrEnum):
    """What a message is for; each provider maps these to its own templates."""

    CASE_CREATED = "case_created"
    STATUS_CHANGED = "status_changed"
    # To a team's own address, not a customer: its overdue and due-soon cases each morning.
    OVERDUE_DIGEST = "overdue_digest"
    # To a walk-in who gave a phone number at the kiosk: their ticket is being called.
    TICKET_CALLED = "ticket_called"
    # To a customer about their appointment (casebackend/appointments): booked, the
    # reminder the day before, moved to another time, cancelled.
    APPOINTMENT_BOOKED = "appointment_booked"
    APPOINTMENT_REMINDER = "appointment_reminder"
    APPOINTMENT_REBOOKED = "appointment_rebooked"
    APPOINTMENT_CANCELLED = "appointment_cancelled"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    channel: NotificationChannel
    recipient: str
    template: NotificationTemplate
    personalisation: dict[str, str] = field(default_factory=dict)
    # Our own reference for the message, unique per notification row; providers that
    # accept a client reference (GOV.UK Notify does) are given it.
    client_reference: str = ""


class ProviderError(Exception):
    """A provider could not accept a message.

    ``permanent`` is True when sending the same message again cannot work (an invalid
    phone number, a missing template); the service then stops retrying.
    """

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class NotificationProvider(Protocol):
    name: str

    def send(self, message: OutgoingMessage) -> str:
        """Hand the message over and return the provider's id for it, or raise ProviderError."""
        ...


class RecordingProvider:
    """The default: accepts every message and sends nothing.

    The notification service stores every message on the case in the database either
    way, so the demo and a council without a Notify account still see exactly what would
    have gone out (``firststop admin notifications``).
    """

    name = "recording"

    def send(self, message: OutgoingMessage) -> str:
        return f"recorded-{message.client_reference}"
