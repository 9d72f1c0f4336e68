"""The figures: every measure over a period (whole days in the council's timezone) and,
optionally, one location. Each is defined once in docs/figures.md.

Counting is done in the database (GROUP BY over indexed columns); only the rows that need
working-day arithmetic or percentiles come back to Python, and those are the period's
finished cases, complaints and help requests, not the whole history.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, exists, func, select, text
from sqlalchemy.orm import Session

from casebackend.cases.models import Case, CaseStatusChange, TrackLookup
from casebackend.cases.sla import BankHolidayRegion, add_working_days, working_days_between
from casebackend.db.base import utcnow
from casebackend.fleet.models import KioskHour
from casebackend.identity.models import Device, Role
from casebackend.identity.principal import Principal
from casebackend.live.models import HelpSession
from casebackend.organisation import hours as opening
from casebackend.organisation.models import Location, Team
from casebackend.settings import BackendSettings
from casebackend.visits.models import SatisfactionResponse, Visit
from shared.cases.workflow import CLOSED_STATUSES, CaseStatus
from shared.catalogue.schemas import Catalogue, ServiceKind
from shared.errors import Forbidden, InvalidInput, NotFound
from shared.figures.schemas import (
    AvailabilityFigures,
    AvoidableContact,
    CasesBy,
    ComplaintFigures,
    FiguresReport,
    HelpFigures,
    KioskAvailable,
    Satisfaction,
    SatisfactionFigures,
    TeamSla,
    VisitFigures,
)
from shared.visits.schemas import Rating, VisitOutcome

# The longest period one report covers: a year and a day (a leap year's year).
MAX_DAYS = 367
# "Due soon": due within this many working days of the end of the period.
DUE_SOON_WORKING_DAYS = 2
# What the customer came for was done at the visit: a request made, a case tracked,
# information read, an appointment booked (what a tier-3 tile is for).
RESOLVED_VISITS = frozenset(
    {VisitOutcome.SUBMITTED, VisitOutcome.TRACKED, VisitOutcome.INFORMED, VisitOutcome.BOOKED}
)
NO_TEAM = "(no team)"
OPEN_STATUSES = frozenset(CaseStatus) - CLOSED_STATUSES


@dataclass(frozen=True, slots=True)
class Period:
    """Whole local days ``first`` to ``last``, as UTC instants ``start`` to ``end``."""

    first: date
    last: date
    start: datetime
    end: datetime
    zone: ZoneInfo

    @classmethod
    def of(cls, first: date, last: date, timezone: str) -> Period:
        if last < first:
            raise InvalidInput("The period ends before it starts.", field="to")
        if (last - first).days >= MAX_DAYS:
            raise InvalidInput(f"A report covers at most {MAX_DAYS} days.", field="to")
        zone = ZoneInfo(timezone)
        start = datetime.combine(first, time(), zone)
        end = datetime.combine(last + timedelta(days=1), time(), zone)
        return cls(first, last, start, end, zone)

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


def require_figures_reader(
    session: Session, principal: Principal, location_code: str | None
) -> None:
    """Managers and admins read every location's figures and the whole council's; any
    other member of staff, their own locations' (the day's figures on a greeter's desk)."""
    principal.require_staff()
    if principal.roles & {Role.MANAGER, Role.ADMIN}:
        return
    if location_code is None:
        raise Forbidden("The whole council's figures are for managers. Choose your location.")
    if _location_id(session, location_code) not in principal.location_ids:
        raise Forbidden("You can see the figures of your own locations only.")


def report(
    session: Session,
    settings: BackendSettings,
    catalogue: Catalogue,
    *,
    first: date,
    last: date,
    location_code: str | None = None,
    now: datetime | None = None,
) -> FiguresReport:
    """Every figure for the period (and location). Complaints are the cases of the
    catalogue's services of the complaint kind."""
    period = Period.of(first, last, settings.timezone)
    if session.get_bind().dialect.name == "postgresql":
        # Each query here runs in milliseconds through its indexes, but over a million cases
        # the planner's estimates set off PostgreSQL's JIT compiler, which then spends far
        # longer compiling than the query takes to run (docs/performance.md, "Figures").
        # For this transaction only.
        session.execute(text("SET LOCAL jit = off"))
    location_id = _location_id(session, location_code)
    now = now or utcnow()
    region = settings.bank_holiday_region
    cases_by = _cases_by(session, period, location_id)
    visits = _visits(session, period, location_id)
    return FiguresReport(
        period_from=first,
        period_to=last,
        location=location_code,
        generated_at=now,
        cases=sum(row.cases for row in cases_by),
        cases_by=cases_by,
        visits=visits,
        help=_help(session, period, location_id),
        sla=_sla(session, period, location_id, now, region),
        complaints=_complaints(
            session,
            period,
            location_id,
            [s.code for s in catalogue.services if s.kind is ServiceKind.COMPLAINT],
            region,
        ),
        avoidable_contact=_avoidable(session, period, visits, location_id),
        satisfaction=_satisfaction(session, period, location_id),
        kiosk_availability=_availability(session, settings, period, location_id),
    )


def _location_id(session: Session, code: str | None) -> int | None:
    if code is None:
        return None
    found = session.scalars(select(Location.id).where(Location.code == code)).one_or_none()
    if found is None:
        raise NotFound("No location has that code.", field="location")
    return found


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _at(column: Any, location_id: int | None) -> ColumnElement[bool]:
    return column == location_id if location_id is not None else and_(True)


# Cases -------------------------------------------------------------------------------


def _cases_by(session: Session, period: Period, location_id: int | None) -> list[CasesBy]:
    rows = session.execute(
        select(Case.channel, Case.tier, Case.service_code, func.count())
        .where(
            Case.created_at >= period.start,
            Case.created_at < period.end,
            _at(Case.location_id, location_id),
        )
        .group_by(Case.channel, Case.tier, Case.service_code)
    ).all()
    found = [
        CasesBy(channel=channel, tier=tier, service_code=code, cases=count)
        for channel, tier, code, count in rows
    ]
    return sorted(found, key=lambda row: (row.channel, row.tier, row.service_code))


def _finished(among: Any) -> Any:
    """Each case's first resolution or closure: (case_id, finished_at), for the cases
    ``among`` (a subquery of case ids). Every query names the few cases it can be about:
    over the whole history this is an aggregate of millions of status changes."""
    return (
        select(CaseStatusChange.case_id, func.min(CaseStatusChange.at).label("finished_at"))
        .where(CaseStatusChange.status.in_(CLOSED_STATUSES), CaseStatusChange.case_id.in_(among))
        .group_by(CaseStatusChange.case_id)
        .subquery()
    )


def _sla(
    session: Session,
    period: Period,
    location_id: int | None,
    now: datetime,
    region: BankHolidayRegion,
) -> list[TeamSla]:
    """Per team: cases with a due date still open at the period's end (or now, if sooner)
    by where they stand then; and those finished in the period, on time or not."""
    as_of = min(period.end, now)
    as_of_day = period.local_date(as_of - timedelta(microseconds=1))
    soon = add_working_days(as_of_day, DUE_SOON_WORKING_DAYS, region)
    teams = dict(session.execute(select(Team.id, Team.name)).all())
    # Still open at ``as_of``: never resolved or closed before it. Such a case is open now
    # (a case's status is always its latest status change's) or is finished now but was
    # finished only since: two small, separate sets, each read through an index and
    # checked for an earlier finish (a case reopened), never the whole history.
    finished_before = exists().where(
        CaseStatusChange.case_id == Case.id,
        CaseStatusChange.status.in_(CLOSED_STATUSES),
        CaseStatusChange.at < as_of,
    )
    finished_since = select(CaseStatusChange.case_id).where(
        CaseStatusChange.status.in_(CLOSED_STATUSES), CaseStatusChange.at >= as_of
    )
    open_rows = [
        row
        for status_now in (
            Case.status.in_(OPEN_STATUSES),
            and_(Case.status.in_(CLOSED_STATUSES), Case.id.in_(finished_since)),
        )
        for row in session.execute(
            select(Case.team_id, Case.sla_due, func.count())
            .where(
                status_now,
                Case.sla_due.is_not(None),
                Case.created_at < as_of,
                _at(Case.location_id, location_id),
                ~finished_before,
            )
            .group_by(Case.team_id, Case.sla_due)
        ).all()
    ]
    # Finished in the period: first resolved or closed then, so resolved or closed in the
    # period (an index range) and never before it (an index probe per case).
    in_period = (
        select(CaseStatusChange.case_id, func.min(CaseStatusChange.at).label("finished_at"))
        .where(
            CaseStatusChange.status.in_(CLOSED_STATUSES),
            CaseStatusChange.at >= period.start,
            CaseStatusChange.at < period.end,
        )
        .group_by(CaseStatusChange.case_id)
        .subquery()
    )
    finished_earlier = exists().where(
        CaseStatusChange.case_id == Case.id,
        CaseStatusChange.status.in_(CLOSED_STATUSES),
        CaseStatusChange.at < period.start,
    )
    done_rows = session.execute(
        select(Case.team_id, Case.sla_due, in_period.c.finished_at)
        .join(in_period, in_period.c.case_id == Case.id)
        .where(Case.sla_due.is_not(None), _at(Case.location_id, location_id), ~finished_earlier)
    ).all()
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for team_id, due, count in open_rows:
        name = teams.get(team_id, NO_TEAM) if team_id is not None else NO_TEAM
        assert due is not None  # noqa: S101 — selected with a due date
        state = "overdue" if due < as_of_day else "due_soon" if due <= soon else "on_time"
        counts[name][state] += count
    for team_id, due, finished_at in done_rows:
        name = teams.get(team_id, NO_TEAM) if team_id is not None else NO_TEAM
        assert due is not None  # noqa: S101 — selected with a due date
        counts[name]["finished"] += 1
        if period.local_date(finished_at) <= due:
            counts[name]["finished_on_time"] += 1
    return [
        TeamSla(
            team=name,
            open_on_time=c["on_time"],
            open_due_soon=c["due_soon"],
            open_overdue=c["overdue"],
            finished=c["finished"],
            finished_on_time=c["finished_on_time"],
            compliance=_share(c["finished_on_time"], c["finished"]),
        )
        for name, c in sorted(counts.items())
    ]


def _complaints(
    session: Session,
    period: Period,
    location_id: int | None,
    services: Iterable[str],
    region: BankHolidayRegion,
) -> ComplaintFigures:
    codes = list(services)
    received = (
        select(Case.id)
        .where(
            Case.service_code.in_(codes),
            Case.created_at >= period.start,
            Case.created_at < period.end,
        )
        .scalar_subquery()
    )
    finished = _finished(received)
    rows = session.execute(
        select(Case.created_at, finished.c.finished_at)
        .outerjoin(finished, finished.c.case_id == Case.id)
        .where(
            Case.service_code.in_(codes),
            Case.created_at >= period.start,
            Case.created_at < period.end,
            _at(Case.location_id, location_id),
        )
    ).all()
    within_5 = within_20 = still_open = 0
    for created_at, finished_at in rows:
        if finished_at is None:
            still_open += 1
            continue
        took = working_days_between(
            period.local_date(created_at), period.local_date(finished_at), region
        )
        within_5 += took <= 5
        within_20 += took <= 20
    return ComplaintFigures(
        received=len(rows),
        within_5_working_days=within_5,
        within_20_working_days=within_20,
        still_open=still_open,
    )


def _avoidable(
    session: Session, period: Period, visits: VisitFigures, location_id: int | None
) -> AvoidableContact:
    """Progress chasing. Tracking look-ups are counted for the whole council (a look-up has
    no place): zero when the figures are one location's."""
    lookups: Counter[str] = Counter()
    open_case = 0
    if location_id is None:
        rows = session.execute(
            select(TrackLookup.via, TrackLookup.open_case, func.sum(TrackLookup.lookups))
            .where(TrackLookup.day >= period.first, TrackLookup.day <= period.last)
            .group_by(TrackLookup.via, TrackLookup.open_case)
        ).all()
        for via, is_open, count in rows:
            lookups[via] += int(count)
            open_case += int(count) if is_open else 0
    tracked = visits.by_outcome.get(VisitOutcome.TRACKED, 0)
    return AvoidableContact(
        track_visits=tracked,
        track_share=_share(tracked, visits.visits),
        web_lookups=lookups["web"],
        api_lookups=lookups["api"],
        open_case_lookups=open_case,
    )


# Visits and help ---------------------------------------------------------------------


def _visits(session: Session, period: Period, location_id: int | None) -> VisitFigures:
    rows = session.execute(
        select(Visit.outcome, Visit.helped, func.count())
        .where(
            Visit.ended_at >= period.start,
            Visit.ended_at < period.end,
            _at(Visit.location_id, location_id),
        )
        .group_by(Visit.outcome, Visit.helped)
    ).all()
    by_outcome: Counter[VisitOutcome] = Counter()
    self_served = helped = resolved = 0
    for outcome, was_helped, count in rows:
        by_outcome[outcome] += count
        helped += count if was_helped else 0
        if outcome in RESOLVED_VISITS:
            resolved += count
            self_served += 0 if was_helped else count
    total = sum(by_outcome.values())
    return VisitFigures(
        visits=total,
        by_outcome={outcome: by_outcome[outcome] for outcome in VisitOutcome},
        self_served=self_served,
        helped=helped,
        first_contact_resolution=_share(resolved, total) or 0.0,
    )


def _help(session: Session, period: Period, location_id: int | None) -> HelpFigures:
    rows = session.execute(
        select(
            HelpSession.raised_at,
            HelpSession.first_claimed_at,
            HelpSession.ended_at,
            HelpSession.end_reason,
            HelpSession.outcome,
        ).where(
            HelpSession.raised_at >= period.start,
            HelpSession.raised_at < period.end,
            _at(HelpSession.location_id, location_id),
        )
    ).all()
    waits = sorted(
        (claimed - raised).total_seconds() for raised, claimed, *_ in rows if claimed is not None
    )
    outcomes: Counter[str] = Counter()
    unanswered = 0
    for _, claimed, ended, reason, outcome in rows:
        if ended is not None:
            outcomes[outcome or reason or "ended"] += 1
            unanswered += claimed is None
    return HelpFigures(
        requests=len(rows),
        claimed=len(waits),
        unanswered=unanswered,
        response_p50_s=_percentile(waits, 50),
        response_p90_s=_percentile(waits, 90),
        outcomes=dict(sorted(outcomes.items())),
    )


def _percentile(sorted_values: list[float], percent: int) -> float | None:
    """The nearest-rank percentile: the smallest value with ``percent`` % at or below it."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return round(sorted_values[rank - 1], 3)


# Satisfaction ------------------------------------------------------------------------


def _satisfaction(session: Session, period: Period, location_id: int | None) -> SatisfactionFigures:
    where = (
        SatisfactionResponse.at >= period.start,
        SatisfactionResponse.at < period.end,
        _at(SatisfactionResponse.location_id, location_id),
    )
    locations = dict(session.execute(select(Location.id, Location.code)).all())

    def by(column: Any, name: Any = str) -> list[Satisfaction]:
        query: Select[Any] = (
            select(column, SatisfactionResponse.rating, func.count())
            .where(*where)
            .group_by(column, SatisfactionResponse.rating)
        )
        counts: defaultdict[str, Counter[Rating]] = defaultdict(Counter)
        for key, rating, count in session.execute(query).all():
            counts[name(key) if key is not None else "(none)"][rating] += count
        return [_rated(key, found) for key, found in sorted(counts.items())]

    by_channel = by(SatisfactionResponse.channel)
    return SatisfactionFigures(
        responses=sum(row.responses for row in by_channel),
        by_service=by(SatisfactionResponse.service_code),
        by_channel=by_channel,
        by_location=by(SatisfactionResponse.location_id, lambda key: locations.get(key, "?")),
    )


def _rated(key: str, counts: Counter[Rating]) -> Satisfaction:
    total = sum(counts.values())
    return Satisfaction(
        key=key,
        responses=total,
        good=counts[Rating.GOOD],
        average=counts[Rating.AVERAGE],
        poor=counts[Rating.POOR],
        good_share=_share(counts[Rating.GOOD], total),
    )


# Kiosk availability ----------------------------------------------------------------------


def _service_hours(settings: BackendSettings, period: Period) -> list[datetime]:
    """Each hour kiosks are meant to be in service in the period, as its UTC start, where
    a location has no opening hours of its own (the kiosk_service_* settings)."""
    hours = []
    day = period.first
    while day <= period.last:
        if day.weekday() in settings.kiosk_service_days:
            for hour in range(settings.kiosk_service_from_hour, settings.kiosk_service_to_hour):
                local = datetime.combine(day, time(hour), period.zone)
                hours.append(local.astimezone(UTC))
        day += timedelta(days=1)
    return hours


def _availability(
    session: Session, settings: BackendSettings, period: Period, location_id: int | None
) -> AvailabilityFigures:
    """Of each kiosk's service hours since it was enrolled (and before it was withdrawn, if
    it was), those in which a heartbeat said its screen was drawing. A kiosk's service
    hours are its location's opening hours, or the settings' where it has none."""
    default_hours = _service_hours(settings, period)
    by_location: dict[str, list[datetime]] = {}
    kiosks = session.execute(
        select(Device.id, Device.name, Location.code, Device.created_at)
        .join(Location, Location.id == Device.location_id)
        .where(
            Device.revoked.is_(False),
            Device.created_at < period.end,
            _at(Device.location_id, location_id),
        )
        .order_by(Location.code, Device.name, Device.id)
    ).all()
    healthy: defaultdict[int, set[datetime]] = defaultdict(set)
    for device_id, hour in session.execute(
        select(KioskHour.device_id, KioskHour.hour).where(
            KioskHour.healthy > 0, KioskHour.hour >= period.start, KioskHour.hour < period.end
        )
    ):
        healthy[device_id].add(hour.astimezone(UTC))
    found = []
    for device_id, name, code, enrolled in kiosks:
        if code not in by_location:
            location = session.scalars(select(Location).where(Location.code == code)).one()
            hours = opening.load(session, settings, location)
            by_location[code] = (
                hours.open_hours(period.first, period.last) if hours.configured else default_hours
            )
        service = by_location[code]
        # An hour counts from the hour the kiosk was enrolled in.
        since = enrolled.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        owed = [hour for hour in service if hour >= since]
        working = sum(hour in healthy[device_id] for hour in owed)
        found.append(
            KioskAvailable(
                kiosk=name,
                location=code,
                service_hours=len(owed),
                available_hours=working,
                availability=_share(working, len(owed)),
            )
        )
    total = sum(k.service_hours for k in found)
    up = sum(k.available_hours for k in found)
    return AvailabilityFigures(
        service_hours=total, available_hours=up, availability=_share(up, total), by_kiosk=found
    )
