"""The figures page: against the real backend with known figures (November 2026, seeded by
the figures' own tests), Sam at the shop sees the backend's numbers today and this month, in
the charts too; a backend that cannot be reached is said plainly and Try again recovers;
another location's figures are refused plainly. Offscreen without a backend: the page passes
the audit at the desk's three sizes, and its words."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD
from casebackend.live.models import HelpSession
from shared.client import BackendClient
from shared.schema import to_builtins
from shared.ui.audit import audit
from shared.visits.schemas import VisitCreate, VisitOutcome
from staffdesk.app import build_desk
from staffdesk.figures import summary
from staffdesk.figures.summary import Period
from staffdesk.screenshots import FIGURES_DAY, SIZES, sample_figures, sample_welcome
from staffdesk.settings import DeskSettings
from staffdesk.window import DeskWindow, Page
from tests.casebackend.figures.test_figures import seed
from tests.conftest import Backend
from tests.shared.test_client import free_port
from tests.staffdesk.conftest import sign_in
from tests.staffdesk.test_desk import tap

# A day with a little of everything at the shop in the seeded November.
TODAY = date(2026, 11, 3)


def seed_for_the_desk(backend: Backend) -> None:
    """The figures' own November; its one help request still open (with no context, which
    no kiosk sends) ended the day it was raised, so the desk's welcome can list the rest.
    And a visit to a kiosk at the shop that booked an appointment on the 3rd, sent as a
    kiosk sends it."""
    seed(backend)
    headers, _ = backend.enrol("shop")
    ended = datetime(2026, 11, 3, 14, 0, tzinfo=UTC)
    booked = VisitCreate(
        id=uuid.uuid4().hex,
        started_at=ended - timedelta(minutes=6),
        ended_at=ended,
        language="en",
        service_code="appointment",
        outcome=VisitOutcome.BOOKED,
    )
    sent = backend.http.post(f"{backend.api}/visits", json=to_builtins(booked), headers=headers)
    assert sent.status_code == 201, sent.text
    with unit_of_work(backend.context.sessions) as session:
        for row in session.scalars(select(HelpSession).where(HelpSession.ended_at.is_(None))):
            row.ended_at = row.raised_at + timedelta(minutes=5)
            row.end_reason = "session_ended"


def loaded(window: DeskWindow) -> bool:
    page = window.figures
    return page.body.isVisible() and not page.status.isVisible()


def open_figures(qtbot: QtBot, window: DeskWindow) -> None:
    window.presenter.figures.today = lambda: TODAY
    tap(qtbot, window, "showFigures")
    assert window.current_page() is Page.FIGURES
    qtbot.waitUntil(lambda: loaded(window), timeout=10_000)


def shown(window: DeskWindow) -> dict[str, str]:
    """The big numbers as read (their no-break spaces as spaces)."""
    return {
        key: window.figures.value(key).replace(summary.NO_BREAK, " ")
        for key in window.figures.FIGURES
    }


def charted(window: DeskWindow) -> dict[str, list[tuple[str, int]]]:
    return {key: card.chart.values() for key, card in window.figures.charts.items()}


def test_sam_sees_the_shops_figures_today_and_this_month(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    seed_for_the_desk(backend)
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    open_figures(qtbot, window)
    page = window.figures
    assert page.period_buttons[Period.TODAY].isChecked()
    assert page.period_title.text() == "Today, Tuesday 3 November"
    # The 3rd at the shop: two visits (a request made, helped; an appointment booked), one
    # request, one help request answered in a minute and a half and signposted, one Poor.
    assert shown(window) == {
        "visits": "2",
        "requests": "1",
        "helped": "1",
        "self-served": "50%",
        "help-requests": "1",
        "wait": "1 min 30 s",
        "good": "0",
        "average": "0",
        "poor": "1",
    }
    assert charted(window) == {
        "channels": [("Kiosk, on their own", 1)],
        "visits": [("Made a request", 1), ("Booked an appointment", 1)],
        "ratings": [("Poor", 1)],
        "outcomes": [("Signposted elsewhere", 1)],
    }
    ratings = page.charts["ratings"].chart
    assert ratings.accessibleName() == "Chart: How customers rated us"
    assert ratings.accessibleDescription() == "How customers rated us: Good: 0; Average: 0; Poor: 1"

    tap(qtbot, window, "figures-month")
    qtbot.waitUntil(lambda: page.period_title.text().startswith("This month"), timeout=10_000)
    qtbot.waitUntil(lambda: loaded(window), timeout=10_000)
    assert page.period_buttons[Period.MONTH].isChecked()
    # The month so far (the 1st to the 3rd), as the backend counts it for Sam.
    with BackendClient(backend.url) as client:
        client.token = client.login("sam", DEMO_PASSWORD).token
        report = client.figures(date(2026, 11, 1), TODAY, "shop")
    assert shown(window) == {
        "visits": str(report.visits.visits),
        "requests": str(report.cases),
        "helped": str(report.visits.helped),
        "self-served": f"{round(100 * report.visits.self_served / report.visits.visits)}%",
        "help-requests": str(report.help.requests),
        "wait": summary.wait(report.help.response_p50_s).replace(summary.NO_BREAK, " "),
        "good": "1",
        "average": "0",
        "poor": "1",
    }
    assert (report.visits.visits, report.cases, report.help.requests) == (3, 2, 2)
    assert shown(window)["self-served"] == "67%"
    assert shown(window)["wait"] == "30 seconds"
    assert charted(window) == {
        "channels": [("Kiosk, on their own", 2)],
        "visits": [("Made a request", 2), ("Booked an appointment", 1)],
        "ratings": [("Good", 1), ("Poor", 1)],
        "outcomes": [("Resolved at the kiosk", 1), ("Signposted elsewhere", 1)],
    }
    tap(qtbot, window, "figuresBack")
    assert window.current_page() is Page.BOARD


def test_a_backend_out_of_reach_is_said_plainly_and_try_again_recovers(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    background = window.presenter.background
    # Nothing listens on this port: a real connection, refused.
    nowhere = BackendClient(f"http://127.0.0.1:{free_port()}", retries=0)
    background.attach(nowhere)
    try:
        window.presenter.figures.today = lambda: TODAY
        tap(qtbot, window, "showFigures")
        page = window.figures
        qtbot.waitUntil(page.retry_button.isVisible, timeout=10_000)
        assert page.status.text() == "Could not load the figures. Try again."
        assert not page.body.isVisible()
        background.attach(window.presenter.client)
        tap(qtbot, window, "figuresRetry")
        qtbot.waitUntil(lambda: loaded(window), timeout=10_000)
        assert not page.retry_button.isVisible()
        assert window.figures.value("visits") == "0"
        assert shown(window)["wait"] == "No waits yet"
        assert page.charts["channels"].words.text() == "No requests yet."
        assert not page.charts["channels"].chart.isVisible()
    finally:
        nowhere.close()


def test_another_locations_figures_are_refused_plainly(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    window.presenter.figures.location = "lib-central"
    tap(qtbot, window, "showFigures")
    page = window.figures
    qtbot.waitUntil(page.retry_button.isVisible, timeout=10_000)
    assert page.status.text() == summary.NOT_YOURS


@pytest.fixture(params=list(SIZES))
def desk(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[DeskWindow]:
    width, height = SIZES[request.param]
    settings = DeskSettings(sound=False, windowed=True, width=width, height=height)
    window = build_desk(settings, BackendClient("http://127.0.0.1:9"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.presenter.apply(sample_welcome())
    yield window
    window.presenter.shutdown()


def test_the_page_passes_the_audit_loaded_loading_and_failed(
    desk: DeskWindow, qapp: QApplication
) -> None:
    desk.show_page(Page.FIGURES)
    assert desk.focusWidget() is desk.figures.back_button
    desk.presenter.figures.show(sample_figures(), Period.MONTH, FIGURES_DAY)
    for state in ("loaded", "scrolled", "loading", "failed"):
        if state == "scrolled":
            bar = desk.figures.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())
        elif state == "loading":
            desk.figures.show_loading()
        elif state == "failed":
            desk.figures.show_failed(summary.FAILED)
        qapp.processEvents()
        problems = audit(desk)
        assert problems == [], f"{state}: " + "; ".join(map(str, problems))


def test_the_words_say_the_figures_plainly() -> None:
    assert summary.wait(None) == "No waits yet"
    assert summary.wait(1) == "1\u00a0second"
    assert summary.wait(59.4) == "59\u00a0seconds"
    assert summary.wait(60) == "1\u00a0min"
    assert summary.wait(95) == "1\u00a0min\u00a035\u00a0s"
    assert summary.period_days(Period.TODAY, TODAY) == (TODAY, TODAY)
    assert summary.period_days(Period.MONTH, TODAY) == (date(2026, 11, 1), TODAY)
    shop = summary.summarise(sample_figures(), Period.MONTH, FIGURES_DAY)
    assert shop.title == "This month, November 2026 (1 to 18 November)"
    assert shop.figure("self-served").value == "69%"
    assert shop.figure("self-served").note == "77 of 112 kiosk visits"
    assert shop.chart("channels").bars == (
        ("Kiosk, on their own", 64),
        ("Kiosk, with a greeter", 12),
        ("Face to face", 7),
        ("Phone", 4),
    )
    assert shop.chart("outcomes").bars[-1] == ("Customer cancelled", 3)
    assert shop.chart("visits").bars == (
        ("Made a request", 57),
        ("Booked an appointment", 7),
        ("Found information", 9),
        ("Checked on a request", 18),
        ("Left before finishing", 15),
        ("Timed out", 6),
    )
