"""The overlays: cover the window, modal, accessible, mirrored for right-to-left, styled."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPushButton, QWidget

from kiosk.crash import CrashScreen
from kiosk.idle import IdleWarning
from kiosk.lockdown import PinPad
from kiosk.overlays import Overlay
from shared.ui import theme


@pytest.fixture(params=[False, True], ids=["standard", "high-contrast"])
def styled(qapp, request) -> Iterator[bool]:
    qapp.setStyleSheet(
        theme.stylesheet(
            ["screen.qss", "overlays.qss"],
            theme.palette(high_contrast=request.param),
            theme.sizes(large_text=False, dpi=96, viewing_distance_mm=500),
        )
    )
    yield request.param
    qapp.setStyleSheet("")


@pytest.fixture
def window(qtbot) -> QWidget:
    window = QWidget()
    window.resize(1280, 800)
    window.behind = QPushButton("Behind", window)  # type: ignore[attr-defined]
    window.behind.setGeometry(10, 700, 200, 80)  # type: ignore[attr-defined]
    window.field = QLineEdit(window)  # type: ignore[attr-defined]
    window.field.setGeometry(10, 600, 300, 60)  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


OVERLAYS = [PinPad, IdleWarning, CrashScreen]


@pytest.mark.parametrize("kind", OVERLAYS, ids=lambda kind: kind.__name__)
def test_each_overlay_covers_the_window_and_follows_its_size(window, qtbot, styled, kind):
    overlay = kind(window)
    overlay.present()
    assert overlay.isVisible()
    assert overlay.geometry() == window.rect()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: overlay.geometry() == window.rect())
    card = overlay.card.geometry()
    assert window.rect().contains(card)
    assert abs(card.center().x() - window.rect().center().x()) <= 2


@pytest.mark.parametrize("kind", OVERLAYS, ids=lambda kind: kind.__name__)
def test_every_control_has_an_accessible_name(window, kind):
    overlay = kind(window)
    assert overlay.card.accessibleName()
    controls = overlay.findChildren(QAbstractButton) + overlay.findChildren(QLineEdit)
    for control in controls:
        assert control.accessibleName(), control


def test_a_click_outside_the_card_never_reaches_the_screen_behind(window, qtbot):
    clicked = []
    window.behind.clicked.connect(lambda: clicked.append(True))
    overlay = IdleWarning(window)
    overlay.present()
    QTest.mouseClick(window.behind, Qt.MouseButton.LeftButton)  # not the widget under it
    at = window.behind.geometry().center()
    widget = window.childAt(at)
    assert overlay is widget or overlay.isAncestorOf(widget)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.mapFrom(window, at))
    overlay.dismiss()
    assert window.childAt(at) is window.behind


def test_the_overlay_takes_the_focus_and_gives_it_back(window, qtbot):
    window.activateWindow()
    window.field.setFocus()
    qtbot.waitUntil(window.field.hasFocus)
    overlay = CrashScreen(window)
    overlay.present()
    qtbot.waitUntil(lambda: not window.field.hasFocus())
    QTest.keyClicks(QApplication.focusWidget() or overlay, "secret")
    assert window.field.text() == ""
    overlay.dismiss()
    qtbot.waitUntil(window.field.hasFocus)


def test_tab_stays_inside_the_card(window, qtbot):
    window.activateWindow()
    pad = PinPad(window)
    pad.present()
    qtbot.waitUntil(pad._entry.hasFocus)
    for _ in range(20):
        before = QApplication.focusWidget()
        assert before is not None
        QTest.keyClick(before, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        assert pad.isAncestorOf(focused), focused


def test_right_to_left_mirrors_the_card_but_not_the_keypad(window, qapp, qtbot):
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        pad = PinPad(window)
        pad.present()
        qtbot.waitUntil(lambda: pad.layoutDirection() == Qt.LayoutDirection.RightToLeft)
        assert pad.card.layoutDirection() == Qt.LayoutDirection.RightToLeft
        one, three = pad._digits[1], pad._digits[3]
        qtbot.waitUntil(lambda: one.x() < three.x())
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_words_are_set_again_when_the_language_changes(window, qapp):
    from PySide6.QtCore import QEvent

    warning = IdleWarning(window)
    warning._title.setText("")
    QApplication.sendEvent(warning, QEvent(QEvent.Type.LanguageChange))
    assert warning._title.text() == "Do you need more time?"


def test_the_base_overlay_can_be_used_alone(window):
    overlay = Overlay(window)
    overlay.present()
    assert overlay.isVisible()
    overlay.dismiss()
    assert not overlay.isVisible()


@pytest.mark.parametrize("kind", OVERLAYS, ids=lambda kind: kind.__name__)
def test_each_overlay_renders(window, qtbot, styled, tmp_path, kind):
    overlay = kind(window)
    overlay.present()
    qtbot.waitUntil(lambda: overlay.card.height() > 100)
    image = window.grab().toImage()
    assert not image.isNull()
    centre = overlay.card.geometry().center()
    corner = QPoint(2, 2)
    # The backdrop is dimmed; the card is not.
    assert image.pixelColor(corner) != image.pixelColor(centre) or styled
