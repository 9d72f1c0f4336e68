"""The triage list across two backend processes on one PostgreSQL database (each its own
context, hub and PostgreSQL broker): a walk-in recorded through one reaches a desk on the
other, as does a booking's news, and a library's help goes to the shop when the shop's only
desk is on the other, a kiosk put back in service while away is not responding on
both, and a kiosk that dropped off the live link before its first heartbeat is not
responding on the other and on a process started after it left."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests

from casebackend.app import build_context, create_app
from casebackend.live.hub import LiveHub
from shared.live.messages import (
    AppointmentChange,
    AppointmentsChanged,
    DeskWelcome,
    HelpNotice,
    HelpRaise,
    HelpRaised,
    KioskMaintenance,
    KioskPresence,
    KioskWelcome,
    MaintenanceAction,
    TriageChanged,
)
from shared.live.notices import HelpNoticeKind
from shared.triage.schemas import FaultKind, TriageKind, TriageState
from tests.casebackend.appointments.helpers import body, set_capacity
from tests.casebackend.appointments.test_live_news import free_times
from tests.casebackend.test_live import _another_backend, _context, desk, kiosk_socket
from tests.casebackend.triage.test_triage import _changed
from tests.conftest import Backend, LiveServer, make_settings, seed_demo_council, wait_until

pytestmark = pytest.mark.postgresql


@pytest.fixture
def two(postgresql_url: str) -> Iterator[tuple[tuple[Backend, LiveHub], Backend]]:
    settings = make_settings(postgresql_url, live_broker="postgresql")
    seed = seed_demo_council(postgresql_url)
    first = build_context(settings)
    second = build_context(settings)
    first_app = create_app(settings, first)
    with (
        LiveServer(first_app) as one,
        LiveServer(create_app(settings, second)) as other,
        requests.Session() as http,
    ):
        yield (
            (Backend(one.url, first, seed.api_key, http), first_app.state.live),
            Backend(other.url, second, seed.api_key, http),
        )


def test_a_walk_in_through_one_process_reaches_a_desk_on_the_other(
    two: tuple[tuple[Backend, LiveHub], Backend],
) -> None:
    (one, _), other = two
    sam_http = one.login("sam")
    with desk(other, "admin") as admin:
        admin.expect(DeskWelcome)
        added = one.http.post(
            f"{one.api}/triage/walk-ins", json={"topics": ["Council tax"]}, headers=sam_http
        )
        assert added.status_code == 201
        entry = admin.expect(TriageChanged).entry
        assert (entry.id, entry.ticket) == (added.json()["id"], "W001")


def test_a_booking_through_one_process_reaches_a_desk_on_the_other(
    two: tuple[tuple[Backend, LiveHub], Backend],
) -> None:
    (one, _), other = two
    set_capacity(one, one.login("admin"), 1)
    with desk(other, "admin", location="shop") as admin:
        admin.expect(DeskWelcome)
        made = one.http.post(
            f"{one.api}/appointments", json=body(free_times(one)[-1]), headers=one.login("sam")
        )
        assert made.status_code == 201, made.text
        news = admin.expect(AppointmentsChanged)
        assert (news.reference, news.change) == (made.json()["reference"], AppointmentChange.BOOKED)


def test_remote_help_finds_the_shops_desk_on_another_process(
    two: tuple[tuple[Backend, LiveHub], Backend],
) -> None:
    (one, hub), other = two
    headers, _ = one.enrol("lib-northgate")
    with desk(other, "sam") as sam, kiosk_socket(one, headers) as kiosk:
        sam.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        # The kiosk's process has heard of the desk on the other.
        wait_until(lambda: bool(hub._desk_at), what="the desk on the other process known")
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        assert kiosk.expect(HelpNotice).kind is HelpNoticeKind.REMOTE
        raised = sam.expect(HelpRaised).request
        assert (raised.id, raised.remote) == (help_id, True)


def test_a_kiosk_maintained_while_away_changes_its_line_on_every_process(
    two: tuple[tuple[Backend, LiveHub], Backend],
) -> None:
    (one, _), other = two
    headers, enrolment = one.enrol("shop")
    device_id = enrolment["device_id"]
    with desk(one, "sam") as sam, desk(other, "admin") as admin:
        for peer in (sam, admin):
            peer.expect(DeskWelcome)
        with kiosk_socket(one, headers) as kiosk:
            kiosk.expect(KioskWelcome)
            sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
            assert _changed(admin, state=TriageState.WAITING).fault is FaultKind.OUT_OF_ORDER
        while admin.expect(KioskPresence).connected:
            pass
        # Put back in service from one process's desk, told by the other to its own.
        sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.BACK_IN_SERVICE))
        assert admin.expect(KioskPresence).activity is None
        assert _changed(admin, state=TriageState.WAITING).fault is FaultKind.NOT_RESPONDING


def test_a_kiosk_gone_before_its_first_heartbeat_is_not_responding_on_every_process(
    two: tuple[tuple[Backend, LiveHub], Backend],
) -> None:
    (one, _), other = two
    headers, enrolment = one.enrol("shop")
    entry_id = f"{enrolment['device_id']:032x}"
    admin_http = other.login("admin")
    with desk(other, "admin", headers=admin_http) as admin:
        admin.expect(DeskWelcome)
        # On the link through one process, and gone before it sent a heartbeat.
        with kiosk_socket(one, headers) as kiosk:
            kiosk.expect(KioskWelcome)
        live = _changed(admin, entry_id, state=TriageState.WAITING)
        assert live.fault is FaultKind.NOT_RESPONDING

    def faults(backend: Backend) -> list[tuple[str, FaultKind | None]]:
        listed = backend.http.get(
            f"{backend.api}/triage", params={"location": "shop"}, headers=admin_http
        ).json()["entries"]
        from_list = [(e["id"], FaultKind(e["fault"])) for e in listed if e["kind"] == "kiosk_fault"]
        with desk(backend, "sam") as sam:
            welcome = sam.expect(DeskWelcome).triage
        from_welcome = [(e.id, e.fault) for e in welcome if e.kind is TriageKind.KIOSK_FAULT]
        assert from_list == from_welcome
        return from_welcome

    # The other process, and one started after the kiosk left, which never heard of it.
    assert faults(other) == [(entry_id, FaultKind.NOT_RESPONDING)]
    with _another_backend(other) as third:
        assert faults(third) == [(entry_id, FaultKind.NOT_RESPONDING)]
