"""The idle warning: "Do you need more time?", a countdown, and one big button.

A view only: :class:`kiosk.idle.watcher.IdleWatcher` shows it, counts down and decides. Any
tap extends the time (the watcher sees it first); the button is there so the way out is
obvious. :meth:`IdleWarning.prompt_text` is what the window speaks when it appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from shared.ui.overlay import Overlay

if TYPE_CHECKING:
    from shared.flow.kiosk_screen import IdleWarningState


class IdleWarning(Overlay):
    """Asks whether the customer needs more time, counting down to the privacy wipe."""

    more_time_requested = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.card.setProperty("overlayKind", "idleWarning")
        self._seconds_left = 0

        self._title = QLabel(self.card)
        self._title.setProperty("textRole", "title")
        self._title.setWordWrap(True)
        self._body = QLabel(self.card)
        self._body.setProperty("textRole", "body")
        self._body.setWordWrap(True)
        self._countdown = QLabel(self.card)
        self._countdown.setProperty("textRole", "countdown")
        self._countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._more_time = QPushButton(self.card)
        self._more_time.setProperty("role", "primary")
        self._more_time.setAutoDefault(False)

        self.card_layout.addWidget(self._title)
        self.card_layout.addWidget(self._body)
        self.card_layout.addWidget(self._countdown)
        self.card_layout.addWidget(self._more_time)

        # The overlay itself takes the focus (keys stop here); Tab reaches the button. Focusing
        # the button at once would paint it in the focus colour instead of the go colour.
        self._connect_signals()
        self._finish()

    def _connect_signals(self) -> None:
        self._more_time.clicked.connect(self.more_time_requested)

    @property
    def seconds_left(self) -> int:
        return self._seconds_left

    def set_seconds_left(self, seconds: int) -> None:
        self._seconds_left = seconds
        self._show_countdown()

    def screen_state(self) -> IdleWarningState:
        """What the card shows, worded (for the desk's mirror)."""
        from shared.flow.kiosk_screen import IdleWarningState

        return IdleWarningState(
            title=self._title.text(),
            body=self._body.text(),
            countdown=self._countdown.text(),
            seconds_left=max(self._seconds_left, 0),
            more_time=self._more_time.text(),
        )

    def show_screen(self, state: IdleWarningState) -> None:
        """Draw the card as the kiosk reported it (the mirror), without taking the focus."""
        self._seconds_left = state.seconds_left
        self._title.setText(state.title)
        self._body.setText(state.body)
        self._countdown.setText(state.countdown)
        self._more_time.setText(state.more_time)
        self.show_still()

    def prompt_text(self) -> str:
        """What to say aloud when the warning appears (for the spoken prompts)."""
        return self.tr(
            "Do you need more time? Tap the screen to carry on. "
            "Otherwise the screen will clear in %n seconds to keep your details private.",
            "",
            self._seconds_left,
        )

    def retranslate(self) -> None:
        self._title.setText(self.tr("Do you need more time?"))
        self._body.setText(
            self.tr("The screen will clear to keep your details private. Tap anywhere to carry on.")
        )
        self._more_time.setText(self.tr("Yes, I need more time"))
        self._more_time.setAccessibleName(self.tr("Yes, I need more time"))
        self.card.setAccessibleName(self.tr("Do you need more time?"))
        self._show_countdown()

    def _show_countdown(self) -> None:
        text = self.tr("%n seconds left", "", self._seconds_left)
        self._countdown.setText(text)
        self._countdown.setAccessibleName(text)
