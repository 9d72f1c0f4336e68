"""I have an appointment: the customer types their appointment's reference and is checked
in ("Thank you. Please take a seat; we will call you."), or told plainly what is wrong.

Every word is the flow's, in the customer's language (:func:`shared.flow.texts.ui_text`);
the kiosk asks the backend, this page only draws.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shared.flow.texts import ui_text
from shared.ui.fields import button, label
from shared.ui.pages.speak import scrolling_page


class ArriveView(QWidget):
    # The customer pressed Check in with this reference.
    check_in_requested = Signal(str)
    # Checked in, and done.
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrive")
        self._language = "en"
        self._arrived = False
        self._problem: str | None = None
        self.page_scroll, outer = scrolling_page(self)
        self.title: QLabel = label("", "title")
        outer.addWidget(self.title)
        self.asking = QWidget()
        asking = QVBoxLayout(self.asking)
        asking.setContentsMargins(0, 0, 0, 0)
        asking.setSpacing(16)
        self.reference_label: QLabel = label("", "label")
        asking.addWidget(self.reference_label)
        row = QHBoxLayout()
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("appointmentReference")
        self.reference_edit.setProperty("keyboard", "postcode")
        self.reference_edit.setMaxLength(20)
        self.reference_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.reference_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.reference_label.setBuddy(self.reference_edit)
        row.addWidget(self.reference_edit, 1)
        self.check_in_button = button("", "primary")
        self.check_in_button.setObjectName("checkIn")
        row.addWidget(self.check_in_button)
        asking.addLayout(row)
        self.hint: QLabel = label("", "hint")
        asking.addWidget(self.hint)
        outer.addWidget(self.asking)
        self.message: QLabel = label("", "error")
        self.message.setObjectName("arriveMessage")
        outer.addWidget(self.message)
        self.thanks: QLabel = label("", "welcomeTitle")
        self.thanks.setObjectName("arrivedThanks")
        outer.addWidget(self.thanks)
        self.done_button = button("", "primary")
        self.done_button.setObjectName("arriveDone")
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_button)
        done_row.addStretch(1)
        outer.addLayout(done_row)
        outer.addStretch(1)
        self.check_in_button.clicked.connect(self._on_check_in)
        self.reference_edit.returnPressed.connect(self._on_check_in)
        self.done_button.clicked.connect(self.done)
        self.reset()

    def reset(self) -> None:
        self.reference_edit.clear()
        self._arrived = False
        self._problem = None
        self.check_in_button.setEnabled(True)
        self._refresh()

    @property
    def language(self) -> str:
        """The customer's language, as the window last set it."""
        return self._language

    def set_language(self, language: str) -> None:
        self._language = language
        self._refresh()

    def show_busy(self) -> None:
        self.check_in_button.setEnabled(False)
        self._problem = None
        self._refresh()

    def show_problem(self, text: str) -> None:
        """What is wrong, plainly; what they typed stays."""
        self.check_in_button.setEnabled(True)
        self._problem = text
        self._refresh()

    def show_arrived(self) -> None:
        self._arrived = True
        self._problem = None
        self.reference_edit.clear()
        self._refresh()

    def spoken_text(self) -> str:
        return self.thanks.text() if self._arrived else self.title.text()

    def _on_check_in(self) -> None:
        if self.check_in_button.isEnabled() and not self._arrived:
            self.check_in_requested.emit(self.reference_edit.text())

    def _refresh(self) -> None:
        language = self._language
        self.title.setText(ui_text("arrive.title", language))
        self.reference_label.setText(ui_text("arrive.reference", language))
        self.reference_edit.setAccessibleName(self.reference_label.text())
        self.hint.setText(ui_text("arrive.hint", language))
        self.check_in_button.setText(ui_text("arrive.check_in", language))
        self.check_in_button.setAccessibleName(self.check_in_button.text())
        self.done_button.setText(ui_text("speak.done", language))
        self.done_button.setAccessibleName(self.done_button.text())
        self.thanks.setText(ui_text("arrive.thanks", language))
        self.asking.setVisible(not self._arrived)
        self.thanks.setVisible(self._arrived)
        self.done_button.setVisible(self._arrived)
        self.message.setText(self._problem or "")
        self.message.setVisible(self._problem is not None)
