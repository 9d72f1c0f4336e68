"""Idle: a warning after a quiet spell mid-journey, then the privacy wipe."""

from kiosk.idle.warning import IdleWarning
from kiosk.idle.watcher import IdleWatcher

__all__ = ["IdleWarning", "IdleWatcher"]
