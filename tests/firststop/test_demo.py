"""``firststop demo --headless``: the scripted visit, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from shared import references


def test_the_headless_demo_runs_a_whole_visit_and_reports_it(tmp_path: Path) -> None:
    screens = tmp_path / "screens"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "firststop", "demo", "--headless", "--screenshots", str(screens)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, done.stdout
    figures = json.loads(lines[0])
    # A real reference from the kiosk's outbox, with a valid check character.
    references.parse(figures["reference"])
    assert figures["outcome"] == "resolved_at_kiosk"
    assert 0 < figures["alert_latency_ms"] < 15_000
    assert 0 < figures["mirror_latency_ms"] < 15_000
    shots = sorted(p.name for p in screens.glob("*.png"))
    assert any("kiosk" in name for name in shots)
    assert any("desk-mirror" in name for name in shots)
