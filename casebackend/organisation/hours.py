"""Opening hours per location: the week's spans, dated exceptions, bank holidays.

A location's hours are local wall-clock times (the backend's ``timezone``). A day's hours
are, in order of precedence: a dated exception for that day (no spans: closed); closed on a
bank holiday of the ``bank_holiday_region`` when the location closes on them; else the
weekday's spans (none: closed). A location with no hours at all (nothing entered yet) counts
as open, so installing this changes nothing until an admin enters hours.

:func:`is_open` is what other parts ask ("is this library open now?": remote help, kiosk
availability in the figures, appointment slots).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casebackend.audit import service as audit
from casebackend.cases.sla import BankHolidayRegion, is_bank_holiday
from casebackend.db.base import utcnow
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.organisation.models import HoursException, Location, WeeklyHours
from casebackend.organisation.service import get_location
from casebackend.settings import BackendSettings
from shared.appointments.schemas import (
    DayHours,
    DayKind,
    HoursExceptionUpdate,
    OpeningHours,
    OpeningHoursUpdate,
    OpenState,
    TimeSpan,
    WeekdayHours,
)
from shared.appointments.schemas import HoursException as HoursExceptionWire
from shared.errors import NotFound

# How far ahead "when does it open next?" looks, and how many days the hours page lists.
LOOK_AHEAD_DAYS = 14

Span = tuple[time, time]


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    spans: tuple[Span, ...]
    kind: DayKind
    note: str = ""


@dataclass(frozen=True)
class LocationHours:
    """One location's hours, loaded once, asked many times (a month of slots, a figure)."""

    zone: ZoneInfo
    region: BankHolidayRegion
    weekly: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    exceptions: dict[date, tuple[tuple[Span, ...], str]] = field(default_factory=dict)
    closed_on_bank_holidays: bool = True

    @property
    def configured(self) -> bool:
        """Whether anyone has entered hours for this location."""
        return bool(self.weekly or self.exceptions)

    def day(self, day: date) -> Day:
        if day in self.exceptions:
            spans, note = self.exceptions[day]
            return Day(day, spans, DayKind.EXCEPTION, note)
        if self.configured and self.closed_on_bank_holidays and is_bank_holiday(day, self.region):
            return Day(day, (), DayKind.BANK_HOLIDAY, "Bank holiday")
        if not self.configured:
            return Day(day, ((time(0), time.max),), DayKind.WEEKLY)
        return Day(day, self.weekly.get(day.weekday(), ()), DayKind.WEEKLY)

    def intervals(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The day's spans as UTC instants (a span to 23:59:59.999999 ends at midnight)."""
        for opens, closes in self.day(day).spans:
            start = datetime.combine(day, opens, self.zone)
            end = (
                datetime.combine(day + timedelta(days=1), time(0), self.zone)
                if closes == time.max
                else datetime.combine(day, closes, self.zone)
            )
            yield start.astimezone(UTC), end.astimezone(UTC)

    def local_day(self, at: datetime) -> date:
        return at.astimezone(self.zone).date()

    def is_open(self, at: datetime) -> bool:
        return any(start <= at < end for start, end in self.intervals(self.local_day(at)))

    def state(self, at: datetime) -> tuple[bool, datetime | None, datetime | None]:
        """Open or not at ``at``; when open, when it closes; when closed, when it next opens
        (within :data:`LOOK_AHEAD_DAYS`)."""
        today = self.local_day(at)
        for start, end in self.intervals(today):
            if start <= at < end:
                return True, end, None
        for offset in range(LOOK_AHEAD_DAYS + 1):
            for start, _end in self.intervals(today + timedelta(days=offset)):
                if start > at:
                    return False, None, start
        return False, None, None

    def open_hours(self, first: date, last: date) -> list[datetime]:
        """Every whole or part clock hour the location is open from ``first`` to ``last``
        (local days, inclusive), as the UTC start of the hour: kiosks' service hours."""
        hours: set[datetime] = set()
        day = first
        while day <= last:
            for start, end in self.intervals(day):
                hour = start.replace(minute=0, second=0, microsecond=0)
                while hour < end:
                    hours.add(hour)
                    hour += timedelta(hours=1)
            day += timedelta(days=1)
        return sorted(hours)


def load(session: Session, settings: BackendSettings, location: Location) -> LocationHours:
    weekly: dict[int, list[Span]] = {}
    for weekday, opens, closes in session.execute(
        select(WeeklyHours.weekday, WeeklyHours.opens, WeeklyHours.closes)
        .where(WeeklyHours.location_id == location.id)
        .order_by(WeeklyHours.weekday, WeeklyHours.opens)
    ):
        weekly.setdefault(weekday, []).append((opens, closes))
    exceptions = {
        row.day: (tuple(_span(s) for s in row.spans), row.note)
        for row in session.scalars(
            select(HoursException).where(HoursException.location_id == location.id)
        )
    }
    return LocationHours(
        zone=ZoneInfo(settings.timezone),
        region=settings.bank_holiday_region,
        weekly={day: tuple(spans) for day, spans in weekly.items()},
        exceptions=exceptions,
        closed_on_bank_holidays=location.closed_on_bank_holidays,
    )


def hours_of(session: Session, settings: BackendSettings, location_id: int) -> LocationHours:
    return load(session, settings, session.get_one(Location, location_id))


def is_open(
    session: Session, settings: BackendSettings, location_id: int, at: datetime | None = None
) -> bool:
    """Whether the location is open at ``at`` (now by default). A location with no hours
    entered counts as open."""
    return hours_of(session, settings, location_id).is_open(at or utcnow())


# The API ---------------------------------------------------------------------------------


def opening_hours(
    session: Session, settings: BackendSettings, code: str, *, now: datetime | None = None
) -> OpeningHours:
    location = get_location(session, code)
    hours = load(session, settings, location)
    today = hours.local_day(now or utcnow())
    return OpeningHours(
        location_code=location.code,
        timezone=settings.timezone,
        weekly=[
            WeekdayHours(weekday=weekday, spans=_wire_spans(hours.weekly.get(weekday, ())))
            for weekday in range(7)
        ],
        closed_on_bank_holidays=location.closed_on_bank_holidays,
        exceptions=[
            HoursExceptionWire(day=day, spans=_wire_spans(spans), note=note)
            for day, (spans, note) in sorted(hours.exceptions.items())
            if day >= today
        ],
        days=[
            _day_hours(hours.day(today + timedelta(days=offset)))
            for offset in range(LOOK_AHEAD_DAYS)
        ],
    )


def open_state(
    session: Session, settings: BackendSettings, code: str, at: datetime | None = None
) -> OpenState:
    location = get_location(session, code)
    at = (at or utcnow()).astimezone(UTC)
    is_open_now, closes_at, opens_at = load(session, settings, location).state(at)
    return OpenState(
        location_code=location.code,
        at=at,
        open=is_open_now,
        closes_at=closes_at,
        opens_at=opens_at,
    )


def set_week(
    session: Session,
    settings: BackendSettings,
    principal: Principal,
    code: str,
    update: OpeningHoursUpdate,
    *,
    through: str,
) -> OpeningHours:
    principal.require_staff(Role.ADMIN)
    location = get_location(session, code)
    session.execute(delete(WeeklyHours).where(WeeklyHours.location_id == location.id))
    session.add_all(
        WeeklyHours(location_id=location.id, weekday=w.weekday, opens=s.opens, closes=s.closes)
        for w in update.weekly
        for s in w.spans
    )
    location.closed_on_bank_holidays = update.closed_on_bank_holidays
    session.flush()
    audit.record(session, principal, "hours_update", through=through, detail=location.code)
    return opening_hours(session, settings, code)


def set_exception(
    session: Session,
    settings: BackendSettings,
    principal: Principal,
    code: str,
    day: date,
    update: HoursExceptionUpdate,
    *,
    through: str,
) -> OpeningHours:
    principal.require_staff(Role.ADMIN)
    location = get_location(session, code)
    row = session.scalars(
        select(HoursException).where(
            HoursException.location_id == location.id, HoursException.day == day
        )
    ).first()
    spans = [[s.opens.isoformat("minutes"), s.closes.isoformat("minutes")] for s in update.spans]
    if row is None:
        session.add(HoursException(location_id=location.id, day=day, spans=spans, note=update.note))
    else:
        row.spans = spans
        row.note = update.note
    session.flush()
    audit.record(
        session,
        principal,
        "hours_exception",
        through=through,
        detail=f"{location.code} {day.isoformat()}",
    )
    return opening_hours(session, settings, code)


def delete_exception(
    session: Session, principal: Principal, code: str, day: date, *, through: str
) -> None:
    principal.require_staff(Role.ADMIN)
    location = get_location(session, code)
    removed = session.execute(
        delete(HoursException).where(
            HoursException.location_id == location.id, HoursException.day == day
        )
    ).rowcount  # type: ignore[attr-defined]
    if not removed:
        raise NotFound("This location has no exception to its hours on that day.")
    audit.record(
        session,
        principal,
        "hours_exception",
        through=through,
        detail=f"{location.code} {day.isoformat()} removed",
    )


def _span(stored: list[str]) -> Span:
    return time.fromisoformat(stored[0]), time.fromisoformat(stored[1])


def _wire_spans(spans: tuple[Span, ...]) -> list[TimeSpan]:
    return [TimeSpan(opens=opens, closes=closes) for opens, closes in spans]


def _day_hours(day: Day) -> DayHours:
    return DayHours(day=day.day, spans=_wire_spans(day.spans), kind=day.kind, note=day.note)
