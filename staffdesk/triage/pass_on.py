"""Pass on…, a page of its own: a note for whoever takes over, then one tap on any advisor
or a named colleague at the location (those on a desk now first, as the backend lists
them). Inside the triage list's short landscape window the choices did not fit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout
from staffdesk.panel import PanelPage

# A colleague's id for "any advisor".
ANY_ADVISOR = 0
NOTE_MAX = 500
ASKING = "Finding who is working here…"


class PassOnPanel(PanelPage):
    # The colleague's id (ANY_ADVISOR for the advisors) and the note.
    chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("passOnPanel", "Pass on", "passOnClose", parent)
        self.entry_id = ""
        layout = self.body
        self.note = QLineEdit()
        self.note.setObjectName("handoverNote")
        self.note.setPlaceholderText("A note for them (optional)")
        self.note.setAccessibleName("A note for whoever takes over")
        self.note.setMaxLength(NOTE_MAX)
        layout.addWidget(self.note)
        self.hint = label("", "detail")
        layout.addWidget(self.hint)
        box = QWidget()
        self._wrap = WrapLayout(box, spacing=8)
        self._wrap.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        self.buttons: dict[int, QPushButton] = {}

    def open_for(self, entry_id: str, title: str) -> None:
        """For one entry: its title, an empty note, any advisor while the rest are asked."""
        self.entry_id = entry_id
        self.title.setText(f"Pass on: {title}")
        self.note.clear()
        self.show_colleagues([])
        self.hint.setText(ASKING)

    def show_colleagues(self, colleagues: Sequence[tuple[int, str]]) -> None:
        """``(id, "Alex · on a desk now")`` each; any advisor always comes first."""
        for chosen in self.buttons.values():
            self._wrap.removeWidget(chosen)
            chosen.hide()  # gone now, not when Qt next deletes
            chosen.deleteLater()
        self.buttons.clear()
        self.hint.setText("Pass them to:")
        for staff_id, text in ((ANY_ADVISOR, "Any advisor"), *colleagues):
            name = text.split(" · ")[0]
            chosen = button(text, "secondary", f"Pass to {name}")
            chosen.setObjectName(f"passTo-{staff_id}")
            chosen.clicked.connect(
                lambda _=False, to=staff_id: self.chosen.emit(to, self.note.text().strip())
            )
            self._wrap.addWidget(chosen)
            self.buttons[staff_id] = chosen

    def primary_widget(self) -> QWidget:
        return self.buttons.get(ANY_ADVISOR) or self.note
