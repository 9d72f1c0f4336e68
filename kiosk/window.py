"""The kiosk's one window: the kiosk's screen (:class:`shared.ui.kiosk_screen.KioskScreenView`,
the same widgets the staff desk's mirror draws with), and a frame pulse for the heartbeat.

Nothing here needs pydantic or the catalogue's schemas: the kiosk draws this window, in
its look (:func:`apply_look`), before it loads them (``kiosk/main.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from shared.flow import texts
from shared.resources import asset_path
from shared.ui.kiosk_screen import KioskScreenView, Page, kiosk_stylesheet

__all__ = ["KioskWindow", "Page", "apply_look", "language_names", "screen_dpi"]


def language_names(languages: Iterable[str]) -> dict[str, str]:
    """The catalogue's languages, each named in itself ("Polski", "العربية")."""
    return {code: texts.language_name(code) for code in languages}


def screen_dpi(app: QApplication) -> float:
    screen = app.primaryScreen()
    return screen.physicalDotsPerInch() if screen is not None else 96.0


def apply_look(
    app: QApplication,
    window: KioskWindow,
    *,
    language: str,
    large_text: bool,
    high_contrast: bool,
    speech: bool = False,
    dpi: float,
    viewing_distance_mm: float,
) -> Qt.LayoutDirection:
    """The kiosk's stylesheet, words (its own translation) and text direction for this
    language and these choices, on the application and the window; the direction, for
    the rest."""
    style = kiosk_stylesheet(
        large_text=large_text,
        high_contrast=high_contrast,
        dpi=dpi,
        viewing_distance_mm=viewing_distance_mm,
    )
    # Restyling re-polishes every widget: only when the look really changes.
    if app.styleSheet() != style:
        app.setStyleSheet(style)
    window.translation.use(language)
    direction = (
        Qt.LayoutDirection.RightToLeft
        if texts.direction(language) == "rtl"
        else Qt.LayoutDirection.LeftToRight
    )
    app.setLayoutDirection(direction)
    window.set_language(language, direction)
    window.set_toggles(large_text=large_text, high_contrast=high_contrast, speech=speech)
    return direction


class KioskWindow(KioskScreenView):
    # A frame reached the screen: the heartbeat reports how long ago (a frozen screen is
    # flagged while its process lives).
    painted = Signal()

    def __init__(self, languages: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(languages, parent)
        self.translation = Translation(self)
        self.pulse = _FramePulse()
        self.bar_layout.insertWidget(2, self.pulse)
        self.pulse.painted.connect(self.painted)


class Translation(QObject):
    """The kiosk's own words in one language, installed on the application (Qt's
    translations, ``assets/translations/kiosk_<language>.qm``): the widgets' texts follow
    when it changes. English is the source, and needs none."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator = QTranslator(self)
        self._installed = False

    def use(self, language: str) -> None:
        if self._installed:
            QCoreApplication.removeTranslator(self._translator)
            self._installed = False
        if language == "en":
            return
        try:
            folder = asset_path("translations")
        except FileNotFoundError:
            return
        if self._translator.load(f"kiosk_{language}", str(folder)):
            QCoreApplication.installTranslator(self._translator)
            self._installed = True


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
