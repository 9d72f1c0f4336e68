"""The sync worker in its thread against the real backend (SQLite and PostgreSQL): a
submission made offline is sent when the backend comes up, heartbeats reach the fleet
board, the catalogue is cached, and stop() is prompt while the backend is unreachable."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from kiosk.device import enrol, load_identity, open_outbox
from kiosk.outbox import Outbox
from kiosk.settings import KioskSettings
from kiosk.sync.background import BackgroundSync
from kiosk.sync.catalogue import bundled_demo_catalogue, load_cached_catalogue, startup_catalogue
from kiosk.sync.heartbeat import kiosk_version
from kiosk.sync.vitals import KioskVitals
from shared.catalogue.schemas import Catalogue
from tests.kiosk.device.conftest import enrolment_code, kiosk_settings
from tests.kiosk.outbox.conftest import report, visit

WAIT_MS = 10_000


@pytest.fixture
def outbox(quick_settings, enrolled) -> Iterator[Outbox]:
    # The outbox's own per-entry backoff, kept short as well.
    with Outbox(
        quick_settings.outbox_file,
        enrolled.issuer,
        retry_base=timedelta(milliseconds=20),
        retry_cap=timedelta(milliseconds=100),
    ) as box:
        yield box


@pytest.fixture
def make_sync(qtbot, quick_settings, enrolled, outbox) -> Iterator[object]:
    made: list[BackgroundSync] = []

    def make(vitals: KioskVitals | None = None, identity=None, **options) -> BackgroundSync:
        sync = BackgroundSync(
            quick_settings,
            identity or enrolled,
            outbox,
            vitals or KioskVitals(),
            backoff_cap=options.pop("backoff_cap", 0.2),
            **options,
        )
        made.append(sync)
        return sync

    yield make
    for sync in made:
        assert sync.stop()


def _retired(settings: KioskSettings) -> tuple[object, ...] | None:
    identity = load_identity(settings)
    return None if identity is None else identity.retired


def _references(late_backend) -> set[str]:
    page = late_backend.staff_get("cases", page_size=200)
    return {item["reference"] for item in page["items"]}


def test_a_submission_made_offline_is_sent_when_the_backend_comes_up(
    qtbot, late_backend, outbox, make_sync, caplog
):
    caplog.set_level(logging.DEBUG)
    reference = outbox.submit(report())
    sync = make_sync()

    with qtbot.waitSignal(sync.online_changed, timeout=WAIT_MS) as down:
        sync.start()
    assert down.args == [False]
    assert outbox.depth() == 1

    with (
        qtbot.waitSignal(sync.online_changed, timeout=WAIT_MS) as up,
        qtbot.waitSignal(
            sync.outbox_changed, timeout=WAIT_MS, check_params_cb=lambda d, h: d == 0
        ) as emptied,
    ):
        late_backend.start()
    assert up.args == [True]
    assert emptied.args == [0, 0]
    assert reference.compact in _references(late_backend)

    # A submission made now the kiosk is online goes too (the UI asks for a pass).
    second = outbox.submit(report())
    sync.sync_now()
    qtbot.waitUntil(lambda: outbox.depth() == 0, timeout=WAIT_MS)
    assert second.compact in _references(late_backend)
    # Nothing the customer typed reached a log line.
    for customer_data in ("Ada", "ada@example.com", "Mansfield", "NG5", "bus stop"):
        assert customer_data not in caplog.text


def test_a_visit_made_offline_is_sent_after_its_case_when_the_backend_comes_up(
    qtbot, late_backend, outbox, make_sync, caplog
):
    from sqlalchemy import select

    from casebackend.cases.models import Case
    from casebackend.db.engine import unit_of_work
    from casebackend.visits.models import Visit

    caplog.set_level(logging.DEBUG)
    reference = outbox.submit(report())
    made = visit(outcome="submitted", case_reference=reference.compact)
    outbox.record_visit(made)
    sync = make_sync()
    with qtbot.waitSignal(sync.online_changed, timeout=WAIT_MS):
        sync.start()
    assert (outbox.case_depth(), outbox.visit_depth()) == (1, 1)

    with qtbot.waitSignal(
        sync.outbox_changed, timeout=WAIT_MS, check_params_cb=lambda d, h: d == 0
    ):
        late_backend.start()
    with unit_of_work(late_backend.context.sessions) as session:
        case = session.scalars(select(Case).where(Case.reference == reference.compact)).one()
        stored = session.scalars(select(Visit)).all()
        assert [(v.id, v.case_reference) for v in stored] == [(made.id, reference.compact)]
        # The case arrived first: a visit is sent after the cases of its pass.
        assert case.created_at <= stored[0].received_at
    assert "Ada found it easy" not in caplog.text


def test_heartbeats_reach_the_fleet_board_with_the_screen_and_the_outbox(
    qtbot, late_backend, enrolled, outbox, make_sync
):
    late_backend.start()
    vitals = KioskVitals()
    vitals.screen_shown("journey:pothole:size")
    vitals.touched()
    sync = make_sync(vitals)
    sync.start()

    def mine() -> dict[str, Any]:
        board = late_backend.staff_get("devices")
        return next((k for k in board if k["device_id"] == enrolled.device_id), {})

    qtbot.waitUntil(lambda: mine().get("screen") == "journey:pothole:size", timeout=WAIT_MS)
    seen = mine()
    assert seen["state"] == "online"
    assert seen["version"] == kiosk_version()
    assert (seen["outbox_depth"], seen["outbox_held"]) == (0, 0)
    assert seen["touch_age_s"] is not None

    vitals.screen_shown("help")
    qtbot.waitUntil(lambda: mine()["screen"] == "help", timeout=WAIT_MS)


def test_stop_is_prompt_while_the_backend_is_unreachable(qtbot, outbox, make_sync):
    outbox.submit(report())
    sync = make_sync(backoff_cap=30.0)
    with qtbot.waitSignal(sync.online_changed, timeout=WAIT_MS):
        sync.start()
    # A pass is under way, or waiting between the client's retries, or backing off.
    sync.sync_now()
    began = time.monotonic()
    assert sync.stop(timeout_s=5.0)
    assert time.monotonic() - began < 1.5
    assert not sync.is_running()
    assert outbox.depth() == 1


def test_the_catalogue_is_cached_and_read_back_with_the_backend_down(
    qtbot, late_backend, quick_settings, make_sync, tmp_path
):
    late_backend.start()
    sync = make_sync()
    with qtbot.waitSignal(sync.catalogue_updated, timeout=WAIT_MS) as updated:
        sync.start()
    (catalogue,) = updated.args
    assert isinstance(catalogue, Catalogue)
    assert catalogue.service("pothole") is not None
    assert sync.stop()
    late_backend.stop()

    assert load_cached_catalogue(quick_settings) == catalogue
    assert startup_catalogue(quick_settings, demo=False) == catalogue
    # Nothing cached: a real kiosk is out of order; only a demo kiosk uses the bundled one.
    empty = kiosk_settings(tmp_path / "new")
    assert startup_catalogue(empty, demo=False) is None
    assert startup_catalogue(empty, demo=True) == bundled_demo_catalogue()
    # A damaged cache is no catalogue, not a crash.
    quick_settings.catalogue_file.write_text("{not json")
    assert load_cached_catalogue(quick_settings) is None


def test_sync_now_sends_a_submission_without_waiting_for_the_timer(
    qtbot, late_backend, quick_settings, enrolled, outbox
):
    late_backend.start()
    slow = replace(quick_settings, sync_seconds=600)
    sync = BackgroundSync(slow, enrolled, outbox, KioskVitals())
    try:
        with qtbot.waitSignal(sync.online_changed, timeout=WAIT_MS):
            sync.start()
        reference = outbox.submit(report())
        sync.sync_now()
        qtbot.waitUntil(lambda: outbox.depth() == 0, timeout=WAIT_MS)
    finally:
        assert sync.stop()
    assert reference.compact in _references(late_backend)


def test_entries_queued_before_enrolling_again_are_sent_with_the_old_sign_in(
    qtbot, backend, tmp_path
):
    settings = kiosk_settings(tmp_path, sync_seconds=0.05, heartbeat_seconds=0.1)
    first = enrol(settings, enrolment_code(backend), backend.url)
    with open_outbox(settings, first) as outbox:
        old = outbox.submit(report())
    second = enrol(settings, enrolment_code(backend), backend.url)
    assert second.retired

    with open_outbox(settings, second) as outbox:
        new = outbox.submit(report())
        sync = BackgroundSync(settings, second, outbox, KioskVitals(), backoff_cap=0.2)
        try:
            with qtbot.waitSignal(
                sync.outbox_changed, timeout=WAIT_MS, check_params_cb=lambda d, h: d == 0
            ):
                sync.start()
            # Once nothing queued is left from the old enrolment, its sign-in is forgotten.
            qtbot.waitUntil(lambda: _retired(settings) == (), timeout=WAIT_MS)
        finally:
            assert sync.stop()

    staff = backend.login("jo")
    page = backend.http.get(f"{backend.api}/cases", headers=staff, params={"page_size": 200})
    references = {item["reference"] for item in page.json()["items"]}
    assert {old.compact, new.compact} <= references
    assert old.issuer != new.issuer
