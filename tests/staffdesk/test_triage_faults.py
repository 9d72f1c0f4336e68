"""A kiosk fault closed from a real desk: Done, then Fixed or Reported to IT, over the real
backend and live hub."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from casebackend.db.engine import unit_of_work
from shared.live.messages import DeskWelcome, KioskMaintenance, KioskWelcome, MaintenanceAction
from tests.casebackend.test_live import desk, kiosk_socket
from tests.conftest import Backend
from tests.staffdesk.conftest import sign_in
from tests.staffdesk.test_triage import tap


def test_a_kiosk_fault_done_as_reported_to_it_leaves_the_list_and_is_audited(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    headers, enrolment = backend.enrol("shop")
    device_id = enrolment["device_id"]
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    # The desk has joined the hub (its welcome came), so no later welcome redraws the list.
    qtbot.waitUntil(lambda: window.who.text() == "Signed in: Sam", timeout=5000)
    with desk(backend, "admin") as admin, kiosk_socket(backend, headers) as kiosk:
        admin.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        admin.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
        entry_id = f"{device_id:032x}"
        qtbot.waitUntil(lambda: entry_id in window.triage.entries, timeout=5000)
        tap(qtbot, window, window.triage.entries[entry_id].done)
        shown = window.triage.entries[entry_id]
        reported = shown.findChild(QPushButton, f"outcome-reported-{entry_id}")
        assert reported is not None
        # Done opens the fault's own outcomes, not a visitor's.
        assert not reported.isHidden()
        resolved = shown.findChild(QPushButton, f"outcome-resolved-{entry_id}")
        assert resolved is not None
        assert resolved.isHidden()
        tap(qtbot, window, reported)
        qtbot.waitUntil(lambda: entry_id not in window.triage.entries, timeout=5000)
        assert not window.triage.notice.isVisible()
    with unit_of_work(backend.context.sessions) as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "triage.fault_closed")
        ).all()
    assert details == [f"kiosk {device_id}, out_of_order, outcome reported"]
