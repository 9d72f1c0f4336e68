"""The language picker: one big button per language, each named in itself, over any screen."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from shared.ui.fields import button, label
from shared.ui.overlay import Overlay


class LanguagePicker(Overlay):
    language_chosen = Signal(str)

    def __init__(self, window: QWidget, languages: Mapping[str, str]) -> None:
        super().__init__(window)
        self.card.setProperty("overlayKind", "languages")
        self.title = label("", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.card_layout.addWidget(self.title)
        grid = QGridLayout()
        grid.setSpacing(16)
        self._buttons: dict[str, QPushButton] = {}
        for index, (code, name) in enumerate(languages.items()):
            choice = button(name, "language")
            choice.setObjectName(f"pickLanguage:{code}")
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, c=code: self._on_chosen(c))
            self._buttons[code] = choice
            grid.addWidget(choice, index // 2, index % 2)
        self.card_layout.addLayout(grid)
        self.close_button = button("", "secondary")
        self.close_button.setObjectName("closeLanguages")
        self.close_button.clicked.connect(self.dismiss)
        self.card_layout.addWidget(self.close_button)
        self._finish()

    def choice(self, code: str) -> QPushButton:
        return self._buttons[code]

    def set_current(self, code: str) -> None:
        for language, choice in self._buttons.items():
            choice.setChecked(language == code)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose your language"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))

    def _on_chosen(self, code: str) -> None:
        self.dismiss()
        self.language_chosen.emit(code)
