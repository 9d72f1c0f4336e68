"""Ending a journey early (as the screenshot walker does between services) cancels the
wipe its thank-you screen had set, so the next journey is not wiped part way through."""

from __future__ import annotations

from pathlib import Path

from kiosk.app import Kiosk
from kiosk.outbox import Outbox
from kiosk.settings import KioskSettings
from shared.catalogue.schemas import Catalogue
from shared.resources import asset_path


def test_a_journey_ended_after_thanks_is_not_wiped_later(qtbot, tmp_path: Path) -> None:
    settings = KioskSettings(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        locked=False,
        speech_engine=None,
        screen_dpi=96,
    )
    catalogue = Catalogue.load(asset_path("catalogue", "demo.json"))
    with Outbox(tmp_path / "outbox.sqlite3", "222") as outbox:
        kiosk = Kiosk(settings, catalogue, outbox, client=None)
        qtbot.addWidget(kiosk.window)
        window = kiosk.window
        window.welcome.start_requested.emit()
        window.services.service_chosen.emit("pothole")
        kiosk.journey.finished.emit()
        assert window.pages.currentWidget() is window.thanks
        kiosk.end_journey()
        window.welcome.start_requested.emit()
        window.services.service_chosen.emit("pothole")
        assert not kiosk._thanks_timer.isActive()
        assert window.pages.currentWidget() is window.journey_view
        assert kiosk.journey.flow is not None
