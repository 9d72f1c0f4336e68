"""Choosing a service: the services a kiosk offers, as big tiles."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from shared.catalogue.schemas import Catalogue, Service, Tier
from shared.flow import texts
from shared.ui.fields import WrappedButton, label

_COLUMNS = 2


def kiosk_services(catalogue: Catalogue) -> list[Service]:
    """What a customer can do at a kiosk: alone (tier 1), or with a greeter beside them
    (tier 2, Help me). Tier 3 needs an appointment, so it is not offered here."""
    return [s for s in catalogue.services if s.tier <= Tier.ASSISTED]


class ServicesView(QWidget):
    service_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("services")
        self._catalogue: Catalogue | None = None
        self._language = "en"
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 16)
        self.title: QLabel = label("", "title")
        outer.addWidget(self.title)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("screenScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area, 1)
        self.retranslate()

    def show_catalogue(self, catalogue: Catalogue, language: str) -> None:
        self._catalogue, self._language = catalogue, language
        page = QWidget()
        page.setObjectName("screenBody")
        grid = QGridLayout(page)
        grid.setSpacing(20)
        for index, service in enumerate(kiosk_services(catalogue)):
            name = texts.service_name(service, language)
            tile = WrappedButton(name, "tile", margins=(20, 12, 20, 12))
            tile.setObjectName(f"service:{service.code}")
            tile.setAccessibleDescription(texts.service_description(service, language))
            tile.clicked.connect(lambda _=False, c=service.code: self.service_chosen.emit(c))
            grid.addWidget(tile, index // _COLUMNS, index % _COLUMNS)
        grid.setRowStretch(grid.rowCount(), 1)
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll_area.setWidget(page)

    def retranslate(self) -> None:
        self.title.setText(self.tr("What do you want to do?"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
