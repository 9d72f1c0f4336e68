"""The fleet view: every kiosk at the location with its engineering details (state, live
link, version, heartbeat, last frame and touch, outbox, screen), for whoever looks after the
kiosks. The board keeps to plain words; this is one button away from it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import button, label
from staffdesk.keyed import KeyedColumn
from staffdesk.words import FleetRow


class FleetRowView(QFrame):
    def __init__(self, row: FleetRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"fleet-{row.device_id}")
        self.setProperty("frameRole", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        self.name = label("", "cardTitle")
        layout.addWidget(self.name)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 1)
        layout.addLayout(self._grid)
        self.values: dict[str, QLabel] = {}
        self.update_row(row)

    def update_row(self, row: FleetRow) -> None:
        self.name.setText(row.name)
        for index, (name, value) in enumerate(row.lines):
            shown = self.values.get(name)
            if shown is None:
                self._grid.addWidget(label(name, "detailStrong"), index, 0)
                shown = self.values[name] = label("", "detail")
                shown.setObjectName(f"fleet-{row.device_id}-{name.lower().replace(' ', '-')}")
                self._grid.addWidget(shown, index, 1)
            shown.setText(value)

    def text(self) -> str:
        """Every line, as ``name: value`` (tests, the screen reader's summary)."""
        return "\n".join(f"{name}: {widget.text()}" for name, widget in self.values.items())


class FleetView(QWidget):
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fleetPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        header = QHBoxLayout()
        header.addWidget(label("Fleet details", "deskTitle"), 1)
        self.back_button = button("Back to the board", "primary")
        self.back_button.setObjectName("backToBoard")
        self.back_button.clicked.connect(self.back_requested)
        header.addWidget(self.back_button)
        outer.addLayout(header)
        outer.addWidget(
            label(
                "For whoever looks after the kiosks: how each one is, as the system sees it.",
                "hint",
            )
        )
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("fleetScroll")
        make_touch_scrollable(self.scroll_area)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("fleetBody")
        self._list = QVBoxLayout(body)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(12)
        self.empty = label("No kiosks are set up at this location yet.", "hint")
        self._list.addWidget(self.empty)
        self._list.addStretch(1)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        self._column: KeyedColumn[int, FleetRow, FleetRowView] = KeyedColumn(
            self._list,
            key=lambda row: row.device_id,
            make=FleetRowView,
            update=FleetRowView.update_row,
        )
        self.rows = self._column.views

    def show_fleet(self, rows: Sequence[FleetRow]) -> None:
        self._column.show(rows)
        self.empty.setVisible(not rows)
