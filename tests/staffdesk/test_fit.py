"""The desk fits fingers and eyes at every size it is used in (1280 by 800, 800 by 1280,
880 by 768): the sign-in's location step lays out with nothing over anything and nothing
cut off, the close outcomes are in reach without scrolling, Sign out never takes focus.
Offscreen, no backend: the screens are drawn from made-up states as the screenshots are."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import combinations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shared.client import BackendClient
from shared.fleet.schemas import KioskState
from shared.live.messages import (
    HelpClaimed,
    HelpOutcome,
    KioskActivity,
    KioskLive,
    LiveMessage,
    MaintenanceAction,
)
from shared.schema import replace
from shared.ui.theme import MIN_TARGET_PX, STANDARD
from staffdesk import words
from staffdesk.app import build_desk
from staffdesk.screenshots import HELP_WAITING, SAM, SIZES, sample_screen, sample_welcome
from staffdesk.settings import DeskSettings
from staffdesk.window import DeskWindow, Page

LOCATIONS = [
    ("lib-central", "Central Library"),
    ("lib-north", "Northgate Library"),
    ("shop", "City Centre Customer Service Shop"),
]


@pytest.fixture(params=list(SIZES))
def desk(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[DeskWindow]:
    width, height = SIZES[request.param]
    settings = DeskSettings(sound=False, windowed=True, width=width, height=height)
    window = build_desk(settings, BackendClient("http://127.0.0.1:9"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.presenter.shutdown()


def qtbot_click(widget: QAbstractButton) -> None:
    widget.click()
    settle()


def settle() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()


def in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def controls(root: QWidget) -> list[QWidget]:
    """What a person reads or touches under ``root``, as drawn."""
    kinds = (QAbstractButton, QLineEdit, QLabel)
    found = [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()]
    return [w for w in found if not isinstance(w, QLabel) or w.text()]


def layout_problems(window: QWidget, root: QWidget) -> list[str]:
    """Each control whose box leaves the window or an enclosing widget (so part of it is
    cut off), and each pair of controls drawn over one another."""
    problems = []
    shown = controls(root)
    frame = window.rect()
    for widget in shown:
        box = in_window(widget, window)
        name = widget.objectName() or type(widget).__name__
        if not frame.contains(box):
            problems.append(f"{name} {box} leaves the window {frame}")
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            if not in_window(parent, window).contains(box):
                problems.append(f"{name} {box} is cut off by {parent.objectName() or parent}")
                break
            parent = parent.parentWidget()
    for one, other in combinations(shown, 2):
        # A button's own words (a wrapping button's label) lie on it, not over it.
        if one.isAncestorOf(other) or other.isAncestorOf(one):
            continue
        if in_window(one, window).intersects(in_window(other, window)):
            problems.append(f"{one.objectName()} overlaps {other.objectName()}")
    return problems


def test_the_location_step_fits_and_drops_the_first_steps_error(desk: DeskWindow) -> None:
    view = desk.sign_in_view
    view.fill("alex", "secret")
    view.show_message("That username and password do not match. Please try again.")
    settle()
    assert view.message.isVisible()
    # The second step: the password was right, this person works at three places.
    view.ask_location(LOCATIONS)
    settle()
    assert not view.message.isVisible()
    assert view.message.text() == ""
    assert not view.username.isVisible()
    assert not view.password.isVisible()
    assert not view.sign_in_button.isVisible()
    names = {w.objectName() for w in controls(view)}
    assert {f"location-{code}" for code, _ in LOCATIONS} | {"cancelSignIn"} <= names
    assert layout_problems(desk, view) == []
    assert desk.focusWidget() is desk.findChild(QWidget, "location-lib-central")


def test_the_first_step_fits_with_its_error(desk: DeskWindow) -> None:
    view = desk.sign_in_view
    view.ask_location(LOCATIONS)
    view.reset("That username and password do not match. Please try again.")
    settle()
    assert view.username.isVisible()
    assert not view.locations.isVisible()
    assert layout_problems(desk, view) == []


def test_sign_out_never_takes_focus(desk: DeskWindow) -> None:
    sign_out = desk.sign_out_button
    assert sign_out.focusPolicy() is Qt.FocusPolicy.NoFocus
    assert sign_out.property("destructive") is True


def open_mirror(desk: DeskWindow) -> None:
    """The mirror of a claimed request, with the Polish contact step, as the hub sends it."""
    desk.presenter.apply(sample_welcome())
    desk.presenter.apply(HelpClaimed(help_id=HELP_WAITING, staff=SAM, claimed_at=datetime.now(UTC)))
    desk.presenter.apply(sample_screen())
    settle()
    assert desk.current_page() is Page.MIRROR


def gap(one: QRect, other: QRect) -> int:
    """The shortest distance between two boxes (0 when they touch or overlap)."""
    dx = max(other.left() - one.right(), one.left() - other.right(), 0)
    dy = max(other.top() - one.bottom(), one.top() - other.bottom(), 0)
    return max(dx, dy)


def test_the_close_outcomes_are_in_reach_without_scrolling(desk: DeskWindow) -> None:
    open_mirror(desk)
    mirror = desk.mirror
    window_box = desk.rect()
    for outcome in HelpOutcome:
        widget = desk.findChild(QWidget, f"outcome-{outcome.value}")
        assert widget is not None
        assert widget.isVisible()
        # Not inside anything that scrolls, whole on the window, nothing cutting it off.
        assert not mirror.tools_scroll.isAncestorOf(widget)
        assert window_box.contains(in_window(widget, desk))
        assert widget.visibleRegion().boundingRect() == widget.rect()
        assert min(widget.width(), widget.height()) >= MIN_TARGET_PX
    # Scrolling the tools right to the end moves none of them.
    before = in_window(mirror.outcome_buttons[HelpOutcome.SIGNPOSTED], desk)
    bar = mirror.tools_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    assert in_window(mirror.outcome_buttons[HelpOutcome.SIGNPOSTED], desk) == before
    assert layout_problems(desk, mirror.tools_foot) == []


def test_destructive_actions_are_apart_and_look_it(desk: DeskWindow) -> None:
    open_mirror(desk)
    release = desk.mirror.release
    assert release.property("destructive") is True
    assert desk.sign_out_button.property("destructive") is True
    routine = [*desk.mirror.outcome_buttons.values(), desk.mirror.coming, desk.mirror.send_tip]
    for destructive in (release, desk.sign_out_button):
        box = in_window(destructive, desk)
        for widget in routine:
            if widget.isVisible():
                assert gap(box, in_window(widget, desk)) >= 24, widget.objectName()
        # Drawn differently from a routine button: red words in a red frame.
        assert red_share(destructive) > 0.05
    assert red_share(desk.mirror.clear_mark) == 0


def red_share(widget: QWidget) -> float:
    """How much of a widget, as drawn, is the stylesheet's error red."""
    image = widget.grab().toImage()
    red = QColor(STANDARD.error).rgb() & 0xFFFFFF
    pixels = [
        image.pixel(x, y) & 0xFFFFFF
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    ]
    return sum(p == red for p in pixels) / len(pixels)


def test_focus_goes_to_the_primary_action_never_to_sign_out(desk: DeskWindow) -> None:
    desk.presenter.apply(sample_welcome())
    desk.show_page(Page.BOARD)
    settle()
    claim = desk.findChild(QWidget, f"claim-{HELP_WAITING}")
    assert desk.focusWidget() is claim
    open_mirror(desk)
    assert desk.focusWidget() is desk.mirror.coming
    # Round the whole tab order twice: Sign out is never on it.
    seen = set()
    for _ in range(200):
        desk.focusNextChild()
        focused = desk.focusWidget()
        assert focused is not desk.sign_out_button
        seen.add(focused)
    assert desk.mirror.release in seen


ENGINEERING = ("version", "heartbeat", "frame", "outbox", "online", "offline", "render", " ago")


def test_every_kiosk_state_has_plain_words() -> None:
    assert set(words.CONDITIONS) == set(words.KioskCondition)
    for text, tone, advice in words.CONDITIONS.values():
        assert text
        assert tone in {"ok", "help", "warning", "alarm", "quiet"}
        plain = f"{text} {advice}".lower()
        assert not any(term in plain for term in ENGINEERING), text
    # Every state the hub reports lands on one of them, whatever the kiosk is doing.
    welcome = sample_welcome()
    for state in KioskState:
        for activity in (*KioskActivity, None):
            for connected in (True, False):
                status = replace(welcome.kiosks[0].status, state=state)
                kiosk = KioskLive(status=status, connected=connected, activity=activity)
                assert words.kiosk_condition(kiosk, None) in words.CONDITIONS


def test_the_board_is_plain_words_and_the_fleet_view_has_the_details(
    desk: DeskWindow,
) -> None:
    desk.presenter.apply(sample_welcome())
    desk.show_page(Page.BOARD)
    settle()
    board_text = " ".join(w.text() for w in desk.board.findChildren(QLabel)).lower()
    assert not any(term in board_text for term in ENGINEERING), board_text
    assert desk.board.cards[3].doing.text() == "Screen frozen"
    assert desk.board.cards[4].doing.text() == "Not responding"
    assert desk.board.cards[1].doing.text() == "Needs help"
    qtbot_click(desk.board.fleet_button)
    assert desk.current_page() is Page.FLEET
    assert desk.focusWidget() is desk.fleet.back_button
    row = desk.fleet.rows[4].text()
    for line in ("State: offline", "Version: 1.4.0", "Heartbeat: 1 h 00 min", "Outbox: 2 waiting"):
        assert line in row
    assert "Last frame: 1 min 35 s" in desk.fleet.rows[3].text()
    qtbot_click(desk.fleet.back_button)
    assert desk.current_page() is Page.BOARD


def test_the_more_menu_fits_and_sends_nothing_without_a_confirm(desk: DeskWindow) -> None:
    presenter = desk.presenter
    presenter.apply(sample_welcome())
    desk.show_page(Page.BOARD)
    settle()
    sent: list[LiveMessage] = []

    def send(message: LiveMessage) -> bool:
        """As the live link would take it (the hub's end is tested in test_desk.py)."""
        sent.append(message)
        return True

    presenter._send = send  # type: ignore[method-assign]
    desk.board.cards[3].more.click()
    settle()
    menu = desk.board.menu
    assert menu.isVisible()
    assert menu.title.text() == "Kiosk 3"
    assert layout_problems(desk, menu.panel) == []
    for widget in menu.panel.findChildren(QAbstractButton):
        if widget.isVisible():
            assert widget.height() >= MIN_TARGET_PX
    routine = menu.buttons[MaintenanceAction.OUT_OF_ORDER]
    for action in (MaintenanceAction.RESTART_SESSION, MaintenanceAction.ALLOW_INSTALLER_EXIT):
        assert menu.buttons[action].property("destructive") is True
        assert gap(in_window(routine, desk), in_window(menu.buttons[action], desk)) >= 24
    menu.buttons[MaintenanceAction.ALLOW_INSTALLER_EXIT].click()
    assert not menu.isVisible()
    assert desk.current_page() is Page.CONFIRM
    assert desk.confirm.question.text() == "Allow the installer exit on Kiosk 3?"
    assert sent == []
    desk.confirm.confirm_button.click()
    assert [type(m).__name__ for m in sent] == ["KioskMaintenance"]
