"""The kiosk's start-up, in a fresh process: the welcome screen is painted before any of
the heavy background parts are imported (the outbox's database, the backend client, the
live link, speech, the QR code, the settings library), they all follow right after the
first paint, and a tap on Start that comes before they are up is not lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.kiosk.first_frame import BACKGROUND, HEAVY

ROOT = Path(__file__).resolve().parents[2]


def _enrolled(root: Path) -> dict[str, str]:
    """A kiosk enrolled to a backend that is not there, its catalogue cached."""
    config, data = root / "config", root / "data"
    config.mkdir(parents=True, mode=0o700)
    data.mkdir(parents=True)
    device = {
        "backend_url": "http://127.0.0.1:9",
        "device_id": 1,
        "name": "start",
        "token": "start-token",
        "issuer": "222",
        "location_code": "shop",
        "location_name": "Start",
        "tracking_url": "http://127.0.0.1:9/track/",
        "enrolled_at": datetime.now(UTC).isoformat(),
    }
    (config / "device.json").write_text(json.dumps(device))
    (config / "device.json").chmod(0o600)
    shutil.copy(ROOT / "assets" / "catalogue" / "demo.json", data / "catalogue.json")
    return {
        "FIRSTSTOP_KIOSK_CONFIG_DIR": str(config),
        "FIRSTSTOP_KIOSK_DATA_DIR": str(data),
        "FIRSTSTOP_KIOSK_CONFIG": str(root / "none.toml"),
    }


def test_the_welcome_screen_is_painted_first_and_a_tap_before_the_rest_is_kept(
    tmp_path: Path,
) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path / "home"),
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
        PYTHONPATH=str(ROOT),
    )
    (tmp_path / "runtime").mkdir(mode=0o700)
    env.update(_enrolled(tmp_path / "kiosk"))
    done = subprocess.run(
        [sys.executable, "-m", "tests.kiosk.first_frame"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # At the first paint, none of them; once the background start ran, the kiosk's own.
    assert report["loaded_at_first_paint"] == []
    assert {BACKGROUND, "kiosk.outbox", "shared.client", "requests"} <= set(
        report["loaded_after_start"]
    )
    assert set(report["loaded_after_start"]) <= set(HEAVY)
    # The tap was handled before the background start, and it was not lost.
    assert report["background_before_tap"] is False
    assert report["page_after_tap"] == "services"
    assert report["page_at_end"] == "services"
    assert (tmp_path / "kiosk" / "data" / "outbox.sqlite3").exists()
