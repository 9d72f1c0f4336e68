"""High contrast as drawn: the words on the service tiles and on a focused bar button must
show, white on black, and each welcome button's when focused. All were once drawn black on
black (a stylesheet rule naming an ancestor's pseudo-state, which Qt ignores; the shared
focus colours without the focus background; a page's rule naming a button by the same
object name), and the layout audit passed them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.screenshots import visit_all
from kiosk.settings import KioskSettings
from shared.ui.audit import audit
from shared.ui.theme import HIGH_CONTRAST
from shared.ui.widgets import WrappedButton


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
        if name == "00-welcome":
            _each_control_focused_is_drawn_to_be_read(qtbot, kiosk.window)
        if name != "01-services":
            continue
        assert language == "en"
        window = kiosk.window
        tiles = [b for b in window.findChildren(WrappedButton) if b.property("role") == "tile"]
        assert tiles
        # A finger rests on the bar's language button: it keeps the focus.
        languages = window.findChild(QPushButton, "languages")
        assert languages is not None
        languages.clearFocus()
        unfocused = _text_pixels(languages)
        languages.setFocus()
        qtbot.waitUntil(languages.hasFocus)
        assert audit(window, contrast=True) == []
        # The bar's buttons keep the page's black: focused, their words are drawn as before
        # (they were drawn black on black, leaving only the globe).
        assert _text_pixels(languages) >= 0.8 * unfocused > 0
        words = tiles[0].words
        assert words.palette().color(words.foregroundRole()).name() == HIGH_CONTRAST.text
        tiles[0].pressed.emit()
        assert words.palette().color(words.foregroundRole()).name() == HIGH_CONTRAST.focus_text
        tiles[0].released.emit()
        assert words.palette().color(words.foregroundRole()).name() == HIGH_CONTRAST.text
        return
    raise AssertionError("the walk never showed the services page")


def _each_control_focused_is_drawn_to_be_read(qtbot, window: QWidget) -> None:
    """Each of the welcome screen's buttons, focused, as drawn. Check on a request I made
    was black on black: the page's rule for the track page named it too (same object
    name), and its background beat the focus colours."""
    window.activateWindow()
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert len(buttons) > 5
    for button in buttons:
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        assert audit(window, contrast=True) == [], button.objectName()
    window.setFocus()


def _text_pixels(widget: QWidget) -> int:
    """How many of the widget's drawn pixels inside its border are the high-contrast text
    colour (the border itself changes colour with the focus)."""
    inset = 8
    image = widget.grab(widget.rect().adjusted(inset, inset, -inset, -inset)).toImage()
    text = QColor(HIGH_CONTRAST.text).rgb()
    return sum(
        1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == text
    )
