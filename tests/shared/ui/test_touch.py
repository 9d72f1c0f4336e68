"""A finger or a mouse dragged over a touch-scrollable page moves it; a drag that starts on
a button scrolls and does not press it; a tap still does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from shared.ui.touch import make_touch_scrollable
from tests.shared.ui.drag import drag_up, touch_screen


@pytest.fixture
def tiles(qtbot: QtBot) -> tuple[QScrollArea, list[QPushButton]]:
    area = QScrollArea()
    area.setWidgetResizable(True)
    page = QWidget()
    column = QVBoxLayout(page)
    buttons = []
    for number in range(30):
        tile = QPushButton(f"Service {number}")
        tile.setMinimumHeight(80)
        column.addWidget(tile)
        buttons.append(tile)
    area.setWidget(page)
    make_touch_scrollable(area)
    qtbot.addWidget(area)
    area.resize(400, 400)
    area.show()
    qtbot.waitExposed(area)
    return area, buttons


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_dragging_the_page_scrolls_it(qtbot: QtBot, tiles, touch: bool) -> None:
    area, _ = tiles
    assert drag_up(qtbot, area, touch=touch) > 0


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_a_drag_that_starts_on_a_tile_scrolls_and_does_not_press_it(
    qtbot: QtBot, tiles, touch: bool
) -> None:
    area, buttons = tiles
    tile = buttons[2]
    with qtbot.assertNotEmitted(tile.clicked), qtbot.assertNotEmitted(tile.pressed):
        assert drag_up(qtbot, area, on=tile, touch=touch) > 0
    assert not tile.isDown()


def test_a_tap_still_presses_the_tile(qtbot: QtBot, tiles) -> None:
    _, buttons = tiles
    with qtbot.waitSignal(buttons[1].clicked, timeout=3000):
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    centre = buttons[3].rect().center()
    with qtbot.waitSignal(buttons[3].clicked, timeout=3000):
        QTest.touchEvent(buttons[3], touch_screen()).press(0, centre, buttons[3]).commit()
        QTest.touchEvent(buttons[3], touch_screen()).release(0, centre, buttons[3]).commit()
