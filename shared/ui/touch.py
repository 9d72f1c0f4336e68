"""Touch scrolling: a finger (or a mouse) dragged over a scrolling page moves it.

:func:`make_touch_scrollable` gives a scroll area a :class:`QScroller` on its viewport,
driven by the left mouse button. A finger on a real touchscreen drives it too: Qt turns a
touch that no widget takes into mouse events, and a touchscreen that emulates a mouse sends
them in the first place — so one recogniser serves a finger, a touchscreen in mouse mode
and a mouse. (A second, touch-event recogniser would make the viewport take touches,
which would stop those mouse events reaching the tiles and buttons a finger taps.)

A drag that starts on a button scrolls and does not press it: the scroller holds a press
back for a moment, and a press already delivered is cancelled (released outside the
button) as soon as the finger has moved far enough to be a drag.

The page glides to a stop and never springs past its ends: calm movement, nothing that
bounces.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QVBoxLayout,
    QWidget,
)

# How far a finger moves before a touch is a drag, in metres (Qt's unit): 3 mm.
DRAG_START_M = 0.003
# How long a press is held back in case it becomes a drag, in seconds.
PRESS_DELAY_S = 0.15
# A fling slows quickly (Qt's default is 0.125): the page does not run on.
DECELERATION = 0.5

_Metric = QScrollerProperties.ScrollMetric
_OFF = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff


def touch_properties() -> QScrollerProperties:
    """The kiosk's and the desk's scrolling feel."""
    properties = QScrollerProperties()
    for metric, value in (
        (_Metric.DragStartDistance, DRAG_START_M),
        (_Metric.MousePressEventDelay, PRESS_DELAY_S),
        (_Metric.DecelerationFactor, DECELERATION),
        (_Metric.OvershootDragResistanceFactor, 0.0),
        (_Metric.OvershootDragDistanceFactor, 0.0),
        (_Metric.OvershootScrollDistanceFactor, 0.0),
        (_Metric.OvershootScrollTime, 0.0),
        (_Metric.HorizontalOvershootPolicy, _OFF),
        (_Metric.VerticalOvershootPolicy, _OFF),
    ):
        properties.setScrollMetric(metric, value)
    return properties


def make_touch_scrollable(area: QAbstractScrollArea) -> QScroller:
    """Let a finger or a mouse drag ``area``'s page; answers the area's scroller."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    scroller.setScrollerProperties(touch_properties())
    return scroller


def scrolling_page(
    owner: QWidget, *, margins: tuple[int, int] = (32, 16), spacing: int = 20
) -> tuple[QScrollArea, QVBoxLayout]:
    """``owner``'s page in a touch-scrolling area filling it (so the on-screen keyboard
    never covers a box on it, and large text on a short panel never forces the window
    taller than its screen): the area, and the layout to put the page's parts in, with
    ``margins`` (sides, top and bottom) round them."""
    area = QScrollArea()
    area.setObjectName("screenScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    make_touch_scrollable(area)
    root = QVBoxLayout(owner)
    root.setContentsMargins(0, 0, 0, 0)
    root.addWidget(area)
    page = QWidget()
    page.setObjectName("screenBody")
    area.setWidget(page)
    outer = QVBoxLayout(page)
    side, end = margins
    outer.setContentsMargins(side, end, side, end)
    outer.setSpacing(spacing)
    return area, outer
