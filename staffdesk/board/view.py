"""The board: one card per kiosk at the location, with its maintenance buttons.

Cards are kept and updated in place (a card is never rebuilt under a finger about to press
one of its buttons); they come and go only when kiosks do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.live.messages import MaintenanceAction
from shared.ui.fields import button, label
from shared.ui.touch import make_touch_scrollable
from shared.ui.wrap import WrapLayout
from staffdesk.flash import set_property
from staffdesk.keyed import KeyedColumn
from staffdesk.words import ACTIONS, KioskCard


class KioskCardView(QFrame):
    maintenance_requested = Signal(int, str)

    def __init__(self, card: KioskCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device_id = card.device_id
        self.setObjectName(f"kiosk-{card.device_id}")
        self.setProperty("frameRole", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.name = label("", "cardTitle")
        self.doing = label("", "status")
        self.doing.setObjectName(f"doing-{card.device_id}")
        self.doing.setWordWrap(False)
        top.addWidget(self.name, 1)
        top.addWidget(self.doing, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.heartbeat = label("", "detail")
        self.details = label("", "detail")
        layout.addWidget(self.heartbeat)
        layout.addWidget(self.details)
        # The actions wrap onto more rows on a narrow card rather than cut their words.
        actions = WrapLayout(spacing=12)
        self.buttons: dict[MaintenanceAction, QPushButton] = {}
        for action in MaintenanceAction:
            widget = button(ACTIONS[action], "secondary", f"{ACTIONS[action]}: {card.name}")
            widget.setObjectName(f"maintain-{card.device_id}-{action.value}")
            widget.clicked.connect(
                lambda _=False, a=action: self.maintenance_requested.emit(self.device_id, a.value)
            )
            self.buttons[action] = widget
        # Out of order and back in service share a place: only one is shown.
        for action in MaintenanceAction:
            actions.addWidget(self.buttons[action])
        layout.addLayout(actions)
        self.update_card(card)

    def update_card(self, card: KioskCard) -> None:
        self.name.setText(card.name)
        self.doing.setText(card.doing)
        set_property(self.doing, "tone", card.tone)
        set_property(self, "tone", card.tone)
        self.heartbeat.setText(card.heartbeat)
        self.details.setText(card.details)
        self.buttons[MaintenanceAction.OUT_OF_ORDER].setVisible(not card.out_of_order)
        self.buttons[MaintenanceAction.BACK_IN_SERVICE].setVisible(card.out_of_order)
        for action, widget in self.buttons.items():
            widget.setAccessibleName(f"{ACTIONS[action]}: {card.name}")


class BoardView(QWidget):
    maintenance_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(label("Kiosks", "sectionTitle"))
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("boardScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("boardBody")
        self._list = QVBoxLayout(body)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(12)
        self.empty = label("No kiosks are set up at this location yet.", "hint")
        self._list.addWidget(self.empty)
        self._list.addStretch(1)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        make_touch_scrollable(self.scroll_area)
        self._column: KeyedColumn[int, KioskCard, KioskCardView] = KeyedColumn(
            self._list,
            key=lambda card: card.device_id,
            make=self._make_card,
            update=KioskCardView.update_card,
        )
        self.cards = self._column.views

    def _make_card(self, card: KioskCard) -> KioskCardView:
        view = KioskCardView(card)
        view.maintenance_requested.connect(self.maintenance_requested)
        return view

    def show_kiosks(self, cards: Sequence[KioskCard]) -> None:
        self._column.show(cards)
        self.empty.setVisible(not cards)
