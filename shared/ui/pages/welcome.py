"""The welcome screen: one large start button, the languages, the accessibility options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from shared.flow.texts import ui_text
from shared.ui.touch import scrolling_page
from shared.ui.widgets import button, label

if TYPE_CHECKING:
    from shared.flow.kiosk_screen import WelcomeScreen


class WelcomeView(QWidget):
    start_requested = Signal()
    track_requested = Signal()
    speak_requested = Signal()
    arrive_requested = Signal()
    manage_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, languages: Mapping[str, str], parent: QWidget | None = None) -> None:
        """``languages``: code -> the language's own name ("Polski", "العربية")."""
        super().__init__(parent)
        self.setObjectName("welcome")
        self._language_buttons: dict[str, QPushButton] = {}
        self._build(languages)
        self._connect_signals()
        self.retranslate()

    def _build(self, languages: Mapping[str, str]) -> None:
        # The page scrolls: with large text on a short panel it may be taller than the
        # screen, and a window must never be forced taller than its screen.
        self.scroll_area, outer = scrolling_page(self, margins=(48, 32), spacing=32)
        outer.addStretch(1)
        self.title: QLabel = label("", "welcomeTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.subtitle: QLabel = label("", "body")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.start_button = button("", "start")
        self.start_button.setObjectName("start")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button, 2)
        row.addStretch(1)
        outer.addLayout(row)
        self.track_button = button("", "secondary")
        self.track_button.setObjectName("track")
        outer.addLayout(_centred(self.track_button))
        # Speak to someone: a ticket for an advisor, on its own row (a long language's
        # words beside the tracking button would widen the page).
        self.speak_button = button(ui_text("speak.button", "en"), "secondary")
        self.speak_button.setObjectName("speak")
        self.speak_button.setAccessibleName(self.speak_button.text())
        outer.addLayout(_centred(self.speak_button))
        self.arrive_button = button(ui_text("arrive.button", "en"), "secondary")
        self.arrive_button.setObjectName("arrive")
        self.arrive_button.setAccessibleName(self.arrive_button.text())
        outer.addLayout(_centred(self.arrive_button))
        # For a booking already made: under checking in, where one looks for appointments.
        self.manage_button = button(ui_text("manage.button", "en"), "secondary")
        self.manage_button.setObjectName("manage")
        self.manage_button.setAccessibleName(self.manage_button.text())
        outer.addLayout(_centred(self.manage_button))
        outer.addStretch(1)
        self.language_label = label("", "label")
        self.language_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.language_label)
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        outer.addLayout(self._grid)
        self._build_languages(languages)

    def _build_languages(self, languages: Mapping[str, str]) -> None:
        for old in self._language_buttons.values():
            self._grid.removeWidget(old)
            old.deleteLater()
        self._language_buttons = {}
        for index, (code, name) in enumerate(languages.items()):
            choice = button(name, "language")
            choice.setObjectName(f"language:{code}")
            choice.setCheckable(True)
            # Each language's name is read in that language.
            choice.setAccessibleName(name)
            choice.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            self._language_buttons[code] = choice
            self._grid.addWidget(choice, index // 4, index % 4)

    def _connect_signals(self) -> None:
        self.start_button.clicked.connect(self.start_requested)
        self.track_button.clicked.connect(self.track_requested)
        self.speak_button.clicked.connect(self.speak_requested)
        self.arrive_button.clicked.connect(self.arrive_requested)
        self.manage_button.clicked.connect(self.manage_requested)

    def set_language(self, code: str) -> None:
        self.speak_button.setText(ui_text("speak.button", code))
        self.speak_button.setAccessibleName(self.speak_button.text())
        self.arrive_button.setText(ui_text("arrive.button", code))
        self.arrive_button.setAccessibleName(self.arrive_button.text())
        self.manage_button.setText(ui_text("manage.button", code))
        self.manage_button.setAccessibleName(self.manage_button.text())
        for language, choice in self._language_buttons.items():
            choice.setChecked(language == code)

    def language_button(self, code: str) -> QPushButton:
        return self._language_buttons[code]

    def screen_state(self) -> WelcomeScreen:
        """What the page shows, worded (for the desk's mirror)."""
        from shared.flow.kiosk_screen import LanguageChoice, WelcomeScreen

        return WelcomeScreen(
            title=self.title.text(),
            subtitle=self.subtitle.text(),
            start=self.start_button.text(),
            track=self.track_button.text(),
            speak=self.speak_button.text(),
            arrive=self.arrive_button.text(),
            manage=self.manage_button.text(),
            languages_label=self.language_label.text(),
            languages=tuple(
                LanguageChoice(code=code, name=choice.text(), chosen=choice.isChecked())
                for code, choice in self._language_buttons.items()
            ),
        )

    def show_screen(self, state: WelcomeScreen) -> None:
        """Draw the page as the kiosk reported it (the mirror)."""
        self.title.setText(state.title)
        self.subtitle.setText(state.subtitle)
        self.start_button.setText(state.start)
        self.track_button.setText(state.track)
        self.speak_button.setVisible(state.speak is not None)
        self.speak_button.setText(state.speak or "")
        self.arrive_button.setVisible(state.arrive is not None)
        self.arrive_button.setText(state.arrive or "")
        self.manage_button.setVisible(state.manage is not None)
        self.manage_button.setText(state.manage or "")
        self.language_label.setText(state.languages_label)
        names = {choice.code: choice.name for choice in state.languages}
        if {c: b.text() for c, b in self._language_buttons.items()} != names:
            self._build_languages(names)
        for choice in state.languages:
            self._language_buttons[choice.code].setChecked(choice.chosen)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome"))
        self.subtitle.setText(
            self.tr("Report a problem, apply, tell us you have moved, or give feedback.")
        )
        self.start_button.setText(self.tr("Start"))
        self.start_button.setAccessibleName(self.tr("Start"))
        self.track_button.setText(self.tr("Check on a request I made"))
        self.track_button.setAccessibleName(self.track_button.text())
        self.language_label.setText(self.tr("Choose your language"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _centred(widget: QWidget) -> QHBoxLayout:
    """A row with ``widget`` in its middle, as wide as its words."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row
