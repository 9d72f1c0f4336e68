"""Wire schemas for cases, used by the backend's API and by every client."""

from __future__ import annotations

from dataclasses import field
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from shared.cases.tracking import TOKEN_MAX_LENGTH, TOKEN_MIN_LENGTH, TOKEN_PATTERN
from shared.cases.workflow import CaseStatus
from shared.emails import Email
from shared.schema import length, number, pattern, rule, schema

MAX_DESCRIPTION = 4000


class Channel(StrEnum):
    KIOSK = "kiosk"
    ASSISTED_KIOSK = "assisted_kiosk"
    FACE_TO_FACE = "face_to_face"
    WEB = "web"
    PHONE = "phone"
    OPEN311 = "open311"


def _no_controls(text: str) -> str:
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text):
        raise ValueError("contains control characters")
    return text


# Text a person typed: any characters but the control ones (tab and new lines allowed).
Text = Annotated[str, *rule(_no_controls, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$")]


@schema
class Place:
    """Where a problem is: any of an address, a UPRN, a point."""

    address: Annotated[Text, *length(max=400)] | None = None
    postcode: Annotated[Text, *length(max=10)] | None = None
    uprn: Annotated[str, *pattern(r"^\d{1,12}$")] | None = None
    lat: Annotated[float, *number(ge=-90, le=90)] | None = None
    long: Annotated[float, *number(ge=-180, le=180)] | None = None


@schema
class ContactDetails:
    first_name: Annotated[Text, *length(max=100)] | None = None
    last_name: Annotated[Text, *length(max=100)] | None = None
    email: Email | None = None
    phone: Annotated[str, *length(max=20), *pattern(r"^[0-9 +()\-]{6,20}$")] | None = None
    postcode: Annotated[Text, *length(max=10)] | None = None
    address: Annotated[Text, *length(max=400)] | None = None
    # Tell us once: the service accounts to update with this customer's details.
    accounts: Annotated[dict[str, str], *length(max=20)] = field(default_factory=dict)
    notify_by: Annotated[list[str], *length(max=2)] = field(default_factory=list)


@schema(quiet=("assisted",))
class CaseCreate:
    service_code: Annotated[str, *length(max=64)]
    description: Annotated[Text, *length(max=MAX_DESCRIPTION)] = ""
    answers: Annotated[dict[str, Any], *length(max=100)] = field(default_factory=dict)
    place: Place | None = None
    customer: ContactDetails | None = None
    channel: Channel | None = None
    location_code: Annotated[str, *length(max=40)] | None = None
    # A reference the kiosk issued itself while offline; the backend issues one otherwise.
    reference: Annotated[str, *length(max=20)] | None = None
    # The case's tracking token (``shared.cases.tracking``), made with the reference by a
    # kiosk; the backend makes one when it is absent and answers it once, in ``CaseRead``.
    tracking_token: (
        Annotated[str, *length(TOKEN_MIN_LENGTH, TOKEN_MAX_LENGTH), *pattern(TOKEN_PATTERN)] | None
    ) = None
    # An assisted transaction: staff ran the journey for the customer (staff only; the
    # case records who). Written out only when true, so a request from before it existed
    # reads (and fingerprints) the same, and an older backend is not sent a field it lacks
    # (``quiet``).
    assisted: bool = False


@schema
class StatusEvent:
    status: CaseStatus
    at: datetime
    note: str = ""


@schema
class PublicCase:
    """What a tracker may see: never personal data.

    With the reference alone (``full`` false) only the status and dates: no service, no
    notes, no updates. With the case's tracking token too (``full`` true) also what the
    case is about and the team's public notes.
    """

    reference: str
    reference_display: str
    full: bool = False
    service_code: str | None = None
    service_name: str | None = None
    status: CaseStatus
    status_label: str
    created_at: datetime
    sla_due: date | None
    history: list[StatusEvent]
    # Public notes from the team ("a crew is booked for Thursday"), oldest first.
    updates: list[PublicUpdate] = field(default_factory=list)


@schema
class PublicUpdate:
    at: datetime
    text: str


@schema
class Note:
    body: str
    public: bool
    at: datetime
    author: str


@schema
class CaseRead(PublicCase):
    service_code: str
    service_name: str
    id: int
    description: str
    answers: dict[str, Any]
    place: Place | None
    channel: Channel
    tier: int
    location_code: str | None
    team_code: str | None
    team_name: str | None
    customer_id: int | None
    updated_at: datetime
    notes: list[Note] = field(default_factory=list)
    notifications: list[NotificationRead] = field(default_factory=list)
    # Who ran the journey for the customer, for an assisted transaction; else None.
    assisted_by: str | None = None
    # The case's tracking token, in the answer to the create that made it and never again.
    tracking_token: str | None = None


@schema
class NotificationRead:
    channel: str
    template: str
    status: str
    attempts: int
    created_at: datetime


@schema
class CaseSummary:
    reference: str
    reference_display: str
    service_code: str
    status: CaseStatus
    channel: Channel
    location_code: str | None
    team_code: str | None
    created_at: datetime
    sla_due: date | None


@schema
class CasePage:
    items: list[CaseSummary]
    page: int
    page_size: int
    total: int


@schema
class StatusChange:
    status: CaseStatus
    note: Annotated[Text, *length(max=2000)] = ""
    public: bool = True


@schema
class NoteCreate:
    body: Annotated[Text, *length(1, 4000)]
    public: bool = False
