"""Checks a drawn screen the way a person would meet it: every control big enough to
touch and wide enough for its words, named for a screen reader, its text large enough and
in enough contrast; no two controls on top of each other, none reaching outside the
window, and (while typing) the heading and the field in view.

Contrast is measured on the pixels actually drawn (the widget grabbed to an image): the
most common colour in a text widget is its background, and the colour furthest from it is
its text. Sizes are measured on the widgets as laid out; text size from each font's own
capital height.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect
from PySide6.QtGui import QFontInfo, QFontMetricsF, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from shared.ui.theme import (
    LARGE_BOLD_TEXT_PX,
    LARGE_TEXT_PX,
    MIN_CONTRAST,
    MIN_LARGE_CONTRAST,
    MIN_NON_TEXT_CONTRAST,
    MIN_TARGET_PX,
    contrast_ratio,
)

_CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit)


@dataclass(frozen=True, slots=True)
class Problem:
    widget: str
    rule: str
    found: float
    needed: float

    def __str__(self) -> str:
        return f"{self.widget}: {self.rule} is {self.found:.1f}, needs {self.needed:.1f}"


def visible_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root) and w.isVisible()]


def audit(
    root: QWidget,
    *,
    min_cap_height_px: float | None = None,
    contrast: bool = True,
    keep_visible: Sequence[QWidget] = (),
) -> list[Problem]:
    """Every problem on the screen under ``root`` (which must be shown). ``keep_visible``:
    widgets that must be wholly in view (the heading and the field while typing)."""
    # Lay out what is waiting to be: a change of style or words resizes on the next turn
    # of the event loop, and a screen is judged as a person will see it.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    problems: list[Problem] = []
    image = _Drawn(root.grab().toImage()) if contrast else None
    problems.extend(_placement(root))
    problems.extend(_out_of_view(root, keep_visible))
    shown_widgets = visible_widgets(root)
    layers = [w for w in shown_widgets if w.property(LAYER_PROPERTY)]
    for widget in shown_widgets:
        if _covered(root, widget, shown_rect(root, widget), layers):
            # Under an overlay that is up (dimmed on purpose, out of a finger's reach):
            # the overlay's own words and controls are what a person meets now.
            continue
        name = _name(widget)
        if isinstance(widget, _CONTROLS):
            problems.extend(_control(widget, name))
            if image is not None and widget.isEnabled():
                edge = _boundary_contrast(image, root, widget)
                if edge is not None and edge < MIN_NON_TEXT_CONTRAST:
                    problems.append(Problem(name, "edge contrast", edge, MIN_NON_TEXT_CONTRAST))
        text = _text(widget)
        if not text:
            continue
        if min_cap_height_px is not None:
            cap = QFontMetricsF(widget.font()).capHeight()
            if cap + 0.5 < min_cap_height_px:
                problems.append(Problem(name, "capital height (px)", cap, min_cap_height_px))
        if image is not None:
            ratio = _drawn_contrast(image, root, widget)
            needed = min_contrast_for(widget)
            if ratio is not None and ratio < needed:
                problems.append(Problem(name, "contrast", ratio, needed))
    return problems


def _control(widget: QWidget, name: str) -> list[Problem]:
    """A control's own size, name and room for its words."""
    problems: list[Problem] = []
    size = widget.size()
    smallest = min(size.width(), size.height())
    if smallest < MIN_TARGET_PX:
        problems.append(Problem(name, "touch target (px)", smallest, MIN_TARGET_PX))
    if not (widget.accessibleName() or "").strip():
        problems.append(Problem(name, "accessible name (characters)", 0, 1))
    # A button's words never wrap: narrower than they are, they are cut off. (The button's
    # own text: a tile that draws wrapped words with a label has none.)
    if isinstance(widget, QPushButton) and QPushButton.text(widget):
        wanted = widget.fontMetrics().horizontalAdvance(QPushButton.text(widget))
        if not widget.icon().isNull():
            wanted += widget.iconSize().width()
        if widget.width() < wanted:
            problems.append(Problem(name, "width for its words (px)", widget.width(), wanted))
    return problems


def shown_rect(root: QWidget, widget: QWidget) -> QRect:
    """The part of ``widget`` a person can see, in ``root``'s coordinates: cut by every
    widget it is inside (a scroll area's viewport shows only part of its page), but not by
    ``root`` itself (so a control outside the window is seen as outside it)."""
    shown = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        shown = shown.intersected(QRect(parent.mapTo(root, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return shown


def _out_of_view(root: QWidget, widgets: Sequence[QWidget]) -> list[Problem]:
    """Those of ``widgets`` not wholly in view (scrolled away, or hidden)."""
    problems: list[Problem] = []
    for widget in widgets:
        shown = shown_rect(root, widget)
        whole = widget.size()
        if not widget.isVisible() or shown.size() != whole:
            seen = shown.height() * shown.width() / max(1, whole.height() * whole.width())
            problems.append(Problem(_name(widget), "part in view (fraction)", seen, 1.0))
    return problems


# A widget that lies over the window while it is up (an overlay, a menu's layer) opts in
# with this dynamic property: what it covers is out of a finger's reach, not "overlapped".
LAYER_PROPERTY = "coversWindow"


def _covered(root: QWidget, widget: QWidget, shown: QRect, layers: Sequence[QWidget]) -> bool:
    """Whether ``widget`` lies under a layer that is up (and is not part of it)."""
    return any(
        not layer.isAncestorOf(widget) and shown_rect(root, layer).contains(shown)
        for layer in layers
    )


def _placement(root: QWidget) -> list[Problem]:
    """Controls that overlap each other, or reach outside the window."""
    problems: list[Problem] = []
    placed: list[tuple[QWidget, QRect]] = []
    shown_widgets = visible_widgets(root)
    layers = [w for w in shown_widgets if w.property(LAYER_PROPERTY)]
    for widget in shown_widgets:
        if not isinstance(widget, _CONTROLS):
            continue
        shown = shown_rect(root, widget)
        if shown.isEmpty():
            continue  # scrolled out of view
        if _covered(root, widget, shown, layers):
            continue  # under an overlay or a menu: the layer's own controls are judged
        if not root.rect().contains(shown):
            outside = shown.united(root.rect()).height() - root.height()
            outside += shown.united(root.rect()).width() - root.width()
            problems.append(Problem(_name(widget), "outside the window (px)", outside, 0))
        cut = _cut_off(root, widget)
        if cut:
            problems.append(Problem(_name(widget), "cut off by its panel (px)", cut, 0))
        for other, rect in placed:
            if other.isAncestorOf(widget) or widget.isAncestorOf(other):
                continue
            common = shown.intersected(rect)
            if not common.isEmpty():
                found = min(common.width(), common.height())
                problems.append(
                    Problem(f"{_name(widget)} and {_name(other)}", "overlap (px)", found, 0)
                )
        placed.append((widget, shown))
    return problems


def _cut_off(root: QWidget, widget: QWidget) -> int:
    """How many px of ``widget`` the panels it sits in cut off, where no scrolling can
    bring them into view: clipped by any widget it is inside, up to the page it scrolls
    in (a scroll area's viewport shows part of its page on purpose) or the window."""
    whole = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    shown = QRect(whole)
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is cast(QAbstractScrollArea, parent.parentWidget()).viewport()
        ):
            break
        shown = shown.intersected(QRect(parent.mapTo(root, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    if shown.isEmpty():
        return max(whole.width(), whole.height())
    return (whole.width() - shown.width()) + (whole.height() - shown.height())


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text().strip()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    return ""


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'} {_text(widget)[:30]!r}"


class _Drawn:
    """The screen as drawn, read a row at a time: one pixel at a time through Qt is a
    call per pixel, and an audit of every screen reads millions."""

    def __init__(self, image: QImage) -> None:
        self.image = image.convertToFormat(QImage.Format.Format_RGB32)
        self.width = self.image.width()
        self.height = self.image.height()
        self.scale = self.image.devicePixelRatio()
        self._stride = self.image.bytesPerLine() // 4
        self._pixels = memoryview(self.image.constBits()).cast("I")

    def row(self, y: int, x0: int, x1: int, step: int) -> memoryview:
        """Row ``y``'s pixels from ``x0`` to ``x1``, every ``step``-th: 0xffRRGGBB each."""
        start = y * self._stride
        return self._pixels[start + x0 : start + x1 : step]


def _drawn_contrast(image: _Drawn, root: QWidget, widget: QWidget) -> float | None:
    """The contrast between a widget's words and their background, as drawn.

    Only where the words are: inside the widget's border and padding (a button's border or
    focus ring is not its text), beside its icon (a bright globe does not make black words
    readable). The background is the most common colour there; the words' colour is the
    furthest from it that enough of the pixels reach (a few stray pixels of a neighbour's
    edge are not words). Words drawn in the background's own colour leave no other colour
    at all: that is a ratio of 1, not "nothing to judge" (black on black was passed so).
    """
    words = _words_rect(widget)
    area = words.intersected(widget.visibleRegion().boundingRect())
    if area.isEmpty():
        return None
    top_left = widget.mapTo(root, area.topLeft())
    scale = image.scale
    x0, y0 = int(top_left.x() * scale), int(top_left.y() * scale)
    width, height = int(area.width() * scale), int(area.height() * scale)
    x_from, x_to = max(0, x0), min(image.width, x0 + width)
    y_from, y_to = max(0, y0), min(image.height, y0 + height)
    if x_from >= x_to or y_from >= y_to:
        return None
    # Every other row, every other pixel along it: a stroke of the smallest words is two
    # pixels or more across, so each is met, at a quarter of the reading.
    ratio = _judged(image, (x_from, x_to, y_from, y_to), 2, whole=area == words)
    if ratio is not None and ratio < MIN_CONTRAST:
        # Too faint, or nothing but background: read every pixel before saying so (an
        # underscore's one thin stroke can fall between the rows read, a full stop's core
        # between the pixels).
        ratio = _judged(image, (x_from, x_to, y_from, y_to), 1, whole=area == words)
    return ratio


def _judged(
    image: _Drawn, box: tuple[int, int, int, int], step: int, *, whole: bool
) -> float | None:
    """:func:`_words_contrast` of the pixels in ``box`` (x from, x to, y from, y to), every
    ``step``-th of every ``step``-th row. The same words drawn the same way (the bar's
    buttons on every screen) are judged once."""
    x_from, x_to, y_from, y_to = box
    rows = (image.row(y, x_from, x_to, step).tobytes() for y in range(y_from, y_to, step))
    pixels = b"".join(rows)
    key = (hashlib.blake2b(pixels, digest_size=16).digest(), whole)
    if key not in _JUDGED:
        _JUDGED[key] = _words_contrast(memoryview(pixels).cast("I"), whole=whole)
    return _JUDGED[key]


_JUDGED: dict[tuple[bytes, bool], float | None] = {}


def _words_contrast(pixels: memoryview, *, whole: bool) -> float | None:
    """The contrast of the words among ``pixels`` (0xffRRGGBB each) with their background;
    ``whole``: all of the words' place is among them."""
    colours = Counter(pixels)
    background, _ = colours.most_common(1)[0]
    # Shades a hair from the background (a button's gradient) are background too.
    ratios = [
        (ratio, count)
        for colour, count in colours.items()
        if (ratio := _ratio(colour, background)) >= _SAME_GROUND
    ]
    others = sum(count for _, count in ratios)
    if not others:
        # Partly scrolled out of view, the part shown may hold none of the words.
        return 1.0 if whole else None
    # The words' colour: going from the furthest colour inwards, the first at which 3 % of
    # the pixels that are not background (and at least two) are at least that far from it.
    enough = max(2, others * 3 // 100)
    seen = 0
    for ratio, count in sorted(ratios, reverse=True):
        seen += count
        if seen >= enough:
            return ratio
    return 1.0


@cache
def _ratio(colour: int, background: int) -> float:
    """Two drawn pixels' contrast (0xffRRGGBB each); a screen has few colours, met often."""
    return contrast_ratio(f"#{colour & 0xFFFFFF:06x}", f"#{background & 0xFFFFFF:06x}")


# Colours this close to the background are read as it (a gradient, a shadow's edge).
_SAME_GROUND = 1.15


def _boundary_contrast(image: _Drawn, root: QWidget, widget: QWidget) -> float | None:
    """How well a control's edge (its border, or its fill, focused or not) stands out from
    what is around it, as drawn (WCAG 2.2 1.4.11, 3:1): the best of its four sides, each
    at the side's middle, a pixel in the border and one in the fill against one just
    outside.
    None where nothing marks the edge (a link is known by its words) or it is not all in
    view. A control not yet available is exempt (and drawn dashed)."""
    if widget.visibleRegion().boundingRect() != widget.rect():
        return None
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    scale = image.scale
    middle_x, middle_y = rect.center().x(), rect.center().y()
    # Each side: a pixel outside the edge, and two inside it (in a border, and in the fill).
    sides = (
        ((rect.left(), middle_y), (1, 0)),
        ((rect.right(), middle_y), (-1, 0)),
        ((middle_x, rect.top()), (0, 1)),
        ((middle_x, rect.bottom()), (0, -1)),
    )
    ratios = []
    for (x, y), (dx, dy) in sides:
        outside = _pixel(image, x - 2 * dx, y - 2 * dy, scale)
        if outside is None:
            continue
        for depth in (1, 6):
            inside = _pixel(image, x + depth * dx, y + depth * dy, scale)
            if inside is not None and (ratio := _ratio(inside, outside)) >= _SAME_GROUND:
                ratios.append(ratio)
    return max(ratios) if ratios else None


def _pixel(image: _Drawn, x: int, y: int, scale: float) -> int | None:
    """The drawn pixel at (``x``, ``y``) in the root's coordinates; None off the image."""
    x, y = int(x * scale), int(y * scale)
    if not (0 <= x < image.width and 0 <= y < image.height):
        return None
    return int(image.row(y, x, x + 1, 1)[0])


def _words_rect(widget: QWidget) -> QRect:
    """Where ``widget`` draws its words, in its own coordinates: inside its frame and
    padding, and for a button with an icon, right of the icon (Qt centres the two as a
    row)."""
    rect = widget.contentsRect()
    if isinstance(widget, QAbstractButton):
        # A stylesheet's border and padding are not in a button's contents rect.
        inset = min(8, rect.height() // 4)
        rect = rect.adjusted(inset, inset, -inset, -inset)
        if not widget.icon().isNull() and widget.text():
            icon = widget.iconSize().width() + 4
            words = widget.fontMetrics().horizontalAdvance(widget.text())
            left = rect.center().x() - (icon + words) // 2 + icon
            rect.setLeft(max(rect.left(), left))
    return rect


def min_contrast_for(widget: QWidget) -> float:
    """WCAG 2.2 1.4.3: 4.5:1 for words, 3:1 for large words (18 pt, or 14 pt bold: 24 px,
    or 18.66 px bold)."""
    info = QFontInfo(widget.font())
    size = info.pixelSize()
    if size >= LARGE_TEXT_PX or (info.bold() and size >= LARGE_BOLD_TEXT_PX):
        return MIN_LARGE_CONTRAST
    return MIN_CONTRAST
