"""Book an appointment, with every real part: a real kiosk at the shop (its widgets, the
on-screen keyboard's page, its background calls) and the backend on loopback. A customer
taps the tier-3 tile, picks a time, types their name and a mobile number, checks and
books: the appointment is in the backend at that time, and the reference is shown large
with a QR code to its page. A time someone else takes first brings the times back with
nothing typed lost; with the network down the page says so and offers Start again and
Help me; the desk's mirror draws the booking pages with the details masked (issue 12)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk import book as book_page
from kiosk.app import Kiosk, Mode
from kiosk.help.session import HelpStatus
from kiosk.window import Page
from shared.catalogue.schemas import Catalogue
from shared.client import BackendClient
from shared.flow import texts
from shared.flow.book_screen import EMAIL, NAME, PHONE, BookStage
from shared.flow.screen_state import MASK
from shared.resources import asset_path
from shared.schema import encode, replace
from shared.storage.sqlalchemy import utcnow
from shared.ui.kiosk_screen import KioskScreenView
from shared.ui.pages.book import BookView
from shared.ui.pages.services import tile_name
from tests.casebackend.appointments.helpers import appointment
from tests.casebackend.appointments.helpers import book as book_elsewhere
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap

__all__ = ["kiosk"]  # fixture

SERVICE = "appointment"


def open_booking(qtbot: QtBot, kiosk: Kiosk) -> BookView:
    """From the welcome screen, the tier-3 tile; the times once they came."""
    window = kiosk.window
    tap(qtbot, window.welcome.start_button)
    tile = window.services.findChild(QPushButton, f"service:{SERVICE}")
    tap(qtbot, tile)
    assert window.current_page() is Page.BOOK
    return window.book


def wait_for_times(qtbot: QtBot, book: BookView) -> None:
    qtbot.waitUntil(lambda: bool(book.time_buttons), timeout=10_000)


def box(book: BookView, field_id: str) -> QLineEdit:
    edit = book.fields[field_id].control()
    assert isinstance(edit, QLineEdit)
    return edit


def named(qtbot: QtBot, kiosk: Kiosk, name: str) -> BookView:
    """The first free time chosen, and ``name`` typed on the details page."""
    book = open_booking(qtbot, kiosk)
    wait_for_times(qtbot, book)
    tap(qtbot, next(iter(book.time_buttons.values())))
    type_into(qtbot, book, NAME, name)
    return book


def type_into(qtbot: QtBot, book: BookView, field_id: str, text: str) -> None:
    edit = box(book, field_id)
    tap(qtbot, edit)
    edit.clear()
    qtbot.keyClicks(edit, text)


def booked_at(backend: Backend, reference: str) -> datetime:
    found = appointment(backend, reference).starts_at
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def test_a_customer_books_an_appointment_at_the_kiosk(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    kiosk.set_mode(Mode("pl", kiosk.mode.accessibility))

    def said(key: str, **params: str) -> str:
        return texts.ui_text(key, "pl", **params)

    book = open_booking(qtbot, kiosk)
    assert book.title.text() == said("book.pick.title")
    wait_for_times(qtbot, book)
    assert book.day_buttons, "the days with free times"
    key, first = next(iter(book.time_buttons.items()))
    tap(qtbot, first)
    assert book.details.isVisible()

    type_into(qtbot, book, NAME, "Rhiannon Test")
    # Not a number: said beside the box before anything is sent; what was typed stays.
    type_into(qtbot, book, PHONE, "12")
    tap(qtbot, book.primary_button)
    assert book.fields[PHONE].error_text() == said("contact.phone.invalid")
    assert book.typed(NAME) == "Rhiannon Test"
    type_into(qtbot, book, PHONE, "07700 900123")
    tap(qtbot, book.primary_button)
    assert book.title.text() == said("book.check.title")
    values = [shown.text() for shown in book.rows_box.findChildren(QLabel, "bookRowValue")]
    assert values[-1] == said("check.not_answered")  # no email
    assert len(book.change_buttons) == 4

    tap(qtbot, book.primary_button)
    qtbot.waitUntil(book.booked.isVisible, timeout=10_000)
    reference = book.reference.text()
    assert reference.startswith("AP-")
    stored = appointment(backend, _compact(reference))
    assert booked_at(backend, stored.reference) == datetime.fromisoformat(key)
    assert (stored.name, stored.phone, stored.channel.value) == (
        "Rhiannon Test",
        "07700900123",
        "kiosk",
    )
    # The QR code goes to the appointment's own page, with its secret; a text is coming.
    assert "/appointment/" in book.qr_code.text
    assert "?" in book.qr_code.text
    assert book.next.text() == said("book.done.sent")
    # Nothing typed is left on the screen once booked.
    assert all(book.typed(field_id) == "" for field_id in (NAME, PHONE, EMAIL))

    tap(qtbot, book.primary_button)  # Done: the privacy wipe
    assert kiosk.window.current_page() is Page.WELCOME
    left = [w.text() for w in kiosk.window.findChildren(QLabel)]
    assert not any(reference in text or "Rhiannon" in text for text in left)


def _compact(display: str) -> str:
    return display.replace("-", "")


def test_a_time_taken_first_brings_the_times_back_and_keeps_the_details(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    book = open_booking(qtbot, kiosk)
    wait_for_times(qtbot, book)
    key, first = next(iter(book.time_buttons.items()))
    tap(qtbot, first)
    type_into(qtbot, book, NAME, "Alex Example")
    type_into(qtbot, book, EMAIL, "alex@example.com")
    tap(qtbot, book.primary_button)
    assert book.title.text() == texts.ui_text("book.check.title", "en")

    # Meanwhile both of the shop's advisors are booked at that time from elsewhere.
    taken = datetime.fromisoformat(key)
    for _ in range(2):
        book_elsewhere(backend, taken, now=utcnow())
    tap(qtbot, book.primary_button)
    qtbot.waitUntil(lambda: book.message.text() == texts.ui_text("book.taken", "en"))
    qtbot.waitUntil(lambda: bool(book.time_buttons), timeout=10_000)
    assert book.pick.isVisible()
    assert key not in book.time_buttons
    assert (book.typed(NAME), book.typed(EMAIL)) == ("Alex Example", "alex@example.com")

    # Another time: the details are there, so straight to the check, and booked.
    other, button = next(iter(book.time_buttons.items()))
    tap(qtbot, button)
    assert book.title.text() == texts.ui_text("book.check.title", "en")
    tap(qtbot, book.primary_button)
    qtbot.waitUntil(book.booked.isVisible, timeout=10_000)
    stored = appointment(backend, _compact(book.reference.text()))
    assert booked_at(backend, stored.reference) == datetime.fromisoformat(other)
    assert (stored.name, stored.email) == ("Alex Example", "alex@example.com")


def test_with_the_network_down_the_page_says_so_and_the_bar_leads_on(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    book = named(qtbot, kiosk, "Sam Example")
    tap(qtbot, book.primary_button)
    # The network goes: nothing listens on port 1.
    kiosk.background.attach(BackendClient("http://127.0.0.1:1", token="x", retries=0))
    tap(qtbot, book.primary_button)
    qtbot.waitUntil(book.message.isVisible, timeout=10_000)
    assert book.message.text() == texts.ui_text("book.unavailable", "en")
    assert book.typed(NAME) == "Sam Example"
    assert book.rows_box.isVisible()  # still on the check: they may try again

    # The ways on are the bar's, as on every screen (not drawn twice on the page).
    bar = kiosk.window
    assert bar.help_button.isVisible()
    assert bar.start_again_button.isVisible()
    tap(qtbot, bar.help_button)
    assert kiosk.help.status is not HelpStatus.NONE
    # Start again asks first (a name would be lost), then wipes it.
    tap(qtbot, bar.start_again_button)
    assert kiosk.start_again_confirm.isVisible()
    kiosk.start_again_confirm.confirmed.emit()
    assert kiosk.window.current_page() is Page.WELCOME
    assert book.typed(NAME) == ""

    # Down from the start: said plainly where the times would be.
    book = open_booking(qtbot, kiosk)
    qtbot.waitUntil(book.message.isVisible, timeout=10_000)
    assert book.message.text() == texts.ui_text("book.unavailable", "en")
    assert book.time_buttons == {}
    tap(qtbot, kiosk.window.start_again_button)
    assert kiosk.window.current_page() is Page.WELCOME


def test_details_the_schema_refuses_are_refused_before_anything_is_sent(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page's own checks keep a name to the schema's 200 characters. Were they to let
    # more through, the booking is still read against its schema before it is sent (a
    # schema that code builds checks nothing): refused at once, in the customer's words.
    name, *others = book_page.DETAILS
    monkeypatch.setattr(book_page, "DETAILS", (replace(name, max_length=None), *others))
    book = named(qtbot, kiosk, "R" * 201)
    tap(qtbot, book.primary_button)
    assert book.title.text() == texts.ui_text("book.check.title", "en")
    # A backend that is not there: anything sent would come back as the network down.
    kiosk.background.attach(BackendClient("http://127.0.0.1:1", token="x", retries=0))
    tap(qtbot, book.primary_button)
    assert book.message.text() == texts.ui_text("book.failed", "en")
    assert book.typed(NAME) == "R" * 201  # kept, to be put right


def test_the_idle_wipe_forgets_what_was_typed(qtbot: QtBot, backend: Backend, kiosk: Kiosk) -> None:
    book = named(qtbot, kiosk, "Idle Person")
    # Help me here tells the greeter the service and the page, never the name.
    context = kiosk.help_context()
    assert (context.screen, context.service_code, context.step_id) == ("book", SERVICE, "details")
    assert "Idle Person" not in encode(context).decode()
    kiosk.wipe("idle")
    assert kiosk.window.current_page() is Page.WELCOME
    assert book.typed(NAME) == ""
    assert not kiosk.booking.active
    assert not any("Idle Person" in w.text() for w in kiosk.window.findChildren(QLineEdit))


def test_the_mirror_draws_the_booking_with_the_details_masked(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    book = named(qtbot, kiosk, "Rhiannon Test")
    type_into(qtbot, book, PHONE, "07700 900123")
    mirror = KioskScreenView({}, read_only=True)
    qtbot.addWidget(mirror)

    def mirrored() -> KioskScreenView:
        screen = kiosk.kiosk_screen()
        wire = encode(screen).decode()
        assert "Rhiannon" not in wire
        assert "900123" not in wire
        mirror.show_screen(screen)
        return mirror

    shown = mirrored().book
    assert mirror.current_page() is Page.BOOK
    assert shown.title.text() == book.title.text()
    assert [box(shown, f).text() for f in (NAME, PHONE, EMAIL)] == [MASK, MASK, ""]
    # The keyboard's box is named, not its words.
    screen = kiosk.kiosk_screen()
    assert screen.keyboard is None or screen.keyboard.field == PHONE

    tap(qtbot, book.primary_button)
    assert kiosk.kiosk_screen().book is not None
    assert kiosk.kiosk_screen().book.stage is BookStage.CHECK  # type: ignore[union-attr]
    shown = mirrored().book
    values = [label.text() for label in shown.rows_box.findChildren(QLabel, "bookRowValue")]
    assert values[-3:] == [MASK, MASK, texts.ui_text("check.not_answered", "en")]
    assert (
        values[1]
        == [label.text() for label in book.rows_box.findChildren(QLabel, "bookRowValue")][1]
    )
    # Nothing on the mirror's booking page can be pressed.
    assert mirror.book.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_a_tier_3_tile_says_it_books_an_appointment() -> None:
    demo = Catalogue.load(asset_path("catalogue", "demo.json"))
    service, pothole = demo.service(SERVICE), demo.service("pothole")
    assert service is not None
    assert pothole is not None
    advice = replace(service, name="Housing advice", translations={})
    assert tile_name(advice, "en") == "Book an appointment: Housing advice"
    assert tile_name(advice, "ar") == texts.ui_text("book.tile", "ar", service="Housing advice")
    # A name that says it already is not said twice; other tiers keep their names.
    for language in ("en", "pl", "ar"):
        assert tile_name(service, language) == texts.service_name(service, language)
    assert tile_name(pothole, "en") == pothole.name
