"""The desk's arrival box takes the confirmation's link as well as its reference: pasted, or
typed by a USB QR scanner (its keys, then Enter). The reference in it checks the customer
in; the link's token never stays on the desk's screen (issue 12)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from casebackend.appointments import service
from shared.appointments import references
from tests.casebackend.appointments.helpers import book_due_now
from tests.conftest import Backend
from tests.staffdesk.conftest import make_desk, sign_in

__all__ = ["make_desk"]  # fixture

TOKEN = "Zm9vYmFyYmF6cXV4cXV1eA"


def test_a_scanned_link_checks_the_customer_in_by_its_reference(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    reference = book_due_now(backend, customer={"name": "Visitor"}, notify_by=[])
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.mouseClick(window.triage.show_appointments, Qt.MouseButton.LeftButton)
    panel = window.triage.appointments
    qtbot.waitUntil(lambda: "Visitor · Booked" in panel.day.text(), timeout=5000)
    shown: list[str] = []

    # A link to something else: said so, nothing sent.
    QTest.keyClicks(panel.reference, f"{backend.url}/track/K7M2QXR4E?t={TOKEN}")
    QTest.keyClick(panel.reference, Qt.Key.Key_Return)
    assert "not to an appointment" in panel.status.text()
    panel.reference.clear()

    # The confirmation's link, as its QR code holds it, typed by a scanner.
    panel.reference.textChanged.connect(shown.append)
    QTest.keyClicks(panel.reference, service.page_url(backend.context.settings, reference, TOKEN))
    QTest.keyClick(panel.reference, Qt.Key.Key_Return)
    assert panel.reference.text() == references.parse(reference).compact
    qtbot.waitUntil(lambda: "on the list below" in panel.status.text(), timeout=5000)
    qtbot.waitUntil(lambda: "Visitor · Arrived" in panel.day.text(), timeout=5000)
    qtbot.waitUntil(lambda: len(window.triage.entries) == 1, timeout=5000)
    assert TOKEN not in panel.reference.text()
    assert shown[-2:] == [references.parse(reference).compact, ""]
