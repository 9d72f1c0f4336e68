"""Dragging a scrolling page, and tapping, with real input events: a mouse (or a
touchscreen that sends mouse events) or a finger (touch events), as a person does."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QScroller, QWidget
from pytestqt.qtbot import QtBot

from shared.ui.keyboard.layouts import KeyKind
from shared.ui.keyboard.view import OnScreenKeyboard

STEP_PX = 10
_touch_screen: QPointingDevice | None = None


def touch_screen() -> QPointingDevice:
    global _touch_screen  # noqa: PLW0603 (one registered device for the whole run)
    if _touch_screen is None:
        _touch_screen = QTest.createTouchDevice()
    return _touch_screen


def finger_tap(qtbot: QtBot, widget: QWidget) -> None:
    """Tap ``widget`` where a finger can: scroll each page it sits in until it is in view,
    make sure nothing covers its centre, then press and release there.

    A touch-scrollable page holds a press back and then gives it to whatever is under that
    point on the screen, as a finger's would be; a control scrolled out of its page's view
    (or under a pinned footer) is not under that point, so a bare click on it is lost.

    While the on-screen keyboard is up on a screen too short for it, Back and Continue step
    aside: the customer taps the keyboard's Hide key first, and they are back."""
    # The keyboard comes up for a focused field, and the screen gives way to it, on the
    # event loop's next turns: let them pass before looking at what the finger can reach.
    QApplication.processEvents()
    keyboard = _typing_keyboard(widget)
    if keyboard is not None and not widget.isVisible():
        hide = keyboard.key_button(KeyKind.HIDE)
        assert hide is not None, "the keyboard has no Hide key"
        finger_tap(qtbot, hide)
        qtbot.waitUntil(lambda: not keyboard.isVisible())
    qtbot.waitUntil(widget.isVisible)
    # A test may show two apps (a kiosk and a desk) on one screen, where in life each has
    # its own: the one being touched comes to the front, as its own screen would be.
    widget.window().raise_()
    QApplication.processEvents()
    area = widget.parentWidget()
    while area is not None:
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(widget)
        area = area.parentWidget()
    centre = widget.rect().center()
    under = QApplication.widgetAt(widget.mapToGlobal(centre))
    name = widget.objectName() or repr(widget)
    assert under is not None, f"{name} is off the screen: no finger can reach it"
    assert under is widget or widget.isAncestorOf(under), f"{under!r} is over {name}"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def _typing_keyboard(widget: QWidget) -> OnScreenKeyboard | None:
    """The on-screen keyboard that is up in ``widget``'s window (a mirror's does not count:
    no finger types on it), if ``widget`` is not one of its keys."""
    for keyboard in widget.window().findChildren(OnScreenKeyboard):
        pressable = not keyboard.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if pressable and keyboard.isVisible() and not keyboard.isAncestorOf(widget):
            return keyboard
    return None


def drag_up(
    qtbot: QtBot,
    area: QAbstractScrollArea,
    *,
    on: QWidget | None = None,
    distance: int = 160,
    touch: bool = False,
) -> int:
    """Put a finger down (on ``on``, else low in the visible page), move it ``distance``
    px up in small steps and lift it; answers how far the page scrolled. Waits for the
    page to move before lifting, and for the scroller to come to rest after."""
    viewport = area.viewport()
    bar = area.verticalScrollBar()
    before = bar.value()
    target = on if on is not None else viewport
    start = (
        target.rect().center()
        if on is not None
        else QPoint(viewport.width() // 2, viewport.height() * 3 // 4)
    )
    points = [start - QPoint(0, step) for step in range(0, distance + 1, STEP_PX)]
    if touch:
        QTest.touchEvent(target, touch_screen()).press(0, points[0], target).commit()
        for point in points[1:]:
            QTest.touchEvent(target, touch_screen()).move(0, point, target).commit()
        # The scroller moves the page on its own timer: let it, before the finger lifts.
        qtbot.waitUntil(lambda: bar.value() > before, timeout=3000)
        QTest.touchEvent(target, touch_screen()).release(0, points[-1], target).commit()
    else:
        QTest.mousePress(
            target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0]
        )
        for point in points[1:]:
            QTest.mouseMove(target, point)
        qtbot.waitUntil(lambda: bar.value() > before, timeout=3000)
        QTest.mouseRelease(
            target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1]
        )
    qtbot.waitUntil(lambda: _scroller(area) == QScroller.State.Inactive, timeout=5000)
    return bar.value() - before


def _scroller(area: QAbstractScrollArea) -> QScroller.State:
    return QScroller.scroller(area.viewport()).state()
