"""The kiosk's one window: a bar of controls every screen has, the screens, the keyboard.

The bar holds Start again, the languages and the accessibility options, so a customer can
change them on any screen. The screens are stacked; the on-screen keyboard is docked below
them in the layout, so it shrinks the screen above it instead of covering it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shared.flow.texts import ui_text
from shared.ui.fields import button, label
from shared.ui.pages.help import HelpBanner
from shared.ui.pages.services import ServicesView
from shared.ui.pages.track import TrackView
from shared.ui.pages.welcome import WelcomeView
from shared.ui.screen import ScreenView
from shared.ui.wrap import WrapLayout


class Page(StrEnum):
    WELCOME = "welcome"
    SERVICES = "services"
    JOURNEY = "journey"
    TRACK = "track"
    THANKS = "thanks"


class KioskWindow(QWidget):
    start_again_requested = Signal()
    languages_requested = Signal()
    language_chosen = Signal(str)
    large_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)
    speech_toggled = Signal(bool)
    help_requested = Signal()
    # A frame reached the screen: the heartbeat reports how long ago (a frozen screen is
    # flagged while its process lives).
    painted = Signal()

    def __init__(self, languages: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.setWindowTitle("First Stop")
        self.languages = dict(languages)
        self._build()
        self._connect_signals()
        self.retranslate()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # The window is the screen's size, full stop: content that needs more scrolls.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.addWidget(self._build_bar())
        self.help_banner = HelpBanner()
        outer.addWidget(self.help_banner)
        self._outer = outer

        self.pages = _Pages()
        self.pages.setObjectName("pages")
        self.welcome = WelcomeView(self.languages)
        self.services = ServicesView()
        self.journey_view = ScreenView()
        self.track = TrackView()
        self.thanks = QWidget()
        self.thanks.setObjectName("thanks")
        thanks = QVBoxLayout(self.thanks)
        thanks.addStretch(1)
        self.thanks_label = label("", "welcomeTitle")
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        thanks.addWidget(self.thanks_label)
        thanks.addStretch(1)
        self._pages = {
            Page.WELCOME: self.welcome,
            Page.SERVICES: self.services,
            Page.JOURNEY: self.journey_view,
            Page.TRACK: self.track,
            Page.THANKS: self.thanks,
        }
        for page in self._pages.values():
            self.pages.addWidget(page)
        outer.addWidget(self.pages, 1)
        # The keyboard dock: the app puts the on-screen keyboard here.
        self.keyboard_dock = QVBoxLayout()
        self.keyboard_dock.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.keyboard_dock)

    def _build_bar(self) -> QWidget:
        self.bar = QWidget()
        self.bar.setObjectName("kioskBar")
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(16, 6, 16, 6)
        bar.setSpacing(12)
        self.start_again_button = button("", "barButton")
        self.start_again_button.setObjectName("startAgain")
        bar.addWidget(self.start_again_button)
        self.offline_label = label("", "barNote")
        self.offline_label.setObjectName("offlineNote")
        self.offline_label.hide()
        bar.addWidget(self.offline_label)
        self.pulse = _FramePulse()
        bar.addWidget(self.pulse)
        # The controls every screen has, at the end of the bar. With large text and a long
        # language they wrap onto a second row rather than lose their words.
        controls = QWidget()
        controls.setObjectName("barControls")
        wrap = WrapLayout(controls, spacing=10, align_end=True)
        wrap.setContentsMargins(0, 0, 0, 0)
        # One button opens the languages (each named in itself).
        self.language_button = button("", "barButton")
        self.language_button.setObjectName("languages")
        wrap.addWidget(self.language_button)
        self.large_text_button = self._toggle("largeText")
        self.high_contrast_button = self._toggle("highContrast")
        self.speech_button = self._toggle("speech")
        for widget in (self.large_text_button, self.high_contrast_button, self.speech_button):
            wrap.addWidget(widget)
        # Help me on every screen, the welcome screen too; its words are the flow's.
        self.help_button = button("", "helpMe")
        self.help_button.setObjectName("helpMe")
        wrap.addWidget(self.help_button)
        bar.addWidget(controls, 1)
        return self.bar

    def _toggle(self, name: str) -> QPushButton:
        widget = button("", "barToggle")
        widget.setObjectName(name)
        widget.setCheckable(True)
        return widget

    def _connect_signals(self) -> None:
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.language_button.clicked.connect(self.languages_requested)
        self.welcome.language_chosen.connect(self.language_chosen)
        self.large_text_button.toggled.connect(self.large_text_toggled)
        self.high_contrast_button.toggled.connect(self.high_contrast_toggled)
        self.speech_button.toggled.connect(self.speech_toggled)
        self.pulse.painted.connect(self.painted)
        self.help_button.clicked.connect(self.help_requested)

    # Showing ----------------------------------------------------------------------------

    def show_page(self, page: Page) -> None:
        self.pages.setCurrentWidget(self._pages[page])
        self.start_again_button.setVisible(page is not Page.WELCOME)

    def current_page(self) -> Page:
        current = self.pages.currentWidget()
        return next(p for p, w in self._pages.items() if w is current)

    def set_language(self, code: str, direction: Qt.LayoutDirection) -> None:
        self.welcome.set_language(code)
        # The language's own name beside a globe: recognisable whatever one reads.
        self.language_button.setText(self.languages.get(code, code))
        self.help_button.setText(ui_text("help.button", code))
        self.help_button.setAccessibleName(self.help_button.text())
        self.help_banner.set_language(code)
        self.setLayoutDirection(direction)

    def set_sharing(self, sharing: bool) -> None:
        """A greeter can see this screen: a coloured border all round says so."""
        if bool(self.property("sharing")) == sharing:
            return
        self.setProperty("sharing", sharing)
        edge = 8 if sharing else 0
        self._outer.setContentsMargins(edge, edge, edge, edge)
        self.style().unpolish(self)
        self.style().polish(self)

    def set_toggles(self, *, large_text: bool, high_contrast: bool, speech: bool) -> None:
        for widget, on in (
            (self.large_text_button, large_text),
            (self.high_contrast_button, high_contrast),
            (self.speech_button, speech),
        ):
            widget.blockSignals(True)
            widget.setChecked(on)
            widget.blockSignals(False)

    def set_offline(self, offline: bool) -> None:
        self.offline_label.setVisible(offline)

    def retranslate(self) -> None:
        self.start_again_button.setText(self.tr("Start again"))
        self.start_again_button.setAccessibleName(self.tr("Start again"))
        self.large_text_button.setText(self.tr("Larger text"))
        self.large_text_button.setAccessibleName(self.tr("Larger text"))
        self.high_contrast_button.setText(self.tr("High contrast"))
        self.high_contrast_button.setAccessibleName(self.tr("High contrast"))
        self.speech_button.setText(self.tr("Read aloud"))
        self.speech_button.setAccessibleName(self.tr("Read aloud"))
        self.offline_label.setText(self.tr("Offline: your request will still be sent"))
        self.thanks_label.setText(self.tr("Thank you. Goodbye!"))
        self.language_button.setAccessibleName(self.tr("Language"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _Pages(QStackedWidget):
    """The screens. Every page scrolls, so the pages take the height that is left: when the
    bar wraps and help is shown, the page gives way, not the words above it. (A stack asks
    for the tallest page's height for its width, which would squeeze the help banner.)"""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return False


class _FramePulse(QWidget):
    """A one-pixel widget repainted every second: proof that frames still reach the screen.

    A screen left alone repaints nothing, so painting elsewhere proves nothing; this does,
    and it stops when the UI thread or the drawing stalls.
    """

    painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(1, 1)
        self.setAccessibleName("")
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.update)
        self._timer.start()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        del event
        self.painted.emit()
