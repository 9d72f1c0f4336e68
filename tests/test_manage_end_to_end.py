"""Change or cancel an appointment, with every real part: a real kiosk at the shop (its
widgets and background calls) and the backend on loopback, on a real SQLite file. A
customer who booked comes back to the kiosk, finds their booking by its reference and the
phone number they booked with, sees it, and cancels it (asked once more) or moves it to
another free time (one taken meanwhile brings the times back); each is stored. A wrong
phone number, a booking already cancelled, one too late to change and the network down are
said plainly, with what was typed kept; the desk's mirror draws the pages with the phone
number and the typed reference masked."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, Mode
from kiosk.window import Page
from shared.appointments.references import AppointmentReference
from shared.client import BackendClient
from shared.flow import texts
from shared.flow.book_screen import CONTACT, REFERENCE, BookStage
from shared.flow.screen_state import MASK
from shared.schema import encode
from shared.storage.sqlalchemy import utcnow
from shared.ui.kiosk_screen import KioskScreenView
from shared.ui.pages.book import BookView
from tests.casebackend.appointments.helpers import appointment, book_due_now
from tests.casebackend.appointments.helpers import book as book_elsewhere
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap

__all__ = ["kiosk"]  # fixture

# The phone number the helpers book with, as a customer might type it.
PHONE = "+44 7700 900123"


def free_times(backend: Backend) -> list[str]:
    response = backend.http.get(
        f"{backend.api}/appointments/slots",
        params={"location": "shop", "service": "appointment", "days": "14"},
    )
    assert response.status_code == 200, response.text
    return [slot["starts_at"] for slot in response.json()["slots"]]


def booked(backend: Backend) -> tuple[str, str]:
    """A booking at the shop's first free time, made elsewhere: its reference (as on the
    confirmation) and its start."""
    starts_at = free_times(backend)[0]
    reference = book_elsewhere(backend, datetime.fromisoformat(starts_at), now=utcnow())
    return AppointmentReference(reference).display, starts_at


def open_page(qtbot: QtBot, kiosk: Kiosk) -> BookView:
    tap(qtbot, kiosk.window.welcome.manage_button)
    assert kiosk.window.current_page() is Page.MANAGE
    return kiosk.window.manage


def type_into(qtbot: QtBot, view: BookView, field_id: str, text: str) -> None:
    edit = view.fields[field_id].control()
    assert isinstance(edit, QLineEdit)
    tap(qtbot, edit)
    edit.clear()
    qtbot.keyClicks(edit, text)


def find(qtbot: QtBot, view: BookView, reference: str, contact: str) -> None:
    type_into(qtbot, view, REFERENCE, reference)
    type_into(qtbot, view, CONTACT, contact)
    tap(qtbot, view.primary_button)


def found(qtbot: QtBot, kiosk: Kiosk, reference: str) -> BookView:
    """The booking found and shown, with its two choices."""
    view = open_page(qtbot, kiosk)
    find(qtbot, view, reference, PHONE)
    qtbot.waitUntil(lambda: bool(view.action_buttons), timeout=10_000)
    return view


def values(view: BookView) -> list[str]:
    return [shown.text() for shown in view.rows_box.findChildren(QLabel, "bookRowValue")]


def starts(backend: Backend, reference: str) -> datetime:
    stored = appointment(backend, reference.replace("-", "")).starts_at
    return stored if stored.tzinfo else stored.replace(tzinfo=UTC)


def test_a_customer_finds_and_cancels_their_appointment(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    reference, _ = booked(backend)

    def said(key: str) -> str:
        return texts.ui_text(key, "en")

    view = open_page(qtbot, kiosk)
    assert view.title.text() == said("manage.find.title")
    # Typed in small letters without dashes, and a phone number not the booking's: the
    # same plain answer as an unknown reference, and nothing typed is lost.
    find(qtbot, view, reference.lower().replace("-", ""), "07700 900999")
    qtbot.waitUntil(view.message.isVisible, timeout=10_000)
    assert view.message.text() == said("manage.not_found")
    assert view.typed(CONTACT) == "07700 900999"
    assert view.typed(REFERENCE) == reference.lower().replace("-", "")

    type_into(qtbot, view, CONTACT, PHONE)
    tap(qtbot, view.primary_button)
    qtbot.waitUntil(lambda: bool(view.action_buttons), timeout=10_000)
    assert view.title.text() == said("manage.found.title")
    # Read aloud says whose it is and what can be done, not the heading alone.
    spoken = view.spoken_text()
    assert said("manage.move") in spoken
    assert not view.message.isVisible()
    shown = values(view)
    assert all(value in spoken for value in shown)
    assert any("Customer Service" in value or "Shop" in value for value in shown)
    assert [b.words.text() for b in view.action_buttons.values()] == [
        said("manage.move"),
        said("manage.cancel"),
    ]

    # Cancel it asks once more; No keeps it.
    tap(qtbot, view.action_buttons["cancel"])
    assert view.title.text() == said("manage.cancel.title")
    assert view.back_button.text() == said("manage.cancel.no")
    tap(qtbot, view.back_button)
    assert view.title.text() == said("manage.found.title")
    assert appointment(backend, reference.replace("-", "")).status.value == "booked"
    tap(qtbot, view.action_buttons["cancel"])
    tap(qtbot, view.primary_button)
    qtbot.waitUntil(view.booked.isVisible, timeout=10_000)
    assert view.booked_title.text() == said("manage.cancelled.title")
    assert view.reference.text() == reference
    assert appointment(backend, reference.replace("-", "")).status.value == "cancelled"
    # The phone number is gone from the screen once it is done.
    assert (view.typed(REFERENCE), view.typed(CONTACT)) == ("", "")

    tap(qtbot, view.primary_button)  # Done: the privacy wipe
    assert kiosk.window.current_page() is Page.WELCOME


def test_a_customer_moves_their_appointment_to_another_time(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    kiosk.set_mode(Mode("ar", kiosk.mode.accessibility))
    reference, first = booked(backend)
    view = found(qtbot, kiosk, reference)
    tap(qtbot, view.action_buttons["move"])
    qtbot.waitUntil(lambda: bool(view.time_buttons), timeout=10_000)
    assert view.title.text() == texts.ui_text("book.pick.title", "ar")
    # Its own time is not offered (moving to it would change nothing).
    assert first not in view.time_buttons
    taken, button = next(iter(view.time_buttons.items()))
    tap(qtbot, button)
    assert view.title.text() == texts.ui_text("manage.move.title", "ar")
    assert len(view.change_buttons) == 1  # the new time's Change
    # Meanwhile both of the shop's advisors are booked at that time from elsewhere: the
    # times again, and the booking as it was.
    for _ in range(2):
        book_elsewhere(backend, datetime.fromisoformat(taken), now=utcnow())
    tap(qtbot, view.primary_button)
    qtbot.waitUntil(lambda: view.message.text() == texts.ui_text("book.taken", "ar"))
    qtbot.waitUntil(lambda: bool(view.time_buttons), timeout=10_000)
    assert taken not in view.time_buttons
    assert starts(backend, reference) == datetime.fromisoformat(first)
    key, button = next(iter(view.time_buttons.items()))
    tap(qtbot, button)
    tap(qtbot, view.primary_button)
    qtbot.waitUntil(view.booked.isVisible, timeout=10_000)
    assert view.booked_title.text() == texts.ui_text("manage.moved.title", "ar")
    assert view.reference.text() == reference
    assert starts(backend, reference) == datetime.fromisoformat(key)
    assert appointment(backend, reference.replace("-", "")).status.value == "booked"


def test_already_cancelled_and_too_late_are_said_plainly(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    reference, _ = booked(backend)
    cancelled = backend.http.post(
        f"{backend.api}/appointments/{reference}/cancel", json={"contact": PHONE}
    )
    assert cancelled.status_code == 200, cancelled.text
    view = open_page(qtbot, kiosk)
    find(qtbot, view, reference, PHONE)
    qtbot.waitUntil(view.message.isVisible, timeout=10_000)
    assert view.message.text() == texts.ui_text("manage.already_cancelled", "en")
    assert not view.action_buttons or not view.actions_box.isVisible()

    # An appointment whose time has come: for the desk.
    due = AppointmentReference(book_due_now(backend)).display
    type_into(qtbot, view, REFERENCE, due)
    tap(qtbot, view.primary_button)
    qtbot.waitUntil(
        lambda: view.message.text() == texts.ui_text("manage.too_late", "en"), timeout=10_000
    )
    assert view.typed(REFERENCE) == due
    assert view.typed(CONTACT) == PHONE

    # A mistyped reference is said beside its box without a round trip.
    type_into(qtbot, view, REFERENCE, "AP-K7M-2QY")
    tap(qtbot, view.primary_button)
    assert view.fields[REFERENCE].error_text() == texts.ui_text("arrive.invalid", "en")


def test_with_the_network_down_the_page_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    reference, _ = booked(backend)
    kiosk.background.attach(BackendClient("http://127.0.0.1:1", token="x", retries=0))
    view = open_page(qtbot, kiosk)
    find(qtbot, view, reference, PHONE)
    qtbot.waitUntil(view.message.isVisible, timeout=10_000)
    assert view.message.text() == texts.ui_text("manage.unavailable", "en")
    assert (view.typed(REFERENCE), view.typed(CONTACT)) == (reference, PHONE)
    assert view.details.isVisible()
    # Start again asks first: a phone number would be lost.
    tap(qtbot, kiosk.window.start_again_button)
    assert kiosk.start_again_confirm.isVisible()
    # The idle wipe forgets it.
    kiosk.wipe("idle")
    assert kiosk.window.current_page() is Page.WELCOME
    assert (view.typed(REFERENCE), view.typed(CONTACT)) == ("", "")
    assert not kiosk.changing.active


def test_a_contact_longer_than_any_booking_s_is_not_found_before_anything_is_sent(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    reference, _ = booked(backend)
    view = open_page(qtbot, kiosk)
    # A backend that is not there: anything sent would come back as the network down.
    kiosk.background.attach(BackendClient("http://127.0.0.1:1", token="x", retries=0))
    # Longer than the schema lets any phone number or email address be (254).
    find(qtbot, view, reference, "7" * 255)
    assert view.fields[CONTACT].error_text() == texts.ui_text("manage.not_found", "en")
    assert not view.message.isVisible()
    assert view.typed(CONTACT) == "7" * 255


def test_the_mirror_draws_the_pages_with_the_phone_number_masked(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    reference, _ = booked(backend)
    mirror = KioskScreenView({}, read_only=True)
    qtbot.addWidget(mirror)

    def mirrored() -> BookView:
        screen = kiosk.kiosk_screen()
        wire = encode(screen).decode()
        assert "900123" not in wire
        mirror.show_screen(screen)
        assert mirror.current_page() is Page.MANAGE
        return mirror.manage

    # Elsewhere the new page's state is left off the wire: an earlier desk reads the rest.
    assert "manage" not in json.loads(encode(kiosk.kiosk_screen()))
    view = open_page(qtbot, kiosk)
    type_into(qtbot, view, REFERENCE, reference)
    type_into(qtbot, view, CONTACT, PHONE)
    screen = kiosk.kiosk_screen()
    assert screen.page is Page.MANAGE
    assert screen.manage is not None
    assert screen.manage.stage is BookStage.FIND
    assert reference not in encode(screen).decode()  # as typed: masked
    shown = mirrored()
    assert shown.title.text() == view.title.text()
    assert [shown.fields[box].control().text() for box in (REFERENCE, CONTACT)] == [MASK, MASK]  # type: ignore[attr-defined]
    assert shown.fields[REFERENCE].isVisibleTo(shown)
    assert not any(
        shown.fields[box].isVisibleTo(shown)
        for box in shown.fields
        if box not in (REFERENCE, CONTACT)
    )

    tap(qtbot, view.primary_button)
    qtbot.waitUntil(lambda: bool(view.action_buttons), timeout=10_000)
    shown = mirrored()
    assert values(shown) == values(view)
    assert [b.words.text() for b in shown.action_buttons.values()] == [
        b.words.text() for b in view.action_buttons.values()
    ]
    assert shown.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    # Help me here tells the greeter the page, never the phone number.
    context = kiosk.help_context()
    assert (context.screen, context.step_id) == ("manage", "found")
    assert "900123" not in encode(context).decode()
