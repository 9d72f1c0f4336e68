"""Wire schemas for customers: the one record, possible matches, staff changes, exports."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field

from shared.cases.schemas import StatusEvent


def _no_controls(text: str) -> str:
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text):
        raise ValueError("contains control characters")
    return text


Text = Annotated[str, AfterValidator(_no_controls)]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AccountRead(_Wire):
    service: str
    account_ref: str


class CustomerRead(_Wire):
    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    postcode: str | None
    address: str
    accounts: list[AccountRead]


class SubmittedContact(_Wire):
    """The contact details a case arrived with, as given: unverified."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    postcode: str | None = None
    address: str | None = None
    accounts: dict[str, str] = Field(default_factory=dict)


class MatchedOn(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    NAME_POSTCODE = "name_postcode"
    ACCOUNT = "account"


class MatchStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class MatchRead(_Wire):
    """A case whose submitted details look like an existing customer's, for staff to decide."""

    id: int
    case_reference: str
    case_reference_display: str
    service_code: str
    matched_on: MatchedOn
    status: MatchStatus
    created_at: datetime
    decided_at: datetime | None
    decided_by: str
    # The existing record, unchanged by the submission.
    customer: CustomerRead
    submitted: SubmittedContact
    # After a decision: the customer the case now belongs to.
    case_customer_id: int | None


class MatchPage(_Wire):
    items: list[MatchRead]
    page: int
    page_size: int
    total: int


class MatchConfirm(_Wire):
    # Also copy the submitted details onto the record, as a staff-verified change.
    apply_details: bool = False


class CustomerUpdate(_Wire):
    """A change staff have checked with the customer (a new address, a new phone...)."""

    first_name: Text | None = Field(default=None, max_length=100)
    last_name: Text | None = Field(default=None, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=20, pattern=r"^[0-9 +()\-]{6,20}$")
    postcode: Text | None = Field(default=None, max_length=10)
    address: Text | None = Field(default=None, max_length=400)
    # Service accounts that are this customer's: linked to them, moved if held by another.
    accounts: dict[str, str] = Field(default_factory=dict, max_length=20)


class CustomerMerge(_Wire):
    """Two records of one person: the merged one's cases and accounts move to the survivor."""

    survivor_id: int = Field(ge=1, le=2_147_483_647)
    merged_id: int = Field(ge=1, le=2_147_483_647)


class ExportedNote(_Wire):
    at: datetime
    text: str


class ExportedNotification(_Wire):
    channel: str
    template: str
    recipient: str
    status: str
    created_at: datetime
    sent_at: datetime | None


class ExportedCase(_Wire):
    reference: str
    reference_display: str
    service_code: str
    status: str
    channel: str
    created_at: datetime
    updated_at: datetime
    description: str
    answers: dict[str, Any]
    address: str | None
    postcode: str | None
    uprn: str | None
    submitted_contact: SubmittedContact | None
    history: list[StatusEvent]
    # Notes the customer can see; staff-only notes are counted, for the officer to review.
    updates: list[ExportedNote]
    internal_notes_withheld: int
    notifications: list[ExportedNotification]


class ExportedAppointment(_Wire):
    """An appointment booked with the customer's email address or phone number: what was
    given when booking, and the messages sent about it."""

    reference: str
    reference_display: str
    service_code: str
    location_code: str
    starts_at: datetime
    ends_at: datetime
    status: str
    channel: str
    created_at: datetime
    name: str
    phone: str | None
    email: str | None
    notify_by: list[str]
    answers: dict[str, Any]
    access_needs: list[str]
    access_note: str
    arrived_at: datetime | None
    cancelled_at: datetime | None
    notifications: list[ExportedNotification]


class SubjectAccessExport(_Wire):
    """Everything held about one customer (a subject access request)."""

    generated_at: datetime
    customer: CustomerRead
    erased: bool
    cases: list[ExportedCase]
    appointments: list[ExportedAppointment] = Field(default_factory=list)
