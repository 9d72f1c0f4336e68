"""The visual alert: a widget's ``flash`` property blinks for a few seconds, and the
stylesheet draws it (``[flash="true"]``) — no colours in code."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

BLINK_MS = 450
BLINKS = 14  # about six seconds, ending lit off


def set_property(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the stylesheet selects on, and redraw with it."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class Flasher(QObject):
    """Blinks each widget it is given; a widget deleted meanwhile is simply dropped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._left: dict[QWidget, int] = {}
        self._timer = QTimer(self, interval=BLINK_MS)
        self._timer.timeout.connect(self._on_blink)

    def flash(self, widget: QWidget) -> None:
        if widget not in self._left:
            widget.destroyed.connect(lambda: self._left.pop(widget, None))
        self._left[widget] = BLINKS
        set_property(widget, "flash", True)
        if not self._timer.isActive():
            self._timer.start()

    def flashing(self, widget: QWidget) -> bool:
        return widget in self._left

    def _on_blink(self) -> None:
        for widget, left in list(self._left.items()):
            if left <= 1:
                del self._left[widget]
                set_property(widget, "flash", False)
                continue
            self._left[widget] = left - 1
            set_property(widget, "flash", left % 2 == 0)
        if not self._left:
            self._timer.stop()
