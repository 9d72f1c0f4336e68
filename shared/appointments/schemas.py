"""Wire schemas for opening hours and appointments, used by the backend's API and its clients.

**Opening hours** belong to a location: for each weekday none, one or several spans
(``09:00-13:00`` and ``14:00-17:00``; a late Thursday to ``19:00``), dated **exceptions**
(a day closed, or open different hours), and whether the location closes on bank holidays
(the backend's ``bank_holiday_region``). Times are the council's local wall-clock times (the
backend's ``timezone``); every ``datetime`` on the wire is UTC, as everywhere in the API.

An **appointment** is a seat in a **slot**: a location offers a tier-3 service in slots of a
given length with a given number of advisors (``capacity``), generated from its opening hours
(no slot runs past a closing time), from a lead time ahead of now up to a booking horizon. A
booking takes one seat; when the last seat is gone the slot is full. References look like
``AP-K7M-2QX`` (never a case reference: those have nine characters and no ``AP`` prefix).
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shared.cases.schemas import Channel, Text
from shared.emails import Email
from shared.triage.schemas import AccessNeed

MAX_SPANS_PER_DAY = 4
MAX_NOTE = 200
PHONE_PATTERN = r"^[0-9 +()\-]{6,20}$"


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- opening hours ----------------------------------------------------------------------


class TimeSpan(_Wire):
    """Open from ``opens`` until ``closes`` (local times, same day, ``opens`` < ``closes``)."""

    opens: time
    closes: time

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.opens >= self.closes:
            raise ValueError("a span must close after it opens")
        return self


def _ordered_spans(spans: list[TimeSpan]) -> list[TimeSpan]:
    spans = sorted(spans, key=lambda s: s.opens)
    for before, after in pairwise(spans):
        if after.opens < before.closes:
            raise ValueError("spans on one day must not overlap")
    return spans


Spans = Annotated[
    list[TimeSpan], Field(max_length=MAX_SPANS_PER_DAY), AfterValidator(_ordered_spans)
]


class WeekdayHours(_Wire):
    """One weekday's spans: ``weekday`` 0 is Monday … 6 Sunday; no spans is closed."""

    weekday: int = Field(ge=0, le=6)
    spans: Spans = Field(default_factory=list)


class HoursException(_Wire):
    """A dated change: no spans is closed all day (a training day), spans replace the week's."""

    day: date
    spans: Spans = Field(default_factory=list)
    note: Text = Field(default="", max_length=MAX_NOTE)


class HoursExceptionUpdate(_Wire):
    """Body of ``PUT /locations/{code}/hours/exceptions/{day}``."""

    spans: Spans = Field(default_factory=list)
    note: Text = Field(default="", max_length=MAX_NOTE)


class DayKind(StrEnum):
    """Why a day has the hours it has."""

    WEEKLY = "weekly"
    EXCEPTION = "exception"
    BANK_HOLIDAY = "bank_holiday"


class DayHours(_Wire):
    """One calendar day as it will be: its spans (empty: closed) and why."""

    day: date
    spans: list[TimeSpan]
    kind: DayKind
    note: str = ""


class OpeningHoursUpdate(_Wire):
    """Body of ``PUT /locations/{code}/hours``: the whole week (weekdays not named are closed)."""

    weekly: list[WeekdayHours] = Field(max_length=7)
    closed_on_bank_holidays: bool = True

    @model_validator(mode="after")
    def _each_weekday_once(self) -> Self:
        days = [w.weekday for w in self.weekly]
        if len(days) != len(set(days)):
            raise ValueError("each weekday may be given once")
        return self


class OpeningHours(_Wire):
    """A location's hours: the week, the exceptions from today on, and the coming days."""

    location_code: str
    timezone: str
    weekly: list[WeekdayHours]  # all seven, Monday first
    closed_on_bank_holidays: bool
    exceptions: list[HoursException]
    # The next 14 days as they will be, today first (weekly hours, exceptions, bank holidays).
    days: list[DayHours]


class OpenState(_Wire):
    """Whether a location is open at ``at``; the moment that changes, if within 14 days."""

    location_code: str
    at: datetime
    open: bool
    # When open: when the current span ends. When closed: when the next span starts.
    closes_at: datetime | None = None
    opens_at: datetime | None = None


# --- appointment offers (which services, how long, how many advisors) ------------------


class OfferUpdate(_Wire):
    """Body of ``PUT /appointments/offers/{location}/{service}``."""

    slot_minutes: int = Field(default=30, ge=5, le=240)
    capacity: int = Field(default=1, ge=1, le=50)
    horizon_days: int = Field(default=28, ge=1, le=180)
    lead_minutes: int = Field(default=60, ge=0, le=10080)
    active: bool = True


class Offer(OfferUpdate):
    """A tier-3 service bookable at a location."""

    location_code: str
    service_code: str
    service_name: str


# --- slots -----------------------------------------------------------------------------


class Slot(_Wire):
    starts_at: datetime
    ends_at: datetime
    # The slot's local day and time ("09:30"), for showing without a time-zone library.
    day: date
    time: str
    capacity: int
    free: int


class SlotList(_Wire):
    """Bookable slots, earliest first; slots with no seat free are left out unless asked."""

    location_code: str
    service_code: str
    timezone: str
    slot_minutes: int
    slots: list[Slot]


# --- appointments ----------------------------------------------------------------------


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    SEEN = "seen"


class NotifyBy(StrEnum):
    SMS = "sms"
    EMAIL = "email"


class AppointmentCustomer(_Wire):
    name: Text = Field(min_length=1, max_length=200)
    phone: str | None = Field(default=None, max_length=20, pattern=PHONE_PATTERN)
    email: Email | None = None


class AppointmentCreate(_Wire):
    """Body of ``POST /appointments``."""

    service_code: str = Field(max_length=64)
    # A kiosk books at its own location; staff name one (or have exactly one).
    location_code: str | None = Field(default=None, max_length=40)
    # The slot's start, as given in ``Slot.starts_at``.
    starts_at: datetime
    customer: AppointmentCustomer
    # Answers to the service's questions so far, if the customer gave any (kept as given).
    answers: dict[str, Any] = Field(default_factory=dict, max_length=100)
    # Declared needs (the triage list's own): any of them gives the appointment priority.
    access_needs: list[AccessNeed] = Field(default_factory=list, max_length=len(AccessNeed))
    access_note: Text = Field(default="", max_length=MAX_NOTE)
    # Confirmation and reminder by SMS, email or both: each needs its phone or email (the
    # backend says so plainly, 422, when one is missing).
    notify_by: list[NotifyBy] = Field(default_factory=list, max_length=2)
    # Default ``kiosk`` for a kiosk, ``face_to_face`` for staff.
    channel: Channel | None = None


class AppointmentCheck(_Wire):
    """Proof for a customer acting on their own booking: the phone or email it was made with.

    Staff need none (their role and location are the check).
    """

    contact: str | None = Field(default=None, max_length=254)


class AppointmentRebook(AppointmentCheck):
    """Body of ``POST /appointments/{reference}/rebook``: a new start (same service, place)."""

    starts_at: datetime


class AppointmentCancel(AppointmentCheck):
    """Body of ``POST /appointments/{reference}/cancel``."""

    reason: Text = Field(default="", max_length=MAX_NOTE)


class PublicAppointment(_Wire):
    """What the public appointment page and a kiosk may see: never the customer's details."""

    reference: str
    reference_display: str
    status: AppointmentStatus
    service_code: str
    service_name: str
    location_code: str
    location_name: str
    location_address: str
    starts_at: datetime
    ends_at: datetime
    day: date
    time: str


class AppointmentRead(PublicAppointment):
    """An appointment as staff (and the caller that booked it) see it."""

    id: int
    customer: AppointmentCustomer
    answers: dict[str, Any]
    access_needs: list[AccessNeed]
    access_note: str
    priority: bool
    channel: Channel
    created_at: datetime
    updated_at: datetime
    arrived_at: datetime | None
    cancelled_at: datetime | None
    reminded_at: datetime | None
    # Where the confirmation's QR code points: the public appointment page, with its token.
    page_url: str | None = None


class Arrival(_Wire):
    """The answer to an arrival: what the screen needs, no personal data."""

    appointment: PublicAppointment
    # Minutes from the appointment's start: negative early, positive late.
    minutes_from_start: int


class AppointmentSummary(_Wire):
    reference: str
    reference_display: str
    status: AppointmentStatus
    service_code: str
    location_code: str
    starts_at: datetime
    day: date
    time: str
    name: str
    priority: bool
    arrived_at: datetime | None


class AppointmentList(_Wire):
    items: list[AppointmentSummary]
