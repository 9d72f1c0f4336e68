"""The board page gives the triage list its own column (the help queue and the kiosks
beside it, or below it in portrait). Add a walk-in, Bookings and Pass on are pages of their
own: at every tablet size the desk is used in (1280 by 800, 800 by 1280, 880 by 768), with a
help alert's banner taking its share, the walk-in and Pass on pages need no scrolling at
all, and Bookings shows the arrival box and the day without scrolling and gives booking most
of the window (it was a window about 180 px high inside the triage list's column at 1280 by
800). Offscreen, no backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from shared.client import BackendClient
from staffdesk.app import build_desk
from staffdesk.screenshots import SIZES, sample_welcome
from staffdesk.settings import DeskSettings
from staffdesk.triage.samples import booking_lines
from staffdesk.window import DeskWindow, Page

# Booking for a customer scrolls, where it must, in a window at least this high.
BOOKING_WINDOW_PX = 450


@pytest.fixture(params=list(SIZES))
def signed_in(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[DeskWindow]:
    """A desk at each tablet size, signed in, with a help request alerting: the banner
    takes its height too. No backend: the states are made up."""
    width, height = SIZES[request.param]
    settings = DeskSettings(sound=False, windowed=True, width=width, height=height)
    window = build_desk(settings, BackendClient("http://127.0.0.1:9"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.presenter.apply(sample_welcome())
    window.show_page(Page.BOARD)
    yield window
    window.presenter.shutdown()


def settle() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()


def in_view(scroll: QScrollArea, widget: QWidget) -> bool:
    viewport = scroll.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom_right = widget.mapTo(viewport, widget.rect().bottomRight())
    return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)


def test_the_walk_in_page_needs_no_scrolling(signed_in: DeskWindow) -> None:
    signed_in.triage.add_walk_in.click()
    settle()
    assert signed_in.current_page() is Page.WALK_IN
    panel = signed_in.triage.walk_in
    assert panel.scroll_area.verticalScrollBar().maximum() == 0
    for control in (
        *panel.need_buttons.values(),
        panel.name,
        *panel.tier_buttons.values(),
        *panel.access_buttons.values(),
    ):
        assert in_view(panel.scroll_area, control), control.accessibleName()
    assert signed_in.focusWidget() is panel.need_buttons["Council tax"]
    panel.close_button.click()
    assert signed_in.current_page() is Page.BOARD


def test_the_pass_on_page_needs_no_scrolling(signed_in: DeskWindow) -> None:
    signed_in.triage.entries["1" * 32].buttons["transfer"].click()
    chooser = signed_in.triage.pass_on
    chooser.show_colleagues([(2, "Alex · on a desk now"), (6, "Admin · not on a desk")])
    settle()
    assert signed_in.current_page() is Page.HANDOVER
    assert chooser.title.text() == "Pass on: Walk-in W014"
    assert chooser.scroll_area.verticalScrollBar().maximum() == 0
    for control in (chooser.note, *chooser.buttons.values()):
        assert in_view(chooser.scroll_area, control), control.objectName()


def test_bookings_show_the_arrival_and_the_day_and_give_booking_the_window(
    signed_in: DeskWindow,
) -> None:
    signed_in.triage.show_appointments.click()
    panel = signed_in.triage.appointments
    panel.show_day(
        booking_lines(
            ("APH4D7RT", "09:30  Visitor 1 · Seen · AP-H4D-7RT", False),
            ("APP9W3CF", "11:30  Visitor 3 · Booked · AP-P9W-3CF", True),
        )
    )
    settle()
    assert signed_in.current_page() is Page.BOOKINGS
    scroll = panel.scroll_area
    for control in (
        panel.reference,
        panel.arrive_button,
        panel.find_button,
        panel.day.rows["APP9W3CF"].cancel,
        panel.open_booking,
    ):
        assert in_view(scroll, control), control.objectName()
    assert scroll.viewport().height() >= BOOKING_WINDOW_PX, scroll.viewport().height()


# The triage list is the greeter's main work surface: its scrolling list gets at least this
# share of the board page's height in landscape (it had 180 px of 666 at 1280 by 800, beside
# a help queue of 250), and this many pixels at every size (in portrait the help queue and
# the kiosks, below it, need about 490 of the 1142).
TRIAGE_SHARE = 0.45
TRIAGE_PX = 400
# The help queue keeps at least its scroll area's least height (Qt's 180 px).
QUEUE_PX = 180


def test_the_triage_list_gets_its_share_of_the_page_with_the_help_queue_in_view(
    signed_in: DeskWindow,
) -> None:
    settle()
    triage = signed_in.triage
    page = signed_in.main.height()
    list_height = triage.scroll_area.viewport().height()
    assert list_height >= TRIAGE_PX, list_height
    if not signed_in.portrait:
        assert list_height >= TRIAGE_SHARE * page, (list_height, page)
    # One whole entry and the start of the next, at least.
    first, second = list(triage.entries.values())[:2]
    assert in_view(triage.scroll_area, first)
    assert second.mapTo(triage.scroll_area.viewport(), second.rect().topLeft()).y() < list_height
    # The help queue is still there beside or below it, and the alert's banner above all.
    queue = signed_in.queue
    assert queue.isVisible()
    assert queue.scroll_area.viewport().height() >= QUEUE_PX, queue.scroll_area.viewport().height()
    # Beside the list, narrower than before: its requests still fit across (not clipped).
    body = queue.scroll_area.widget()
    assert body is not None
    needed = body.minimumSizeHint().width()
    assert needed <= queue.scroll_area.viewport().width(), needed
    assert signed_in.alert_banner.isVisible()
    assert signed_in.board.isVisible()
