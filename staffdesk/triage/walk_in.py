"""Add a walk-in, a page of its own: a short list of needs, then the tier, an optional name
and any declared accessibility needs. A need is the second tap (the first opened the page),
first on it so it is in reach without scrolling: it adds the walk-in with the tier chosen
(Help me unless changed) and whatever accessibility needs were ticked (none unless ticked;
any puts the visitor first on the list), and the page shows the ticket to give them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QLineEdit, QPushButton, QWidget

from shared.catalogue.schemas import Tier
from shared.triage.schemas import AccessNeed
from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout
from staffdesk.panel import PanelPage
from staffdesk.triage.words import NEEDS as ACCESS_NEEDS

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
NEED_HINT = (
    "What have they come about? One tap adds them (a name, tier or need below first, if wanted)."
)
ACCESS_HINT = "Any accessibility need they tell you about (puts them first):"


class WalkInPanel(PanelPage):
    # The need, the tier's number, the name given (empty when none) and the declared
    # accessibility needs (AccessNeed values).
    add_requested = Signal(str, int, str, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("walkInPanel", "Add a walk-in", "walkInClose", parent)
        layout = self.body
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
        layout.addWidget(label(ACCESS_HINT, "detail"))
        access = QWidget()
        access_wrap = WrapLayout(access, spacing=8)
        access_wrap.setContentsMargins(0, 0, 0, 0)
        self.access_buttons: dict[AccessNeed, QPushButton] = {}
        for need, text in ACCESS_NEEDS.items():
            chosen = button(text, "period", f"Declared need: {text.lower()}")
            chosen.setObjectName(f"walkInAccess-{need.value}")
            chosen.setCheckable(True)
            self.access_buttons[need] = chosen
            access_wrap.addWidget(chosen)
        layout.addWidget(access)
        layout.addStretch(1)

    def primary_widget(self) -> QWidget:
        return self.need_buttons[NEEDS[0]]

    def _on_need_chosen(self, need: str) -> None:
        declared = [n.value for n, chosen in self.access_buttons.items() if chosen.isChecked()]
        self.add_requested.emit(need, self._tiers.checkedId(), self.name.text().strip(), declared)

    def _ready_again(self) -> None:
        self.name.clear()
        self.tier_buttons[Tier.ASSISTED].setChecked(True)
        for chosen in self.access_buttons.values():
            chosen.setChecked(False)

    def reset(self) -> None:
        self._ready_again()
        self.ticket.setVisible(False)

    def show_ticket(self, ticket: str) -> None:
        """The walk-in is on the list: the ticket to give them, and the panel ready again."""
        self.ticket.setText(f"Ticket {ticket}: give it to the visitor")
        self.ticket.setVisible(True)
        self._ready_again()
