"""A visit that books an appointment is counted as booked, with every real part: a real
kiosk at the shop books through the backend on loopback, Done ends the visit, and its
outbox sends it; the backend stores it with the outcome ``booked`` (docs/figures.md)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.db.engine import unit_of_work
from casebackend.visits.models import Visit
from kiosk.app import Kiosk
from kiosk.window import Page
from shared.flow.book_screen import PHONE
from shared.visits.schemas import VisitOutcome
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap
from tests.test_book_end_to_end import named, type_into

__all__ = ["kiosk"]  # fixture


def outcomes(backend: Backend) -> list[tuple[str | None, VisitOutcome]]:
    with unit_of_work(backend.context.sessions) as session:
        return [(v.service_code, v.outcome) for v in session.scalars(select(Visit))]


def test_a_visit_that_booked_an_appointment_reaches_the_backend_as_booked(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    book = named(qtbot, kiosk, "Rhiannon Test")
    type_into(qtbot, book, PHONE, "07700 900123")
    tap(qtbot, book.primary_button)  # to Check your booking
    tap(qtbot, book.primary_button)  # Book
    qtbot.waitUntil(book.booked.isVisible, timeout=10_000)
    tap(qtbot, book.primary_button)  # Done: the visit ends with the privacy wipe
    assert kiosk.window.current_page() is Page.WELCOME
    # The kiosk's background sync sends it (every 0.2 s here).
    qtbot.waitUntil(lambda: bool(outcomes(backend)), timeout=10_000)
    assert outcomes(backend) == [("appointment", VisitOutcome.BOOKED)]
