"""The base overlay: a dimmed backdrop over the whole window with a card in the middle.

An overlay is a child of the kiosk's top-level window, not a window of its own, so it can
never be moved, minimised or closed by the window manager, and it always sits inside the
locked-down full-screen window. While shown it is modal: it covers the window, swallows
presses and keys that miss the card, keeps Tab inside the card and takes the keyboard focus
(so typing can never reach a field on the screen behind); and what it covers is disabled
until it goes, so a screen reader, too, meets only the card (the screen behind is announced
as unavailable, not read out beside the card's own controls).

Subclasses put their widgets in :attr:`Overlay.card_layout`, set their words in
:meth:`Overlay.retranslate` (called once at the end of construction by :meth:`_finish`, and
again on every ``QEvent.LanguageChange``) and name the control that takes the focus first.
Styling is in ``assets/style/overlays.qss``: the backdrop is ``QWidget#overlay``, the card
``QFrame#overlayCard``. Layout direction is inherited from the application, so the card
mirrors for right-to-left languages.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

# The card never grows wider than this share of the window, nor narrower than its minimum.
CARD_WIDTH_SHARE = 0.8
CARD_MIN_WIDTH_PX = 720


class Overlay(QWidget):
    """A modal overlay covering ``window`` (the top-level window of the widget given)."""

    presented = Signal()
    dismissed = Signal()

    def __init__(self, window: QWidget) -> None:
        top = window.window()
        super().__init__(top)
        self.setObjectName("overlay")
        # Over the window while it is up: the audit judges its controls, not those under it.
        self.setProperty("coversWindow", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # It can hold the focus (so keys never reach the screen behind) but is not a Tab stop.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._top = top
        self._focus_before: QWidget | None = None
        # What this overlay disabled when it came up, to enable again when it goes.
        self._inert: list[QWidget] = []
        self._initial_focus: QWidget | None = None

        self.card = QFrame(self)
        self.card.setObjectName("overlayCard")
        self.card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.card_layout = QVBoxLayout(self.card)

        outer = QGridLayout(self)
        outer.addWidget(self.card, 0, 0, Qt.AlignmentFlag.AlignCenter)

        self.hide()
        top.installEventFilter(self)

    # Showing and hiding -----------------------------------------------------------------

    def present(self) -> None:
        """Cover the window, come to the front and take the focus."""
        focused = self._top.focusWidget()
        if not self.isVisible():
            self._focus_before = (
                focused if focused is not None and not self._owns(focused) else None
            )
        self._fit()
        self.raise_()
        self.show()
        self._make_inert()
        target = self._initial_focus
        if target is not None and target.isEnabled():
            target.setFocus(Qt.FocusReason.PopupFocusReason)
        else:
            self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.presented.emit()

    def dismiss(self) -> None:
        """Hide, and give the focus back to the control that had it before."""
        if not self.isVisible():
            return
        self.hide()
        self._wake()
        before, self._focus_before = self._focus_before, None
        if before is not None and before.isVisible():
            before.setFocus(Qt.FocusReason.PopupFocusReason)
        self.dismissed.emit()

    def show_still(self) -> None:
        """Cover the window without taking the focus: a mirror of the kiosk's overlay."""
        self._fit()
        self.raise_()
        self.show()

    def set_initial_focus(self, widget: QWidget) -> None:
        self._initial_focus = widget

    # For subclasses ----------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every customer-visible word; called again when the language changes."""

    def _finish(self) -> None:
        """Call at the end of a subclass's ``__init__``: sets the words for the first time."""
        self.retranslate()

    # Qt ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched is getattr(self, "_top", None):
            self._fit()
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        width = self.width()
        self.card.setMaximumWidth(max(int(width * CARD_WIDTH_SHARE), 1))
        self.card.setMinimumWidth(min(CARD_MIN_WIDTH_PX, int(width * CARD_WIDTH_SHARE)))
        super().resizeEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 (Qt's names)
        """Tab and Shift+Tab cycle through the card's controls, never out of the overlay."""
        stops = [
            widget
            for widget in self.card.findChildren(QWidget)
            if widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        ]
        if not stops:
            self.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        order = _tab_order(stops)
        current = self.focusWidget()
        index = order.index(current) if current in order else (-1 if next else 0)
        step = 1 if next else -1
        target = order[(index + step) % len(order)]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        )
        return True

    # Modal: what misses the card stops here instead of reaching the screen behind.
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()

    # Inside -----------------------------------------------------------------------------

    def _make_inert(self) -> None:
        """Disable the window's other parts while this covers them (once: presenting again
        while up changes nothing)."""
        if self._inert:
            return
        for widget in self._top.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if widget is not self and widget.isVisible() and widget.isEnabled():
                widget.setEnabled(False)
                self._inert.append(widget)

    def _wake(self) -> None:
        inert, self._inert = self._inert, []
        for widget in inert:
            if shiboken6.isValid(widget):
                widget.setEnabled(True)

    def _fit(self) -> None:
        self.setGeometry(self._top.rect())

    def _owns(self, widget: QWidget) -> bool:
        return widget is self or self.isAncestorOf(widget)


def _tab_order(stops: list[QWidget]) -> list[QWidget]:
    """The stops in the window's own focus-chain order."""
    first = stops[0]
    ordered = [first]
    widget = first.nextInFocusChain()
    while widget is not None and widget is not first and len(ordered) < len(stops):
        if widget in stops and widget not in ordered:
            ordered.append(widget)
        widget = widget.nextInFocusChain()
    ordered.extend(stop for stop in stops if stop not in ordered)
    return ordered
