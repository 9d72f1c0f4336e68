"""The confirm step: the whole window asks one question with two large answers, so a
change to a kiosk is never one accidental touch."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from shared.ui.widgets import button, label


class ConfirmView(QWidget):
    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        card = QWidget()
        card.setObjectName("confirmCard")
        card.setFixedWidth(620)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 40, 40, 40)
        inner.setSpacing(20)
        self.question = label("", "deskTitle")
        self.question.setObjectName("confirmQuestion")
        self.explanation = label("", "detail")
        inner.addWidget(self.question)
        inner.addWidget(self.explanation)
        row = QVBoxLayout()
        row.setSpacing(16)
        self.cancel_button = button("No, go back", "secondary")
        self.cancel_button.setObjectName("cancelAction")
        self.confirm_button = button("", "danger")
        self.confirm_button.setObjectName("confirmAction")
        row.addWidget(self.confirm_button)
        row.addWidget(self.cancel_button)
        inner.addLayout(row)
        # Centred by stretches (an aligned card measures its wrapped words too wide).
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)
        self.cancel_button.clicked.connect(self.cancelled)
        self.confirm_button.clicked.connect(self.confirmed)

    def ask(self, question: str, explanation: str, action: str) -> None:
        self.question.setText(question)
        self.explanation.setText(explanation)
        self.confirm_button.setText(f"Yes, {action[:1].lower()}{action[1:]}")
        self.confirm_button.setAccessibleName(self.confirm_button.text())
