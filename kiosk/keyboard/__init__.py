"""The kiosk's on-screen keyboard and the host that docks it below the content.

``OnScreenKeyboard`` (``view.py``) draws the keys and types into the focused field;
``KeyboardHost`` (``host.py``) shows it for the field being edited, with the right board,
and keeps that field in view; ``layouts.py`` holds the boards as plain data.
"""

from kiosk.keyboard.host import KeyboardHost, layout_for, scroll_to_show
from shared.ui.keyboard.layouts import Board, Key, KeyKind, Layout, Page, board
from shared.ui.keyboard.view import EnterMode, KeyButton, OnScreenKeyboard

__all__ = [
    "Board",
    "EnterMode",
    "Key",
    "KeyButton",
    "KeyKind",
    "KeyboardHost",
    "Layout",
    "OnScreenKeyboard",
    "Page",
    "board",
    "layout_for",
    "scroll_to_show",
]
