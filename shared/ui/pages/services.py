"""Choosing a service: the catalogue's groups as big tiles, then the services of the
chosen group, with a way back to the groups.

A group with one service is that service's own tile among the groups (one tap fewer; its
name says what it does better than the group's would), and so is a service in no group. A
service in two groups is in both. The kiosk works out the tiles and the page draws them;
the desk's mirror draws the same tiles from the kiosk's state.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shared.catalogue.schemas import Catalogue, Service, Tier
from shared.flow import texts
from shared.flow.kiosk_screen import ServicesScreen, Tile, TileKind
from shared.schema import replace
from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import WrappedButton, button, label

_COLUMNS = 2


def kiosk_services(catalogue: Catalogue) -> list[Service]:
    """What a customer can do at a kiosk: alone (tier 1), with a greeter beside them (tier
    2, Help me), or book an appointment for (tier 3)."""
    return list(catalogue.services)


def service_tile(service: Service, language: str) -> Tile:
    return Tile(
        kind=TileKind.SERVICE,
        id=service.code,
        name=tile_name(service, language),
        description=texts.service_description(service, language),
    )


def tile_name(service: Service, language: str) -> str:
    """The service's name; a tier-3 service's says that it books an appointment ("Book an
    appointment: Housing advice"), unless its name already begins with those words ("Book
    an appointment with an advisor"), which would say them twice."""
    name = texts.service_name(service, language)
    if service.tier < Tier.APPOINTMENT:
        return name
    book = texts.ui_text("book.button", language)
    if name.casefold().startswith(book.casefold()):
        return name
    return texts.ui_text("book.tile", language, service=name)


def kiosk_groups(catalogue: Catalogue) -> dict[str, list[Service]]:
    """The kiosk's services by catalogue group, in the catalogue's order; a service in no
    group is a group of its own (keyed by its code)."""
    groups: dict[str, list[Service]] = {}
    for service in kiosk_services(catalogue):
        for group in service.groups or (service.code,):
            groups.setdefault(group, []).append(service)
    return groups


def group_tiles(catalogue: Catalogue, language: str) -> tuple[Tile, ...]:
    tiles = []
    for group, services in kiosk_groups(catalogue).items():
        if len(services) == 1:
            tile = service_tile(services[0], language)
            if tile not in tiles:
                tiles.append(tile)
            continue
        names = ", ".join(texts.service_name(s, language) for s in services)
        tiles.append(
            Tile(
                kind=TileKind.GROUP,
                id=group,
                name=texts.group_name(services, group, language),
                description=names,
            )
        )
    return tuple(tiles)


class ServicesView(QWidget):
    service_chosen = Signal(str)
    # A group was opened ("" for back to the groups): the page changed under the customer.
    group_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("services")
        self._state: ServicesScreen | None = None
        self._catalogue: Catalogue | None = None
        self._language = "en"
        self._group: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 16, 32, 16)
        self.title: QLabel = label("", "title")
        outer.addWidget(self.title)
        # In a group: the way back to the groups, and the group's name.
        heading = QHBoxLayout()
        heading.setSpacing(16)
        self.back_button = button("", "link")
        self.back_button.setObjectName("allServices")
        self.back_button.clicked.connect(self._on_back_clicked)
        self.group_label: QLabel = label("", "label")
        self.group_label.setObjectName("serviceGroup")
        heading.addWidget(self.back_button)
        heading.addWidget(self.group_label, 1)
        outer.addLayout(heading)
        self.back_button.hide()
        self.group_label.hide()
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("screenScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area, 1)
        make_touch_scrollable(self.scroll_area)
        self.retranslate()

    def show_catalogue(
        self, catalogue: Catalogue, language: str, *, keep_group: bool = False
    ) -> None:
        """The catalogue's groups (or, with ``keep_group``, the group shown, if it is still
        there: a new language or a newer catalogue)."""
        self._catalogue, self._language = catalogue, language
        groups = kiosk_groups(catalogue)
        group = self._group if keep_group and self._group in groups else None
        self._show_group(group)

    def show_group(self, group: str) -> None:
        """Open ``group`` (by its key, as in the catalogue)."""
        if self._catalogue is not None and group in kiosk_groups(self._catalogue):
            self._show_group(group)

    def _show_group(self, group: str | None) -> None:
        catalogue, language = self._catalogue, self._language
        if catalogue is None:
            return
        self._group = group
        if group is None:
            self.show_screen(
                ServicesScreen(title=self.title.text(), tiles=group_tiles(catalogue, language))
            )
            return
        services = kiosk_groups(catalogue)[group]
        self.show_screen(
            ServicesScreen(
                title=self.title.text(),
                group=texts.group_name(services, group, language),
                back=self.tr("All services"),
                tiles=tuple(service_tile(s, language) for s in services),
            )
        )

    def screen_state(self) -> ServicesScreen:
        """What the page shows, worded (for the desk's mirror)."""
        if self._state is None:
            return ServicesScreen(title=self.title.text())
        return replace(self._state, title=self.title.text())

    def show_screen(self, state: ServicesScreen) -> None:
        """Draw ``state``'s tiles (the kiosk's own, or the mirror of them)."""
        self.title.setText(state.title)
        self.group_label.setText(state.group or "")
        self.group_label.setVisible(state.group is not None)
        self.back_button.setText(state.back or "")
        self.back_button.setAccessibleName(state.back or "")
        self.back_button.setVisible(state.back is not None)
        if self._state is not None and self._state.tiles == state.tiles:
            self._state = state
            return
        self._state = state
        page = QWidget()
        page.setObjectName("screenBody")
        grid = QGridLayout(page)
        grid.setSpacing(20)
        for index, tile in enumerate(state.tiles):
            widget = WrappedButton(tile.name, "tile", margins=(20, 12, 20, 12))
            widget.setObjectName(f"{tile.kind.value}:{tile.id}")
            widget.setAccessibleDescription(tile.description)
            widget.clicked.connect(lambda _=False, t=tile: self._on_tile_clicked(t))
            grid.addWidget(widget, index // _COLUMNS, index % _COLUMNS)
        grid.setRowStretch(grid.rowCount(), 1)
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll_area.setWidget(page)
        self.scroll_area.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        self.title.setText(self.tr("What do you want to do?"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_tile_clicked(self, tile: Tile) -> None:
        if tile.kind is TileKind.SERVICE:
            self.service_chosen.emit(tile.id)
        else:
            self.show_group(tile.id)
            self.group_shown.emit(tile.id)

    def _on_back_clicked(self) -> None:
        self._show_group(None)
        self.group_shown.emit("")
