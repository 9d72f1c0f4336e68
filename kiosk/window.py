"""The kiosk's one window: drawn by :class:`shared.ui.kiosk_screen.KioskWindow`, the same
widgets the staff desk's mirror draws with."""

from shared.ui.kiosk_screen import KioskWindow, Page

__all__ = ["KioskWindow", "Page"]
