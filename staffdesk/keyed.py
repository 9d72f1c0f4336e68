"""A column of views kept in step with a list of items by key: the board's kiosk cards and
the help queue's entries, the triage list's lines. Views are made once per key and updated
in place (so a card being touched is not replaced under the finger), dropped when their key
goes, and kept in the list's order, after the column's first widget (its "nothing here"
line). :func:`scrolling_column` makes the finger-scrolling column they stand in."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from shared.ui.touch import make_touch_scrollable

K = TypeVar("K", bound=Hashable)
I = TypeVar("I")  # noqa: E741 (the item type)
V = TypeVar("V", bound=QWidget)


def scrolling_column(name: str, empty: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """A finger-scrolling column for a :class:`KeyedColumn`: the area (``<name>Scroll``) and
    the layout its views go in, holding ``empty``, the "nothing here" line, first."""
    area = QScrollArea()
    area.setObjectName(f"{name}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    body.setObjectName(f"{name}Body")
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(12)
    column.addWidget(empty)
    column.addStretch(1)
    area.setWidget(body)
    make_touch_scrollable(area)
    return area, column


class KeyedColumn(Generic[K, I, V]):
    def __init__(
        self,
        layout: QVBoxLayout,
        *,
        key: Callable[[I], K],
        make: Callable[[I], V],
        update: Callable[[V, I], None],
    ) -> None:
        self.views: dict[K, V] = {}
        self._layout = layout
        self._key, self._make, self._update = key, make, update

    def show(self, items: Sequence[I]) -> None:
        wanted = [self._key(item) for item in items]
        for key in list(self.views):
            if key not in wanted:
                self.views.pop(key).deleteLater()
        for index, item in enumerate(items):
            key = self._key(item)
            view = self.views.get(key)
            if view is None:
                view = self.views[key] = self._make(item)
            else:
                self._update(view, item)
            if self._layout.indexOf(view) != index + 1:
                self._layout.removeWidget(view)
                self._layout.insertWidget(index + 1, view)
