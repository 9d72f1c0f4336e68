"""A kiosk's More menu: the maintenance actions, out of the board's way.

A panel drawn over the window (not a separate window, so it is drawn, audited and
screenshotted with the rest) beside the More button that opened it, with one large button
per action: the routine one (out of order / back in service) first, the destructive ones
(restart, installer exit) 24 px below it and drawn as destructive. Each goes on to the
confirm step; nothing is sent from here. A touch outside the panel, Escape or Close shuts it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from shared.live.messages import MaintenanceAction
from shared.ui.widgets import button, label
from staffdesk.flash import set_property
from staffdesk.words import ACTIONS

ROUTINE = (MaintenanceAction.OUT_OF_ORDER, MaintenanceAction.BACK_IN_SERVICE)
DESTRUCTIVE = (MaintenanceAction.RESTART_SESSION, MaintenanceAction.ALLOW_INSTALLER_EXIT)
# Between the routine action and the destructive ones, and from the window's edge.
APART_PX = 24
EDGE_PX = 8


class KioskMenu(QWidget):
    # device id, the action's value
    action_chosen = Signal(int, str)
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskMenuLayer")
        # Over the window while it is up: the audit judges its controls, not those under it.
        self.setProperty("coversWindow", True)
        self.device_id: int | None = None
        self.panel = QFrame(self)
        self.panel.setObjectName("kioskMenu")
        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(20, 16, 20, 20)
        layout.setSpacing(12)
        self.title = label("", "cardTitle")
        self.title.setObjectName("kioskMenuTitle")
        layout.addWidget(self.title)
        self.buttons: dict[MaintenanceAction, QPushButton] = {}
        for action in ROUTINE:
            layout.addWidget(self._action_button(action))
        layout.addSpacing(APART_PX - layout.spacing())
        layout.addWidget(label("Maintenance (only when asked to)", "label"))
        for action in DESTRUCTIVE:
            widget = self._action_button(action)
            set_property(widget, "destructive", True)
            layout.addWidget(widget)
        layout.addSpacing(APART_PX - layout.spacing())
        self.close_button = button("Close this menu", "secondary")
        self.close_button.setObjectName("closeMenu")
        self.close_button.clicked.connect(self.close_menu)
        layout.addWidget(self.close_button)
        parent.installEventFilter(self)
        self.hide()

    def _action_button(self, action: MaintenanceAction) -> QPushButton:
        widget = button(ACTIONS[action], "secondary")
        widget.clicked.connect(lambda _=False, a=action: self._on_action_clicked(a))
        self.buttons[action] = widget
        return widget

    def open_for(self, device_id: int, name: str, *, out_of_order: bool, anchor: QWidget) -> None:
        """Opens beside ``anchor`` (the More button) for one kiosk."""
        self.device_id = device_id
        self.title.setText(name)
        self.buttons[MaintenanceAction.OUT_OF_ORDER].setVisible(not out_of_order)
        self.buttons[MaintenanceAction.BACK_IN_SERVICE].setVisible(out_of_order)
        for action, widget in self.buttons.items():
            widget.setObjectName(f"maintain-{device_id}-{action.value}")
            widget.setAccessibleName(f"{ACTIONS[action]}: {name}")
        parent = self.parentWidget()
        assert parent is not None  # noqa: S101 — made with one
        self.setGeometry(parent.rect())
        self.panel.adjustSize()
        self.panel.move(self._place(anchor))
        self.show()
        self.raise_()
        self.buttons[ROUTINE[1] if out_of_order else ROUTINE[0]].setFocus()

    def _place(self, anchor: QWidget) -> QPoint:
        """Under the anchor, its right edges lined up; above it when there is no room
        below; always whole on the window."""
        size = self.panel.size()
        box = QRect(anchor.mapTo(self.window(), QPoint(0, 0)), anchor.size())
        x = box.right() - size.width()
        y = box.bottom() + EDGE_PX
        if y + size.height() > self.height() - EDGE_PX:
            y = box.top() - EDGE_PX - size.height()
        x = max(EDGE_PX, min(x, self.width() - size.width() - EDGE_PX))
        y = max(EDGE_PX, min(y, self.height() - size.height() - EDGE_PX))
        return QPoint(x, y)

    def close_menu(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _on_action_clicked(self, action: MaintenanceAction) -> None:
        device_id = self.device_id
        self.close_menu()
        if device_id is not None:
            self.action_chosen.emit(device_id, action.value)

    # Qt ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.panel.geometry().contains(event.position().toPoint()):
            self.close_menu()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.close_menu()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # The window turned or resized: the anchor has moved, so the menu goes.
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.close_menu()
        return super().eventFilter(watched, event)
