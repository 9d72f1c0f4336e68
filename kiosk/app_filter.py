"""An event filter on the whole application, which sees every event before any widget.

The kiosk's watchers of input each are one: the break-out keys (``kiosk/lockdown``), the
idle watch (``kiosk/idle``), the installer's corner and the QR scanner's keys
(``kiosk/scanner.py``). Qt asks the one installed last first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject


class AppFilter(QObject):
    _installed_on: QCoreApplication | None = None

    def install(self, app: QCoreApplication | None = None) -> None:
        """Start watching: an event filter on ``app`` (the running one unless given)."""
        target = app or QCoreApplication.instance()
        if target is None:
            raise RuntimeError(f"{type(self).__name__} needs a QApplication")
        target.installEventFilter(self)
        self._installed_on = target

    def uninstall(self) -> None:
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None
