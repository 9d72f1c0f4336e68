"""A greeter's closing of a kiosk fault outlives the backend process that took it (SQLite
and PostgreSQL): real ``firststop backend`` processes, one after the other on the same
database. The kiosk comes back to the new process still out of order, and the fault
stays closed on the hub's lines, ``GET /triage`` and a desk's welcome; a new fault after
it shows on all three."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from casebackend.app import build_context
from casebackend.context import BackendContext
from shared.live.messages import (
    DeskWelcome,
    KioskMaintenance,
    KioskPresence,
    KioskWelcome,
    MaintenanceAction,
)
from shared.triage.schemas import FaultKind, TriageKind, TriageState
from tests.casebackend.test_live import Peer, desk, kiosk_socket
from tests.casebackend.triage.test_faults import _beat, _close, _listed, _said_since, _welcome
from tests.casebackend.triage.test_triage import _changed
from tests.conftest import Backend, make_settings, seed_demo_council
from tests.multiprocess.processes import BackendProcess

# One process at a time: the hub within it, as on SQLite.
ONE_PROCESS = {
    "FIRSTSTOP_BACKEND_LIVE_BROKER": "memory",
    "FIRSTSTOP_BACKEND_APPOINTMENT_REMINDERS": "false",
}


@pytest.fixture
def context(database_url: str) -> Iterator[BackendContext]:
    """The seeded database, as the test reaches it (enrolment codes)."""
    seed_demo_council(database_url)
    context = build_context(make_settings(database_url))
    yield context
    context.engine.dispose()
    if context.reader is not None:
        context.reader.dispose()


@contextmanager
def _started(
    database_url: str, context: BackendContext, http: requests.Session, log: Path
) -> Iterator[tuple[Backend, BackendProcess]]:
    process = BackendProcess(database_url, log, env=ONE_PROCESS).wait_ready()
    try:
        yield Backend(process.url, context, "", http), process
    finally:
        process.stop()


def _back(sam: Peer, device_id: int) -> None:
    """Until the desk hears the kiosk is connected."""
    while True:
        presence: KioskPresence = sam.expect(KioskPresence)
        if presence.device_id == device_id and presence.connected:
            return


def _faults(welcome: DeskWelcome) -> list[tuple[str, FaultKind | None]]:
    return [(e.id, e.fault) for e in welcome.triage if e.kind is TriageKind.KIOSK_FAULT]


def test_a_closed_fault_stays_closed_when_the_backend_restarts(
    database_url: str, context: BackendContext, tmp_path: Path
) -> None:
    log = tmp_path / "backend.log"
    with requests.Session() as http:
        with _started(database_url, context, http, log) as (first, process):
            headers, enrolment = first.enrol("shop")
            device_id = enrolment["device_id"]
            entry_id = f"{device_id:032x}"
            sam_http = first.login("sam")
            with desk(first, "sam", headers=sam_http) as sam, kiosk_socket(first, headers) as kiosk:
                sam.expect(DeskWelcome)
                kiosk.expect(KioskWelcome)
                _beat(first, headers, frame_age_s=0.2)
                sam.send(
                    KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER)
                )
                assert _changed(sam, entry_id, state=TriageState.WAITING).fault is (
                    FaultKind.OUT_OF_ORDER
                )
                # Sam reports it to IT: off the list.
                assert _close(first, sam_http, entry_id, "reported").status_code == 200
                assert _changed(sam, entry_id).state is TriageState.ENDED
                # The backend restarts under them (killed, as on a deployment gone wrong).
                process.stop()

        with (
            _started(database_url, context, http, log) as (second, _),
            desk(second, "sam", headers=sam_http) as sam,
        ):
            assert _faults(sam.expect(DeskWelcome)) == []
            # The kiosk comes back, still out of order: no news to this process's desks
            # of a fault a greeter has dealt with, and still off the list.
            with kiosk_socket(second, headers) as kiosk:
                assert kiosk.expect(KioskWelcome).out_of_order
                _back(sam, device_id)
                assert _said_since(second, sam, sam_http, entry_id) == []
                assert _listed(second, sam_http) == {}
                assert _faults(_welcome(second)) == []
                # Mended and back in service: its line ends...
                sam.send(
                    KioskMaintenance(device_id=device_id, action=MaintenanceAction.BACK_IN_SERVICE)
                )
                assert _changed(sam, entry_id).state is TriageState.ENDED
            # ...and its dropping off later is a new fault, on every path.
            new = _changed(sam, entry_id, state=TriageState.WAITING)
            assert new.fault is FaultKind.NOT_RESPONDING
            assert _listed(second, sam_http) == {entry_id: "not_responding"}
            assert _faults(_welcome(second)) == [(entry_id, FaultKind.NOT_RESPONDING)]


def test_a_kiosk_back_before_any_desk_after_a_restart_ends_its_closed_fault(
    database_url: str, context: BackendContext, tmp_path: Path
) -> None:
    """No desk at its location has joined the new process when the kiosk comes back and
    drops off again: that is a new fault all the same, for the desk that joins next."""
    log = tmp_path / "backend.log"
    with requests.Session() as http:
        with _started(database_url, context, http, log) as (first, _):
            headers, enrolment = first.enrol("shop")
            entry_id = f"{enrolment['device_id']:032x}"
            sam_http = first.login("sam")
            with desk(first, "sam", headers=sam_http) as sam:
                sam.expect(DeskWelcome)
                with kiosk_socket(first, headers) as kiosk:
                    kiosk.expect(KioskWelcome)
                    _beat(first, headers, frame_age_s=0.2)
                assert _changed(sam, entry_id, state=TriageState.WAITING).fault is (
                    FaultKind.NOT_RESPONDING
                )
                assert _close(first, sam_http, entry_id, "fixed").status_code == 200
                assert _listed(first, sam_http) == {}

        with _started(database_url, context, http, log) as (second, _):
            # Back, working, and gone again, with nobody's desk joined to this process.
            with kiosk_socket(second, headers) as kiosk:
                kiosk.expect(KioskWelcome)
                _beat(second, headers, frame_age_s=0.2)
            assert _listed(second, sam_http) == {entry_id: "not_responding"}
            assert _faults(_welcome(second)) == [(entry_id, FaultKind.NOT_RESPONDING)]
