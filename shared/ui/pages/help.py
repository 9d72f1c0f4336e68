"""What the customer sees of help: a banner under the bar, a tip, and "out of order".

The banner says where help is ("Help is on the way"; "Sam from the help desk is helping
you — they can see this screen"; "Sam is coming over to you now"), with one clear button
to cancel or to stop sharing. A greeter's tip appears in the banner until the customer
presses "Got it" (or the next tip replaces it). Every word is the flow's, in the
customer's language (:func:`shared.flow.texts.ui_text`), so the desk's preview of a tip
shows the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from shared.flow.kiosk_pages import HelpStatus
from shared.flow.texts import ui_text
from shared.live.notices import HelpNoticeKind
from shared.ui.overlay import Overlay
from shared.ui.widgets import button, label

if TYPE_CHECKING:
    from shared.flow.kiosk_screen import BannerState


class HelpBanner(QFrame):
    """Under the bar while help is asked for or given. Hidden otherwise."""

    cancel_requested = Signal()
    stop_sharing_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpBanner")
        self._language = "en"
        self._status = HelpStatus.NONE
        self._helper = ""
        self._coming = False
        # Where a waiting request went when not to this place's desk, and that place's name.
        self._where: tuple[HelpNoticeKind, str] | None = None
        self._tip_from = ""
        # A message when help cannot be called (the hub is out of reach).
        self._notice: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(4)
        # One line: the news, its explanation beside it, a short action. Each wraps only
        # when its words need more room than the line gives.
        top = QHBoxLayout()
        top.setSpacing(16)
        self.title = label("", "helpTitle")
        self.title.setObjectName("helpTitle")
        self.body = label("", "helpBody")
        self.body.setObjectName("helpBody")
        top.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.body, 1, Qt.AlignmentFlag.AlignVCenter)
        self.action_button = button("", "helpAction")
        self.action_button.setObjectName("helpAction")
        # As wide as its words: the room left over goes to the words beside it.
        self.action_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        top.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        self.tip = QFrame()
        self.tip.setObjectName("helpTip")
        tip = QHBoxLayout(self.tip)
        tip.setContentsMargins(16, 4, 16, 4)
        # Who sent it is in the title above ("Sam from the help desk…") and in the tip's
        # accessible name: on a short screen every line counts.
        self.tip_text = label("", "helpTipText")
        self.tip_text.setObjectName("helpTipText")
        tip.addWidget(self.tip_text, 1)
        self.tip_done = button("", "helpTipDone")
        self.tip_done.setObjectName("helpTipDone")
        tip.addWidget(self.tip_done, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.tip)
        self.tip.hide()
        self.action_button.clicked.connect(self._on_action)
        self.tip_done.clicked.connect(self.clear_tip)
        self.hide()

    def set_language(self, language: str) -> None:
        self._language = language
        self._refresh()

    def show_status(
        self,
        status: HelpStatus,
        helper: str | None,
        *,
        coming: bool,
        where: tuple[HelpNoticeKind, str] | None = None,
    ) -> None:
        """``where``: the hub said the request went to the central shop (``remote``, with the
        shop's name) or that nobody can answer (``closed``, with this place's name)."""
        self._status = status
        self._helper = helper or ""
        self._coming = coming
        self._where = where
        if status is HelpStatus.NONE:
            self.clear_tip()
        self._refresh()

    def show_tip(self, text: str, helper: str | None) -> None:
        self._tip_from = helper or ""
        self.tip_text.setText(text)
        self.tip.show()
        self._refresh()

    def clear_tip(self) -> None:
        self.tip.hide()
        self.tip_text.clear()
        self._refresh()

    def show_notice(self, text: str) -> None:
        self._notice = text
        self._refresh()

    def clear_notice(self) -> None:
        if self._notice is not None:
            self._notice = None
            self._refresh()

    def spoken_text(self) -> str:
        """What a reader hears when the banner changes."""
        return f"{self.title.text()} {self.body.text()}".strip()

    def _refresh(self) -> None:
        language, status = self._language, self._status
        if status is not HelpStatus.NONE:
            self._notice = None
        self.setVisible(status is not HelpStatus.NONE or self._notice is not None)
        helped = status is HelpStatus.HELPED
        if self.property("helped") != helped:
            self.setProperty("helped", helped)
            # The words' colours hang on the banner's property: restyle them too.
            for widget in (self, *self.findChildren(QWidget)):
                self.style().unpolish(widget)
                self.style().polish(widget)
        if status is HelpStatus.WAITING:
            kind, place = self._where or (None, "")
            if kind is HelpNoticeKind.CLOSED:
                self.title.setText(ui_text("help.closed.title", language))
                self.body.setText(ui_text("help.closed.body", language, place=place))
            else:
                self.title.setText(ui_text("help.waiting.title", language))
                body = "help.remote.body" if kind is HelpNoticeKind.REMOTE else "help.waiting.body"
                self.body.setText(ui_text(body, language, place=place))
            self.action_button.setText(ui_text("help.cancel", language))
        elif status is HelpStatus.HELPED:
            name = self._helper
            # Once the greeter walks over, that is the news: it takes the title.
            title = "help.coming" if self._coming else "help.claimed.title"
            self.title.setText(ui_text(title, language, name=name))
            self.body.setText(ui_text("help.claimed.body", language))
            self.action_button.setText(ui_text("help.stop_sharing", language))
        elif self._notice is not None:
            self.title.setText(self._notice)
            self.body.setText("")
            self.action_button.setText(ui_text("help.tip.dismiss", language))
        # A tip takes the place of the explanation: on a short screen with large text the
        # banner must leave room for the page (the border still says the screen is shared).
        self.body.setVisible(bool(self.body.text()) and self.tip.isHidden())
        self.action_button.setAccessibleName(self.action_button.text())
        self.tip.setAccessibleName(ui_text("help.tip.from", language, name=self._tip_from))
        self.tip_text.setAccessibleName(
            f"{self.tip.accessibleName()}: {self.tip_text.text()}".strip(": ")
        )
        self.tip_done.setText(ui_text("help.tip.dismiss", language))
        self.tip_done.setAccessibleName(self.tip_done.text())

    def screen_state(self) -> BannerState | None:
        """What the banner shows, worded; None while it is hidden (for the desk's mirror)."""
        from shared.flow.kiosk_screen import BannerState

        if self.isHidden():
            return None
        return BannerState(
            helped=bool(self.property("helped")),
            title=self.title.text(),
            body=self.body.text() if not self.body.isHidden() else None,
            action=self.action_button.text(),
            tip=self.tip_text.text() if not self.tip.isHidden() else None,
            tip_done=self.tip_done.text(),
        )

    def show_screen(self, state: BannerState | None) -> None:
        """Draw the banner as the kiosk reported it (the mirror)."""
        self.setVisible(state is not None)
        if state is None:
            return
        if self.property("helped") != state.helped:
            self.setProperty("helped", state.helped)
            for widget in (self, *self.findChildren(QWidget)):
                self.style().unpolish(widget)
                self.style().polish(widget)
        self.title.setText(state.title)
        self.body.setText(state.body or "")
        self.body.setVisible(state.body is not None)
        self.action_button.setText(state.action)
        self.tip_text.setText(state.tip or "")
        self.tip.setVisible(state.tip is not None)
        self.tip_done.setText(state.tip_done)

    def _on_action(self) -> None:
        if self._status is HelpStatus.HELPED:
            self.stop_sharing_requested.emit()
        elif self._status is HelpStatus.WAITING:
            self.cancel_requested.emit()
        else:
            self.clear_notice()


class OutOfOrder(Overlay):
    """Staff put this kiosk out of order from the board: nothing here can be used until they
    put it back. No button: a customer cannot dismiss it (the installer exit still works)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("outOfOrder")
        self._language = "en"
        self.title = label("", "body")
        self.title.setObjectName("outOfOrderTitle")
        self.body = label("", "body")
        self.card_layout.addWidget(self.title)
        self.card_layout.addWidget(self.body)
        self._finish()

    def set_language(self, language: str) -> None:
        self._language = language
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(ui_text("kiosk.out_of_order.title", self._language))
        self.body.setText(ui_text("kiosk.out_of_order.body", self._language))
