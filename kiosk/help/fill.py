"""A greeter types into a field for the customer, only if the customer allows it.

The greeter asks from the mirror (:class:`~shared.live.messages.FillAsk`): the kiosk marks
the field and asks, in the customer's language, "<name> at the desk would like to type this
for you", with Allow and No thanks (:class:`FillPrompt`). The answer goes to the hub (which
audits it). On Allow, what the greeter types is put into the field as if the customer had
typed it, where they see it appear, marked, with a note in the help banner asking them to
check it. The consent ends with the help (:class:`~kiosk.help.session.HelpSession`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.help.session import HelpSession, HelpStatus
from shared.flow.texts import ui_text
from shared.live.messages import FILLABLE_KINDS
from shared.ui.overlay import Overlay
from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout

if TYPE_CHECKING:
    from kiosk.journey.presenter import JourneyPresenter
    from shared.ui.screen import ScreenView

log = logging.getLogger(__name__)


class FillPrompt(Overlay):
    """ "Sam at the desk would like to type this for you": Allow, or No thanks."""

    allowed = Signal()
    declined = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("fillPrompt")
        self.card.setProperty("overlayKind", "confirm")
        self._language = "en"
        self._helper = ""
        self._field = ""
        self.title = label("", "title")
        self.title.setObjectName("fillPromptTitle")
        self.body = label("", "body")
        self.body.setObjectName("fillPromptBody")
        self.allow_button = button("", "primary")
        self.allow_button.setObjectName("fillAllow")
        # Saying no is as easy as saying yes, and is where the focus starts.
        self.decline_button = button("", "secondary")
        self.decline_button.setObjectName("fillDecline")
        buttons = QWidget(self.card)
        row = WrapLayout(buttons, spacing=16)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.allow_button)
        row.addWidget(self.decline_button)
        self.card_layout.addWidget(self.title)
        self.card_layout.addWidget(self.body)
        self.card_layout.addWidget(buttons)
        self.set_initial_focus(self.decline_button)
        self.allow_button.clicked.connect(self._on_allow_clicked)
        self.decline_button.clicked.connect(self._on_decline_clicked)
        self._finish()

    def ask(self, helper: str, field_label: str, language: str) -> None:
        self._helper, self._field, self._language = helper, field_label, language
        self.retranslate()
        self.present()

    def prompt_text(self) -> str:
        """What to say aloud when it appears."""
        return f"{self.title.text()} {self.body.text()}"

    def retranslate(self) -> None:
        language = self._language
        self.title.setText(ui_text("help.fill.title", language, name=self._helper))
        self.body.setText(ui_text("help.fill.body", language, field=self._field))
        for widget, key in (
            (self.allow_button, "help.fill.allow"),
            (self.decline_button, "help.fill.decline"),
        ):
            words = ui_text(key, language)
            widget.setText(words)
            widget.setAccessibleName(words)
        self.card.setAccessibleName(self.title.text())

    def _on_allow_clicked(self) -> None:
        self.dismiss()
        self.allowed.emit()

    def _on_decline_clicked(self) -> None:
        self.dismiss()
        self.declined.emit()


class FillAssist(QObject):
    """Joins the help session's fill asks and values to the prompt and the journey."""

    # The customer is asked (the question's words, to say aloud).
    asked = Signal(str)
    # A value was put into a field for the customer (its id): say it, share the screen.
    filled = Signal(str)

    def __init__(
        self,
        help_session: HelpSession,
        screen: ScreenView,
        journey: JourneyPresenter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.help = help_session
        self.screen = screen
        self.journey = journey
        self.prompt = FillPrompt(screen)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.help.fill_asked.connect(self._on_fill_asked)
        self.help.fill_received.connect(self._on_fill_received)
        self.help.status_changed.connect(self._on_status_changed)
        self.prompt.allowed.connect(lambda: self.help.answer_fill(True))
        self.prompt.declined.connect(lambda: self.help.answer_fill(False))

    def _typeable(self, field_id: str) -> tuple[str, str] | None:
        """The label of ``field_id`` and the screen's language, if the field is on the
        screen now and typed as words."""
        state = self.screen.state
        if state is None or not self.journey.active:
            return None
        found = next((f for f in state.fields if f.id == field_id), None)
        if found is None or found.kind not in FILLABLE_KINDS:
            return None
        return found.label, state.language

    def _on_fill_asked(self, field_id: str) -> None:
        typeable = self._typeable(field_id)
        if typeable is None:
            log.info("a fill ask for a field not on this screen was skipped")
            return
        self.screen.set_highlight(field_id)
        self.prompt.ask(self.help.helper or "", *typeable)
        self.asked.emit(self.prompt.prompt_text())

    def _on_fill_received(self, field_id: str, value: str) -> None:
        if self._typeable(field_id) is None:
            # The customer has moved on: it is not put anywhere else.
            log.info("a value typed at the desk for a field not on this screen was skipped")
            return
        self.journey.answer(field_id, value)
        self.screen.set_highlight(field_id)
        self.filled.emit(field_id)

    def _on_status_changed(self) -> None:
        if self.help.status is not HelpStatus.HELPED:
            self.prompt.dismiss()
