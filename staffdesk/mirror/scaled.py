"""The customer's whole screen, laid out at the kiosk's own size and scaled to fit.

The kiosk's screen (:class:`~shared.ui.kiosk_screen.KioskScreenView`, read-only) lives in a
graphics scene through a proxy widget and is laid out at the size the kiosk reported, with
the kiosk's own stylesheet for its settings, so every line wraps where the customer's does.
The view scales the scene to its frame: text is drawn as text under the scale, so it stays
crisp, and taps reach the mirrored widgets (a field tapped is pointed at on the kiosk).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QFrame, QGraphicsProxyWidget, QGraphicsScene, QGraphicsView, QWidget

from shared.flow.kiosk_screen import KioskDisplay, KioskScreen
from shared.flow.screen_state import Accessibility, ScreenState
from shared.ui.kiosk_screen import KioskScreenView, kiosk_stylesheet

# A kiosk's panel when a version 1 update says nothing of it.
_DEFAULT_DISPLAY = KioskDisplay(width=1280, height=800)


class ScaledKiosk(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mirrorKiosk")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.kiosk = KioskScreenView({}, read_only=True)
        self._proxy = QGraphicsProxyWidget()
        self._proxy.setWidget(self.kiosk)
        self._scene.addItem(self._proxy)
        self._look: tuple[Accessibility, float, float] | None = None
        self._display = _DEFAULT_DISPLAY
        self._apply_look(Accessibility(), _DEFAULT_DISPLAY)
        self._resize_kiosk(_DEFAULT_DISPLAY)

    def show_screen(self, screen: KioskScreen, journey: ScreenState | None) -> None:
        self._apply_look(screen.accessibility, screen.display)
        self._resize_kiosk(screen.display)
        self.kiosk.show_screen(screen, journey)

    def show_journey(self, journey: ScreenState) -> None:
        """A version 1 update: the journey's screen alone, without the kiosk around it."""
        self._apply_look(journey.accessibility, self._display)
        self.kiosk.bar.hide()
        self.kiosk.help_banner.hide()
        self.kiosk.show_page(self.kiosk.current_page().JOURNEY)
        self.kiosk.journey_view.show_state(journey)

    def clear(self) -> None:
        self.kiosk.journey_view.clear()
        self.kiosk.bar.show()

    def scale_factor(self) -> float:
        return self.transform().m11()

    def _apply_look(self, accessibility: Accessibility, display: KioskDisplay) -> None:
        look = (accessibility, display.dpi, display.viewing_distance_mm)
        if look == self._look:
            return
        self._look = look
        # The kiosk's own stylesheet, on the mirrored screen only (the desk keeps its own).
        self.kiosk.setStyleSheet(
            kiosk_stylesheet(
                large_text=accessibility.large_text,
                high_contrast=accessibility.high_contrast,
                dpi=display.dpi,
                viewing_distance_mm=display.viewing_distance_mm,
            )
        )

    def _resize_kiosk(self, display: KioskDisplay) -> None:
        self._display = display
        self.kiosk.bar.show()
        if (self.kiosk.width(), self.kiosk.height()) != (display.width, display.height):
            self.kiosk.setFixedSize(display.width, display.height)
            self._scene.setSceneRect(0, 0, display.width, display.height)
            self._fit()

    def _fit(self) -> None:
        self.fitInView(self._proxy, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()
