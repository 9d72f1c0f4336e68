"""The desk's board, queue and mirror tools move under a finger and under a mouse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from shared.client import BackendClient
from shared.live.messages import DeskWelcome
from shared.schema import replace
from staffdesk.app import build_desk
from staffdesk.screenshots import HELP_WAITING, sample_screen, sample_status, sample_welcome
from staffdesk.settings import DeskSettings
from staffdesk.window import DeskWindow, Page
from tests.shared.ui.drag import drag_up


def busy_welcome() -> DeskWelcome:
    """The demo shop with a dozen kiosks and a dozen customers waiting: long lists."""
    welcome = sample_welcome()
    kiosk, request = welcome.kiosks[0], welcome.help[1]
    kiosks = tuple(
        replace(kiosk, status=sample_status(n, f"Kiosk {n}", kiosk.status.state))
        for n in range(1, 13)
    )
    waiting = tuple(
        replace(request, id=f"{n:032x}", device_id=n, kiosk_name=f"Kiosk {n}") for n in range(1, 13)
    )
    return replace(welcome, kiosks=kiosks, help=waiting)


@pytest.fixture
def desk(qtbot: QtBot, qapp: QApplication) -> Iterator[DeskWindow]:
    settings = DeskSettings(sound=False, windowed=True, width=1280, height=800)
    window = build_desk(settings, BackendClient("http://127.0.0.1:9"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.presenter.shutdown()


def scrolls(qtbot: QtBot, area: QScrollArea, *, touch: bool) -> None:
    QApplication.processEvents()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0, "the list is not longer than its panel: nothing to drag"
    bar.setValue(0)
    assert drag_up(qtbot, area, touch=touch) > 0


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_the_board_and_the_queue_scroll(qtbot: QtBot, desk: DeskWindow, touch: bool) -> None:
    desk.presenter.apply(busy_welcome())
    desk.show_page(Page.BOARD)
    scrolls(qtbot, desk.board.scroll_area, touch=touch)
    scrolls(qtbot, desk.queue.scroll_area, touch=touch)


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_the_mirror_tools_scroll(qtbot: QtBot, desk: DeskWindow, touch: bool) -> None:
    from datetime import UTC, datetime

    from shared.live.messages import HelpClaimed
    from staffdesk.screenshots import SAM

    desk.presenter.apply(sample_welcome())
    desk.presenter.apply(HelpClaimed(help_id=HELP_WAITING, staff=SAM, claimed_at=datetime.now(UTC)))
    desk.presenter.apply(sample_screen())
    qtbot.waitUntil(desk.mirror.isVisible)
    scrolls(qtbot, desk.mirror.tools_scroll, touch=touch)


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_the_fleet_view_scrolls(qtbot: QtBot, desk: DeskWindow, touch: bool) -> None:
    desk.presenter.apply(busy_welcome())
    desk.show_page(Page.FLEET)
    qtbot.waitUntil(lambda: len(desk.fleet.rows) == 12)
    scrolls(qtbot, desk.fleet.scroll_area, touch=touch)


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_sign_in_scrolls_when_a_greeter_has_many_locations(
    qtbot: QtBot, desk: DeskWindow, touch: bool
) -> None:
    """A library greeter who covers many branches, on a tablet held on its side: the list
    of locations runs past the screen and must drag."""
    desk.resize(880, 500)
    desk.show_page(Page.SIGN_IN)
    desk.sign_in_view.ask_location([(f"branch{n}", f"Branch library {n}") for n in range(12)])
    area = desk.sign_in_view.scroll_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    scrolls(qtbot, area, touch=touch)


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_the_figures_scroll_and_a_chart_never_takes_the_finger(
    qtbot: QtBot, desk: DeskWindow, touch: bool
) -> None:
    from staffdesk.figures.summary import Period
    from staffdesk.screenshots import FIGURES_DAY, sample_figures

    desk.presenter.apply(sample_welcome())
    desk.show_page(Page.FIGURES)
    desk.presenter.figures.show(sample_figures(), Period.MONTH, FIGURES_DAY)
    area = desk.figures.scroll_area
    chart = desk.figures.charts["channels"].chart
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    area.verticalScrollBar().setValue(chart.mapTo(desk.figures.body, QPoint(0, 0)).y())
    QApplication.processEvents()
    # A finger on a chart lands on the page under it, which drags.
    under = QApplication.widgetAt(chart.mapToGlobal(chart.rect().center()))
    assert under is not None
    assert under is not chart
    assert not chart.isAncestorOf(under)
    scrolls(qtbot, area, touch=touch)
