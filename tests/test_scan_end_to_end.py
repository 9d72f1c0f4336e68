"""Checking in by scanning the confirmation's QR code, with every real part: a real kiosk
at the shop (its scan reader on the application, as on a kiosk), the backend on loopback,
and the scanner as the kiosk meets it: real key events, fast, ending in Enter (a keyboard
wedge). A person's slow typing on the I have an appointment page still works as before,
and a code that is not ours is said plainly (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.appointments import service
from casebackend.triage.models import TriageEntryRow
from kiosk.app import Kiosk
from kiosk.window import Page
from shared.appointments import references
from shared.flow import texts
from tests.casebackend.appointments.helpers import book_due_now
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap

__all__ = ["kiosk"]  # fixture

TOKEN = "Zm9vYmFyYmF6cXV4cXV1eA"


def link(backend: Backend, reference: str) -> str:
    """What the confirmation's QR code holds: the public page's link, with its token."""
    return service.page_url(backend.context.settings, reference, TOKEN)


def arrived(backend: Backend) -> list[str | None]:
    with backend.context.sessions() as session:
        return list(session.scalars(select(TriageEntryRow.appointment_reference)))


def scan(kiosk: Kiosk, text: str) -> None:
    """The scanner types ``text`` and Enter, as fast as it does, wherever the focus is."""
    window = kiosk.window
    window.activateWindow()
    target: QWidget = QApplication.focusWidget() or window
    QTest.keyClicks(target, text)
    QTest.keyClick(target, Qt.Key.Key_Return)


def test_a_scan_on_the_welcome_screen_checks_the_customer_in(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    reference = book_due_now(backend, 10)
    window, arrive = kiosk.window, kiosk.window.arrive
    typed: list[str] = []
    arrive.reference_edit.textChanged.connect(typed.append)
    assert window.current_page() is Page.WELCOME

    scan(kiosk, link(backend, reference))
    assert window.current_page() is Page.ARRIVE
    qtbot.waitUntil(arrive.result.isVisible, timeout=10_000)
    assert arrive.headline.text() == texts.ui_text("arrive.thanks", "en")
    assert arrived(backend) == [reference]
    # The box showed the reference read, never the link or its token.
    assert references.parse(reference).display in typed
    assert not any(TOKEN in text or "/" in text for text in typed)

    # The next customer scans while the last one's "take a seat" is still up: theirs.
    second = book_due_now(backend, 11)
    scan(kiosk, second)
    qtbot.waitUntil(lambda: second in arrived(backend), timeout=10_000)
    qtbot.waitUntil(arrive.result.isVisible, timeout=10_000)
    tap(qtbot, arrive.done_button)
    assert window.current_page() is Page.WELCOME


def test_a_scan_that_is_not_ours_is_said_plainly(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    arrive = kiosk.window.arrive
    scan(kiosk, "21234000567890")  # a library card
    assert kiosk.window.current_page() is Page.ARRIVE
    assert arrive.message.text() == texts.ui_text("arrive.scan_not_ours", "en")
    scan(kiosk, f"{backend.url}/track/K7M2QXR4E?t={TOKEN}")
    assert arrive.message.text() == texts.ui_text("arrive.scan_not_ours", "en")
    assert arrive.reference_edit.text() == ""
    assert arrived(backend) == []


def test_a_person_typing_the_reference_and_scanning_on_the_arrive_page(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    reference = book_due_now(backend, 10)
    window, arrive = kiosk.window, kiosk.window.arrive
    tap(qtbot, window.welcome.arrive_button)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    edit = arrive.reference_edit
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(edit.hasFocus)

    # A person, a key at a time, then Enter: every key reaches the box, as before.
    display = references.parse(reference).display
    QTest.keyClicks(edit, display[:-1], Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(lambda: edit.text() == display[:-1])
    QTest.keyClick(edit, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier, 60)
    QTest.keyClicks(edit, display[-2:], Qt.KeyboardModifier.NoModifier, 60)
    QTest.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(arrive.result.isVisible, timeout=10_000)
    assert arrived(backend) == [reference]
    tap(qtbot, arrive.done_button)

    # Half a reference typed, then the customer scans instead: the scan wins, whole.
    second = book_due_now(backend, 11)
    tap(qtbot, window.welcome.arrive_button)
    window.activateWindow()
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClicks(edit, "AP-", Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(lambda: edit.text() == "AP-")
    scan(kiosk, link(backend, second))
    qtbot.waitUntil(arrive.result.isVisible, timeout=10_000)
    assert arrived(backend) == [reference, second]
