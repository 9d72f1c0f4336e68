"""Choosing a service: the services a kiosk offers, as big tiles."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from shared.catalogue.schemas import Catalogue, Service, Tier
from shared.flow import texts
from shared.ui.fields import label

_COLUMNS = 2


def kiosk_services(catalogue: Catalogue) -> list[Service]:
    """What a customer can do at a kiosk: alone (tier 1), or with a greeter beside them
    (tier 2, Help me). Tier 3 needs an appointment, so it is not offered here."""
    return [s for s in catalogue.services if s.tier <= Tier.ASSISTED]


class ServiceTile(QPushButton):
    """A service's tile: a button whose name wraps onto as many lines as it needs (a
    button's own text never wraps, and a long name in Polish or in large text would lose
    its end)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setProperty("role", "tile")
        self.setAccessibleName(name)
        self.setAutoDefault(False)
        self.words = label(name, "tileText")
        # Touches go to the button, not the words on it.
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        # The stylesheet's padding applies to a button's own text only: the words' room.
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self.words)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:  # the words, for tests and the accessibility audit
        return self.words.text()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        layout = self.layout()
        inner = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(self.minimumHeight(), inner)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        words = self.words.sizeHint()
        margins = self.contentsMargins()
        return QSize(
            words.width() + margins.left() + margins.right(),
            max(self.minimumHeight(), words.height() + margins.top() + margins.bottom()),
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.minimumWidth(), self.minimumHeight())


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
            tile = ServiceTile(name)
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
