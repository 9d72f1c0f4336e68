"""The kiosk's one window: the kiosk's screen (:class:`shared.ui.kiosk_screen.KioskScreenView`,
the same widgets the staff desk's mirror draws with), and a frame pulse for the heartbeat."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from shared.ui.kiosk_screen import KioskScreenView, Page

__all__ = ["KioskWindow", "Page"]


class KioskWindow(KioskScreenView):
    # A frame reached the screen: the heartbeat reports how long ago (a frozen screen is
    # flagged while its process lives).
    painted = Signal()

    def __init__(self, languages: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(languages, parent)
        self.pulse = _FramePulse()
        self.bar_layout.insertWidget(2, self.pulse)
        self.pulse.painted.connect(self.painted)


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
