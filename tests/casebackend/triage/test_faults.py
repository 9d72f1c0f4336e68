"""Kiosk faults on the triage list as ``GET /triage`` lists them (SQLite and PostgreSQL): a
stuck screen closed while the kiosk stays connected is a new fault when it sticks again
after drawing."""

from __future__ import annotations

from typing import Any

import pytest

from casebackend.settings import BackendSettings
from shared.live.messages import DeskWelcome, KioskWelcome
from shared.triage.schemas import FaultKind
from tests.casebackend.test_live import desk, kiosk_socket
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
