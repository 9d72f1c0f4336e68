"""Contact sheets: a grid of labelled thumbnails per folder of screenshots, paged."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from firststop.cli import build_parser
from shared.ui.contact_sheet import BACKGROUND, SHEETS_FOLDER, Layout, write_contact_sheets

# Two to a row, three to a page, thumbnails 80 px wide: images of 160 by 100 become 80 by 50.
LAYOUT = Layout(columns=2, thumb_width=80, per_sheet=3, gap=10, label_px=12, title_px=14)
COLOURS = ("#d4351c", "#00703c", "#1d70b8", "#ffdd00")


def solid(path: Path, colour: str, size: tuple[int, int] = (160, 100)) -> None:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))


def cell(index: int) -> QRect:
    """Where thumbnail ``index`` of a page is, by the layout's arithmetic."""
    row_height = 50 + LAYOUT.label_height + LAYOUT.gap
    x = LAYOUT.gap + (index % LAYOUT.columns) * (LAYOUT.thumb_width + LAYOUT.gap)
    y = LAYOUT.title_height + (index // LAYOUT.columns) * row_height
    return QRect(x, y, LAYOUT.thumb_width, 50)


def inked(sheet: QImage, area: QRect) -> int:
    """How many pixels in ``area`` are not the sheet's background (drawn text)."""
    return sum(
        sheet.pixelColor(x, y) != BACKGROUND
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    )


@pytest.fixture
def screens(tmp_path: Path) -> Path:
    folder = tmp_path / "screens"
    for index, colour in enumerate(COLOURS):
        solid(folder / "standard" / "en" / f"{index:02d}-screen.png", colour)
    solid(folder / "large-text" / "pl" / "00-welcome.png", "#000000")
    return folder


def test_a_sheet_per_folder_and_page(qapp, screens: Path) -> None:
    written = write_contact_sheets(screens, LAYOUT)
    names = [path.relative_to(screens / SHEETS_FOLDER).as_posix() for path in written]
    assert names == ["large-text-pl-01.png", "standard-en-01.png", "standard-en-02.png"]
    full, rest = QImage(str(written[1])), QImage(str(written[2]))
    row_height = 50 + LAYOUT.label_height + LAYOUT.gap
    # Three on the first page (two rows of two columns), the fourth alone on the second.
    assert (full.width(), full.height()) == (10 + 2 * 90, LAYOUT.title_height + 2 * row_height)
    assert (rest.width(), rest.height()) == (10 + 90, LAYOUT.title_height + row_height)


def test_each_thumbnail_is_its_image_with_its_name_below(qapp, screens: Path) -> None:
    written = write_contact_sheets(screens, LAYOUT)
    full, rest = QImage(str(written[1])), QImage(str(written[2]))
    for index, colour in enumerate(COLOURS[:3]):
        assert full.pixelColor(cell(index).center()) == QColor(colour)
    assert rest.pixelColor(cell(0).center()) == QColor(COLOURS[3])
    # The file's name is written under each thumbnail, and nothing under an empty cell.
    for index in range(3):
        area = cell(index)
        label = QRect(area.left(), area.bottom() + 1, area.width(), LAYOUT.label_height)
        assert inked(full, label) > 20, f"no label under thumbnail {index}"
    empty = cell(3)
    assert inked(full, empty.adjusted(0, 0, 0, LAYOUT.label_height)) == 0
    # And the page's title across the top.
    assert inked(full, QRect(0, 0, full.width(), LAYOUT.title_height)) > 20


def test_sheets_are_not_sheeted_again(qapp, screens: Path) -> None:
    first = write_contact_sheets(screens, LAYOUT)
    again = write_contact_sheets(screens, LAYOUT)
    assert again == first
    assert sorted((screens / SHEETS_FOLDER).iterdir()) == sorted(first)


@pytest.mark.parametrize(("program", "folder"), [("kiosk", "kiosk"), ("desk", "desk")])
def test_screenshots_go_to_build_screens_unless_told(program: str, folder: str) -> None:
    parser = build_parser()
    assert parser.parse_args([program, "--screenshots"]).screenshots == Path(
        "build", "screens", folder
    )
    assert parser.parse_args([program, "--screenshots", "out"]).screenshots == Path("out")
    assert parser.parse_args([program]).screenshots is None
