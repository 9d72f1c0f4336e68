"""The mirror: the customer's whole screen drawn by the kiosk's own widgets, read-only,
at the kiosk's size scaled to fit, beside what the greeter can do about it.

A tap on a field of the mirror points at it on the kiosk; ready-made tips are listed in
English with the customer's language beneath; the greeter's own words go in a short box.

The tools column scrolls, except its foot: the close outcomes and Release are pinned at the
bottom, always in a thumb's reach without scrolling, and Release (which gives the customer
back to the queue) is drawn as destructive and kept 32 px away from the outcomes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shared.flow.kiosk_screen import KioskScreen
from shared.flow.screen_state import ScreenState
from shared.live.messages import HelpOutcome
from shared.ui.screen import ScreenView
from shared.ui.touch import make_touch_scrollable
from shared.ui.widgets import WrappedButton, button, label
from staffdesk.assist.fill import FillPanel
from staffdesk.flash import set_property
from staffdesk.mirror.scaled import ScaledKiosk
from staffdesk.words import OUTCOMES

TIP_MAX_CHARS = 200
# Between the routine outcomes and Release (WCAG asks 24 px between targets at least).
DESTRUCTIVE_GAP_PX = 32


class MirrorView(QWidget):
    highlight_requested = Signal(object)  # a field id, or None to take the mark away
    tip_requested = Signal(str)
    own_tip_requested = Signal(str)
    coming_requested = Signal()
    release_requested = Signal()
    pass_on_requested = Signal()
    close_requested = Signal(str)
    # The customer's screen (``mirror.screen``, as the demo and the tests know it); it hides
    # QWidget.screen(), which nothing calls on this widget.
    screen: ScreenView  # type: ignore[assignment]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mirrorPage")
        self.tip_buttons: dict[str, QWidget] = {}
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(16, 16, 16, 16)
        self._layout.setSpacing(16)
        # The customer's screen, as they see it.
        self.screen_frame = QFrame()
        self.screen_frame.setObjectName("mirrorFrame")
        frame = QVBoxLayout(self.screen_frame)
        frame.setContentsMargins(4, 4, 4, 4)
        frame.setSpacing(0)
        self.screen_caption = label("", "mirrorCaption")
        self.screen_caption.setObjectName("mirrorCaption")
        frame.addWidget(self.screen_caption)
        self.screens = QStackedWidget()
        # The customer's whole screen, at the kiosk's size, scaled to this frame.
        self.kiosk = ScaledKiosk()
        self.screen = self.kiosk.kiosk.journey_view
        self.no_form = label("", "noForm")
        self.no_form.setObjectName("mirrorNoForm")
        self.no_form.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screens.addWidget(self.kiosk)
        self.screens.addWidget(self.no_form)
        frame.addWidget(self.screens, 1)
        self._layout.addWidget(self.screen_frame, 3)

        self._layout.addWidget(self._build_tools(), 2)

    def _build_tools(self) -> QWidget:
        """What the greeter can do: a column that scrolls, and its pinned foot."""
        self.tools_column = QWidget()
        self.tools_column.setObjectName("toolsColumn")
        outer = QVBoxLayout(self.tools_column)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.tools_scroll = _ToolsScroll()
        self.tools_scroll.setObjectName("toolsScroll")
        self.tools_scroll.setWidgetResizable(True)
        self.tools_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tools_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_touch_scrollable(self.tools_scroll)
        tools = QWidget()
        tools.setObjectName("tools")
        column = QVBoxLayout(tools)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        self.context_title = label("", "cardTitle")
        self.context_lines = label("", "detail")
        self.context_lines.setObjectName("mirrorContext")
        column.addWidget(self.context_title)
        column.addWidget(self.context_lines)
        self.sent = label("", "note")
        self.sent.setObjectName("mirrorSent")
        self.sent.hide()
        column.addWidget(self.sent)

        self.coming = button("I'm coming over", "primary")
        self.coming.setObjectName("comingOver")
        column.addWidget(self.coming)
        # To a colleague or the advisors with a note, as from the triage list.
        self.pass_on = button("Pass on…", "secondary", "Pass on to a colleague or an advisor")
        self.pass_on.setObjectName("mirrorPassOn")
        column.addWidget(self.pass_on, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(label("Point at a field", "sectionTitle"))
        column.addWidget(label("Tap a field on the screen to mark it on the kiosk.", "hint"))
        self.clear_mark = button("Take the mark away", "secondary")
        self.clear_mark.setObjectName("clearHighlight")
        column.addWidget(self.clear_mark)
        # Typing into the tapped box for the customer, once they allow it.
        self.fill = FillPanel()
        column.addWidget(self.fill)

        self._build_guidance(column)
        column.addStretch(1)
        self.tools_scroll.setWidget(tools)
        outer.addWidget(self.tools_scroll, 1)
        outer.addWidget(self._build_foot())
        return self.tools_column

    def _build_foot(self) -> QWidget:
        """The outcomes and Release, pinned under the scrolling tools."""
        self.tools_foot = QFrame()
        self.tools_foot.setObjectName("toolsFoot")
        foot = QVBoxLayout(self.tools_foot)
        foot.setContentsMargins(0, 12, 8, 0)
        foot.setSpacing(10)
        foot.addWidget(label("Close with an outcome", "sectionTitle"))
        # Two to a row at every width, their words wrapping when the column is narrow: the
        # foot stays short enough to leave the tools above it room.
        grid = QGridLayout()
        grid.setSpacing(10)
        self.outcome_buttons: dict[HelpOutcome, WrappedButton] = {}
        for index, outcome in enumerate(HelpOutcome):
            widget = WrappedButton(OUTCOMES[outcome], "outcome", margins=(12, 6, 12, 6))
            widget.setAccessibleName(f"Close: {OUTCOMES[outcome]}")
            widget.setObjectName(f"outcome-{outcome.value}")
            widget.clicked.connect(lambda _=False, o=outcome.value: self.close_requested.emit(o))
            self.outcome_buttons[outcome] = widget
            grid.addWidget(widget, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        foot.addLayout(grid)
        foot.addSpacing(DESTRUCTIVE_GAP_PX - foot.spacing())
        self.release = button("Release to the queue", "secondary")
        self.release.setObjectName("release")
        set_property(self.release, "destructive", True)
        foot.addWidget(self.release, 0, Qt.AlignmentFlag.AlignLeft)
        return self.tools_foot

    def _build_guidance(self, column: QVBoxLayout) -> None:
        column.addWidget(label("Send a tip", "sectionTitle"))
        self.tips = QVBoxLayout()
        self.tips.setSpacing(6)
        column.addLayout(self.tips)
        column.addWidget(label("Or your own words (up to 200 characters)", "label"))
        own = QHBoxLayout()
        self.tip_text = QLineEdit()
        self.tip_text.setObjectName("tipText")
        self.tip_text.setAccessibleName("Your own tip")
        self.tip_text.setMaxLength(TIP_MAX_CHARS)
        self.send_tip = button("Send", "primary", "Send your tip")
        self.send_tip.setObjectName("sendTip")
        own.addWidget(self.tip_text, 1)
        own.addWidget(self.send_tip)
        column.addLayout(own)

    def _connect_signals(self) -> None:
        self.screen.field_tapped.connect(self._on_field_tapped)
        self.clear_mark.clicked.connect(self._on_clear_mark_clicked)
        self.coming.clicked.connect(self.coming_requested)
        self.release.clicked.connect(self.release_requested)
        self.pass_on.clicked.connect(self.pass_on_requested)
        self.send_tip.clicked.connect(self._on_send_tip_clicked)
        self.tip_text.returnPressed.connect(self._on_send_tip_clicked)

    # Showing ----------------------------------------------------------------------------

    def set_portrait(self, portrait: bool) -> None:
        self._layout.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def start(self, kiosk: str, tips: Sequence[tuple[str, str, str | None]]) -> None:
        """A new claim: an empty mirror, and the tips as (id, English, customer's words);
        the tools from the top, so the request's context shows first (a claim passed to
        this greeter opens where their last one was left scrolled)."""
        self.tools_scroll.verticalScrollBar().setValue(0)
        self.kiosk.clear()
        self.screen.set_highlight(None)
        self.screen_caption.setText(f"{kiosk} — what the customer sees")
        self.show_no_form("Waiting for the customer's screen…")
        self.tip_text.clear()
        self.sent.hide()
        self.fill.reset()
        self.show_tips(tips)

    def show_context(self, title: str, lines: Sequence[str]) -> None:
        self.context_title.setText(title)
        self.context_lines.setText("\n".join(lines))

    def show_tips(self, tips: Sequence[tuple[str, str, str | None]]) -> None:
        while self.tips.count():
            item = self.tips.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                # Out of sight and out of the tree at once (Qt deletes it later): an old
                # Send is never pressed, nor found in place of the new one, meanwhile.
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self.tip_buttons = {}
        for tip_id, english, theirs in tips:
            row = QFrame()
            row.setProperty("frameRole", "tip")
            line = QHBoxLayout(row)
            line.setContentsMargins(12, 8, 8, 8)
            line.setSpacing(12)
            texts = QVBoxLayout()
            texts.setSpacing(2)
            texts.addWidget(label(english, "tipEnglish"))
            if theirs:
                words = label(theirs, "tipTranslation")
                words.setObjectName(f"tipWords-{tip_id}")
                texts.addWidget(words)
            line.addLayout(texts, 1)
            widget = button("Send", "secondary", f"Send tip: {english}")
            widget.setObjectName(f"tip-{tip_id}")
            widget.clicked.connect(lambda _=False, t=tip_id: self.tip_requested.emit(t))
            line.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
            self.tips.addWidget(row)
            self.tip_buttons[tip_id] = widget

    def show_screen(self, kiosk: KioskScreen, state: ScreenState | None) -> None:
        """The customer's whole screen, as their kiosk reported it."""
        self.kiosk.show_screen(kiosk, state)
        self.screens.setCurrentWidget(self.kiosk)

    def show_state(self, state: ScreenState) -> None:
        """A journey's screen alone (from a kiosk that reports nothing more)."""
        self.kiosk.show_journey(state)
        self.screens.setCurrentWidget(self.kiosk)

    def show_no_form(self, text: str) -> None:
        self.no_form.setText(text)
        self.screens.setCurrentWidget(self.no_form)

    def show_sent(self, text: str) -> None:
        self.sent.setText(text)
        self.sent.show()

    # Intents ----------------------------------------------------------------------------

    def _on_field_tapped(self, field_id: str) -> None:
        self.screen.set_highlight(field_id)
        self.fill.choose(self.screen.state, field_id)
        self.highlight_requested.emit(field_id)

    def _on_clear_mark_clicked(self) -> None:
        self.screen.set_highlight(None)
        self.highlight_requested.emit(None)

    def _on_send_tip_clicked(self) -> None:
        text = " ".join(self.tip_text.text().split())
        if not text:
            self.show_sent("Type a tip first.")
            return
        self.own_tip_requested.emit(text)
        self.tip_text.clear()


class _ToolsScroll(QScrollArea):
    """The guidance tools scroll up and down only, so the panel is never narrower than
    they are (with room for the scroll bar): the mirror beside it gives way instead."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # New tips or a new context change how wide the tools must be: ask again.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.minimumSizeHint().width() + bar, hint.height())
