"""A QR code, painted by Qt from the ``qrcode`` library's matrix (no image library)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

# Dark modules on a light ground, whatever the theme: phone cameras read that best.
_DARK = QColor("#000000")
_LIGHT = QColor("#ffffff")


class QrCode(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None, *, side: int = 240) -> None:
        super().__init__(parent)
        self._side = side
        self._matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.text = text
        if text:
            # Imported when a code is first drawn (a confirmation), not at start-up.
            import qrcode

            code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
            code.add_data(text)
            code.make(fit=True)
            self._matrix = code.get_matrix()
        else:
            self._matrix = []
        self.update()

    def matrix(self) -> list[list[bool]]:
        return self._matrix

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self._side, self._side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        del event
        if not self._matrix:
            return
        painter = QPainter(self)
        count = len(self._matrix)
        side = min(self.width(), self.height())
        module = side / count
        painter.fillRect(QRectF(0, 0, side, side), _LIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_DARK)
        for row, cells in enumerate(self._matrix):
            for column, dark in enumerate(cells):
                if dark:
                    # A hair over one module wide, so no seams show between them.
                    painter.drawRect(
                        QRectF(column * module, row * module, module + 0.5, module + 0.5)
                    )
        painter.end()
