"""Colours, sizes and the stylesheet they fill in: one stylesheet per app, from tokens.

An app's stylesheet is a list of QSS files in ``assets/style/`` (``screen.qss`` for the
shared screen widgets, then the app's own parts). They name tokens as ``@name``
(``@text``, ``@body_px``, ``@target_px``…); :func:`stylesheet` fills them in from a
:class:`Palette` and :class:`Sizes`. Widgets opt in by object name or dynamic property,
never by an inline ``setStyleSheet``.

Large text meets EN 301 549 5.1.4: a capital H subtends at least 0.7° at the viewing
distance, so its height on the panel is ``2·d·tan(0.35°)`` (6.1 mm at 500 mm); the font's
pixel size is worked out from the font's own cap height and the panel's real density.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import cache

from PySide6.QtGui import QFont, QFontMetricsF

from shared.resources import asset_path

# The kiosk's typeface first; the rest are fallbacks that cover Arabic script.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans", "Segoe UI", "Arial")
MIN_VISUAL_ANGLE_DEG = 0.7
# WCAG 2.2 asks for 24 px at AA and 44 px at AAA; the kiosk uses larger still.
MIN_TARGET_PX = 44
# WCAG 2.2 1.4.3: words, and large words (18 pt, or 14 pt bold, at 96 px to the inch);
# 1.4.11: a control's border and a focus indicator against what is next to them.
MIN_CONTRAST = 4.5
MIN_LARGE_CONTRAST = 3.0
LARGE_TEXT_PX = 24
LARGE_BOLD_TEXT_PX = 18.66
MIN_NON_TEXT_CONTRAST = 3.0

_TOKEN = re.compile(r"@([a-z][a-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Palette:
    background: str
    surface: str
    text: str
    secondary_text: str
    border: str
    primary: str
    primary_text: str
    secondary: str
    secondary_text_on: str
    focus: str
    focus_text: str
    # The border of a focused button whose own background stays (the kiosk's bar, tiles,
    # languages): it must stand out against the page, as the focus colour's text would not.
    focus_ring: str
    error: str
    error_text_on: str
    link: str
    selected: str
    selected_text: str


# GOV.UK's colours: black on white, a green go button, yellow focus, red errors.
STANDARD = Palette(
    background="#ffffff",
    surface="#f3f2f1",
    text="#0b0c0c",
    secondary_text="#484949",
    border="#505a5f",
    primary="#00703c",
    primary_text="#ffffff",
    secondary="#e6e6e6",
    secondary_text_on="#0b0c0c",
    focus="#ffdd00",
    focus_text="#0b0c0c",
    focus_ring="#0b0c0c",
    error="#d4351c",
    error_text_on="#ffffff",
    link="#1d70b8",
    selected="#1d70b8",
    selected_text="#ffffff",
)

# Yellow and white on black: for low vision.
HIGH_CONTRAST = Palette(
    background="#000000",
    surface="#000000",
    text="#ffffff",
    secondary_text="#ffffff",
    border="#ffffff",
    primary="#ffff00",
    primary_text="#000000",
    secondary="#000000",
    secondary_text_on="#ffffff",
    focus="#00ffff",
    focus_text="#000000",
    focus_ring="#00ffff",
    error="#ff8080",
    error_text_on="#000000",
    link="#ffff00",
    selected="#ffff00",
    selected_text="#000000",
)


@dataclass(frozen=True, slots=True)
class Sizes:
    small_px: int
    body_px: int
    heading_px: int
    reference_px: int
    target_px: int
    spacing_px: int
    radius_px: int
    border_px: int
    # Half the body size: round indicators.
    round_px: int
    # On-screen keyboard keys: height and letter size. With large text the keys stay
    # compact (their letters still meet the 0.7° rule) so the keyboard and the field being
    # typed in both fit on a short panel.
    key_px: int
    key_font_px: int
    # Scroll bars: a finger can hold and drag one (the page also scrolls by dragging it).
    scroll_bar_px: int = MIN_TARGET_PX


def required_cap_height_px(dpi: float, viewing_distance_mm: float) -> float:
    """The capital-H height, in pixels, that subtends 0.7° at ``viewing_distance_mm``."""
    height_mm = 2 * viewing_distance_mm * math.tan(math.radians(MIN_VISUAL_ANGLE_DEG / 2))
    return height_mm / 25.4 * dpi


@cache
def cap_height_ratio(family: str = FONT_FAMILIES[0]) -> float:
    """The font's capital height as a fraction of its pixel size (measured, not assumed)."""
    font = QFont(family)
    font.setPixelSize(1000)
    return QFontMetricsF(font).capHeight() / 1000


def sizes(*, large_text: bool, dpi: float, viewing_distance_mm: float) -> Sizes:
    """Standard sizes, or large ones whose capital H meets the 0.7° rule for this panel."""
    body = 26
    if large_text:
        needed = required_cap_height_px(dpi, viewing_distance_mm) / cap_height_ratio()
        # The smallest text on a large-text screen meets the rule, so the body is larger.
        small = max(math.ceil(needed), 30)
        body = max(small + 4, 36)
    else:
        small = 20
    return Sizes(
        small_px=small,
        body_px=body,
        heading_px=round(body * 1.45),
        reference_px=round(body * 2.2),
        target_px=max(MIN_TARGET_PX, round(body * 2.6)),
        spacing_px=round(body * 0.6),
        radius_px=6,
        border_px=3,
        round_px=body // 2,
        key_px=small + 24 if large_text else max(MIN_TARGET_PX, round(body * 2.6)),
        key_font_px=small if large_text else round(body * 1.45),
    )


def palette(*, high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else STANDARD


def tokens(colours: Palette, size: Sizes) -> dict[str, str]:
    found = {name: str(value) for name, value in asdict(colours).items()}
    found.update({name: f"{value}px" for name, value in asdict(size).items()})
    found["font_families"] = ", ".join(f'"{family}"' for family in FONT_FAMILIES)
    # Icons drawn in the palette's own colours (QSS cannot recolour an image).
    suffix = "-high-contrast" if colours is HIGH_CONTRAST else ""
    for icon in ("check", "dot", "globe"):
        found[f"{icon}_icon"] = asset_path("icons", f"{icon}{suffix}.svg").as_posix()
    return found


def stylesheet(parts: Iterable[str], colours: Palette, size: Sizes) -> str:
    """The QSS files named by ``parts`` (in ``assets/style/``), tokens filled in."""
    return fill(_read_parts(tuple(parts)), tokens(colours, size))


def fill(template: str, values: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"the stylesheet names an unknown token @{name}")
        return values[name]

    return _TOKEN.sub(replace, template)


@cache
def _read_parts(parts: tuple[str, ...]) -> str:
    return "\n".join(asset_path("style", part).read_text(encoding="utf-8") for part in parts)


# Contrast (WCAG 2.2, relative luminance) ---------------------------------------------------


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@cache
def _luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
