"""Heartbeats and fleet health over the real API and the admin command."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from sqlalchemy import update

from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.fleet.models import KioskHealth

BEAT = {
    "version": "0.1.0",
    "outbox_depth": 2,
    "outbox_held": 0,
    "screen": "q:size",
    "frame_age_s": 0.4,
    "touch_age_s": 12.0,
}


def _states(backend, headers, **params):
    response = backend.http.get(f"{backend.api}/devices", headers=headers, params=params)
    response.raise_for_status()
    return {k["device_id"]: k for k in response.json()}


def test_heartbeats_show_on_the_fleet_board(backend):
    kiosk, enrolment = backend.enrol("shop")
    _, quiet = backend.enrol("shop")
    sam = backend.login("sam")
    before = _states(backend, sam)
    assert before[enrolment["device_id"]]["state"] == "never_seen"

    sent = backend.http.post(f"{backend.api}/devices/heartbeat", json=BEAT, headers=kiosk)
    assert sent.status_code == 204
    after = _states(backend, sam)
    mine = after[enrolment["device_id"]]
    assert mine["state"] == "online"
    assert (mine["outbox_depth"], mine["screen"], mine["version"]) == (2, "q:size", "0.1.0")
    assert after[quiet["device_id"]]["state"] == "never_seen"


def test_a_frozen_screen_is_flagged_while_heartbeats_still_arrive(backend):
    kiosk, enrolment = backend.enrol("shop")
    stuck = BEAT | {"frame_age_s": 45.0}
    backend.http.post(f"{backend.api}/devices/heartbeat", json=stuck, headers=kiosk)
    assert _states(backend, backend.login("jo"))[enrolment["device_id"]]["state"] == (
        "not_rendering"
    )


def test_silence_means_offline(backend):
    kiosk, enrolment = backend.enrol("shop")
    backend.http.post(f"{backend.api}/devices/heartbeat", json=BEAT, headers=kiosk)
    with unit_of_work(backend.context.sessions) as session:
        session.execute(update(KioskHealth).values(received_at=utcnow() - timedelta(minutes=5)))
    assert _states(backend, backend.login("jo"))[enrolment["device_id"]]["state"] == "offline"


def test_who_sees_which_kiosks(backend):
    shop_kiosk, shop = backend.enrol("shop")
    _, library = backend.enrol("lib-northgate")
    assert set(_states(backend, backend.login("priya"))) == {library["device_id"]}
    assert {shop["device_id"], library["device_id"]} <= set(_states(backend, backend.login("jo")))
    # A kiosk sees no fleet, and staff send no heartbeats.
    assert backend.http.get(f"{backend.api}/devices", headers=shop_kiosk).status_code == 403
    staff_beat = backend.http.post(
        f"{backend.api}/devices/heartbeat", json=BEAT, headers=backend.login("sam")
    )
    assert staff_beat.status_code == 403


def test_a_heartbeat_carries_no_content(backend):
    kiosk, _ = backend.enrol("shop")
    for bad in (
        BEAT | {"screen": "Mrs Jones, 12 High Street"},
        BEAT | {"answers": {"name": "Jones"}},
        BEAT | {"outbox_depth": -1},
    ):
        response = backend.http.post(f"{backend.api}/devices/heartbeat", json=bad, headers=kiosk)
        assert response.status_code == 422, bad


def test_admin_fleet_lists_every_kiosk(backend):
    kiosk, _ = backend.enrol("lib-central")
    backend.http.post(f"{backend.api}/devices/heartbeat", json=BEAT, headers=kiosk)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "firststop",
            "admin",
            "--database",
            backend.context.settings.database_url,
            "fleet",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("lib-central"))
    assert "online" in line
    assert "q:size" in line


def test_each_heartbeat_counts_in_its_hour_and_says_whether_the_screen_drew(backend):
    """The figures' kiosk availability reads these: two beats, one with a stuck screen."""
    from sqlalchemy import select

    from casebackend.fleet.models import KioskHour

    kiosk, enrolment = backend.enrol()
    for frame_age in (0.4, 45.0):
        sent = backend.http.post(
            f"{backend.api}/devices/heartbeat",
            json=BEAT | {"frame_age_s": frame_age},
            headers=kiosk,
        )
        assert sent.status_code == 204
    with backend.context.sessions() as session:
        hours = session.scalars(select(KioskHour)).all()
    # One row an hour (two, if the beats fell either side of the hour).
    assert {h.device_id for h in hours} == {enrolment["device_id"]}
    assert (sum(h.beats for h in hours), sum(h.healthy for h in hours)) == (2, 1)
    assert {(h.hour.minute, h.hour.second) for h in hours} == {(0, 0)}
