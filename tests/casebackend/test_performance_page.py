"""The public performance page, on the real backend (SQLite and PostgreSQL): the exact
figures of a known November 2026 (the figures tests' own scene), the plain pages for a month
it cannot show, its headers, and a real headless Chromium drawing it."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import struct
import subprocess
import zlib
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests

from casebackend.db.engine import unit_of_work
from casebackend.visits.models import SatisfactionResponse
from shared.cases.schemas import Channel
from tests.casebackend.figures.test_figures import seed
from tests.conftest import Backend

NOVEMBER = {"month": "2026-11"}
CHARTS = ("chart-channels", "chart-on-time", "chart-ratings")


class _Page(HTMLParser):
    """A page's tables (caption → rows of cell texts), its src/href values, its SVGs' ids
    and its one style block."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[tuple[str, ...]]] = {}
        self.links: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.style = ""
        self._caption: str | None = None
        self._rows: list[tuple[str, ...]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        self.links += [value or "" for name, value in attrs if name in {"src", "href"}]
        if tag == "svg":
            self.svgs.append(found)
        elif tag == "table":
            self._rows = []
        elif tag == "tr":
            self._row = []
        elif tag in {"th", "td", "caption", "style"}:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._text or []).split())
        if tag == "caption":
            self._caption = text
        elif tag in {"th", "td"} and self._row is not None:
            self._row.append(text)
        elif tag == "style":
            self.style = "".join(self._text or [])
        elif tag == "tr" and self._row is not None:
            self._rows.append(tuple(self._row))
            self._row = None
        elif tag == "table" and self._caption is not None:
            self.tables[self._caption] = self._rows
        if tag in {"th", "td", "caption", "style"}:
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def words(html: str) -> str:
    """The page's text as read, tags gone, spaces squeezed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def get(backend: Backend, **params: str) -> requests.Response:
    return backend.http.get(f"{backend.url}/performance", params=params)


def test_the_months_exact_figures(backend: Backend):
    seed(backend)
    answer = get(backend, **NOVEMBER)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "public, max-age=300"
    page = parsed(answer.text)
    assert page.tables == {
        "Requests by how they reached us": [
            ("How", "Requests"),
            ("Kiosk", "4"),
            ("Kiosk, with a greeter's help", "1"),
            ("In person", "1"),
            ("Phone", "1"),
            ("Website", "1"),
            ("Reporting apps, such as FixMyStreet", "0"),
        ],
        "Requests by service": [
            ("Service", "Requests"),
            ("Make a complaint", "3"),
            ("Report a pothole", "3"),
            ("Report a missed bin collection", "2"),
        ],
        "Kiosk visits": [
            ("", "Visits"),
            ("All visits", "6"),
            ("Sorted at that visit", "4 (67%)"),
            ("Sorted without help", "3 (50%)"),
            ("Helped by a greeter", "1 (17%)"),
            ("Checking on an earlier request", "1 (17%)"),
        ],
        "Help requests": [
            ("", "Figure"),
            ("Help requests", "5"),
            ("Answered by a greeter", "3 (60%)"),
            ("Median time to answer", "30 seconds"),
            ("Time 9 in 10 were answered within", "1 minute 30 seconds"),
        ],
        "Requests with a target date, by team": [
            ("Team", "Finished", "On time", "Overdue at month end"),
            ("Highways", "1", "1 (100%)", "1"),
            ("Waste Collections", "1", "0 (0%)", "0"),
        ],
        "Complaints received this month": [
            ("", "Complaints"),
            ("Received", "3"),
            ("Answered within 5 working days", "1 (33%)"),
            ("Answered within 20 working days", "2 (67%)"),
            ("Not answered yet", "1 (33%)"),
        ],
        "Ratings, overall and by how you reached us": [
            ("", "Good", "Average", "Poor"),
            ("Everyone (5 ratings)", "3 (60%)", "1 (20%)", "1 (20%)"),
            ("Kiosk, with a greeter's help (1 rating)", "1 (100%)", "0 (0%)", "0 (0%)"),
            ("In person (1 rating)", "0 (0%)", "1 (100%)", "0 (0%)"),
            ("Kiosk (2 ratings)", "1 (50%)", "0 (0%)", "1 (50%)"),
            ("Phone (1 rating)", "1 (100%)", "0 (0%)", "0 (0%)"),
        ],
    }
    text = words(answer.text)
    assert "How we are doing: November 2026" in text
    assert "from 1 to 30 November 2026" in text
    assert "8 requests in all" in text
    assert "50% of requests with a target date that we finished this month" in text
    assert "1 request was past its target date" in text
    assert "We answered 33% within 5 working days and 67% within 20 working days" in text
    assert "60% of ratings were Good" in text
    assert "Previous month: October 2026" in text

    # Each chart is an image named and described in words, every number in its description.
    assert [svg["id"] for svg in page.svgs] == list(CHARTS)
    for svg in page.svgs:
        assert svg["role"] == "img"
        assert svg["aria-labelledby"] == f"{svg['id']}-title {svg['id']}-desc"
    assert (
        '<desc id="chart-channels-desc">Kiosk: 4; Kiosk, with a greeter&#x27;s help: 1; '
        "In person: 1; Phone: 1; Website: 1; Reporting apps, such as FixMyStreet: 0.</desc>"
    ) in answer.text
    assert "Highways: 100%; Waste Collections: 0%." in answer.text
    assert "Everyone: Good 60%, Average 20%, Poor 20%;" in answer.text


def test_no_comment_or_reference_reaches_the_page(backend: Backend):
    seed(backend)
    with unit_of_work(backend.context.sessions) as session:
        session.add(
            SatisfactionResponse(
                at=datetime(2026, 11, 12, 10, tzinfo=UTC),
                channel=Channel.KIOSK,
                rating="poor",
                service_code="pothole",
                location_id=None,
                comment="The man at the desk, Mr Smith, was rude",
                case_reference="K7M2QXR4E",
            )
        )
    html = get(backend, **NOVEMBER).text
    assert "Smith" not in html
    assert "K7M" not in html
    assert "2 (33%)" in html  # the rating itself counts: 2 of the 6 were Poor
    assert not re.search(r"\b222[0-9A-Z]{6}\b", html)  # the scene's case references


def test_thousands_have_separators_and_an_empty_month_says_so(backend: Backend):
    from casebackend.figures.page import count, duration, percent

    assert (count(1234567), percent(1, 3), percent(0, 0)) == ("1,234,567", "33%", "no figure")
    assert (duration(59.6), duration(60), duration(125)) == (
        "1 minute",
        "1 minute",
        "2 minutes 5 seconds",
    )
    answer = get(backend, month="2026-06")
    assert answer.status_code == 200
    text = words(answer.text)
    assert "How we are doing: June 2026" in text
    assert "0 requests in all" in text
    assert "No one used a kiosk this month" in text
    assert "We received no complaints this month" in text
    assert "No one rated our service this month" in text


def test_the_last_complete_month_by_default(backend: Backend):
    today = datetime.now(ZoneInfo(backend.context.settings.timezone)).date()
    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    answer = get(backend)
    assert answer.status_code == 200
    assert f"<title>How we are doing: {last:%B %Y}</title>" in answer.text
    assert "Next month" not in answer.text
    this_month = get(backend, month=f"{today:%Y-%m}")
    assert this_month.status_code == 404
    assert f"The figures for {today:%B %Y} are not ready yet" in this_month.text


@pytest.mark.parametrize(
    ("month", "status", "says"),
    [
        ("2026-13", 400, "not a month we understand"),
        ("november", 400, "not a month we understand"),
        ("2026-1", 400, "not a month we understand"),
        ("\uff12\uff10\uff12\uff16-11", 400, "not a month we understand"),
        ("2026-11-01", 400, "not a month we understand"),
        ("x" * 5000, 400, "not a month we understand"),
        ("2999-01", 404, "January 2999 are not ready yet"),
        ("1999-12", 404, "We have no figures for December 1999"),
    ],
)
def test_a_month_it_cannot_show_is_a_plain_page(
    backend: Backend, month: str, status: int, says: str
):
    answer = get(backend, month=month)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert says in answer.text
    assert 'role="alert"' in answer.text
    assert 'href="/performance"' in answer.text  # the latest month, one step away
    assert "Traceback" not in answer.text
    assert "xxxxx" not in answer.text  # nothing typed is echoed back


def test_headers_allow_the_pages_own_style_and_nothing_from_elsewhere(backend: Backend):
    answer = get(backend, **NOVEMBER)
    headers = answer.headers
    policy = headers["content-security-policy"]
    page = parsed(answer.text)
    digest = base64.b64encode(hashlib.sha256(page.style.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    for part in ("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"):
        assert part in policy
    assert "unsafe-inline" not in policy
    assert "script-src" not in policy  # default-src 'none' covers script: there is none
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert "link" not in page.tags
    assert page.links, "the page links to other months and the tracking page"
    for link in page.links:
        assert not link.startswith(("http", "//")), link
        assert link.startswith("/"), link
    assert "http" not in answer.text.lower()  # no address of anywhere else, at all


# A real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (build/dev/chromium-deps.sh installs Debian's)",
)


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of RGB(A) bytes of an 8-bit, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat = 8, b""
    width = height = channels = 0
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        chunk = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert (depth, interlace) == (8, 0)
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        method, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if method == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif method == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif method == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + (left + previous[i]) // 2) & 0xFF
        elif method == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = previous[i], previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [row[: width * channels] for row in rows]


def colours(rows: list[bytes], channels: int) -> set[tuple[int, int, int]]:
    return {
        (row[i], row[i + 1], row[i + 2]) for row in rows for i in range(0, len(row), channels * 4)
    }


@needs_chromium
@pytest.mark.parametrize("size", [(1280, 2000), (390, 2000)], ids=["desktop", "phone"])
# On SQLite only: the browser draws the same page whichever database gave its figures, and
# the figures are compared exactly on both (test_the_months_exact_figures); four Chromium
# starts per database were the slowest part of this file.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_real_browser_draws_the_charts(backend: Backend, tmp_path: Path, size: tuple[int, int]):
    seed(backend)
    url = f"{backend.url}/performance?month=2026-11"
    window = f"--window-size={size[0]},{size[1]}"
    dom = chromium(tmp_path, window, "--dump-dom", url).stdout
    for chart in CHARTS:
        assert re.search(rf'<svg class="chart" id="{chart}" role="img"', dom), chart
    assert dom.count("<rect") >= 10
    shot = tmp_path / f"performance-{size[0]}.png"
    chromium(tmp_path, window, f"--screenshot={shot}", url)
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == size
    seen = colours(rows, len(rows[0]) // width)
    assert len(seen) > 20, "the screenshot is blank"
    assert (0x1D, 0x70, 0xB8) in seen, "the first chart's blue bars are not painted"
