"""The language picker: one big button per language, each named in itself, over any screen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from shared.ui.overlay import Overlay
from shared.ui.widgets import button, label

if TYPE_CHECKING:
    from shared.flow.kiosk_screen import LanguagePickerState


class LanguagePicker(Overlay):
    language_chosen = Signal(str)

    def __init__(self, window: QWidget, languages: Mapping[str, str]) -> None:
        super().__init__(window)
        self.card.setProperty("overlayKind", "languages")
        self.title = label("", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.card_layout.addWidget(self.title)
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        self._buttons: dict[str, QPushButton] = {}
        self._build_choices(languages)
        self.card_layout.addLayout(self._grid)
        self.close_button = button("", "secondary")
        self.close_button.setObjectName("closeLanguages")
        self.close_button.clicked.connect(self.dismiss)
        self.card_layout.addWidget(self.close_button)
        self._finish()

    def _build_choices(self, languages: Mapping[str, str]) -> None:
        for old in self._buttons.values():
            self._grid.removeWidget(old)
            old.deleteLater()
        self._buttons = {}
        for index, (code, name) in enumerate(languages.items()):
            choice = button(name, "language")
            choice.setObjectName(f"pickLanguage:{code}")
            choice.setCheckable(True)
            choice.clicked.connect(lambda _=False, c=code: self._on_chosen(c))
            self._buttons[code] = choice
            self._grid.addWidget(choice, index // 2, index % 2)

    def screen_state(self) -> LanguagePickerState:
        """What the picker shows, worded (for the desk's mirror)."""
        from shared.flow.kiosk_screen import LanguageChoice, LanguagePickerState

        return LanguagePickerState(
            title=self.title.text(),
            choices=tuple(
                LanguageChoice(code=code, name=choice.text(), chosen=choice.isChecked())
                for code, choice in self._buttons.items()
            ),
            close=self.close_button.text(),
        )

    def show_screen(self, state: LanguagePickerState) -> None:
        """Draw the picker as the kiosk reported it (the mirror), without taking the focus."""
        names = {choice.code: choice.name for choice in state.choices}
        if {c: b.text() for c, b in self._buttons.items()} != names:
            self._build_choices(names)
            for widget in self._buttons.values():
                widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for choice in state.choices:
            self._buttons[choice.code].setChecked(choice.chosen)
        self.title.setText(state.title)
        self.close_button.setText(state.close)
        self.show_still()

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
