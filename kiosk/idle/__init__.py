"""Idle: a warning after a quiet spell mid-journey, then the privacy wipe."""

from kiosk.idle.watcher import IdleWatcher
from shared.ui.pages.idle import IdleWarning

__all__ = ["IdleWarning", "IdleWatcher"]
