"""Touches and keys that come while the kiosk finishes starting, held and then handed over.

The welcome screen is drawn before the kiosk behind it is built (``kiosk/main.py``): for
the moment in between, its buttons are there but nothing answers them yet. A customer's
tap then must not be lost, nor half-handled: :class:`HeldInput` takes every input event
off the application from the start, and :meth:`HeldInput.release` gives them back, in
order, to the objects they were for, once the kiosk is listening.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from kiosk.app_filter import AppFilter

_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
    }
)


class HeldInput(AppFilter):
    """Holds input events from :meth:`install` until :meth:`release`.

    Qt hands a window system's event to the window first, which passes it on to the widget
    under the finger: held at the window, it reaches no widget, and handed back to the
    window, it goes the usual way. An event sent straight to a widget is held and handed
    back to that widget. A receiver deleted meanwhile gets nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self._held: list[tuple[QObject, QEvent]] = []
        self._holding = False

    @property
    def held(self) -> int:
        return len(self._held)

    def install(self, app: QCoreApplication | None = None) -> None:
        super().install(app)
        self._holding = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self._holding or event.type() not in _INPUT:
            return False
        self._held.append((watched, event.clone()))
        return True

    def release(self) -> None:
        """Stop holding; post what was held to its receivers, in the order it came."""
        self._holding = False
        self.uninstall()
        held, self._held = self._held, []
        for receiver, event in held:
            if shiboken6.isValid(receiver):
                QCoreApplication.postEvent(receiver, event)
