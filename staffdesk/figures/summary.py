"""The figures page's words and numbers: a :class:`FiguresReport` turned into what a greeter
reads at a glance (plain words, whole numbers, a share as a percentage, a wait in minutes
and seconds) and into the charts' bars and slices. Plain Python, no Qt: the view draws
what this says and the tests read it.

Every figure is defined in docs/figures.md; the words here only say them plainly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from shared.cases.schemas import Channel
from shared.figures.schemas import FiguresReport, Satisfaction
from shared.live.messages import HelpEndReason, HelpOutcome
from shared.visits.schemas import VisitOutcome
from staffdesk import words


class Period(StrEnum):
    TODAY = "today"
    MONTH = "month"


PERIOD_NAMES: Final[dict[Period, str]] = {Period.TODAY: "Today", Period.MONTH: "This month"}

CHANNELS: Final[dict[Channel, str]] = {
    Channel.KIOSK: "Kiosk, on their own",
    Channel.ASSISTED_KIOSK: "Kiosk, with a greeter",
    Channel.FACE_TO_FACE: "Face to face",
    Channel.PHONE: "Phone",
    Channel.WEB: "Online",
    Channel.OPEN311: "Other council systems",
}

# How kiosk visits ended (docs/figures.md), in this order: what was done first.
VISIT_ENDINGS: Final[dict[VisitOutcome, str]] = {
    VisitOutcome.SUBMITTED: "Made a request",
    VisitOutcome.BOOKED: "Booked an appointment",
    VisitOutcome.INFORMED: "Found information",
    VisitOutcome.TRACKED: "Checked on a request",
    VisitOutcome.LEFT: "Left before finishing",
    VisitOutcome.TIMED_OUT: "Timed out",
}

# How help requests ended: the greeter's outcome, or why there was none.
HELP_ENDINGS: Final[dict[str, str]] = {
    **{outcome.value: text for outcome, text in words.OUTCOMES.items()},
    HelpEndReason.CANCELLED.value: "Customer cancelled",
    HelpEndReason.STOPPED_SHARING.value: "Customer stopped sharing",
    HelpEndReason.SESSION_ENDED.value: "Kiosk session ended",
    HelpEndReason.CLOSED.value: "Closed",
}
# The greeters' outcomes first, in the order the mirror offers them, then the rest.
_ENDING_ORDER: Final[tuple[str, ...]] = (
    *(outcome.value for outcome in HelpOutcome),
    HelpEndReason.CANCELLED.value,
    HelpEndReason.STOPPED_SHARING.value,
    HelpEndReason.SESSION_ENDED.value,
    HelpEndReason.CLOSED.value,
)

RATINGS: Final[tuple[str, ...]] = ("Good", "Average", "Poor")

NO_BREAK = "\u00a0"
LOADING = "Loading the figures…"
FAILED = "Could not load the figures. Try again."
NOT_YOURS = "These figures are not for this desk's location. Ask a manager."


def period_days(period: Period, today: date) -> tuple[date, date]:
    """The whole days a period covers: today alone, or the 1st of this month to today."""
    if period is Period.TODAY:
        return today, today
    return today.replace(day=1), today


def period_title(period: Period, today: date) -> str:
    if period is Period.TODAY:
        return f"Today, {today:%A} {today.day} {today:%B}"
    return f"This month, {today:%B %Y} (1 to {today.day} {today:%B})"


@dataclass(frozen=True, slots=True)
class Figure:
    """One big number: its name (also the object name's tail), the words and the value."""

    key: str
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart's title and its bars (or slices) as ``(words, count)``, in order."""

    key: str
    title: str
    bars: tuple[tuple[str, int], ...]
    empty: str

    def describe(self) -> str:
        """The chart in words: its text alternative for a screen reader."""
        if not any(count for _, count in self.bars):
            return f"{self.title}: {self.empty}"
        return f"{self.title}: " + "; ".join(f"{name}: {count}" for name, count in self.bars)


@dataclass(frozen=True, slots=True)
class FiguresSummary:
    title: str
    figures: tuple[Figure, ...]
    charts: tuple[Chart, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)


def summarise(report: FiguresReport, period: Period, today: date) -> FiguresSummary:
    visits = report.visits
    share = f"{round(100 * visits.self_served / visits.visits)}%" if visits.visits else "None yet"
    rating = _ratings(report)
    figures = (
        Figure("visits", "Kiosk visits", str(visits.visits)),
        Figure("requests", "Requests made", str(report.cases), "on every channel"),
        Figure("helped", "Helped by a greeter", str(visits.helped), "kiosk visits"),
        Figure(
            "self-served",
            "Served themselves",
            share,
            f"{visits.self_served} of {visits.visits} kiosk visits" if visits.visits else "",
        ),
        Figure("help-requests", "Asked for help", str(report.help.requests), "at a kiosk"),
        Figure(
            "wait",
            "Usual wait for a greeter",
            wait(report.help.response_p50_s),
            "half waited less, half longer" if report.help.response_p50_s is not None else "",
        ),
        Figure("good", "Rated Good", str(rating.good)),
        Figure("average", "Rated Average", str(rating.average)),
        Figure("poor", "Rated Poor", str(rating.poor)),
    )
    by_channel: Counter[Channel] = Counter()
    for row in report.cases_by:
        by_channel[row.channel] += row.cases
    endings = report.help.outcomes
    ordered = [k for k in _ENDING_ORDER if endings.get(k)] + sorted(
        k for k in endings if k not in _ENDING_ORDER and endings[k]
    )
    charts = (
        Chart(
            "channels",
            "Requests made, by how",
            tuple((CHANNELS[c], by_channel[c]) for c in Channel if by_channel[c]),
            "No requests yet.",
        ),
        Chart(
            "visits",
            "How kiosk visits ended",
            tuple(
                (words, visits.by_outcome.get(outcome, 0))
                for outcome, words in VISIT_ENDINGS.items()
                if visits.by_outcome.get(outcome, 0)
            ),
            "No kiosk visits yet.",
        ),
        Chart(
            "ratings",
            "How customers rated us",
            (("Good", rating.good), ("Average", rating.average), ("Poor", rating.poor)),
            "No ratings yet.",
        ),
        Chart(
            "outcomes",
            "How help requests ended",
            tuple(
                (HELP_ENDINGS.get(k, k.replace("_", " ").capitalize()), endings[k]) for k in ordered
            ),
            "No help requests have ended yet.",
        ),
    )
    return FiguresSummary(period_title(period, today), figures, charts)


def wait(seconds: float | None) -> str:
    """A wait in plain words: "40 seconds", "1 min 30 s", "No waits yet". Its spaces do
    not break: a big number never leaves its unit alone on the next line."""
    if seconds is None:
        return "No waits yet"
    whole = round(seconds)
    if whole < 60:
        said = f"{whole} second{'s' if whole != 1 else ''}"
    else:
        minutes, rest = divmod(whole, 60)
        said = f"{minutes} min {rest} s" if rest else f"{minutes} min"
    return said.replace(" ", NO_BREAK)


def _ratings(report: FiguresReport) -> Satisfaction:
    """The location's own ratings (the report's only location row), else all of them."""
    rows = report.satisfaction.by_location
    mine = [row for row in rows if row.key == report.location]
    if mine:
        return mine[0]
    good = sum(row.good for row in rows)
    average = sum(row.average for row in rows)
    poor = sum(row.poor for row in rows)
    total = good + average + poor
    return Satisfaction(
        key=report.location or "(all)",
        responses=total,
        good=good,
        average=average,
        poor=poor,
        good_share=good / total if total else None,
    )
