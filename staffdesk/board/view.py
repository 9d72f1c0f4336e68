"""The board: one card per kiosk at the location, in plain words, each with its More menu.

Cards are kept and updated in place (a card is never rebuilt under a finger about to press
one of its buttons); they come and go only when kiosks do. The engineering details are on
the fleet view, a button away (``showFleet``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout
from staffdesk.board.menu import KioskMenu
from staffdesk.card import card_heading
from staffdesk.flash import set_property
from staffdesk.keyed import KeyedColumn, scrolling_column
from staffdesk.words import KioskCard


class KioskCardView(QFrame):
    more_requested = Signal(int)

    def __init__(self, card: KioskCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device_id = card.device_id
        self.out_of_order = card.out_of_order
        # The name, then what it is doing beneath.
        layout, self.name, self.doing = card_heading(
            self, f"kiosk-{card.device_id}", "card", f"doing-{card.device_id}"
        )
        bottom = QHBoxLayout()
        self.advice = label("", "detail")
        self.advice.setObjectName(f"advice-{card.device_id}")
        self.more = button("More…", "secondary")
        self.more.setObjectName(f"more-{card.device_id}")
        self.more.clicked.connect(lambda: self.more_requested.emit(self.device_id))
        bottom.addWidget(self.advice, 1)
        bottom.addWidget(self.more, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(bottom)
        self.update_card(card)

    def update_card(self, card: KioskCard) -> None:
        self.out_of_order = card.out_of_order
        self.name.setText(card.name)
        self.doing.setText(card.doing)
        set_property(self.doing, "tone", card.tone)
        set_property(self, "tone", card.tone)
        self.advice.setText(card.advice)
        self.more.setAccessibleName(f"More for {card.name}")


class BoardView(QWidget):
    maintenance_requested = Signal(int, str)
    fleet_requested = Signal()
    figures_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self._menu: KioskMenu | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(label("Kiosks", "sectionTitle"), 1, Qt.AlignmentFlag.AlignTop)
        # The buttons wrap under one another where the board's column is narrow.
        buttons = QWidget()
        buttons.setObjectName("boardButtons")
        wrap = WrapLayout(buttons, spacing=8, align_end=True)
        wrap.setContentsMargins(0, 0, 0, 0)
        self.fleet_button = button("Fleet details", "secondary", "Fleet details for engineers")
        self.fleet_button.setObjectName("showFleet")
        self.fleet_button.clicked.connect(self.fleet_requested)
        self.figures_button = button("Figures", "secondary", "Figures for this location")
        self.figures_button.setObjectName("showFigures")
        self.figures_button.clicked.connect(self.figures_requested)
        wrap.addWidget(self.figures_button)
        wrap.addWidget(self.fleet_button)
        header.addWidget(buttons, 2)
        outer.addLayout(header)
        self.empty = label("No kiosks are set up at this location yet.", "hint")
        self.scroll_area, self._list = scrolling_column("board", self.empty)
        # A scroll area asks for 180 px at least; on the narrow desk with both banners up
        # that squeezed the header instead, cutting off its second row of buttons. The
        # kiosks scroll; the buttons must stay whole.
        self.scroll_area.setMinimumHeight(80)
        outer.addWidget(self.scroll_area, 1)
        self._column: KeyedColumn[int, KioskCard, KioskCardView] = KeyedColumn(
            self._list,
            key=lambda card: card.device_id,
            make=self._make_card,
            update=KioskCardView.update_card,
        )
        self.cards = self._column.views

    @property
    def menu(self) -> KioskMenu:
        """The More menu, drawn over the whole window (made when first opened)."""
        if self._menu is None:
            self._menu = KioskMenu(self.window())
            self._menu.action_chosen.connect(self.maintenance_requested)
        return self._menu

    def _make_card(self, card: KioskCard) -> KioskCardView:
        view = KioskCardView(card)
        view.more_requested.connect(self._on_more_requested)
        return view

    def _on_more_requested(self, device_id: int) -> None:
        card = self.cards.get(device_id)
        if card is not None:
            self.menu.open_for(
                device_id, card.name.text(), out_of_order=card.out_of_order, anchor=card.more
            )

    def show_kiosks(self, cards: Sequence[KioskCard]) -> None:
        self._column.show(cards)
        self.empty.setVisible(not cards)
        menu = self._menu
        if menu is not None and menu.device_id not in self.cards:
            menu.close_menu()
