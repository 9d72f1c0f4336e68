"""A 2D barcode scanner that types like a keyboard: its scans, told from a person's typing.

Kiosks in council shops have a built-in scanner that acts as a USB keyboard (an HID
"keyboard wedge"): reading a QR code, it types the code's text, far faster than anyone
types, then Enter. :class:`ScanReader` hears such a burst and says what was scanned
(``scanned``), so the kiosk can check a customer in from their confirmation's QR code
without a touch, and the scan's text never lands in a box on the screen (nor the link's
token with it).

Installed on the application, it looks only at hardware key presses (the on-screen
keyboard's keys are sent by the kiosk itself, not by the system) going to the kiosk's
window, of a printable character with no Ctrl, Alt or Meta held, and at Enter, and only
while ``armed`` (the
kiosk arms it on the welcome screen and the I have an appointment page). Each such key is
held back. One that follows within ``gap_ms`` joins the burst; when none comes in time,
the held keys go on where they were going, in order, as the person's typing they were
(up to ``gap_ms`` later, which nobody notices). Enter straight after a burst of at least
:data:`MIN_SCAN` characters is a scan: the held keys are dropped and Enter is swallowed.
A touch, a click or any other key first lets the held keys go on.

Every other key passes untouched, so the lock-down's break-out filter judges it as before;
the keys held back it judges when they go on. A scan is never logged: it may hold a token.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.app_filter import AppFilter

# The pace that tells a scanner from a person: a scanner types a character every few
# milliseconds; a quick typist's keys are 80 ms or more apart.
GAP_MS = 50
# The shortest scan: an appointment reference is 8 characters; a person who types 4 keys
# and Enter each under GAP_MS apart is not a person.
MIN_SCAN = 4

_ENTER = frozenset([Qt.Key.Key_Return, Qt.Key.Key_Enter])
_HELD_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
# A person's other input: the held keys go on before it does.
_OTHER_INPUT = frozenset(
    [
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
    ]
)


@dataclass(frozen=True, slots=True)
class _Held:
    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScanReader(AppFilter):
    # A burst ending in Enter: the text the scanner typed.
    scanned = Signal(str)

    def __init__(self, window: QWidget, *, gap_ms: int = GAP_MS) -> None:
        """Reads the keys that go to ``window`` (the kiosk's), and goes with it."""
        super().__init__(window)
        self._window = window
        self.armed = False
        self._gap_s = gap_ms / 1000
        self._held: list[_Held] = []
        self._last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(gap_ms)
        self._timer.timeout.connect(self.release)

    def uninstall(self) -> None:
        super().uninstall()
        self._held.clear()

    def set_armed(self, armed: bool) -> None:
        """Listen for scans (or stop): keys held back go on first."""
        if not armed:
            self.release()
        self.armed = armed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if self._replaying or kind not in _OTHER_INPUT:
            return False
        if (
            not isinstance(event, QKeyEvent)
            or not self.armed
            or not event.spontaneous()
            or not self._for_window(watched)
        ):
            self.release()
            return False
        # The system's time of the key where it gives one (a busy screen does not make a
        # person's keys look quick); else when it is read.
        now = event.timestamp() / 1000 if event.timestamp() else time.monotonic()
        quick = bool(self._held) and now - self._last <= self._gap_s
        if Qt.Key(event.key()) in _ENTER and not event.modifiers() & _HELD_MODIFIERS:
            if quick and len(self._held) >= MIN_SCAN:
                text = "".join(held.text for held in self._held)
                self._drop()
                self.scanned.emit(text)
                return True
            self.release()
            return False
        text = event.text()
        if event.modifiers() & _HELD_MODIFIERS or len(text) != 1 or not text.isprintable():
            self.release()
            return False
        if self._held and not quick:
            # Too slow to be the same burst: what came before was typed.
            self.release()
        self._held.append(_Held(watched, event.key(), event.modifiers(), text))
        self._last = now
        self._timer.start()
        return True

    def _for_window(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (
            watched is self._window or self._window.isAncestorOf(watched)
        )

    def release(self) -> None:
        """The keys held back go on where they were going, as typed."""
        held, self._held = self._held, []
        self._timer.stop()
        self._replaying = True
        try:
            for key in held:
                if not shiboken6.isValid(key.receiver):
                    continue
                # Its release went on when it came: a line edit needs only the press.
                QCoreApplication.sendEvent(
                    key.receiver,
                    QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text),
                )
        finally:
            self._replaying = False

    def _drop(self) -> None:
        self._held = []
        self._timer.stop()
