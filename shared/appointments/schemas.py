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

from dataclasses import field
from datetime import date, datetime, time
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any

from shared.cases.schemas import Channel, Text
from shared.emails import Email
from shared.schema import length, number, pattern, rule, schema
from shared.triage.schemas import AccessNeed

MAX_SPANS_PER_DAY = 4
MAX_NOTE = 200
PHONE_PATTERN = r"^[0-9 +()\-]{6,20}$"


# --- opening hours ----------------------------------------------------------------------


@schema
class TimeSpan:
    """Open from ``opens`` until ``closes`` (local times, same day, ``opens`` < ``closes``)."""

    opens: time
    closes: time

    def __post_init__(self) -> None:
        if self.opens >= self.closes:
            raise ValueError("a span must close after it opens")


def _ordered_spans(spans: list[TimeSpan]) -> list[TimeSpan]:
    spans = sorted(spans, key=lambda s: s.opens)
    for before, after in pairwise(spans):
        if after.opens < before.closes:
            raise ValueError("spans on one day must not overlap")
    return spans


# A day's spans, earliest first, none overlapping. pydantic runs the rule on the field (a
# refusal names ``spans``, as it always has); msgspec runs no code for a field, so each
# schema holding ``Spans`` orders them again in its ``__post_init__`` (``_order``), which
# code that builds one runs too.
Spans = Annotated[list[TimeSpan], *length(max=MAX_SPANS_PER_DAY), *rule(_ordered_spans)]


def _order(holder: WeekdayHours | HoursException | HoursExceptionUpdate) -> None:
    # Normalised here, in place (the schema is frozen): what every reader of it gets.
    object.__setattr__(holder, "spans", _ordered_spans(holder.spans))


@schema
class WeekdayHours:
    """One weekday's spans: ``weekday`` 0 is Monday … 6 Sunday; no spans is closed."""

    weekday: Annotated[int, *number(ge=0, le=6)]
    spans: Spans = field(default_factory=list)

    def __post_init__(self) -> None:
        _order(self)


@schema
class HoursException:
    """A dated change: no spans is closed all day (a training day), spans replace the week's."""

    day: date
    spans: Spans = field(default_factory=list)
    note: Annotated[Text, *length(max=MAX_NOTE)] = ""

    def __post_init__(self) -> None:
        _order(self)


@schema
class HoursExceptionUpdate:
    """Body of ``PUT /locations/{code}/hours/exceptions/{day}``."""

    spans: Spans = field(default_factory=list)
    note: Annotated[Text, *length(max=MAX_NOTE)] = ""

    def __post_init__(self) -> None:
        _order(self)


class DayKind(StrEnum):
    """Why a day has the hours it has."""

    WEEKLY = "weekly"
    EXCEPTION = "exception"
    BANK_HOLIDAY = "bank_holiday"


@schema
class DayHours:
    """One calendar day as it will be: its spans (empty: closed) and why."""

    day: date
    spans: list[TimeSpan]
    kind: DayKind
    note: str = ""


@schema
class OpeningHoursUpdate:
    """Body of ``PUT /locations/{code}/hours``: the whole week (weekdays not named are closed)."""

    weekly: Annotated[list[WeekdayHours], *length(max=7)]
    closed_on_bank_holidays: bool = True

    def __post_init__(self) -> None:
        days = [w.weekday for w in self.weekly]
        if len(days) != len(set(days)):
            raise ValueError("each weekday may be given once")


@schema
class OpeningHours:
    """A location's hours: the week, the exceptions from today on, and the coming days."""

    location_code: str
    timezone: str
    weekly: list[WeekdayHours]  # all seven, Monday first
    closed_on_bank_holidays: bool
    exceptions: list[HoursException]
    # The next 14 days as they will be, today first (weekly hours, exceptions, bank holidays).
    days: list[DayHours]


@schema
class OpenState:
    """Whether a location is open at ``at``; the moment that changes, if within 14 days."""

    location_code: str
    at: datetime
    open: bool
    # When open: when the current span ends. When closed: when the next span starts.
    closes_at: datetime | None = None
    opens_at: datetime | None = None


# --- appointment offers (which services, how long, how many advisors) ------------------


@schema
class OfferUpdate:
    """Body of ``PUT /appointments/offers/{location}/{service}``."""

    slot_minutes: Annotated[int, *number(ge=5, le=240)] = 30
    capacity: Annotated[int, *number(ge=1, le=50)] = 1
    horizon_days: Annotated[int, *number(ge=1, le=180)] = 28
    lead_minutes: Annotated[int, *number(ge=0, le=10080)] = 60
    active: bool = True


@schema
class Offer(OfferUpdate):
    """A tier-3 service bookable at a location."""

    location_code: str
    service_code: str
    service_name: str


# --- slots -----------------------------------------------------------------------------


@schema
class Slot:
    starts_at: datetime
    ends_at: datetime
    # The slot's local day and time ("09:30"), for showing without a time-zone library.
    day: date
    time: str
    capacity: int
    free: int


@schema
class SlotList:
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


@schema
class AppointmentCustomer:
    name: Annotated[Text, *length(1, 200)]
    phone: Annotated[str, *length(max=20), *pattern(PHONE_PATTERN)] | None = None
    email: Email | None = None


@schema
class AppointmentCreate:
    """Body of ``POST /appointments``."""

    service_code: Annotated[str, *length(max=64)]
    # A kiosk books at its own location; staff name one (or have exactly one).
    location_code: Annotated[str, *length(max=40)] | None = None
    # The slot's start, as given in ``Slot.starts_at``.
    starts_at: datetime
    customer: AppointmentCustomer
    # Answers to the service's questions so far, if the customer gave any (kept as given).
    answers: Annotated[dict[str, Any], *length(max=100)] = field(default_factory=dict)
    # Declared needs (the triage list's own): any of them gives the appointment priority.
    access_needs: Annotated[list[AccessNeed], *length(max=len(AccessNeed))] = field(
        default_factory=list
    )
    access_note: Annotated[Text, *length(max=MAX_NOTE)] = ""
    # Confirmation and reminder by SMS, email or both: each needs its phone or email (the
    # backend says so plainly, 422, when one is missing).
    notify_by: Annotated[list[NotifyBy], *length(max=2)] = field(default_factory=list)
    # Default ``kiosk`` for a kiosk, ``face_to_face`` for staff.
    channel: Channel | None = None


@schema
class AppointmentCheck:
    """Proof for a customer acting on their own booking: the phone or email it was made with.

    Staff need none (their role and location are the check).
    """

    contact: Annotated[str, *length(max=254)] | None = None


@schema
class AppointmentRebook(AppointmentCheck):
    """Body of ``POST /appointments/{reference}/rebook``: a new start (same service, place)."""

    starts_at: datetime


@schema
class AppointmentCancel(AppointmentCheck):
    """Body of ``POST /appointments/{reference}/cancel``."""

    reason: Annotated[Text, *length(max=MAX_NOTE)] = ""


@schema
class PublicAppointment:
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


@schema
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


@schema
class Arrival:
    """The answer to an arrival: what the screen needs, no personal data."""

    appointment: PublicAppointment
    # Minutes from the appointment's start: negative early, positive late.
    minutes_from_start: int


@schema
class AppointmentSummary:
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


@schema
class AppointmentList:
    items: list[AppointmentSummary]
