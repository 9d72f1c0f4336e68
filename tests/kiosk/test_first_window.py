"""The welcome screen drawn before the kiosk is built (kiosk/main.py ``Startup``): its
first frame is the screen the kiosk then has, in the kiosk's language and look, not a
half-laid-out or untranslated one left on the screen while the kiosk is built."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.lockdown import BreakoutFilter
from kiosk.main import Startup
from kiosk.settings import KioskSettings
from kiosk.sync.catalogue import cached_languages, load_cached_catalogue
from kiosk.sync.vitals import KioskVitals
from kiosk.window import KioskWindow
from tests.kiosk.first_frame import run_enrolled
from tests.perf.bench_bundle import enrolled_kiosk

Seen = dict[str, tuple[QRect, str]]


def _seen(window: QWidget) -> Seen:
    """Every visible label's and button's place and words, by where it is in the tree."""
    found: Seen = {}
    for index, widget in enumerate(window.findChildren(QWidget)):
        if isinstance(widget, (QLabel, QPushButton)) and widget.isVisible():
            text = widget.text()
            key = f"{index}:{type(widget).__name__}:{widget.objectName()}"
            found[key] = (QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size()), text)
    return found


class _AtFirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: Seen | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            self.seen is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, KioskWindow)
        ):
            self.seen = _seen(watched)
        return False


@pytest.fixture
def settings(tmp_path: Path) -> KioskSettings:
    folders = enrolled_kiosk(tmp_path)
    return KioskSettings(
        config_dir=Path(folders["FIRSTSTOP_KIOSK_CONFIG_DIR"]),
        data_dir=Path(folders["FIRSTSTOP_KIOSK_DATA_DIR"]),
        locked=False,
    )


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_the_first_frame_is_the_screen_the_kiosk_then_has(
    qtbot: QtBot, qapp: QApplication, settings: KioskSettings, language: str
) -> None:
    settings = replace(settings, default_language=language)
    watcher = _AtFirstPaint()
    qapp.installEventFilter(watcher)
    try:
        start = Startup(qapp, settings, KioskVitals(), BreakoutFilter(), None)
        cached = cached_languages(settings)
        assert cached is not None
        window = start.first_window(cached)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: watcher.seen is not None)
    finally:
        qapp.removeEventFilter(watcher)
    first = watcher.seen
    assert first is not None
    catalogue = load_cached_catalogue(settings)
    assert catalogue is not None
    kiosk = Kiosk(settings, catalogue, None, client=None, window=window)
    start.held.release()
    assert kiosk.window is window
    # Once the kiosk is built and everything it queued has run.
    qtbot.waitUntil(lambda: _seen(window) == first, timeout=2000)
    # In the language asked for, from the first frame: its own words, not English ones.
    assert not window.start_again_button.isVisible()
    title = window.welcome.title.text()
    assert (title == "Welcome") is (language == "en")


def test_a_cache_without_readable_languages_draws_no_early_window(
    settings: KioskSettings,
) -> None:
    settings.catalogue_file.write_text(json.dumps({"version": "1", "languages": "en"}))
    assert cached_languages(settings) is None
    settings.catalogue_file.write_text("{not json")
    assert cached_languages(settings) is None
    settings.catalogue_file.unlink()
    assert cached_languages(settings) is None


def test_a_damaged_enrolment_file_ends_the_kiosk_after_its_first_frame_with_exit_2(
    tmp_path: Path,
) -> None:
    """``firststop kiosk`` checks only that device.json exists; read once the welcome
    screen is up, a damaged one ends the kiosk as before: exit 2, the installer told."""
    folders = enrolled_kiosk(tmp_path / "kiosk")
    device = Path(folders["FIRSTSTOP_KIOSK_CONFIG_DIR"]) / "device.json"
    device.write_text('{"backend_url": "http://127.0.0.1:9"')
    done = run_enrolled(tmp_path, "firststop", "kiosk", "--windowed", folders=folders)
    assert done.returncode == 2
    assert f"This kiosk's enrolment file ({device}) is damaged. Enrol the kiosk again." in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


def test_a_cached_catalogue_that_cannot_be_checked_is_as_none(
    qtbot: QtBot, qapp: QApplication, settings: KioskSettings
) -> None:
    """Its languages read, so the welcome screen was drawn; its services do not: the
    window goes and the kiosk waits for the backend's catalogue, as with no cache."""
    data = json.loads(settings.catalogue_file.read_text())
    data["services"] = [{"code": "no name, no tier"}]
    settings.catalogue_file.write_text(json.dumps(data))
    start = Startup(qapp, settings, KioskVitals(), BreakoutFilter(), None)
    cached = cached_languages(settings)
    assert cached is not None
    window = start.first_window(cached)
    qtbot.addWidget(window)
    try:
        start.finish(window, cached)
        assert start.running.kiosk is None
        assert not window.isVisible()
        # Waiting for the backend: the sync worker runs, with nothing to show yet.
        assert start.running.sync is not None
        assert start.held.held == 0
    finally:
        start.running.close()


def test_the_catalogue_checked_is_the_file_the_welcome_screen_was_drawn_from(
    qtbot: QtBot, qapp: QApplication, settings: KioskSettings
) -> None:
    """Read once: what the window showed and what the kiosk is built with are one file's,
    even if the file changes (or goes) in between."""
    start = Startup(qapp, settings, KioskVitals(), BreakoutFilter(), None)
    cached = cached_languages(settings)
    assert cached is not None
    window = start.first_window(cached)
    qtbot.addWidget(window)
    settings.catalogue_file.unlink()
    try:
        start.finish(window, cached)
        kiosk = start.running.kiosk
        assert kiosk is not None
        assert kiosk.window is window
        assert kiosk.catalogue.languages == cached.languages
        # The background parts start a turn of the loop each: all of them, before closing.
        qtbot.waitUntil(lambda: start.running.sync is not None)
    finally:
        start.running.close()
