"""The welcome screen: one large start button, the languages, the accessibility options."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.ui.fields import button, label


class WelcomeView(QWidget):
    start_requested = Signal()
    track_requested = Signal()
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
        scroll = QScrollArea()
        scroll.setObjectName("screenScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(scroll)
        page = QWidget()
        page.setObjectName("screenBody")
        scroll.setWidget(page)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(32)
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
        track_row = QHBoxLayout()
        track_row.addStretch(1)
        track_row.addWidget(self.track_button)
        track_row.addStretch(1)
        outer.addLayout(track_row)
        outer.addStretch(1)
        self.language_label = label("", "label")
        self.language_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.language_label)
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, (code, name) in enumerate(languages.items()):
            choice = button(name, "language")
            choice.setObjectName(f"language:{code}")
            choice.setCheckable(True)
            # Each language's name is read in that language.
            choice.setAccessibleName(name)
            self._language_buttons[code] = choice
            grid.addWidget(choice, index // 4, index % 4)
        outer.addLayout(grid)

    def _connect_signals(self) -> None:
        self.start_button.clicked.connect(self.start_requested)
        self.track_button.clicked.connect(self.track_requested)
        for code, choice in self._language_buttons.items():
            choice.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))

    def set_language(self, code: str) -> None:
        for language, choice in self._language_buttons.items():
            choice.setChecked(language == code)

    def language_button(self, code: str) -> QPushButton:
        return self._language_buttons[code]

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
