"""The figures report's wire schema: what ``GET /api/v1/figures`` answers and
``firststop admin figures`` prints. Every figure is defined once, in docs/figures.md."""

from __future__ import annotations

from datetime import date, datetime

from shared.cases.schemas import Channel
from shared.schema import schema
from shared.visits.schemas import VisitOutcome


@schema
class CasesBy:
    """Cases received in the period through one channel, at one tier, for one service."""

    channel: Channel
    tier: int
    service_code: str
    cases: int


@schema
class VisitFigures:
    visits: int
    by_outcome: dict[VisitOutcome, int]
    # Resolved (a request made, a case tracked, information read, an appointment booked)
    # with no greeter's help.
    self_served: int
    # A greeter claimed the visit's help request.
    helped: int
    # Resolved at that visit, helped or not, as a share of all visits (0 with no visits).
    first_contact_resolution: float


@schema
class HelpFigures:
    requests: int
    claimed: int
    # Ended (cancelled, timed out, wiped) before any greeter claimed them.
    unanswered: int
    # Seconds from raised to first claimed, over the claimed requests; None with none.
    response_p50_s: float | None
    response_p90_s: float | None
    # How the requests ended: a greeter's outcome, or why they ended without one.
    outcomes: dict[str, int]


@schema
class TeamSla:
    team: str
    # Cases with a due date still open at the end of the period, by where they stand then.
    open_on_time: int
    open_due_soon: int
    open_overdue: int
    # Cases with a due date resolved or closed in the period, and how many by their date.
    finished: int
    finished_on_time: int
    # finished_on_time / finished (None when nothing finished).
    compliance: float | None


@schema
class ComplaintFigures:
    received: int
    # Of those received: resolved or closed within 5, and within 20, working days.
    within_5_working_days: int
    within_20_working_days: int
    still_open: int


@schema
class AvoidableContact:
    """Progress chasing: contacts that exist only because a customer had to ask."""

    # Kiosk visits that looked up a case, and their share of all visits (None with none).
    track_visits: int
    track_share: float | None
    # Look-ups that found a case, on the public tracking page (web) and through the API
    # (kiosks and apps); and of all of them, those of a case still open.
    web_lookups: int
    api_lookups: int
    open_case_lookups: int


@schema
class Satisfaction:
    """Ratings of one service, channel or location."""

    key: str
    responses: int
    good: int
    average: int
    poor: int
    # good / responses (None with no responses).
    good_share: float | None


@schema
class SatisfactionFigures:
    responses: int
    by_service: list[Satisfaction]
    by_channel: list[Satisfaction]
    by_location: list[Satisfaction]


@schema
class KioskAvailable:
    """One kiosk's (or every kiosk's) service hours in the period, and in how many of them
    it was working: a heartbeat arrived saying its screen was drawing."""

    kiosk: str
    location: str
    service_hours: int
    available_hours: int
    # available_hours / service_hours (None with no service hours).
    availability: float | None


@schema
class AvailabilityFigures:
    service_hours: int
    available_hours: int
    availability: float | None
    by_kiosk: list[KioskAvailable]


@schema
class FiguresReport:
    period_from: date
    period_to: date
    # A location's code, or None for the whole council.
    location: str | None
    generated_at: datetime
    cases: int
    cases_by: list[CasesBy]
    visits: VisitFigures
    help: HelpFigures
    sla: list[TeamSla]
    complaints: ComplaintFigures
    avoidable_contact: AvoidableContact
    satisfaction: SatisfactionFigures
    kiosk_availability: AvailabilityFigures
