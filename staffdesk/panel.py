"""A page of its own for one task at the desk (Add a walk-in, Bookings): its title and the
way back to the list on one row, then its body. In a short landscape window a panel inside
the triage list's column was a scroll window a few lines high; a page has the whole window,
and scrolls only where the tablet is too small for it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import button, label

BACK = "Back to the list"


class PanelPage(QFrame):
    close_requested = Signal()

    def __init__(
        self, name: str, title: str, close_name: str, parent: QWidget | None = None
    ) -> None:
        """``name`` is the page's object name, ``close_name`` its way back's."""
        super().__init__(parent)
        self.setObjectName(name)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        top = QHBoxLayout()
        self.title = label(title, "sectionTitle")
        top.addWidget(self.title, 1)
        self.close_button = button(BACK, "secondary", f"{BACK}: {title.lower()}")
        self.close_button.setObjectName(close_name)
        self.close_button.clicked.connect(self.close_requested)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName(f"{name}Scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName(f"{name}Body")
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(8)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        make_touch_scrollable(self.scroll_area)

    def bring_into_view(self, shown: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(shown, 0, 8)
