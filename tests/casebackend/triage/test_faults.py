"""Kiosk faults on the triage list as the live hub says them and as ``GET /triage`` lists
them (SQLite and PostgreSQL): a stuck screen closed while the kiosk stays connected is a new
fault when it sticks again after drawing, an out-of-order kiosk that drops its connection
is out of order in both, a line the hub sends names its kiosk as the list does, and a
kiosk that joined the live link and dropped off before its first heartbeat is not
responding in both (one never switched on is in neither)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from casebackend.db.engine import unit_of_work
from casebackend.identity.models import Device
from casebackend.settings import BackendSettings
from shared.fleet.schemas import KioskState
from shared.live.messages import (
    DeskWelcome,
    KioskActivity,
    KioskLive,
    KioskMaintenance,
    KioskPresence,
    KioskWelcome,
    MaintenanceAction,
    TriageChanged,
)
from shared.triage.schemas import FaultKind, TriageEntry, TriageKind, TriageState
from staffdesk.words import KioskCondition, kiosk_condition
from tests.casebackend.test_live import Peer, desk, kiosk_socket
from tests.casebackend.triage.test_triage import _changed, _post
from tests.conftest import Backend, make_settings, wait_until

BEAT = {"version": "0.1.0", "outbox_depth": 0, "screen": "welcome"}


@pytest.fixture
def backend_settings(database_url: str) -> BackendSettings:
    # A screen is stuck after a second without drawing, so that one can draw and stick
    # again on the real clock within a test.
    return make_settings(database_url, kiosk_frame_stale_seconds=1)


def _beat(backend: Backend, headers: dict[str, str], frame_age_s: float) -> None:
    beat = BEAT | {"frame_age_s": frame_age_s}
    sent = backend.http.post(f"{backend.api}/devices/heartbeat", json=beat, headers=headers)
    assert sent.status_code == 204, sent.text


def _listed(backend: Backend, headers: dict[str, str]) -> dict[str, str]:
    """``GET /triage``'s kiosk faults: what is wrong, by entry id."""
    response = backend.http.get(
        f"{backend.api}/triage", params={"location": "shop"}, headers=headers
    )
    assert response.status_code == 200, response.text
    return {e["id"]: e["fault"] for e in response.json()["entries"] if e["kind"] == "kiosk_fault"}


def rename(backend: Backend, device_id: int, name: str) -> None:
    """The kiosk's name on the board, as an admin gave it ("Front door")."""
    with unit_of_work(backend.context.sessions) as session:
        session.get_one(Device, device_id).name = name


def _close(backend: Backend, headers: dict[str, str], entry_id: str, outcome: str) -> Any:
    return backend.http.post(
        f"{backend.api}/triage/{entry_id}/close?location=shop",
        json={"outcome": outcome},
        headers=headers,
    )


def test_a_stuck_screen_closed_while_connected_is_a_new_fault_when_it_sticks_again(
    backend: Backend,
) -> None:
    headers, enrolment = backend.enrol("shop")
    entry_id = f"{enrolment['device_id']:032x}"
    sam = backend.login("sam")
    with kiosk_socket(backend, headers) as kiosk:
        kiosk.expect(KioskWelcome)
        _beat(backend, headers, frame_age_s=5)
        assert _listed(backend, sam) == {entry_id: "not_responding"}
        assert _close(backend, sam, entry_id, "reported").status_code == 200
        assert _listed(backend, sam) == {}
        # Still stuck since before it was closed: still closed.
        _beat(backend, headers, frame_age_s=6)
        assert _listed(backend, sam) == {}
        # The screen draws again, and then sticks again: a new fault, on the list.
        _beat(backend, headers, frame_age_s=0)
        wait_until(
            lambda: _listed(backend, sam) == {entry_id: "not_responding"},
            what="the screen stuck again to be listed",
        )
        with desk(backend, "admin") as admin:
            listed = admin.expect(DeskWelcome).triage
            assert [(e.id, e.fault) for e in listed] == [(entry_id, FaultKind.NOT_RESPONDING)]
        # Closed again, it stays closed while it stays stuck.
        assert _close(backend, sam, entry_id, "fixed").status_code == 200
        _beat(backend, headers, frame_age_s=3)
        assert _listed(backend, sam) == {}


@contextmanager
def _out_of_order(backend: Backend) -> Iterator[tuple[Peer, dict[str, str], Peer, TriageEntry]]:
    """Sam's desk (its socket and HTTP headers), and a working kiosk at the shop (its
    socket) that Sam has just put out of order (its fault line)."""
    headers, enrolment = backend.enrol("shop")
    device_id = enrolment["device_id"]
    sam_http = backend.login("sam")
    with desk(backend, "sam", headers=sam_http) as sam, kiosk_socket(backend, headers) as kiosk:
        sam.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        _beat(backend, headers, frame_age_s=0.2)  # switched on, and working
        sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
        fault = _changed(sam, kind=TriageKind.KIOSK_FAULT, state=TriageState.WAITING)
        assert fault.fault is FaultKind.OUT_OF_ORDER
        yield sam, sam_http, kiosk, fault


def _switched_off(sam: Peer, kiosk: Peer, device_id: int) -> KioskPresence:
    """The kiosk's connection drops; what the desk hears of it."""
    kiosk.socket.close()
    while True:
        presence: KioskPresence = sam.expect(KioskPresence)
        if presence.device_id == device_id and not presence.connected:
            return presence


def _said_since(
    backend: Backend, sam: Peer, headers: dict[str, str], entry_id: str
) -> list[tuple[TriageState, FaultKind | None]]:
    """What the hub's lines have said of ``entry_id`` since, up to a later line (a walk-in
    Sam adds now)."""
    walk_in = _post(backend, headers, "/walk-ins", {"topics": ["Parking"]})
    lines: list[tuple[TriageState, FaultKind | None]] = []
    while True:
        entry: TriageEntry = sam.expect(TriageChanged).entry
        if entry.id == walk_in["id"]:
            return lines
        if entry.id == entry_id:
            lines.append((entry.state, entry.fault))


def test_an_out_of_order_kiosk_that_drops_its_connection_is_out_of_order_live_and_listed(
    backend: Backend,
) -> None:
    with _out_of_order(backend) as (sam, sam_http, kiosk, fault):
        device_id = fault.device_id
        assert device_id is not None
        # Switched off, or its network gone: the board keeps it out of order...
        assert _switched_off(sam, kiosk, device_id).activity is KioskActivity.OUT_OF_ORDER
        # ...and so does its line, live (nothing new to say) and listed.
        assert _said_since(backend, sam, sam_http, fault.id) == []
        assert _listed(backend, sam_http) == {fault.id: "out_of_order"}
        with desk(backend, "admin") as admin:
            listed = admin.expect(DeskWelcome).triage
            assert (fault.id, FaultKind.OUT_OF_ORDER) in [(e.id, e.fault) for e in listed]
        # Put back in service while it is away: not responding, in both.
        sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.BACK_IN_SERVICE))
        back = _changed(sam, fault.id)
        assert (back.state, back.fault) == (TriageState.WAITING, FaultKind.NOT_RESPONDING)
        assert _listed(backend, sam_http) == {fault.id: "not_responding"}
        # Out of order again while away: out of order, in both.
        sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
        again = _changed(sam, fault.id)
        assert (again.state, again.fault) == (TriageState.WAITING, FaultKind.OUT_OF_ORDER)
        assert _listed(backend, sam_http) == {fault.id: "out_of_order"}


def test_an_out_of_order_fault_reported_to_it_stays_closed_when_the_kiosk_is_switched_off(
    backend: Backend,
) -> None:
    with _out_of_order(backend) as (sam, sam_http, kiosk, fault):
        assert fault.device_id is not None
        assert _close(backend, sam_http, fault.id, "reported").status_code == 200
        assert _changed(sam, fault.id).state is TriageState.ENDED
        # IT switch it off to mend it: still out of order, still dealt with, in both.
        _switched_off(sam, kiosk, fault.device_id)
        assert _said_since(backend, sam, sam_http, fault.id) == []
        assert _listed(backend, sam_http) == {}


def test_a_fault_line_the_hub_sends_names_its_kiosk_as_the_list_and_the_welcome_do(
    backend: Backend,
) -> None:
    sam_http = backend.login("sam")
    with desk(backend, "sam", headers=sam_http) as sam:
        sam.expect(DeskWelcome)
        # Enrolled after Sam's desk joined: not on the board it was welcomed with.
        headers, enrolment = backend.enrol("shop")
        rename(backend, enrolment["device_id"], "Front door")
        entry_id = f"{enrolment['device_id']:032x}"
        with kiosk_socket(backend, headers) as kiosk:
            kiosk.expect(KioskWelcome)
            _beat(backend, headers, frame_age_s=0.2)
        # Its connection drops after the desk joined: the line comes from the hub, live.
        live = _changed(sam, entry_id, state=TriageState.WAITING)
        assert live.fault is FaultKind.NOT_RESPONDING
        # Which kiosk to walk to, as GET /triage and a desk joining now name it.
        listed = backend.http.get(
            f"{backend.api}/triage", params={"location": "shop"}, headers=sam_http
        ).json()["entries"]
        with desk(backend, "admin") as admin:
            welcomed = admin.expect(DeskWelcome).triage
        assert [e["kiosk_name"] for e in listed if e["id"] == entry_id] == ["Front door"]
        assert [e.kiosk_name for e in welcomed if e.id == entry_id] == ["Front door"]
        assert live.kiosk_name == "Front door"


def _welcome(backend: Backend) -> DeskWelcome:
    """What a desk joining now is welcomed with."""
    with desk(backend, "admin") as admin:
        welcome: DeskWelcome = admin.expect(DeskWelcome)
        return welcome


def _card(welcome: DeskWelcome, device_id: int) -> KioskLive:
    return next(k for k in welcome.kiosks if k.status.device_id == device_id)


def test_a_kiosk_that_drops_off_before_its_first_heartbeat_is_not_responding_everywhere(
    backend: Backend,
) -> None:
    sam_http = backend.login("sam")
    with desk(backend, "sam", headers=sam_http) as sam:
        sam.expect(DeskWelcome)
        headers, enrolment = backend.enrol("shop")
        device_id = enrolment["device_id"]
        entry_id = f"{device_id:032x}"
        # Enrolled, never switched on: on nobody's list.
        _, never = backend.enrol("shop")
        # Switched on, on the live link, and gone before it sent a heartbeat.
        with kiosk_socket(backend, headers) as kiosk:
            kiosk.expect(KioskWelcome)
        live = _changed(sam, entry_id, state=TriageState.WAITING)
        assert live.fault is FaultKind.NOT_RESPONDING
        # GET /triage and a desk joining now say the same, of it alone.
        assert _listed(backend, sam_http) == {entry_id: "not_responding"}
        welcome = _welcome(backend)
        faults = [(e.id, e.fault) for e in welcome.triage if e.kind is TriageKind.KIOSK_FAULT]
        assert faults == [(entry_id, FaultKind.NOT_RESPONDING)]
        # Waiting since it dropped off, on the line as on the list.
        listed = next(e for e in welcome.triage if e.id == entry_id)
        assert abs((listed.waiting_since - live.waiting_since).total_seconds()) < 5
        # The board agrees: in touch once, not answering now; the other never switched on.
        card = _card(welcome, device_id)
        assert card.status.state is KioskState.OFFLINE
        assert kiosk_condition(card, None) is KioskCondition.NOT_RESPONDING
        other = _card(welcome, never["device_id"])
        assert kiosk_condition(other, None) is KioskCondition.NEVER_CONNECTED
