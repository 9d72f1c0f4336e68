"""The screens' smallest parts: a label and a button with a role for the stylesheet, and a
button whose words wrap. Apart from the fields (:mod:`shared.ui.fields`), which need the
flow's schemas: the welcome screen is drawn with these before those are loaded."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout


def label(text: str, role: str, *, rich: bool = False) -> QLabel:
    """A wrapped label with a text role for the stylesheet; plain text unless asked."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setProperty("textRole", role)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def button(text: str, role: str, name: str | None = None) -> QPushButton:
    widget = QPushButton(text)
    widget.setProperty("role", role)
    widget.setAccessibleName(name or text)
    widget.setAutoDefault(False)
    return widget


class WrappedButton(QPushButton):
    """A button whose words wrap onto as many lines as they need. A button's own text never
    wraps, so a long service name or error message in Polish, Arabic or large text would
    lose its end; this one draws its words with a wrapping label (text role
    ``<role>Text`` for the stylesheet) and asks for the height they take."""

    def __init__(
        self,
        text: str,
        role: str,
        *,
        margins: tuple[int, int, int, int] = (0, 0, 0, 0),
    ) -> None:
        super().__init__()
        self.setProperty("role", role)
        self.setAccessibleName(text)
        self.setAutoDefault(False)
        self.words = label(text, f"{role}Text")
        # Touches go to the button, not the words on it.
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # The words' own "pressed" property, for the stylesheet: Qt ignores a pseudo-state on
        # an ancestor (``QPushButton:pressed QLabel`` would match a button never pressed).
        self.pressed.connect(self._on_pressed)
        self.released.connect(self._on_released)
        layout = QVBoxLayout(self)
        # The stylesheet's padding applies to a button's own text only: the words' room.
        layout.setContentsMargins(*margins)
        layout.addWidget(self.words)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        """The words (the button's own text is empty)."""
        return self.words.text()

    def _on_pressed(self) -> None:
        self._mark_pressed(True)

    def _on_released(self) -> None:
        self._mark_pressed(False)

    def _mark_pressed(self, pressed: bool) -> None:
        self.words.setProperty("pressed", pressed)
        style = self.words.style()
        style.unpolish(self.words)
        style.polish(self.words)

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
