"""Overlays over the kiosk's window: a dimmed backdrop and a centred card, modal.

The PIN pad (:mod:`kiosk.lockdown`), the idle warning (:mod:`kiosk.idle`) and the crash
screen (:mod:`kiosk.crash`) are overlays.
"""

from shared.ui.overlay import Overlay

__all__ = ["Overlay"]
