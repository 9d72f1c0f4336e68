"""The tracking screen words its dates in the customer's language's conventions."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QLabel

from shared.cases.schemas import PublicCase, StatusEvent
from shared.cases.workflow import CaseStatus
from shared.ui.pages.track import TrackView

RECEIVED = datetime(2026, 12, 2, 18, 53).astimezone()


def shown_case(qtbot, language: str) -> list[str]:
    view = TrackView()
    qtbot.addWidget(view)
    case = PublicCase(
        reference="K2A2222KC",
        reference_display="K2A-222-2KC",
        service_code="pothole",
        service_name="Report a pothole",
        status=CaseStatus.SUBMITTED,
        status_label="Submitted",
        created_at=RECEIVED,
        sla_due=date(2026, 12, 16),
        history=[StatusEvent(status=CaseStatus.SUBMITTED, at=RECEIVED)],
    )
    view.show_case(case, language)
    return [w.text() for w in view.result.findChildren(QLabel)]


def test_a_uk_council_shows_british_dates(qtbot):
    words = shown_case(qtbot, "en")
    assert "We aim to finish by 16 December 2026" in words
    assert "2 December 2026, 18:53: Received" in words
    assert not any("12/2/26" in w or "PM" in w for w in words)


def test_polish_dates_are_polish(qtbot):
    words = " ".join(shown_case(qtbot, "pl"))
    assert "16 grudnia 2026" in words
    assert "2 grudnia 2026, 18:53" in words
