"""Speak to someone, with every real part: a real kiosk (widgets, the on-screen keyboard's
page, its background calls) and the backend on loopback. The customer asks for an advisor,
gives a mobile number for a text, and gets a ticket shown large with how many are before
them; a number that is not one is said plainly before anything is sent; with the network
down the kiosk says so and points to the desk (issue 12)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.db.engine import unit_of_work
from casebackend.triage.models import TriageEntryRow
from kiosk.app import Kiosk, Mode
from kiosk.window import Page
from shared.client import BackendClient
from shared.flow import texts
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap

__all__ = ["kiosk"]  # fixture


def tickets(backend: Backend) -> list[tuple[str, bool, str | None]]:
    with unit_of_work(backend.context.sessions) as session:
        rows = session.scalars(select(TriageEntryRow).order_by(TriageEntryRow.waiting_since))
        return [(row.ticket, row.for_advisor, row.phone) for row in rows]


def test_a_customer_gets_a_ticket_for_an_advisor_and_a_text_when_called(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    window, speak = kiosk.window, kiosk.window.speak
    kiosk.set_mode(Mode("pl", kiosk.mode.accessibility))
    tap(qtbot, window.welcome.speak_button)
    assert window.current_page() is Page.SPEAK

    # Not a phone number: said plainly, nothing sent, what they typed kept.
    speak.phone_edit.setFocus()
    qtbot.keyClicks(speak.phone_edit, "12")
    tap(qtbot, speak.get_button)
    assert speak.message.text() == texts.ui_text("speak.bad_phone", "pl")
    assert speak.phone_edit.text() == "12"
    assert tickets(backend) == []

    speak.phone_edit.clear()
    qtbot.keyClicks(speak.phone_edit, "07700 900123")
    tap(qtbot, speak.get_button)
    qtbot.waitUntil(speak.result.isVisible, timeout=10_000)
    [(ticket, for_advisor, phone)] = tickets(backend)
    assert (for_advisor, phone) == (True, "07700900123")
    assert speak.headline.text() == texts.ui_text("speak.number", "pl", ticket=ticket)
    assert [line.text() for line in speak.result_lines()] == [
        texts.ui_text("speak.next", "pl"),
        texts.ui_text("speak.texted", "pl"),
    ]
    # The number typed is gone from the screen once sent.
    assert speak.phone_edit.text() == ""

    # Done: the privacy wipe, back to the welcome screen.
    tap(qtbot, speak.done_button)
    assert window.current_page() is Page.WELCOME

    # A second customer, no phone number: one is before them.
    tap(qtbot, window.welcome.speak_button)
    assert speak.asking.isVisible()
    tap(qtbot, speak.get_button)
    qtbot.waitUntil(speak.result.isVisible, timeout=10_000)
    assert [line.text() for line in speak.result_lines()] == [
        texts.ui_text("speak.ahead", "en", count=1)
    ]
    assert [phone for _, _, phone in tickets(backend)] == ["07700900123", None]


def test_with_the_network_down_the_kiosk_points_to_the_desk(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    # Nothing listens on port 1: the call fails as with the network down.
    kiosk.background.attach(BackendClient("http://127.0.0.1:1", token="x", retries=0))
    tap(qtbot, kiosk.window.welcome.speak_button)
    tap(qtbot, kiosk.window.speak.get_button)
    speak = kiosk.window.speak
    qtbot.waitUntil(speak.message.isVisible, timeout=10_000)
    assert speak.message.text() == texts.ui_text("speak.unavailable", "en")
    assert speak.get_button.isEnabled()
    assert not speak.result.isVisible()
    assert tickets(backend) == []
