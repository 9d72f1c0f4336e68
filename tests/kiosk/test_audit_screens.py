"""Every screen of every demo journey, in English, Polish and Arabic, on both panels, with
and without the keyboard up on a text field: no two controls overlap, none reaches outside
the window, none is under 44 by 44 px or nameless, and while typing the field is in view.

While typing, the screen's heading (or the same question pinned above the page), the
field's own label and the field must all be wholly in view.

In the suite: large text on the short panel (where room runs out) and standard on full HD,
every screen, all three languages (about two and a half minutes each on a 2-core machine).
``pytest tests/kiosk/test_audit_screens.py --every-screen-mode`` audits every mode on both
panels (the complete run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kiosk.app import Kiosk
from kiosk.screenshots import visit_all
from kiosk.settings import KioskSettings
from shared.ui.audit import audit


def typing_in(kiosk: Kiosk) -> list[QWidget]:
    """What must be in view while typing: the screen's heading, the field being typed in
    and its label (when it has one of its own)."""
    if not kiosk.keyboard.isVisible():
        return []
    focused = QApplication.focusWidget()
    if focused is None:
        return []
    area = kiosk.window.page_scroll_area()
    page = area.widget() if area is not None else None
    if page is None:
        return [focused]
    labels = [label for label in page.findChildren(QLabel) if label.isVisibleTo(page)]
    titles = [label for label in labels if label.property("textRole") == "title"]
    heading = min(titles, key=lambda label: label.mapTo(page, QPoint(0, 0)).y(), default=None)
    own = [label for label in labels if label.buddy() is focused]
    pinned = kiosk.window.journey_view.pinned_title
    if heading is not None and pinned.isVisible() and pinned.text() == heading.text():
        heading = pinned  # the question, pinned above the page while typing
    return [*([heading] if heading is not None else []), *own, focused]


# The suite's pair covers every screen in every language: large text where room is
# shortest, standard where the keys are tallest. ``--every-screen-mode`` adds the rest.
IN_SUITE = {("large-text", (1280, 800)), ("standard", (1920, 1080))}
MODES = ("standard", "large-text", "high-contrast")
SIZES = ((1280, 800), (1920, 1080))


@pytest.mark.parametrize(
    ("mode", "size"),
    [(mode, size) for mode in MODES for size in SIZES],
    ids=[f"{mode}-{w}x{h}" for mode in MODES for (w, h) in SIZES],
)
def test_every_screen_is_laid_out_for_fingers(
    request: pytest.FixtureRequest,
    qtbot,
    qapp: QApplication,
    tmp_path: Path,
    mode: str,
    size: tuple[int, int],
) -> None:
    if (mode, size) not in IN_SUITE and not request.config.getoption("--every-screen-mode"):
        pytest.skip("the complete run: pytest --every-screen-mode")
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
        keep = typing_in(kiosk)
        typing += bool(keep)
        found = audit(kiosk.window, contrast=False, keep_visible=keep)
        failures.extend(f"{folder}/{language}/{name}: {problem}" for problem in found)
        screens += 1
    assert screens > 400
    assert typing > 100
    assert failures == [], f"{len(failures)} problems:\n" + "\n".join(failures)
