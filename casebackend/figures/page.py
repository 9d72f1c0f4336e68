"""The public performance page: the council's monthly figures, for residents.

``GET /performance`` shows the last complete month in the council's timezone;
``?month=YYYY-MM`` another one. Whole council only, and only figures safe to publish:
counts and shares, never a comment, a case reference or a customer. Plain HTML with one
stylesheet and inline SVG charts drawn by ``casebackend.figures.charts``; no script, no file
from anywhere else. Every chart's numbers are also in a table. Figures are computed on each
request (the figures service counts in the database), and a browser or proxy may keep the
page for five minutes. Each figure is defined in docs/figures.md.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from html import escape
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from casebackend.api.dependencies import Context, DbSession
from casebackend.db.base import utcnow
from casebackend.figures import service
from casebackend.figures.charts import Bar, Segment, bar_chart, stacked_bars
from shared.cases.schemas import Channel
from shared.catalogue.schemas import Catalogue
from shared.figures.schemas import FiguresReport, Satisfaction
from shared.schema import replace
from shared.visits.schemas import VisitOutcome

router = APIRouter(include_in_schema=False)

PATH = "/performance"
# The first month the page answers for; an earlier one is "no figures" (404).
EARLIEST = date(2000, 1, 1)
CACHE = "public, max-age=300"
# What a share or a time says when there is nothing to measure (words a screen reader reads).
NO_FIGURE = "no figure"
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")

CHANNELS = {
    Channel.KIOSK: "Kiosk",
    Channel.ASSISTED_KIOSK: "Kiosk, with a greeter's help",
    Channel.FACE_TO_FACE: "In person",
    Channel.PHONE: "Phone",
    Channel.WEB: "Website",
    Channel.OPEN311: "Reporting apps, such as FixMyStreet",
}
RATINGS = ("Good", "Average", "Poor")

_STYLE = (
    "body{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;max-width:40rem;"
    "margin:0 auto;padding:1rem;color:#0b0c0c;background:#fff}"
    "h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}"
    "h2{font-size:1.5rem;margin:2.5rem 0 .5rem;padding-top:1rem;border-top:2px solid #b1b4b6}"
    ".big{font-size:2.5rem;font-weight:700;display:block;line-height:1.2}"
    "a{color:#1d70b8}a:visited{color:#4c2c92}"
    "a:focus{outline:3px solid transparent;background:#ffdd00;color:#0b0c0c;"
    "box-shadow:0 4px #0b0c0c;text-decoration:none}"
    ".months{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem 1rem}"
    ".error{border-left:.4rem solid #b10e1e;padding-left:1rem}"
    ".chart{display:block;max-width:28rem;height:auto;margin:1rem 0}"
    ".chart text{fill:#0b0c0c}.chart .bar{fill:#1d70b8}"
    ".chart .track{fill:#f3f2f1;stroke:#505a5f;stroke-width:1}"
    ".chart rect[class^=part]{stroke:#0b0c0c;stroke-width:1}"
    ".part-0,.key-0{fill:#00703c;background:#00703c}"
    ".part-1,.key-1{fill:#ffdd00;background:#ffdd00}"
    ".part-2,.key-2{fill:#d4351c;background:#d4351c}"
    ".legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0;padding:0;"
    "list-style:none}"
    ".legend span{display:inline-block;width:1.25rem;height:1.25rem;margin-right:.4rem;"
    "vertical-align:-.2rem;border:1px solid #0b0c0c}"
    ".scroll{overflow-x:auto;margin:1rem 0}"
    "table{border-collapse:collapse;width:100%;font-size:1.1rem}"
    "caption{text-align:left;font-weight:700;padding-bottom:.5rem}"
    "th,td{text-align:left;padding:.5rem .75rem .5rem 0;border-bottom:1px solid #b1b4b6;"
    "vertical-align:top}"
    ".num{text-align:right;font-variant-numeric:tabular-nums}"
    "@media (max-width:30rem){table{font-size:1rem}}"
    "footer{margin-top:3rem;padding-top:1rem;border-top:2px solid #1d70b8;font-size:1.1rem}"
    "@media (forced-colors:active){.chart text{fill:CanvasText}"
    ".chart .bar{fill:CanvasText}.chart .track{fill:Canvas;stroke:CanvasText}}"
)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style></head><body><main>{body}</main>
<footer><p>These figures count every request, however it reached us, and are worked out
the same way every month. No figure here names anyone.</p>
<p><a href="/track">Track a request you have made</a></p></footer></body></html>"""


def _style_source(style: str) -> str:
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


# Sent with every answer under /performance (casebackend.api.headers): the page's own style
# and nothing else, never framed, and no address sent on to a site it links to.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src {_style_source(_STYLE)}; "
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    # A month's figures stand still once it is over; an error may not (the month ends).
    cache = CACHE if status == 200 else "no-store"
    html = _PAGE.format(title=escape(title), style=_STYLE, body=body)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": cache})


class _NoSuchMonth(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def last_complete_month(today: date) -> date:
    """The first day of the month before ``today``'s."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_asked(text: str | None, latest: date) -> date:
    """The first day of the month ``YYYY-MM`` (``latest`` when not given), which must be
    over by now and not before ``EARLIEST``."""
    if text is None or not text.strip():
        return latest
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise _NoSuchMonth(
            "That is not a month we understand. Write the year and the month in numbers, "
            f"like {latest:%Y-%m} for {latest:%B %Y}.",
            400,
        )
    first = date(int(found.group(1)), int(found.group(2)), 1)
    if first > latest:
        raise _NoSuchMonth(
            f"The figures for {first:%B %Y} are not ready yet: we publish each month's "
            f"once it is over. The latest are for {latest:%B %Y}.",
            404,
        )
    if first < EARLIEST:
        raise _NoSuchMonth(f"We have no figures for {first:%B %Y}.", 404)
    return first


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@router.get(PATH, response_class=HTMLResponse)
def performance_page(
    session: DbSession,
    context: Context,
    month: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    """The council's figures for one whole month, for anyone."""
    settings = context.settings
    latest = last_complete_month(utcnow().astimezone(ZoneInfo(settings.timezone)).date())
    try:
        first = month_asked(month, latest)
    except _NoSuchMonth as exc:
        body = (
            "<h1>How we are doing</h1>"
            f'<p class="error" role="alert">{escape(exc.message)}</p>'
            f'<p><a href="{PATH}">See the figures for {latest:%B %Y}</a></p>'
        )
        return _page("How we are doing", body, exc.status)
    catalogue = context.catalogue.get()
    found = service.report(session, settings, catalogue, first=first, last=_month_end(first))
    body = "".join(
        (
            _heading(found, first, latest),
            _requests(found, catalogue),
            _kiosks(found),
            _help(found),
            _on_time(found),
            _complaints(found),
            _satisfaction(found),
        )
    )
    return _page(f"How we are doing: {first:%B %Y}", body)


# Words and numbers ---------------------------------------------------------------------


def count(number: int) -> str:
    return f"{number:,}"


def percent(part: int, whole: int) -> str:
    """A whole percentage, halves rounded up; ``NO_FIGURE`` with nothing to divide."""
    if whole <= 0:
        return NO_FIGURE
    return f"{(200 * part + whole) // (2 * whole)}%"


def duration(seconds: float | None) -> str:
    """In words: 45 seconds, 1 minute, 2 minutes 5 seconds."""
    if seconds is None:
        return NO_FIGURE
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    words = []
    if minutes:
        words.append(f"{count(minutes)} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        words.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(words)


_NUM = ' class="num"'


def _table(caption: str, headings: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table whose first column names each row and whose other columns are numbers."""
    head = "".join(
        f'<th scope="col"{_NUM if i else ""}>{escape(h)}</th>' for i, h in enumerate(headings)
    )
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f'<td class="num">{escape(cell)}</td>' for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="scroll"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _with_share(part: int, whole: int) -> str:
    """ "3 (60%)"; just the count when there is nothing to divide."""
    return f"{count(part)} ({percent(part, whole)})" if whole > 0 else count(part)


# The sections --------------------------------------------------------------------------


def _heading(found: FiguresReport, first: date, latest: date) -> str:
    before = (first - timedelta(days=1)).replace(day=1)
    after = _month_end(first) + timedelta(days=1)
    links = []
    if before >= EARLIEST:
        links.append(f'<a href="{PATH}?month={before:%Y-%m}">Previous month: {before:%B %Y}</a>')
    if after <= latest:
        links.append(f'<a href="{PATH}?month={after:%Y-%m}">Next month: {after:%B %Y}</a>')
    return (
        f"<h1>How we are doing: {first:%B %Y}</h1>"
        f"<p>What our customer service did from {found.period_from:%-d} to "
        f"{found.period_to:%-d %B %Y}: the requests you made however you reached us, how "
        "quickly we dealt with them, and what you told us about it.</p>"
        f'<nav class="months" aria-label="Other months">{"".join(links)}</nav>'
    )


def _requests(found: FiguresReport, catalogue: Catalogue) -> str:
    by_channel: Counter[Channel] = Counter()
    by_service: Counter[str] = Counter()
    names = {s.code: s.name for s in catalogue.services}
    for row in found.cases_by:
        by_channel[row.channel] += row.cases
        by_service[names.get(row.service_code, "Other services")] += row.cases
    bars = [Bar(CHANNELS[c], by_channel[c], count(by_channel[c])) for c in CHANNELS]
    services = sorted(by_service.items(), key=lambda item: (-item[1], item[0]))
    return (
        "<h2>Requests we received</h2>"
        f'<p><span class="big">{count(found.cases)}</span> requests in all.</p>'
        + bar_chart("chart-channels", "Requests by how they reached us", bars)
        + _table(
            "Requests by how they reached us",
            ("How", "Requests"),
            [(bar.label, bar.shown) for bar in bars],
        )
        + (
            _table(
                "Requests by service",
                ("Service", "Requests"),
                [(name, count(cases)) for name, cases in services],
            )
            if services
            else ""
        )
    )


def _kiosks(found: FiguresReport) -> str:
    visits = found.visits
    if not visits.visits:
        return "<h2>Our kiosks</h2><p>No one used a kiosk this month.</p>"
    resolved = sum(visits.by_outcome.get(o, 0) for o in service.RESOLVED_VISITS)
    tracked = visits.by_outcome.get(VisitOutcome.TRACKED, 0)
    return (
        "<h2>Our kiosks</h2>"
        f'<p><span class="big">{percent(resolved, visits.visits)}</span> of kiosk visits '
        "were sorted there and then: a request made, a request checked on, or the "
        f"information found. {percent(visits.self_served, visits.visits)} of visits were "
        "people who sorted it themselves, without a greeter's help.</p>"
        + _table(
            "Kiosk visits",
            ("", "Visits"),
            [
                ("All visits", count(visits.visits)),
                ("Sorted at that visit", _with_share(resolved, visits.visits)),
                ("Sorted without help", _with_share(visits.self_served, visits.visits)),
                ("Helped by a greeter", _with_share(visits.helped, visits.visits)),
                ("Checking on an earlier request", _with_share(tracked, visits.visits)),
            ],
        )
    )


def _help(found: FiguresReport) -> str:
    help_ = found.help
    if not help_.requests:
        return "<h2>Help at the kiosks</h2><p>No one asked for help at a kiosk this month.</p>"
    return (
        "<h2>Help at the kiosks</h2>"
        f'<p><span class="big">{duration(help_.response_p50_s)}</span> was the usual time '
        "for a greeter to come when someone at a kiosk asked for help (the median: half "
        f"came sooner). People asked <strong>{count(help_.requests)}</strong> times, and a "
        f"greeter came {percent(help_.claimed, help_.requests)} of the times.</p>"
        + _table(
            "Help requests",
            ("", "Figure"),
            [
                ("Help requests", count(help_.requests)),
                ("Answered by a greeter", _with_share(help_.claimed, help_.requests)),
                ("Median time to answer", duration(help_.response_p50_s)),
                ("Time 9 in 10 were answered within", duration(help_.response_p90_s)),
            ],
        )
    )


def _team_name(name: str) -> str:
    return "Not yet with a team" if name == service.NO_TEAM else name


def _on_time(found: FiguresReport) -> str:
    overdue = sum(team.open_overdue for team in found.sla)
    finished = [team for team in found.sla if team.finished]
    bars = [
        Bar(
            _team_name(team.team),
            100 * team.finished_on_time / team.finished,
            percent(team.finished_on_time, team.finished),
        )
        for team in finished
    ]
    chart = (
        bar_chart("chart-on-time", "Requests finished on time, by team", bars, scale=100)
        if bars
        else "<p>No request with a target date was finished this month.</p>"
    )
    done = sum(team.finished for team in found.sla)
    on_time = sum(team.finished_on_time for team in found.sla)
    summary = (
        f'<p><span class="big">{percent(on_time, done)}</span> of requests with a target '
        "date that we finished this month were finished on time.</p>"
        if done
        else ""
    )
    return (
        "<h2>Finishing requests on time</h2>"
        "<p>Most requests have a target date, in working days, set by the service.</p>"
        + summary
        + chart
        + (
            _table(
                "Requests with a target date, by team",
                ("Team", "Finished", "On time", "Overdue at month end"),
                [
                    (
                        _team_name(team.team),
                        count(team.finished),
                        _with_share(team.finished_on_time, team.finished),
                        count(team.open_overdue),
                    )
                    for team in found.sla
                ],
            )
            if found.sla
            else ""
        )
        + f"<p>At the end of the month, <strong>{count(overdue)}</strong> "
        f"request{'s were' if overdue != 1 else ' was'} past its target date.</p>"
    )


def _complaints(found: FiguresReport) -> str:
    c = found.complaints
    if not c.received:
        return "<h2>Complaints</h2><p>We received no complaints this month.</p>"
    return (
        "<h2>Complaints</h2>"
        f'<p><span class="big">{count(c.received)}</span> complaints received. We answered '
        f"{percent(c.within_5_working_days, c.received)} within 5 working days and "
        f"{percent(c.within_20_working_days, c.received)} within 20 working days.</p>"
        + _table(
            "Complaints received this month",
            ("", "Complaints"),
            [
                ("Received", count(c.received)),
                (
                    "Answered within 5 working days",
                    _with_share(c.within_5_working_days, c.received),
                ),
                (
                    "Answered within 20 working days",
                    _with_share(c.within_20_working_days, c.received),
                ),
                ("Not answered yet", _with_share(c.still_open, c.received)),
            ],
        )
    )


def _channel_name(key: str) -> str:
    try:
        return CHANNELS[Channel(key)]
    except ValueError:
        return key


def _segments(rated: Satisfaction) -> list[Segment]:
    values = (rated.good, rated.average, rated.poor)
    return [
        Segment(name, value, percent(value, rated.responses))
        for name, value in zip(RATINGS, values, strict=True)
    ]


def _satisfaction(found: FiguresReport) -> str:
    s = found.satisfaction
    if not s.responses:
        return "<h2>What you told us</h2><p>No one rated our service this month.</p>"
    everyone = Satisfaction(
        key="Everyone",
        responses=s.responses,
        good=sum(row.good for row in s.by_channel),
        average=sum(row.average for row in s.by_channel),
        poor=sum(row.poor for row in s.by_channel),
        good_share=None,
    )
    rows = [everyone] + [replace(row, key=_channel_name(row.key)) for row in s.by_channel]
    legend = "".join(
        f'<li><span class="key-{i}"></span>{name}</li>' for i, name in enumerate(RATINGS)
    )
    return (
        "<h2>What you told us</h2>"
        f"<p>You rated our service <strong>{count(s.responses)}</strong> times. "
        f'<span class="big">{percent(everyone.good, s.responses)}</span> of ratings were '
        "Good.</p>"
        f'<ul class="legend" aria-hidden="true">{legend}</ul>'
        + stacked_bars(
            "chart-ratings",
            "Ratings: Good, Average and Poor",
            [(row.key, _segments(row)) for row in rows],
        )
        + _table(
            "Ratings, overall and by how you reached us",
            ("", "Good", "Average", "Poor"),
            [
                (
                    f"{row.key} ({count(row.responses)} rating{'s' if row.responses != 1 else ''})",
                    _with_share(row.good, row.responses),
                    _with_share(row.average, row.responses),
                    _with_share(row.poor, row.responses),
                )
                for row in rows
            ],
        )
    )
