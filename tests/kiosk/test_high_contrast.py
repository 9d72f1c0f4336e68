"""High contrast as drawn: the words on the service tiles and on a focused bar button must
show, white on black. Both were once drawn black on black (a stylesheet rule naming an
ancestor's pseudo-state, which Qt ignores, and the shared focus colours without the focus
background), and the layout audit, which does not read pixels, passed them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.screenshots import visit_all
from kiosk.settings import KioskSettings
from shared.ui.audit import audit
from shared.ui.fields import WrappedButton
from shared.ui.theme import HIGH_CONTRAST, MIN_CONTRAST, contrast_ratio


def test_high_contrast_words_are_drawn_to_be_read(qtbot, qapp: QApplication, tmp_path: Path):
    settings = KioskSettings(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        locked=False,
        speech_engine=None,
        screen_dpi=96,
    )
    for kiosk, _mode, language, name in visit_all(
        settings, typing=False, only_modes={"high-contrast"}
    ):
        if name != "01-services":
            continue
        assert language == "en"
        window = kiosk.window
        tiles = [b for b in window.findChildren(WrappedButton) if b.property("role") == "tile"]
        assert tiles
        # A finger rests on the bar's language button: it keeps the focus.
        languages = window.findChild(QPushButton, "languages")
        assert languages is not None
        languages.setFocus()
        qtbot.waitUntil(languages.hasFocus)
        assert audit(window, contrast=True) == []
        # The bar's buttons keep the page's black: their words must stand out from it.
        focused = languages.palette().color(languages.foregroundRole()).name()
        assert contrast_ratio(focused, HIGH_CONTRAST.background) >= MIN_CONTRAST
        words = tiles[0].words
        assert words.palette().color(words.foregroundRole()).name() == HIGH_CONTRAST.text
        tiles[0].pressed.emit()
        assert words.palette().color(words.foregroundRole()).name() == HIGH_CONTRAST.focus_text
        tiles[0].released.emit()
        assert words.palette().color(words.foregroundRole()).name() == HIGH_CONTRAST.text
        return
    raise AssertionError("the walk never showed the services page")
