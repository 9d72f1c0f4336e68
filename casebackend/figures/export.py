"""The figures as CSV: one row a figure, ``figure,breakdown,value``, ready for a spreadsheet.

``breakdown`` names the slice a row counts (``kiosk/1/pothole`` for cases by channel, tier
and service; a team's name; a service code), empty for a whole-period figure. Percentages
are fractions (0.75), and a figure with nothing to measure is empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from shared.figures.schemas import FiguresReport, Satisfaction

HEADER = ("figure", "breakdown", "value")


def rows(report: FiguresReport) -> Iterator[tuple[str, str, str]]:
    def cell(value: object) -> str:
        return "" if value is None else str(value)

    yield "period_from", "", report.period_from.isoformat()
    yield "period_to", "", report.period_to.isoformat()
    yield "location", "", report.location or "all"
    yield "cases", "", cell(report.cases)
    for row in report.cases_by:
        yield "cases", f"{row.channel}/{row.tier}/{row.service_code}", cell(row.cases)
    visits = report.visits
    yield "visits", "", cell(visits.visits)
    for outcome, count in visits.by_outcome.items():
        yield "visits", f"outcome/{outcome}", cell(count)
    yield "visits_self_served", "", cell(visits.self_served)
    yield "visits_helped", "", cell(visits.helped)
    yield "first_contact_resolution", "", cell(visits.first_contact_resolution)
    help_ = report.help
    yield "help_requests", "", cell(help_.requests)
    yield "help_claimed", "", cell(help_.claimed)
    yield "help_unanswered", "", cell(help_.unanswered)
    yield "help_response_p50_s", "", cell(help_.response_p50_s)
    yield "help_response_p90_s", "", cell(help_.response_p90_s)
    for ended, count in help_.outcomes.items():
        yield "help_outcome", ended, cell(count)
    for team in report.sla:
        for name in (
            "open_on_time",
            "open_due_soon",
            "open_overdue",
            "finished",
            "finished_on_time",
            "compliance",
        ):
            yield f"sla_{name}", team.team, cell(getattr(team, name))
    complaints = report.complaints
    for name in ("received", "within_5_working_days", "within_20_working_days", "still_open"):
        yield f"complaints_{name}", "", cell(getattr(complaints, name))
    yield "track_visits", "", cell(report.avoidable_contact.track_visits)
    yield "track_share", "", cell(report.avoidable_contact.track_share)
    yield "track_lookups", "web", cell(report.avoidable_contact.web_lookups)
    yield "track_lookups", "api", cell(report.avoidable_contact.api_lookups)
    yield "open_case_lookups", "", cell(report.avoidable_contact.open_case_lookups)
    availability = report.kiosk_availability
    yield "kiosk_service_hours", "", cell(availability.service_hours)
    yield "kiosk_available_hours", "", cell(availability.available_hours)
    yield "kiosk_availability", "", cell(availability.availability)
    for kiosk in availability.by_kiosk:
        yield "kiosk_availability", f"{kiosk.location}/{kiosk.kiosk}", cell(kiosk.availability)
    satisfaction = report.satisfaction
    yield "satisfaction_responses", "", cell(satisfaction.responses)
    for kind, found in (
        ("service", satisfaction.by_service),
        ("channel", satisfaction.by_channel),
        ("location", satisfaction.by_location),
    ):
        yield from _rated(kind, found)


def _rated(kind: str, found: list[Satisfaction]) -> Iterator[tuple[str, str, str]]:
    for row in found:
        for name in ("responses", "good", "average", "poor", "good_share"):
            value = getattr(row, name)
            yield f"satisfaction_{name}", f"{kind}/{row.key}", "" if value is None else str(value)


def to_csv(report: FiguresReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(report))
    return out.getvalue()
