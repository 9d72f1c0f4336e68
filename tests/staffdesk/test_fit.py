"""The desk fits fingers and eyes at every size it is used in (1280 by 800, 800 by 1280,
880 by 768): the sign-in's location step lays out with nothing over anything and nothing
cut off, the close outcomes are in reach without scrolling, Sign out never takes focus.
Offscreen, no backend: the screens are drawn from made-up states as the screenshots are."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shared.client import BackendClient
from staffdesk.app import build_desk
from staffdesk.screenshots import SIZES
from staffdesk.settings import DeskSettings
from staffdesk.window import DeskWindow

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
