"""WrapLayout: a row of controls that wraps instead of squeezing them (the kiosk's bar)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from shared.ui.wrap import WrapLayout


def _row(qtbot, width: int, direction: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight):
    host = QWidget()
    host.setLayoutDirection(direction)
    layout = WrapLayout(host, spacing=10, align_end=True)
    layout.setContentsMargins(0, 0, 0, 0)
    buttons = []
    for text in ("Polski", "Większy tekst", "Wysoki kontrast", "Czytaj na głos", "Pomocy"):
        button = QPushButton(text)
        button.setMinimumHeight(60)
        layout.addWidget(button)
        buttons.append(button)
    qtbot.addWidget(host)
    host.resize(width, layout.heightForWidth(width))
    host.show()
    qtbot.waitExposed(host)
    return host, layout, buttons


def test_every_control_keeps_its_full_width_and_rows_wrap(qtbot):
    wide_host, _, wide = _row(qtbot, 2000)
    assert len({b.geometry().top() for b in wide}) == 1, "one row when it fits"
    narrow_host, layout, narrow = _row(qtbot, 400)
    rows = {b.geometry().top() for b in narrow}
    assert len(rows) > 1
    for button in narrow:
        assert button.width() >= button.sizeHint().width(), button.text()
        assert button.geometry().right() < narrow_host.width(), button.text()
    assert layout.heightForWidth(400) > layout.heightForWidth(2000)
    # Nothing overlaps.
    for i, a in enumerate(narrow):
        for b in narrow[i + 1 :]:
            assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())
    del wide_host


def test_rows_sit_at_the_end_of_the_line_in_both_directions(qtbot):
    host, _, buttons = _row(qtbot, 2000)
    assert buttons[-1].geometry().right() == host.width() - 1
    assert buttons[0].geometry().left() > 0
    rtl, _, mirrored = _row(qtbot, 2000, Qt.LayoutDirection.RightToLeft)
    # Right to left: the first control is at the right, the row ends at the left edge.
    assert mirrored[0].geometry().left() > mirrored[-1].geometry().left()
    assert mirrored[-1].geometry().left() == 0
    del rtl
