"""The kiosk's start-up, in a fresh process: the welcome screen is painted before any of
the heavy parts are imported (the schemas, the kiosk's presenter, the outbox's database,
the backend client, the live link, speech, the QR code, the PIN hasher), they all follow
right after the first paint (or, if the window is never painted, a few seconds after the
start), pydantic never, and a tap on Start that comes before they are up is not lost."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.main import FirstFrame
from tests.kiosk.first_frame import BACKGROUND, HEAVY, run_enrolled


def test_the_welcome_screen_is_painted_first_and_a_tap_before_the_rest_is_kept(
    tmp_path: Path,
) -> None:
    done = run_enrolled(tmp_path, "tests.kiosk.first_frame")
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    # At the first paint, none of them; once the background start ran, the kiosk's own.
    assert report["loaded_at_first_paint"] == []
    assert {BACKGROUND, "kiosk.outbox", "shared.client"} <= set(report["loaded_after_start"])
    assert set(report["loaded_after_start"]) <= set(HEAVY)
    assert "kiosk.app" in report["loaded_after_start"]
    # Nor ever pydantic: the kiosk reads its schemas with msgspec (shared/schema.py), so
    # its memory holds neither pydantic nor the validators it would build.
    assert not {"pydantic", "pydantic_core", "pydantic_settings"} & set(
        report["loaded_after_start"]
    )
    # The tap came before the kiosk was built around the screen: it was held, not lost,
    # and handled once the kiosk was there, before the background start.
    assert report["background_before_tap"] is False
    assert report["page_after_tap"] == "services"
    assert report["page_at_end"] == "services"
    assert (tmp_path / "kiosk" / "data" / "outbox.sqlite3").exists()


class _Counted(QWidget):
    """A window that counts its paints."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        del event
        self.paints += 1


def test_the_background_start_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    window = _Counted()
    qtbot.addWidget(window)
    seen: list[int] = []
    first = FirstFrame(window, lambda: seen.append(window.paints), fallback_ms=60_000)
    assert seen == []
    window.show()
    qtbot.waitUntil(lambda: seen != [])
    assert seen[0] >= 1  # the window had painted by then
    assert first.done
    window.repaint()
    window.update()
    qtbot.waitUntil(lambda: window.paints > seen[0] + 1)
    assert len(seen) == 1


def test_a_window_never_painted_still_gets_the_background_start(qtbot: QtBot) -> None:
    window = _Counted()
    qtbot.addWidget(window)  # never shown: nothing will paint it
    seen: list[int] = []
    FirstFrame(window, lambda: seen.append(window.paints), fallback_ms=50)
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [0]
