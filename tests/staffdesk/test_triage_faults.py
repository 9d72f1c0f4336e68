"""Kiosk faults on a real desk over the real backend and live hub: one closed with Done,
then Fixed or Reported to IT; an out-of-order kiosk that drops its connection stays out of
order on the board, on its line and in ``GET /triage`` alike; a line that comes live names
its kiosk as the welcome does; a kiosk that drops off before its first heartbeat is not
responding on its card as on its line."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from shared.fleet.schemas import KioskState
from shared.live.messages import DeskWelcome, KioskMaintenance, KioskWelcome, MaintenanceAction
from staffdesk.triage import words
from staffdesk.window import DeskWindow
from tests.casebackend.test_live import desk, kiosk_socket
from tests.casebackend.triage.test_faults import rename
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


def _switched_on_kiosk_and_sams_desk(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> tuple[dict[str, str], int, DeskWindow]:
    """A kiosk at the shop, "Front door" on the board, switched on (a heartbeat) and not
    connected yet (its HTTP headers and device id), and Sam's desk, joined to the hub."""
    headers, enrolment = backend.enrol("shop")
    device_id = enrolment["device_id"]
    rename(backend, device_id, "Front door")
    beat = {"version": "0.1.0", "outbox_depth": 0, "screen": "welcome", "frame_age_s": 0.2}
    assert backend.http.post(f"{backend.api}/devices/heartbeat", json=beat, headers=headers).ok
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.waitUntil(lambda: window.who.text() == "Signed in: Sam", timeout=5000)
    return headers, device_id, window


def test_an_out_of_order_kiosk_that_drops_its_connection_stays_out_of_order_on_the_desk(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    headers, device_id, window = _switched_on_kiosk_and_sams_desk(backend, make_desk, qtbot)
    entry_id = f"{device_id:032x}"
    with desk(backend, "admin") as admin:
        admin.expect(DeskWelcome)
        with kiosk_socket(backend, headers) as kiosk:
            kiosk.expect(KioskWelcome)
            admin.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
            card = window.board.cards[device_id]

            def said() -> str:
                """What is wrong, as the kiosk's line says it."""
                shown = window.triage.entries.get(entry_id)
                return shown.title.text().partition("needs attention: ")[2] if shown else ""

            qtbot.waitUntil(lambda: said() == "out of order", timeout=5000)
        qtbot.waitUntil(lambda: not window.presenter.model.kiosks[device_id].connected)
    # Whatever the hub said of it since has reached the desk before a later line does.
    sam_http = backend.login("sam")
    added = backend.http.post(
        f"{backend.api}/triage/walk-ins", json={"topics": ["Parking"]}, headers=sam_http
    )
    assert added.status_code == 201, added.text
    qtbot.waitUntil(lambda: added.json()["id"] in window.triage.entries, timeout=5000)
    assert said() == "out of order"
    assert card.doing.text() == "Out of order"
    listed = backend.http.get(
        f"{backend.api}/triage", params={"location": "shop"}, headers=sam_http
    )
    assert [e["fault"] for e in listed.json()["entries"] if e["id"] == entry_id] == ["out_of_order"]


def test_a_kiosk_fault_that_comes_live_names_the_kiosk_to_walk_to(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    headers, device_id, window = _switched_on_kiosk_and_sams_desk(backend, make_desk, qtbot)
    entry_id = f"{device_id:032x}"
    with kiosk_socket(backend, headers) as kiosk:
        kiosk.expect(KioskWelcome)
        qtbot.waitUntil(lambda: window.presenter.model.kiosks[device_id].connected, timeout=5000)
    # It stops answering after the desk joined: its line comes from the hub, live.
    qtbot.waitUntil(lambda: entry_id in window.triage.entries, timeout=5000)
    shown = window.triage.entries[entry_id].title.text()
    assert shown == "Front door needs attention: not responding"
    # Word for word what a desk joining now shows, from its welcome.
    with desk(backend, "admin") as admin:
        welcomed = [e for e in admin.expect(DeskWelcome).triage if e.id == entry_id]
    assert [words.line(e, utcnow()).title for e in welcomed] == [shown]


def test_a_kiosk_that_drops_off_before_its_first_heartbeat_is_not_responding_on_its_card(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    headers, enrolment = backend.enrol("shop")
    device_id = enrolment["device_id"]
    entry_id = f"{device_id:032x}"
    # The board asked for only when the desk needs it, never by the clock.
    window = make_desk(backend.url, board_refresh_seconds=3600)
    sign_in(qtbot, window, "sam")
    qtbot.waitUntil(lambda: window.who.text() == "Signed in: Sam", timeout=5000)
    model = window.presenter.model

    def doing() -> str:
        return str(window.board.cards[device_id].doing.text())

    assert doing() == "Not switched on yet"
    with kiosk_socket(backend, headers) as kiosk:
        kiosk.expect(KioskWelcome)
        # In touch now: the desk asks for the board, which no longer has it never seen.
        qtbot.waitUntil(lambda: model.kiosks[device_id].status.state is KioskState.OFFLINE)
        qtbot.waitUntil(lambda: model.kiosks[device_id].connected, timeout=5000)
    # Gone before its first heartbeat: its line and its card say the same.
    qtbot.waitUntil(lambda: entry_id in window.triage.entries, timeout=5000)
    assert window.triage.entries[entry_id].title.text() == "k1 needs attention: not responding"
    qtbot.waitUntil(lambda: doing() == "Not responding", timeout=5000)
