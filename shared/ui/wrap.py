"""A layout that lays its widgets out in a row and wraps them onto further rows when the row
is full, like words in a line of text (Qt's own flow-layout example, in both directions).

The kiosk's bar uses it: with large text and a long language (Polish, Arabic) its buttons
no longer fit in one row, and cutting their words off is not an option.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class WrapLayout(QLayout):
    def __init__(
        self, parent: QWidget | None = None, spacing: int = 8, *, align_end: bool = False
    ) -> None:
        """``align_end``: each row sits at the end of the line (the right, in a language
        written left to right) instead of its start."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._align_end = align_end

    # QLayout's interface ---------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # One row, as wide as it needs: what the bar asks for when there is room.
        margins = self.contentsMargins()
        shown = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in shown)
        width += self._gap * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + QSize(
            margins.left() + margins.right(), margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # Laying out ------------------------------------------------------------------------

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items row by row inside ``rect``; answers the height used."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            width = item.sizeHint().width()
            if rows[-1] and used + self._gap + width > area.width():
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + width
            rows[-1].append(item)
        right_to_left = self._direction() is Qt.LayoutDirection.RightToLeft
        y = area.y()
        for row in rows:
            if not row:
                continue
            hints = [item.sizeHint() for item in row]
            row_width = sum(h.width() for h in hints) + self._gap * (len(row) - 1)
            offset = max(0, area.width() - row_width) if self._align_end else 0
            x = offset
            for item, hint in zip(row, hints, strict=True):
                left = area.width() - x - hint.width() if right_to_left else x
                if move:
                    item.setGeometry(QRect(QPoint(area.x() + left, y), hint))
                x += hint.width() + self._gap
            y += max(h.height() for h in hints) + self._gap
        return max(0, y - self._gap - rect.y()) + margins.top() + margins.bottom()

    def _direction(self) -> Qt.LayoutDirection:
        parent = self.parentWidget()
        return parent.layoutDirection() if parent is not None else Qt.LayoutDirection.LeftToRight
