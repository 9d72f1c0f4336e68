"""Serve a customer at the desk (an assisted transaction): the greeter picks the service
and answers its questions with the customer, on the very widgets the kiosk draws them with
(:class:`~shared.ui.pages.services.ServicesView`, :class:`~shared.ui.screen.ScreenView`),
and the case is recorded face to face, assisted by the greeter. A thin view:
:class:`~staffdesk.assist.presenter.AssistPresenter` drives the journey.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from shared.ui.pages.services import ServicesView
from shared.ui.screen import ScreenView
from shared.ui.widgets import button, label
from staffdesk.flash import set_property


class AssistView(QWidget):
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assistPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)
        top = QHBoxLayout()
        self.title = label("Serve a customer", "deskTitle")
        top.addWidget(self.title, 1)
        self.back_button = button("Back to the board", "secondary")
        self.back_button.setObjectName("assistBack")
        self.back_button.clicked.connect(self.back_requested)
        top.addWidget(self.back_button)
        outer.addLayout(top)
        self.status = label("", "note")
        self.status.setObjectName("assistStatus")
        outer.addWidget(self.status)
        self.pages = QStackedWidget()
        self.services = ServicesView()
        self.journey = ScreenView()
        self.pages.addWidget(self.services)
        self.pages.addWidget(self.journey)
        outer.addWidget(self.pages, 1)
        self.show_status("")

    def show_status(self, text: str, tone: str = "") -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        set_property(self.status, "tone", tone)

    def show_services(self) -> None:
        self.journey.clear()
        self.pages.setCurrentWidget(self.services)

    def show_journey(self) -> None:
        self.pages.setCurrentWidget(self.journey)

    def on_services(self) -> bool:
        return self.pages.currentWidget() is self.services

    def primary_widget(self) -> QWidget:
        return self.back_button
