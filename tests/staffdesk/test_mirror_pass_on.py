"""Pass on from the mirror: a greeter helping a kiosk's customer passes the request to a
named colleague with a note, through the triage list's Pass on page; over the real backend
and live hub, with a second desk."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from shared.live.messages import HelpClaimed, KioskWelcome
from staffdesk.window import Page
from tests.conftest import Backend
from tests.staffdesk.test_triage import sam_and_alex, tap


def test_pass_on_from_the_mirror_gives_the_help_request_to_a_colleague_with_a_note(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    sam, alex = sam_and_alex(backend, make_desk, qtbot)
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignal(sam.alerted, timeout=5000):
            help_id = kiosk.raise_help()
        qtbot.mouseClick(sam.triage.call_next, Qt.MouseButton.LeftButton)
        assert kiosk.expect(HelpClaimed).staff.name == "Sam"
        qtbot.waitUntil(lambda: sam.current_page() is Page.MIRROR, timeout=5000)
        # Pass on…, then Back: the mirror again, the request still Sam's.
        tap(qtbot, sam, sam.mirror.pass_on)
        assert sam.current_page() is Page.HANDOVER
        chooser = sam.triage.pass_on
        assert chooser.title.text().startswith("Pass on: Help at ")
        qtbot.mouseClick(chooser.close_button, Qt.MouseButton.LeftButton)
        assert sam.current_page() is Page.MIRROR
        assert sam.presenter.model.claim == help_id
        # Again, to Alex with a note.
        tap(qtbot, sam, sam.mirror.pass_on)
        qtbot.waitUntil(lambda: len(chooser.buttons) == 3, timeout=5000)
        chooser.note.setText("Stuck on the address")
        alex_id = next(i for i, b in chooser.buttons.items() if b.text().startswith("Alex"))
        qtbot.mouseClick(chooser.buttons[alex_id], Qt.MouseButton.LeftButton)
        # The kiosk hears the request is Alex's now (after Sam's own claim, told again).
        while (claimed := kiosk.expect(HelpClaimed)).staff.name == "Sam":
            pass
        assert claimed.staff.name == "Alex"
        qtbot.waitUntil(lambda: sam.presenter.model.claim is None, timeout=5000)
        assert sam.current_page() is Page.BOARD
        assert not sam.triage.notice.isVisible(), sam.triage.notice.text()
        # Alex's desk has it: its mirror opens on the customer's screen.
        qtbot.waitUntil(lambda: alex.presenter.model.claim == help_id, timeout=5000)
        qtbot.waitUntil(lambda: alex.current_page() is Page.MIRROR, timeout=5000)
    with backend.context.sessions() as session:
        audited = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action.like("%transfer%"))
        ).all()
    assert audited, "the pass was audited"
    assert all("Stuck" not in detail for detail in audited)
