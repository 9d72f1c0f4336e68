"""Small inline SVG charts for the public performance page: horizontal bars and one stacked
bar a row. Our own code, not a library: two shapes, drawn in a few dozen lines, with no
script, no external file and nothing a Content-Security-Policy has to allow (the page's one
stylesheet colours them through classes, so a forced-colours or print style can too).

Every chart is ``role="img"`` named by its ``<title>`` and described by its ``<desc>``,
which says every number in words; the page puts the same numbers in a table beside it.
Text is escaped here; callers pass plain strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Drawn in a 400-unit-wide box that scales to the page's width (at most 28rem): 20-unit
# text is 18 px on a 360 px phone and 22 px at the widest.
WIDTH = 400
FONT = 20
_LABEL = 26  # a label line's height
_BAR = 28  # a bar's thickness
_GAP = 16  # space after each row
_VALUE_ROOM = 64  # room kept after the longest bar for its value
_DESCENT = 6  # room under the last line of text for its descenders


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    # What is written at the bar's end, and in the description ("1,234", "67%").
    shown: str


@dataclass(frozen=True, slots=True)
class Segment:
    label: str
    value: int
    shown: str


def _svg(chart_id: str, title: str, desc: str, height: int, body: str) -> str:
    return (
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-size="{FONT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, scale: float | None = None) -> str:
    """One labelled bar a row, longest to scale (or to ``scale``, e.g. 100 for percentages,
    with a pale track showing the whole)."""
    top = max((bar.value for bar in bars), default=0.0)
    full = scale if scale is not None else top
    room = WIDTH - _VALUE_ROOM
    parts = []
    y = 0
    for bar in bars:
        length = room * bar.value / full if full > 0 else 0.0
        label_y = y + FONT
        bar_y = y + _LABEL
        parts.append(f'<text class="label" x="0" y="{label_y}">{escape(bar.label)}</text>')
        if scale is not None:
            parts.append(f'<rect class="track" x="0" y="{bar_y}" width="{room}" height="{_BAR}"/>')
        parts.append(f'<rect class="bar" x="0" y="{bar_y}" width="{length:.1f}" height="{_BAR}"/>')
        parts.append(
            f'<text class="value" x="{length + 6:.1f}" y="{bar_y + _BAR - 8}">'
            f"{escape(bar.shown)}</text>"
        )
        y += _LABEL + _BAR + _GAP
    desc = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars) + "."
    return _svg(chart_id, title, desc, max(y - _GAP, 1), "".join(parts))


def stacked_bars(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[Segment]]]) -> str:
    """Per row a label, one bar split into its segments (classes ``part-0``, ``part-1``…,
    in order) and, under it, each segment's name and share in words, so no colour has to
    be told apart."""
    parts = []
    y = 0
    descs = []
    for label, segments in rows:
        total = sum(segment.value for segment in segments)
        parts.append(f'<text class="label" x="0" y="{y + FONT}">{escape(label)}</text>')
        bar_y = y + _LABEL
        x = 0.5  # the segments' outline stays inside the box
        for index, segment in enumerate(segments):
            width = (WIDTH - 1) * segment.value / total if total else 0.0
            if width > 0:
                parts.append(
                    f'<rect class="part-{index}" x="{x:.1f}" y="{bar_y}" width="{width:.1f}" '
                    f'height="{_BAR}"/>'
                )
            x += width
        words = ", ".join(f"{segment.label} {segment.shown}" for segment in segments)
        parts.append(
            f'<text class="value" x="0" y="{bar_y + _BAR + FONT + 4}">{escape(words)}</text>'
        )
        descs.append(f"{label}: {words}")
        y += _LABEL + _BAR + FONT + 6 + _GAP
    height = max(y - _GAP + _DESCENT, 1)
    return _svg(chart_id, title, "; ".join(descs) + ".", height, "".join(parts))
