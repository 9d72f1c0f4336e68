"""Add a walk-in: a short list of needs, then the tier and an optional name. A need is the
second tap (the first opened the panel), first in the panel so it is in reach without
scrolling: it adds the walk-in with the tier chosen (Help me unless changed) and the panel
shows the ticket to give the visitor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shared.catalogue.schemas import Tier
from shared.ui.fields import button, label
from shared.ui.wrap import WrapLayout

# What visitors come about most, in a greeter's words (sent as the walk-in's topic).
NEEDS = (
    "Council tax",
    "Housing",
    "Benefits and support",
    "Bins and recycling",
    "Parking",
    "Something else",
)
TIERS = (
    (Tier.ASSISTED, "Help me"),
    (Tier.APPOINTMENT, "Relate to me"),
    (Tier.SELF_SERVICE, "Do it (kiosk)"),
)
NAME_MAX = 80
NEED_HINT = "What have they come about? One tap adds them (a name or tier below first, if wanted)."


class WalkInPanel(QFrame):
    # The need, the tier's number and the name given (empty when none).
    add_requested = Signal(str, int, str)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkInPanel")
        self.setProperty("frameRole", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(label("Add a walk-in", "cardTitle"), 1)
        self.close_button = button("Close", "secondary", "Close: add a walk-in")
        self.close_button.setObjectName("walkInClose")
        self.close_button.clicked.connect(self.close_requested)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.ticket = label("", "cardTitle")
        self.ticket.setObjectName("walkInTicket")
        self.ticket.setVisible(False)
        layout.addWidget(self.ticket)
        layout.addWidget(label(NEED_HINT, "detail"))
        needs = QWidget()
        need_wrap = WrapLayout(needs, spacing=8)
        need_wrap.setContentsMargins(0, 0, 0, 0)
        self.need_buttons: dict[str, QPushButton] = {}
        for index, need in enumerate(NEEDS):
            chosen = button(need, "primary", f"Add a walk-in about {need.lower()}")
            chosen.setObjectName(f"walkInNeed-{index}")
            chosen.clicked.connect(lambda _=False, picked=need: self._on_need_chosen(picked))
            self.need_buttons[need] = chosen
            need_wrap.addWidget(chosen)
        layout.addWidget(needs)
        self.name = QLineEdit()
        self.name.setObjectName("walkInName")
        self.name.setPlaceholderText("Their name (optional)")
        self.name.setAccessibleName("The visitor's name, if they want to give it")
        self.name.setMaxLength(NAME_MAX)
        layout.addWidget(self.name)
        tiers = QWidget()
        tier_wrap = WrapLayout(tiers, spacing=8)
        tier_wrap.setContentsMargins(0, 0, 0, 0)
        self._tiers = QButtonGroup(self)
        self._tiers.setExclusive(True)
        self.tier_buttons: dict[Tier, QPushButton] = {}
        for tier, text in TIERS:
            chosen = button(text, "period", f"Tier: {text}")
            chosen.setObjectName(f"walkInTier-{tier.value}")
            chosen.setCheckable(True)
            self._tiers.addButton(chosen, tier.value)
            self.tier_buttons[tier] = chosen
            tier_wrap.addWidget(chosen)
        self.tier_buttons[Tier.ASSISTED].setChecked(True)
        layout.addWidget(tiers)

    def _on_need_chosen(self, need: str) -> None:
        self.add_requested.emit(need, self._tiers.checkedId(), self.name.text().strip())

    def reset(self) -> None:
        self.name.clear()
        self.ticket.setVisible(False)
        self.tier_buttons[Tier.ASSISTED].setChecked(True)

    def show_ticket(self, ticket: str) -> None:
        """The walk-in is on the list: the ticket to give them, and the panel ready again."""
        self.ticket.setText(f"Ticket {ticket}: give it to the visitor")
        self.ticket.setVisible(True)
        self.name.clear()
        self.tier_buttons[Tier.ASSISTED].setChecked(True)
