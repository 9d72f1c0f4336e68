"""Lock-down: the window full screen and on top, break-out keys and gestures swallowed,
and the hidden, PIN-protected installer exit. See ``docs/kiosk-lockdown.md``."""

from kiosk.lockdown.breakout import BreakoutFilter, is_breakout_key
from kiosk.lockdown.installer_exit import InstallerExit
from kiosk.lockdown.pin_pad import PinPad
from kiosk.lockdown.window import harden, harden_tree, lock_down

__all__ = [
    "BreakoutFilter",
    "InstallerExit",
    "PinPad",
    "harden",
    "harden_tree",
    "is_breakout_key",
    "lock_down",
]
