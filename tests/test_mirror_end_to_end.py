"""The mirror is the customer's whole screen, word for word, on every page.

A real kiosk and a real desk meet through the backend's live hub on loopback; the kiosk
is walked through every page and overlay (welcome, the language picker, the services, a
group of services, a question with the keyboard up, check answers, confirmation,
feedback, thanks, the idle warning, the help banner with a tip, track a case with a
result, the addresses found for a postcode, a submission that could not be stored,
Speak to someone, I have an appointment, Book an appointment) and, on each, the words
drawn on the desk's mirror are the words on the kiosk, the sensitive answers masked.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, Mode
from kiosk.help.session import HelpStatus
from kiosk.window import Page
from shared.flow import texts
from shared.flow.book_screen import NAME as BOOK_NAME
from shared.flow.book_screen import PHONE as BOOK_PHONE
from shared.flow.screen_state import MASK
from shared.flow.steps import StepKind
from shared.live.messages import LiveMessage, ScreenUpdate, read_message, write_message
from staffdesk.window import DeskWindow
from staffdesk.window import Page as DeskPage
from tests.casebackend.appointments.helpers import book_due_now
from tests.conftest import Backend
from tests.kiosk.test_app import choose_service, fill_screen
from tests.live_kiosk import kiosk, tap
from tests.shared.ui.drag import finger_tap
from tests.staffdesk.conftest import make_desk, sign_in

__all__ = ["kiosk", "make_desk"]  # fixtures

PLATE = "QX51 YRT"


def words_on(root: QWidget) -> list[str]:
    """Every word a person sees on ``root`` and over it, as a sorted list."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            text = widget.text()
        elif isinstance(widget, QPlainTextEdit):
            text = widget.toPlainText()
        elif isinstance(widget, QComboBox):
            text = widget.currentText()
        else:
            continue
        if text:
            found.append(text)
    return sorted(found)


def mirror_of(desk: DeskWindow) -> QWidget:
    return desk.mirror.kiosk.kiosk


def shown_secrets(kiosk: Kiosk) -> set[str]:
    """What the kiosk's own screen shows where its state says masked: the customer's
    sensitive answers, as typed."""
    view = kiosk.window.journey_view
    state = view.state
    found: set[str] = set()
    if state is None or kiosk.window.current_page() is not Page.JOURNEY:
        return found
    for field in state.fields:
        widget = view.field(field.id)
        if field.masked and widget is not None and widget.value():
            found.add(str(widget.value()))
    for row in state.check_rows:
        value = view.findChild(QLabel, f"checkValue:{row.field}")
        if row.masked and row.answered and value is not None:
            found.add(value.text())
    return found


def same_words(kiosk: Kiosk, desk: DeskWindow, secrets: tuple[str, ...] = ()) -> None:
    """The mirror shows the kiosk's words; each secret the customer typed, masked."""
    secrets = (*secrets, *shown_secrets(kiosk))
    expected = sorted(MASK if text in secrets else text for text in words_on(kiosk.window))
    drawn = words_on(mirror_of(desk))
    assert drawn == expected, (
        f"only on the kiosk: {sorted(set(expected) - set(drawn))}; "
        f"only on the mirror: {sorted(set(drawn) - set(expected))}"
    )
    for secret in secrets:
        assert secret not in drawn


def check(qtbot: QtBot, kiosk: Kiosk, desk: DeskWindow, secrets: tuple[str, ...] = ()) -> None:
    qtbot.waitUntil(lambda: same_words(kiosk, desk, secrets), timeout=5_000)


def claim(qtbot: QtBot, kiosk: Kiosk, desk: DeskWindow) -> None:
    alerts: list[str] = []
    desk.alerted.connect(alerts.append)
    tap(qtbot, kiosk.window.help_button)
    qtbot.waitUntil(lambda: bool(alerts))
    tap(qtbot, desk.findChild(QPushButton, f"claim-{alerts[0]}"))
    qtbot.waitUntil(lambda: kiosk.help.status is HelpStatus.HELPED)
    qtbot.waitUntil(lambda: desk.current_page() is DeskPage.MIRROR)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every live message written from here on (by the kiosk and the desk), as it went."""
    written: list[str] = []

    def recorded(message: LiveMessage) -> str:
        text = write_message(message)
        written.append(text)
        return text

    monkeypatch.setattr("shared.ui.live.write_message", recorded)
    return written


def type_into(qtbot: QtBot, kiosk: Kiosk, edit: QLineEdit, text: str) -> None:
    """The customer taps ``edit`` on their own screen (the desk's window took the focus when
    the greeter tapped) and types ``text``."""
    kiosk.window.activateWindow()
    qtbot.waitUntil(kiosk.window.isActiveWindow)
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClicks(edit, text)


def scroll_fraction(area: QScrollArea) -> float:
    bar = area.verticalScrollBar()
    return bar.value() / bar.maximum() if bar.maximum() else 0.0


def test_the_mirror_shows_every_page_word_for_word(  # noqa: PLR0915 (one visit)
    qtbot: QtBot,
    backend: Backend,
    kiosk: Kiosk,
    make_desk: Callable[..., DeskWindow],
) -> None:
    desk = make_desk(backend.url)
    sign_in(qtbot, desk, "sam")
    window = kiosk.window

    # Welcome: help is asked for before anything, and the greeter sees the welcome page.
    claim(qtbot, kiosk, desk)
    check(qtbot, kiosk, desk)

    # The language picker over it; then the welcome page in Polish.
    tap(qtbot, window.language_button)
    qtbot.waitUntil(kiosk.languages.isVisible)
    check(qtbot, kiosk, desk)
    tap(qtbot, kiosk.languages.choice("pl"))
    qtbot.waitUntil(lambda: not kiosk.languages.isVisible())
    check(qtbot, kiosk, desk)

    # The services, in Polish; scrolled to the end, the mirror scrolls too.
    tap(qtbot, window.welcome.start_button)
    check(qtbot, kiosk, desk)
    area = window.services.scroll_area
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    mirrored_area = desk.mirror.kiosk.kiosk.services.scroll_area
    if area.verticalScrollBar().maximum() > 0:
        qtbot.waitUntil(lambda: abs(scroll_fraction(mirrored_area) - scroll_fraction(area)) < 0.02)

    # A group's services, in the group's Polish name; and back to the groups.
    tap(qtbot, window.services.findChild(QWidget, "group:Bins, rubbish and recycling"))
    assert window.services.group_label.text() == "Pojemniki, śmieci i recykling"
    check(qtbot, kiosk, desk)
    tap(qtbot, window.services.back_button)
    check(qtbot, kiosk, desk)

    # A question: the plate typed with the keyboard up, masked on the mirror.
    tap(qtbot, window.services.findChild(QWidget, "service:parking_permit"))
    plate = window.journey_view.field("vehicle_registration")
    while plate is None:
        fill_screen(qtbot, kiosk)
        tap(qtbot, window.journey_view.primary_button)
        plate = window.journey_view.field("vehicle_registration")
    check(qtbot, kiosk, desk)
    # The customer's window has the focus (the desk's took it when the greeter tapped).
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    plate.control().setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClicks(plate.control(), PLATE)
    qtbot.waitUntil(kiosk.keyboard.isVisible)
    check(qtbot, kiosk, desk, (PLATE,))
    assert desk.mirror.kiosk.kiosk.mirror_keyboard is not None

    # A tip from the greeter in the help banner.
    tap(qtbot, desk.findChild(QPushButton, "tip-tip.take_your_time"))
    qtbot.waitUntil(window.help_banner.tip.isVisible)
    check(qtbot, kiosk, desk, (PLATE,))
    tap(qtbot, window.help_banner.tip_done)

    # On to check answers, confirmation and feedback.
    tap(qtbot, window.journey_view.primary_button)
    seen: set[StepKind] = set()
    reference = ""
    for _ in range(30):
        flow = kiosk.journey.flow
        assert flow is not None
        kind = flow.step.kind
        if kind in (StepKind.CHECK, StepKind.CONFIRMATION, StepKind.FEEDBACK):
            seen.add(kind)
            check(qtbot, kiosk, desk, (PLATE,))
        if kind is StepKind.CONFIRMATION:
            reference = window.journey_view.reference_label.text()
        if kind is StepKind.FEEDBACK:
            break
        if kind.asks:
            fill_screen(qtbot, kiosk)
        tap(qtbot, window.journey_view.primary_button)
    assert seen == {StepKind.CHECK, StepKind.CONFIRMATION, StepKind.FEEDBACK}
    assert reference

    # The idle warning, counting down over the page.
    kiosk.idle.warning.set_seconds_left(25)
    kiosk.idle.warning.present()
    check(qtbot, kiosk, desk, (PLATE,))
    kiosk.idle.warning.dismiss()

    # Finished: the thank-you page, then the wipe ends the help.
    fill_screen(qtbot, kiosk)
    tap(qtbot, window.journey_view.primary_button)
    qtbot.waitUntil(lambda: window.current_page() is Page.THANKS)
    check(qtbot, kiosk, desk, (PLATE,))
    kiosk.wipe("finished")
    qtbot.waitUntil(lambda: kiosk.help.status is HelpStatus.NONE)

    # Track the case just made: asked for help again, a result on the page.
    outbox = kiosk.journey._outbox
    assert outbox is not None
    qtbot.waitUntil(lambda: outbox.depth() == 0, timeout=10_000)
    claim(qtbot, kiosk, desk)
    tap(qtbot, window.welcome.track_button)
    check(qtbot, kiosk, desk)
    type_into(qtbot, kiosk, window.track.reference_edit, reference.replace("-", ""))
    tap(qtbot, window.track.check_button)
    qtbot.waitUntil(lambda: window.track.case_status() is not None, timeout=10_000)
    check(qtbot, kiosk, desk)


def test_the_mirror_shows_the_addresses_found_and_a_submission_not_stored(  # noqa: PLR0915 (one visit)
    qtbot: QtBot,
    backend: Backend,
    kiosk: Kiosk,
    make_desk: Callable[..., DeskWindow],
) -> None:
    desk = make_desk(backend.url)
    sign_in(qtbot, desk, "sam")
    window = kiosk.window
    view = window.journey_view
    claim(qtbot, kiosk, desk)
    tap(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "pothole")
    postcode = view.field("place.postcode")
    assert postcode is not None

    def find(text: str) -> None:
        edit = postcode.control()
        assert isinstance(edit, QLineEdit)
        edit.clear()
        qtbot.keyClicks(edit, text)
        finder = view.findChild(QWidget, "address:find")
        assert finder is not None
        finger_tap(qtbot, finder)

    # A postcode the gazetteer knows: the addresses to tap, on the mirror too.
    find("NG5 4WJ")
    qtbot.waitUntil(lambda: view.findChild(QWidget, "address:manual") is not None, timeout=10_000)
    check(qtbot, kiosk, desk)
    assert "2 Kestrelwing Row, Northgate" in words_on(mirror_of(desk))

    # One it does not: the customer is told to type the address, and so is the greeter.
    find("ZZ9 9ZZ")
    qtbot.waitUntil(lambda: getattr(view.lookup_state(), "found", True) is False, timeout=10_000)
    check(qtbot, kiosk, desk)

    # An address chosen: the choices go, on both.
    find("NG5 4WJ")
    qtbot.waitUntil(lambda: view.findChild(QWidget, "address:990000000301") is not None)
    check(qtbot, kiosk, desk)
    chosen = view.findChild(QWidget, "address:990000000301")
    assert chosen is not None
    finger_tap(qtbot, chosen)
    check(qtbot, kiosk, desk)
    assert "2 Kestrelwing Row, Northgate" not in [
        w.text() for w in mirror_of(desk).findChildren(QPushButton) if w.isVisibleTo(desk)
    ]

    # Check answers, and a submission the kiosk cannot store (its outbox not open): the
    # message on the customer's screen is on the greeter's.
    tap(qtbot, view.primary_button)
    for _ in range(10):
        flow = kiosk.journey.flow
        assert flow is not None
        if flow.step.kind is StepKind.CHECK:
            break
        fill_screen(qtbot, kiosk)
        tap(qtbot, view.primary_button)
    outbox = kiosk.journey._outbox
    kiosk.journey._outbox = None
    try:
        tap(qtbot, view.primary_button)
        message = view.findChild(QLabel, "screenMessage")
        assert message is not None
        assert "still starting" in message.text()
        check(qtbot, kiosk, desk)
        assert message.text() in words_on(mirror_of(desk))
    finally:
        kiosk.journey._outbox = outbox


def test_a_screen_update_round_trips_through_json(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.set_mode(Mode("ar", kiosk.mode.accessibility))
    screen = kiosk.kiosk_screen()
    update = ScreenUpdate(help_id="0" * 32, sequence=1, screen="welcome", kiosk=screen)
    again = read_message(write_message(update), "kiosk")
    assert again == update
    assert screen.direction == "rtl"
    assert screen.welcome is not None


PHONE = "07700 900123"


def test_the_mirror_shows_speak_to_someone_and_checking_in_word_for_word(
    qtbot: QtBot,
    backend: Backend,
    kiosk: Kiosk,
    make_desk: Callable[..., DeskWindow],
    sent: list[str],
) -> None:
    """Speak to someone and I have an appointment, asking, refused and answered: the
    mirror draws each as the customer sees it; the phone number never leaves the kiosk."""
    reference = book_due_now(backend)
    desk = make_desk(backend.url)
    sign_in(qtbot, desk, "sam")
    window = kiosk.window
    kiosk.set_mode(Mode("pl", kiosk.mode.accessibility))
    claim(qtbot, kiosk, desk)

    # Speak to someone: asking; a number that is not one; then a ticket, texted.
    speak = window.speak
    tap(qtbot, window.welcome.speak_button)
    check(qtbot, kiosk, desk)
    type_into(qtbot, kiosk, speak.phone_edit, "12")
    qtbot.waitUntil(kiosk.keyboard.isVisible)
    check(qtbot, kiosk, desk, ("12",))
    tap(qtbot, speak.get_button)
    qtbot.waitUntil(speak.message.isVisible)
    check(qtbot, kiosk, desk, ("12",))
    speak.phone_edit.clear()
    type_into(qtbot, kiosk, speak.phone_edit, PHONE)
    check(qtbot, kiosk, desk, (PHONE,))
    tap(qtbot, speak.get_button)
    qtbot.waitUntil(speak.result.isVisible, timeout=10_000)
    check(qtbot, kiosk, desk)
    assert texts.ui_text("speak.texted", "pl") in words_on(mirror_of(desk))

    # What left the kiosk: the speak page's screens, the number typed only as the mask.
    shared = [
        message.kiosk.speak
        for message in (read_message(text, "kiosk") for text in sent if "screen.update" in text)
        if isinstance(message, ScreenUpdate) and message.kiosk and message.kiosk.speak
    ]
    assert {screen.typed for screen in shared} == {"", MASK}
    for text in sent:
        assert "900123" not in text.replace(" ", "")
        assert '"12"' not in text

    # I have an appointment: asked for help again after Done's wipe.
    tap(qtbot, speak.done_button)
    qtbot.waitUntil(lambda: kiosk.help.status is HelpStatus.NONE)
    kiosk.set_mode(Mode("pl", kiosk.mode.accessibility))
    claim(qtbot, kiosk, desk)
    arrive = window.arrive
    tap(qtbot, window.welcome.arrive_button)
    check(qtbot, kiosk, desk)
    type_into(qtbot, kiosk, arrive.reference_edit, "AP-123")
    check(qtbot, kiosk, desk)
    tap(qtbot, arrive.check_in_button)
    qtbot.waitUntil(arrive.message.isVisible)
    check(qtbot, kiosk, desk)
    assert texts.ui_text("arrive.invalid", "pl") in words_on(mirror_of(desk))
    arrive.reference_edit.clear()
    qtbot.keyClicks(arrive.reference_edit, reference)
    tap(qtbot, arrive.check_in_button)
    qtbot.waitUntil(arrive.result.isVisible, timeout=10_000)
    check(qtbot, kiosk, desk)
    assert texts.ui_text("arrive.thanks", "pl") in words_on(mirror_of(desk))


CUSTOMER = "Rhiannon Test"


def test_the_mirror_shows_booking_an_appointment_word_for_word(
    qtbot: QtBot,
    backend: Backend,
    kiosk: Kiosk,
    make_desk: Callable[..., DeskWindow],
    sent: list[str],
) -> None:
    """Book an appointment, in Arabic, page by page (the times, the details while typing,
    the check, booked): the mirror draws each as the customer sees it; the name and number
    typed, and the QR code's secret, never leave the kiosk."""
    desk = make_desk(backend.url)
    sign_in(qtbot, desk, "sam")
    window, book = kiosk.window, kiosk.window.book
    kiosk.set_mode(Mode("ar", kiosk.mode.accessibility))
    claim(qtbot, kiosk, desk)
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.services.findChild(QPushButton, "service:appointment"))
    qtbot.waitUntil(lambda: bool(book.time_buttons), timeout=10_000)
    check(qtbot, kiosk, desk)
    tap(qtbot, next(iter(book.time_buttons.values())))
    check(qtbot, kiosk, desk)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for box_id, typed in ((BOOK_NAME, CUSTOMER), (BOOK_PHONE, PHONE)):
        box = book.fields[box_id].control()
        box.setFocus(Qt.FocusReason.MouseFocusReason)
        qtbot.keyClicks(box, typed)
    qtbot.waitUntil(kiosk.keyboard.isVisible)
    check(qtbot, kiosk, desk, (CUSTOMER, PHONE))
    tap(qtbot, book.primary_button)
    qtbot.waitUntil(book.rows_box.isVisible)
    check(qtbot, kiosk, desk)
    assert texts.ui_text("book.check.title", "ar") in words_on(mirror_of(desk))
    tap(qtbot, book.primary_button)
    qtbot.waitUntil(book.booked.isVisible, timeout=10_000)
    check(qtbot, kiosk, desk)
    assert book.reference.text() in words_on(mirror_of(desk))

    secret = book.qr_code.text.partition("?")[2]
    assert secret
    shared = [text for text in sent if "screen.update" in text]
    assert any('"book"' in text for text in shared)
    for text in sent:
        assert CUSTOMER not in text
        assert "900123" not in text.replace(" ", "")
        assert secret not in text
