"""I have an appointment, with every real part: a real kiosk at the shop and the backend on
loopback. A mistyped reference is said plainly before anything is sent; an unknown one, one
for another day and one at another place are each refused in the customer's language; the
right one checks the customer in ("please take a seat") and puts them on the triage list
(issue 12)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from casebackend.appointments.models import Appointment
from casebackend.db.engine import unit_of_work
from casebackend.triage.models import TriageEntryRow
from kiosk.app import Kiosk, Mode
from kiosk.arrive import CheckIn
from kiosk.window import Page
from shared.appointments import references
from shared.errors import Conflict, Forbidden, Unavailable
from shared.flow import texts
from shared.storage.sqlalchemy import utcnow
from shared.ui.locale import datetime_words
from tests.casebackend.appointments.helpers import at, book
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap

__all__ = ["kiosk"]  # fixture


def check_in(qtbot: QtBot, kiosk: Kiosk, typed: str) -> str:
    """Type ``typed`` and press Check in; what the page then says."""
    arrive = kiosk.window.arrive
    arrive.reference_edit.clear()
    qtbot.keyClicks(arrive.reference_edit, typed)
    tap(qtbot, arrive.check_in_button)
    qtbot.waitUntil(lambda: arrive.check_in_button.isEnabled() or arrive.result.isVisible())
    return arrive.headline.text() if arrive.result.isVisible() else arrive.message.text()


def test_a_customer_checks_in_for_their_appointment(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    today, later = book(backend, at(7, 10)), book(backend, at(7, 11))
    now = utcnow()
    with unit_of_work(backend.context.sessions) as session:
        for reference, starts_at in ((today, now), (later, now + timedelta(days=3))):
            session.execute(
                update(Appointment)
                .where(Appointment.reference == reference)
                .values(starts_at=starts_at)
            )
    display = references.parse(today).display
    kiosk.set_mode(Mode("pl", kiosk.mode.accessibility))
    tap(qtbot, kiosk.window.welcome.arrive_button)
    assert kiosk.window.current_page() is Page.ARRIVE

    def said(key: str, **params: str) -> str:
        return texts.ui_text(key, "pl", **params)

    assert check_in(qtbot, kiosk, "AP-123") == said("arrive.invalid")
    unknown = references.new_reference()
    assert unknown.compact not in (today, later)
    assert check_in(qtbot, kiosk, unknown.display) == said("arrive.not_found")
    when = datetime_words(now + timedelta(days=3), "pl")
    assert check_in(qtbot, kiosk, later) == said("arrive.other_day", when=when)
    with backend.context.sessions() as session:
        assert session.scalars(select(TriageEntryRow)).all() == []

    assert check_in(qtbot, kiosk, display.lower()) == said("arrive.thanks")
    with backend.context.sessions() as session:
        [entry] = session.scalars(select(TriageEntryRow)).all()
        assert (entry.kind, entry.appointment_reference) == ("appointment", today)
    tap(qtbot, kiosk.window.arrive.done_button)
    assert kiosk.window.current_page() is Page.WELCOME


def test_the_backend_s_other_refusals_in_the_customer_s_words() -> None:
    """Another place and a cancelled appointment (the backend's own tests answer these);
    the network down, and whatever else, send the customer to the desk."""
    cases = (
        (Forbidden("This appointment is at the shop.", location="shop"), "arrive.elsewhere"),
        (Conflict("This appointment was cancelled.", status="cancelled"), "arrive.cancelled"),
        (Unavailable("The connection failed."), "arrive.unavailable"),
        (Conflict("It has already ended.", status="completed"), "arrive.failed"),
    )
    for error, key in cases:
        assert CheckIn.problem_words(error, "ar") == texts.ui_text(key, "ar")
