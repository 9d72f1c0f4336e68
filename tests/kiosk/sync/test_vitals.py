"""KioskVitals and the heartbeat it feeds: screen names only, ages from a clock."""

from __future__ import annotations

import random
import sys

import pytest

from kiosk.outbox import Outbox
from kiosk.sync.heartbeat import HeartbeatSender, kiosk_version
from kiosk.sync.vitals import KioskVitals
from kiosk.sync.worker import offline_delay
from shared.errors import InvalidInput
from shared.fleet.schemas import Heartbeat
from shared.schema import encode, to_builtins
from tests.kiosk.outbox.conftest import ISSUER, FakeSender, report, visit


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Recorder:
    def __init__(self) -> None:
        self.sent: list[Heartbeat] = []

    def send_heartbeat(self, heartbeat: Heartbeat) -> None:
        self.sent.append(heartbeat)


def test_vitals_count_frame_and_touch_ages_and_name_the_screen():
    clock = Clock()
    vitals = KioskVitals(clock=clock)
    clock.now += 2
    first = vitals.snapshot()
    assert (first.screen, first.frame_age_s, first.touch_age_s) == ("starting", 2.0, None)

    vitals.frame_drawn()
    vitals.touched()
    vitals.screen_shown("journey:pothole:size")
    clock.now += 1.5
    vitals.frame_drawn()
    later = vitals.snapshot()
    assert (later.screen, later.frame_age_s, later.touch_age_s) == (
        "journey:pothole:size",
        0.0,
        1.5,
    )


@pytest.mark.parametrize(
    "name", ["Ada Lovelace", "ada@example.com", "NG5 2AB", "x" * 61, "welcome\n", "café"]
)
def test_a_screen_name_that_could_carry_content_is_refused(name):
    vitals = KioskVitals()
    with pytest.raises(ValueError, match="short identifier"):
        vitals.screen_shown(name)
    assert vitals.snapshot().screen == "starting"


def test_a_heartbeat_names_the_screen_and_carries_no_customer_data(tmp_path):
    vitals = KioskVitals()
    vitals.screen_shown("check_answers")
    recorder = Recorder()
    with Outbox(tmp_path / "outbox.sqlite3", ISSUER) as outbox:
        outbox.submit(report())
        sender = HeartbeatSender(recorder, outbox, vitals)
        assert sender.send()
    (beat,) = recorder.sent
    assert beat.screen == "check_answers"
    assert (beat.outbox_depth, beat.outbox_held) == (1, 0)
    assert beat.version == kiosk_version()
    wire = encode(beat).decode()
    assert set(to_builtins(beat)) == {
        "version",
        "outbox_depth",
        "outbox_held",
        "screen",
        "frame_age_s",
        "touch_age_s",
    }
    for customer_data in ("Ada", "ada@example.com", "Mansfield", "NG5", "bus stop"):
        assert customer_data not in wire


def test_the_heartbeat_counts_visits_waiting_and_held_with_the_cases(tmp_path):
    recorder = Recorder()
    with Outbox(tmp_path / "outbox.sqlite3", ISSUER) as outbox:
        outbox.submit(report())
        outbox.record_visit(visit())
        refused = visit()
        outbox.record_visit(refused)
        outbox.sync_once(FakeSender(None, visits=[None, InvalidInput("Not valid.")]))
        outbox.record_visit(visit())
        assert HeartbeatSender(recorder, outbox, KioskVitals()).send()
    (beat,) = recorder.sent
    # The case and the first visit sent; the refused visit held, a new one waiting.
    assert (beat.outbox_depth, beat.outbox_held) == (2, 1)
    assert b"Ada found it easy" not in encode(beat)


def test_offline_backoff_doubles_with_jitter_up_to_the_cap():
    rng = random.Random(7)
    for failures, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (5, 16.0), (9, 60.0), (500, 60.0)]:
        delays = [offline_delay(failures, 1.0, 60.0, rng) for _ in range(50)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 1  # jittered, not in step


def test_a_bundled_kiosk_reports_the_version_written_beside_its_program(tmp_path, monkeypatch):
    # A bundle carries no package metadata: its version is the VERSION file the bundle
    # build writes beside the program (build/bundle/bundling.py write_version).
    program = tmp_path / "firststop-kiosk"
    (tmp_path / "VERSION").write_text("firststop-kiosk 1.4.2\n", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert kiosk_version() == "1.4.2"
    (tmp_path / "VERSION").unlink()
    assert kiosk_version() == "0.0.0"
