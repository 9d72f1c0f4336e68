"""Wire schemas for visits and satisfaction, used by the backend's API and its clients.

A **visit** is one customer's time at a kiosk, from the first touch to the privacy wipe: what
they came for, how it ended, whether they asked for help and whether someone helped, and
(optionally) how they rated it. It carries no personal data: no answers, no contact details;
the case it made is named by its reference only. The kiosk makes the visit's id, so the
same visit sent twice (after a lost acknowledgement) is stored once.

A **satisfaction** response is a rating of Good, Average or Poor with an optional comment,
from any channel: a kiosk sends it inside its visit; staff (face to face, by phone) and the
web send it on its own.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Final

from shared.cases.schemas import Channel, Text
from shared.schema import length, pattern, schema

MAX_COMMENT = 1000
# A visit's id: 32 hex digits (a UUID4 without dashes), made by the kiosk.
VISIT_ID_PATTERN = r"^[0-9a-f]{32}$"
REFERENCE_PATTERN = r"^[A-Z0-9]{3}-?[A-Z0-9]{3}-?[A-Z0-9]{3}$"


class Rating(StrEnum):
    GOOD = "good"
    AVERAGE = "average"
    POOR = "poor"


class VisitOutcome(StrEnum):
    # A request was made (the visit names its reference).
    SUBMITTED = "submitted"
    # The customer looked up a case they already had.
    TRACKED = "tracked"
    # They read a service's information and had nothing to submit.
    INFORMED = "informed"
    # They pressed Start again, or left the journey, before submitting.
    LEFT = "left"
    # The idle warning ran out and the screen was wiped.
    TIMED_OUT = "timed_out"
    # They booked an appointment (a tier-3 service's tile): added after kiosks and backends
    # were in service, so a backend from before may not know it (``EARLIER_OUTCOME``).
    BOOKED = "booked"


# What a kiosk from before an outcome was added reported for such a visit, and sends a
# backend that refuses the outcome: the visit counted as that kiosk counted it, not held.
EARLIER_OUTCOME: Final[dict[VisitOutcome, VisitOutcome]] = {VisitOutcome.BOOKED: VisitOutcome.LEFT}


# A case's reference as a visit or a rating names it. Capitals only: the pattern is the
# whole check (an earlier upper-casing step came after it, so never changed what passed).
CaseReference = Annotated[str, *pattern(REFERENCE_PATTERN)]


@schema
class SatisfactionIn:
    """A rating and, if the customer gave one, why."""

    rating: Rating
    comment: Annotated[Text, *length(max=MAX_COMMENT)] | None = None


@schema
class VisitCreate:
    """One visit to a kiosk, sent when it ends (through the kiosk's outbox)."""

    id: Annotated[str, *pattern(VISIT_ID_PATTERN)]
    started_at: datetime
    ended_at: datetime
    language: Annotated[str, *length(2, 10)]
    # The service chosen, if any (none for tracking or a visit that ended on the list).
    service_code: Annotated[str, *length(max=50)] | None = None
    outcome: VisitOutcome
    # The case this visit made, by reference (None unless the outcome is "submitted").
    case_reference: CaseReference | None = None
    help_requested: bool = False
    # A greeter claimed the request (helped in person or from the mirror).
    helped: bool = False
    satisfaction: SatisfactionIn | None = None

    def __post_init__(self) -> None:
        if self.ended_at < self.started_at:
            raise ValueError("a visit cannot end before it starts")
        if self.helped and not self.help_requested:
            raise ValueError("a visit cannot be helped without asking for help")
        if (self.case_reference is not None) != (self.outcome is VisitOutcome.SUBMITTED):
            raise ValueError("a case reference goes with the submitted outcome, and only there")


@schema
class SatisfactionCreate(SatisfactionIn):
    """A rating given on another channel (staff face to face or by phone, the web): about
    a case by its reference, or about a service."""

    channel: Channel
    case_reference: CaseReference | None = None
    service_code: Annotated[str, *length(max=50)] | None = None
    # A location's code, for a rating given at a shop or library desk.
    location: Annotated[str, *length(max=40)] | None = None


@schema
class SatisfactionRead:
    id: int
    at: datetime
    channel: Channel
    rating: Rating
    service_code: str | None
    location: str | None
    case_reference: str | None
    has_comment: bool


@schema
class VisitRead:
    id: str
    recorded: bool  # False: this visit was already stored (the same id sent again)
