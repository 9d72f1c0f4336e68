"""Locking the kiosk's window down, and hardening widgets that could open or leak something.

The kiosk shows no file dialogs, no message boxes and no browser: nothing here opens one,
and :func:`harden` makes sure a link in rich text opens nothing either.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_LINK_FLAGS = (
    Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
)


def lock_down(window: QWidget) -> None:
    """Full screen, frameless and always on top; no context menu of its own."""
    window.setWindowFlags(
        window.windowFlags()
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
    )
    window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    window.showFullScreen()


def harden(widget: QWidget) -> None:
    """Take away what one widget could open, drag out or take in.

    - a label opens no external link, and rich text in it has no clickable links;
    - a line edit starts no drag of its selected text;
    - nothing accepts drops (the break-out filter refuses them as well).
    """
    if isinstance(widget, QLabel):
        widget.setOpenExternalLinks(False)
        if widget.textFormat() != Qt.TextFormat.PlainText:
            widget.setTextInteractionFlags(widget.textInteractionFlags() & ~_LINK_FLAGS)
    elif isinstance(widget, QLineEdit):
        widget.setDragEnabled(False)
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        widget.setTextInteractionFlags(widget.textInteractionFlags() & ~_LINK_FLAGS)
    if isinstance(widget, QAbstractScrollArea):
        widget.viewport().setAcceptDrops(False)
    widget.setAcceptDrops(False)


def harden_tree(root: QWidget) -> None:
    """Harden ``root`` and every widget inside it now (new widgets are hardened by the
    break-out filter as they are first shown)."""
    harden(root)
    for widget in root.findChildren(QWidget):
        harden(widget)
