"""Wire schemas for cases, used by the backend's API and by every client."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from shared.cases.tracking import TOKEN_MAX_LENGTH, TOKEN_MIN_LENGTH, TOKEN_PATTERN
from shared.cases.workflow import CaseStatus
from shared.emails import Email

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


Text = Annotated[str, AfterValidator(_no_controls)]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Place(_Wire):
    """Where a problem is: any of an address, a UPRN, a point."""

    address: Text | None = Field(default=None, max_length=400)
    postcode: Text | None = Field(default=None, max_length=10)
    uprn: str | None = Field(default=None, pattern=r"^\d{1,12}$")
    lat: float | None = Field(default=None, ge=-90, le=90)
    long: float | None = Field(default=None, ge=-180, le=180)


class ContactDetails(_Wire):
    first_name: Text | None = Field(default=None, max_length=100)
    last_name: Text | None = Field(default=None, max_length=100)
    email: Email | None = None
    phone: str | None = Field(default=None, max_length=20, pattern=r"^[0-9 +()\-]{6,20}$")
    postcode: Text | None = Field(default=None, max_length=10)
    address: Text | None = Field(default=None, max_length=400)
    # Tell us once: the service accounts to update with this customer's details.
    accounts: dict[str, str] = Field(default_factory=dict, max_length=20)
    notify_by: list[str] = Field(default_factory=list, max_length=2)


class CaseCreate(_Wire):
    service_code: str = Field(max_length=64)
    description: Text = Field(default="", max_length=MAX_DESCRIPTION)
    answers: dict[str, Any] = Field(default_factory=dict, max_length=100)
    place: Place | None = None
    customer: ContactDetails | None = None
    channel: Channel | None = None
    location_code: str | None = Field(default=None, max_length=40)
    # A reference the kiosk issued itself while offline; the backend issues one otherwise.
    reference: str | None = Field(default=None, max_length=20)
    # The case's tracking token (``shared.cases.tracking``), made with the reference by a
    # kiosk; the backend makes one when it is absent and answers it once, in ``CaseRead``.
    tracking_token: str | None = Field(
        default=None,
        min_length=TOKEN_MIN_LENGTH,
        max_length=TOKEN_MAX_LENGTH,
        pattern=TOKEN_PATTERN,
    )
    # An assisted transaction: staff ran the journey for the customer (staff only; the
    # case records who). Written out only when true, so a request from before it existed
    # reads (and fingerprints) the same, and an older backend is not sent a field it lacks.
    assisted: bool = Field(default=False, exclude_if=lambda assisted: not assisted)


class StatusEvent(_Wire):
    status: CaseStatus
    at: datetime
    note: str = ""


class PublicCase(_Wire):
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
    updates: list[PublicUpdate] = Field(default_factory=list)


class PublicUpdate(_Wire):
    at: datetime
    text: str


class Note(_Wire):
    body: str
    public: bool
    at: datetime
    author: str


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
    notes: list[Note] = Field(default_factory=list)
    notifications: list[NotificationRead] = Field(default_factory=list)
    # Who ran the journey for the customer, for an assisted transaction; else None.
    assisted_by: str | None = None
    # The case's tracking token, in the answer to the create that made it and never again.
    tracking_token: str | None = None


class NotificationRead(_Wire):
    channel: str
    template: str
    status: str
    attempts: int
    created_at: datetime


class CaseSummary(_Wire):
    reference: str
    reference_display: str
    service_code: str
    status: CaseStatus
    channel: Channel
    location_code: str | None
    team_code: str | None
    created_at: datetime
    sla_due: date | None


class CasePage(_Wire):
    items: list[CaseSummary]
    page: int
    page_size: int
    total: int


class StatusChange(_Wire):
    status: CaseStatus
    note: Text = Field(default="", max_length=2000)
    public: bool = True


class NoteCreate(_Wire):
    body: Text = Field(min_length=1, max_length=4000)
    public: bool = False


PublicCase.model_rebuild()
CaseRead.model_rebuild()
