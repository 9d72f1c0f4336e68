"""Contact sheets: every screenshot in a folder as a grid of labelled thumbnails, so a
person can look over all of an app's screens at a glance.

``firststop kiosk --screenshots`` and ``firststop desk --screenshots`` end with
:func:`write_contact_sheets`: one set of sheets per folder of screenshots (a kiosk mode and
language, ``standard/en``; a desk orientation, ``landscape``), a page of at most
``per_sheet`` screens each, written to ``<folder>/contact-sheets/``. Each thumbnail is
labelled with its file's name."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QImage, QPainter

SHEETS_FOLDER = "contact-sheets"

BACKGROUND = QColor("#f3f2f1")
INK = QColor("#0b0c0c")
FRAME = QColor("#b1b4b6")


@dataclass(frozen=True)
class Layout:
    """The grid: ``columns`` thumbnails ``thumb_width`` px wide, ``per_sheet`` to a page."""

    columns: int = 5
    thumb_width: int = 384
    per_sheet: int = 40
    gap: int = 16
    label_px: int = 15
    title_px: int = 22

    @property
    def label_height(self) -> int:
        return self.label_px * 2

    @property
    def title_height(self) -> int:
        return self.title_px * 2 + self.gap


def write_contact_sheets(folder: Path, layout: Layout | None = None) -> list[Path]:
    """Sheets of every PNG under ``folder`` (not those already in its sheets' folder),
    grouped by the folder each is in; answers the sheets written, in order."""
    layout = layout or Layout()
    if QGuiApplication.instance() is None:
        raise RuntimeError("contact sheets need a QGuiApplication (fonts)")
    target = folder / SHEETS_FOLDER
    groups: dict[Path, list[Path]] = {}
    for image in sorted(folder.rglob("*.png")):
        relative = image.relative_to(folder)
        if relative.parts[0] != SHEETS_FOLDER:
            groups.setdefault(relative.parent, []).append(image)
    written: list[Path] = []
    for group, images in groups.items():
        name = "-".join(group.parts) or "screens"
        pages = [images[i : i + layout.per_sheet] for i in range(0, len(images), layout.per_sheet)]
        for number, page in enumerate(pages, start=1):
            title = f"{group.as_posix() if group.parts else folder.name}: {number} of {len(pages)}"
            sheet = draw_sheet(page, title, layout)
            target.mkdir(parents=True, exist_ok=True)
            path = target / f"{name}-{number:02d}.png"
            if not sheet.save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
    return written


def draw_sheet(images: Sequence[Path], title: str, layout: Layout) -> QImage:
    """One page: a title, then the images in rows, each with its file name below it."""
    loaded = [(path.stem, QImage(str(path))) for path in images]
    cell_height = max((_thumb_height(image, layout.thumb_width) for _, image in loaded), default=1)
    rows = max(1, math.ceil(len(loaded) / layout.columns))
    columns = min(layout.columns, max(1, len(loaded)))
    width = layout.gap + columns * (layout.thumb_width + layout.gap)
    row_height = cell_height + layout.label_height + layout.gap
    height = layout.title_height + rows * row_height
    sheet = QImage(width, height, QImage.Format.Format_RGB32)
    sheet.fill(BACKGROUND)
    painter = QPainter(sheet)
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(INK)
        painter.setFont(_font(layout.title_px, bold=True))
        painter.drawText(
            QRect(layout.gap, 0, width - 2 * layout.gap, layout.title_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        label_font = _font(layout.label_px, bold=False)
        metrics = QFontMetrics(label_font)
        painter.setFont(label_font)
        for index, (label, image) in enumerate(loaded):
            x = layout.gap + (index % layout.columns) * (layout.thumb_width + layout.gap)
            y = layout.title_height + (index // layout.columns) * row_height
            thumb = QRect(x, y, layout.thumb_width, _thumb_height(image, layout.thumb_width))
            if not image.isNull():
                painter.drawImage(thumb, image)
            painter.setPen(FRAME)
            painter.drawRect(thumb.adjusted(0, 0, -1, -1))
            painter.setPen(INK)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, layout.thumb_width)
            painter.drawText(
                QRect(x, y + cell_height, layout.thumb_width, layout.label_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
    finally:
        painter.end()
    return sheet


def _thumb_height(image: QImage, width: int) -> int:
    if image.isNull() or image.width() == 0:
        return width * 5 // 8
    return max(1, round(width * image.height() / image.width()))


def _font(pixels: int, *, bold: bool) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font
