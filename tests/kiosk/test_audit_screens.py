"""Every screen of every demo journey, in English, Polish and Arabic, on both panels, with
and without the keyboard up on a text field: no two controls overlap, none reaches outside
the window, none is under 44 by 44 px or nameless, and while typing the field is in view.

While typing, the screen's heading (or the same question pinned above the page), the
field's own label and the field must all be wholly in view.

In the standard and high-contrast colours, at one size (the colours do not change with the
size), every word is judged as drawn: 4.5:1 against its background, 3:1 if large (WCAG 2.2
1.4.3). Words drawn in their background's colour (the tiles once were, black on black in
high contrast) fail it.

Every mode on both panels, every screen, all three languages: about a minute in all on a
2-core machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.screenshots import visit_all
from kiosk.settings import KioskSettings
from shared.ui.audit import audit

MODES = ("standard", "large-text", "high-contrast")
SIZES = ((1280, 800), (1920, 1080))
# Known and not yet mended (docs/kiosk.md says so): none just now.
KNOWN: dict[tuple[str, str], str] = {}
# The walks that also judge the contrast as drawn (1.5 to 2.5 s of CPU more a walk).
CONTRAST = {("standard", (1280, 800)), ("high-contrast", (1280, 800))}


@pytest.mark.parametrize(
    ("mode", "size"),
    [(mode, size) for mode in MODES for size in SIZES],
    ids=[f"{mode}-{w}x{h}" for mode in MODES for (w, h) in SIZES],
)
def test_every_screen_is_laid_out_for_fingers(
    qtbot,
    qapp: QApplication,
    tmp_path: Path,
    mode: str,
    size: tuple[int, int],
) -> None:
    settings = KioskSettings(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        locked=False,
        speech_engine=None,
        screen_dpi=96,
    )
    failures: list[str] = []
    screens = typing = 0
    for kiosk, folder, language, name in visit_all(settings, size=size, only_modes={mode}):
        keep = kiosk.window.in_view_while_typing(kiosk.keyboard)
        typing += bool(keep)
        found = audit(kiosk.window, contrast=(mode, size) in CONTRAST, keep_visible=keep)
        if (mode, name) in KNOWN:
            found = [p for p in found if p.rule != KNOWN[mode, name]]
        failures.extend(f"{folder}/{language}/{name}: {problem}" for problem in found)
        screens += 1
    assert screens > 400
    assert typing > 100
    assert failures == [], f"{len(failures)} problems:\n" + "\n".join(failures)
