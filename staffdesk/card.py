"""The desk's cards (a kiosk on the board, an entry on the triage list) start alike: a frame
in its role, its title, then a one-line status beneath it (a narrow column cuts neither)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from shared.ui.widgets import label


def card_heading(
    frame: QFrame, name: str, role: str, status_name: str, *, tight: bool = False
) -> tuple[QVBoxLayout, QLabel, QLabel]:
    """Lays ``frame`` out (object name ``name``, ``frameRole`` ``role``; ``tight``: the
    triage list's closer spacing) with its title and its status (``status_name``); the
    layout, to add the rest to, the title and the status."""
    frame.setObjectName(name)
    frame.setProperty("frameRole", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 12 if tight else 16, 20, 12 if tight else 16)
    layout.setSpacing(6 if tight else 8)
    title = label("", "cardTitle")
    status = label("", "status")
    status.setObjectName(status_name)
    status.setWordWrap(False)
    layout.addWidget(title)
    layout.addWidget(status, 0, Qt.AlignmentFlag.AlignLeft)
    return layout, title, status
