"""Every scrolling page of the kiosk moves under a finger and under a mouse: the services,
a long question, the check-your-answers page and tracking, in large text on the 1280 by 800
panel (where each is longer than the screen); a drag that starts on a service tile scrolls
and does not choose the service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, Mode
from kiosk.outbox import Outbox
from kiosk.screenshots import DEMO_ISSUER, answered_step
from kiosk.settings import KioskSettings
from shared.catalogue.schemas import Catalogue
from shared.flow import Accessibility, StepKind
from shared.resources import asset_path
from shared.ui.widgets import WrappedButton
from tests.shared.ui.drag import drag_up

DEMO = Catalogue.load(asset_path("catalogue", "demo.json"))


@pytest.fixture
def kiosk(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[Kiosk]:
    settings = KioskSettings(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        locked=False,
        speech_engine=None,
        screen_dpi=96,
    )
    with Outbox(tmp_path / "outbox.sqlite3", DEMO_ISSUER) as outbox:
        made = Kiosk(settings, DEMO, outbox, client=None, dpi=96)
        window = made.window
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        made.set_mode(Mode("en", Accessibility(large_text=True)))
        yield made
        made.wipe("test")


def scrolls(qtbot: QtBot, area: QScrollArea, *, touch: bool) -> None:
    QApplication.processEvents()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0, "the page is not longer than the screen: nothing to drag"
    bar.setValue(0)
    assert drag_up(qtbot, area, touch=touch) > 0


def walk_to(kiosk: Kiosk, code: str, kind: StepKind) -> None:
    kiosk.window.welcome.start_requested.emit()
    kiosk.window.services.service_chosen.emit(code)
    journey = kiosk.journey
    for _ in range(40):
        assert journey.flow is not None
        if journey.flow.step.kind is kind:
            return
        journey.flow = answered_step(journey.flow)
        journey.next()
    raise AssertionError(f"{code} has no {kind} step")


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_the_services_list_scrolls_and_a_drag_on_a_tile_chooses_nothing(
    qtbot: QtBot, kiosk: Kiosk, touch: bool
) -> None:
    # Grouped, the demo's services fit a 1280 by 800 panel even in large text; on a short
    # panel (or a council's longer list) they are longer than the screen, and must drag.
    kiosk.window.resize(kiosk.window.width(), 600)
    kiosk.window.welcome.start_requested.emit()
    services = kiosk.window.services
    qtbot.waitUntil(lambda: services.scroll_area.verticalScrollBar().maximum() > 0)
    scrolls(qtbot, services.scroll_area, touch=touch)
    services.scroll_area.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    tile = next(
        t for t in services.findChildren(WrappedButton) if t.objectName().startswith("service:")
    )
    with qtbot.assertNotEmitted(services.service_chosen):
        assert drag_up(qtbot, services.scroll_area, on=tile, touch=touch) > 0
    assert kiosk.journey.flow is None


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
@pytest.mark.parametrize(
    ("code", "kind"), [("missed_bin", StepKind.CONTACT), ("missed_bin", StepKind.CHECK)]
)
def test_a_long_question_and_the_check_page_scroll(
    qtbot: QtBot, kiosk: Kiosk, code: str, kind: StepKind, touch: bool
) -> None:
    walk_to(kiosk, code, kind)
    scrolls(qtbot, kiosk.window.journey_view.scroll_area, touch=touch)


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_the_tracking_page_scrolls(qtbot: QtBot, kiosk: Kiosk, touch: bool) -> None:
    kiosk.window.welcome.track_requested.emit()
    scrolls(qtbot, kiosk.window.track.page_scroll, touch=touch)


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_the_welcome_page_scrolls_on_a_short_panel(qtbot: QtBot, kiosk: Kiosk, touch: bool) -> None:
    # Large text on a short panel (or a window turned on its side): the welcome page's
    # languages run past the screen and must drag.
    kiosk.window.resize(kiosk.window.width(), 480)
    area = kiosk.window.welcome.scroll_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    scrolls(qtbot, area, touch=touch)
