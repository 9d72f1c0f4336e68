"""The desk's one window: a bar (where, who, sign out), the banners (reconnecting, a new
request, a notice), and the pages: sign in, the board with the queue, the mirror, the
confirm step, the fleet view, the figures.

In landscape the triage list has the left column to itself, the help queue above the board
beside it (and the mirror beside its tools); in portrait they stack. The window switches as
it is resized (a tablet turned round).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shared.ui.widgets import button, label
from staffdesk.assist.view import AssistView
from staffdesk.board.view import BoardView
from staffdesk.confirm.view import ConfirmView
from staffdesk.figures.view import FiguresView
from staffdesk.flash import Flasher, set_property
from staffdesk.fleet.view import FleetView
from staffdesk.lookup.view import LookupView
from staffdesk.mirror.view import MirrorView
from staffdesk.queue.view import QueueView
from staffdesk.signin.view import SignInView
from staffdesk.triage.view import TriageView

if TYPE_CHECKING:
    from staffdesk.presenter import DeskPresenter

NOTICE_MS = 20_000


class Page(StrEnum):
    SIGN_IN = "sign_in"
    BOARD = "board"
    MIRROR = "mirror"
    CONFIRM = "confirm"
    FLEET = "fleet"
    FIGURES = "figures"
    LOOKUP = "lookup"
    ASSIST = "assist"
    WALK_IN = "walk_in"
    BOOKINGS = "bookings"
    HANDOVER = "handover"


class DeskWindow(QWidget):
    # A new help request alerted (its id): the sound and the flash have started.
    alerted = Signal(str)
    sign_out_requested = Signal()
    alert_banner_pressed = Signal()
    # The customer in front of the greeter: serve them at the desk, or find their case.
    assist_requested = Signal()
    lookup_requested = Signal()
    closing = Signal()
    # Set by :func:`staffdesk.app.build_desk`.
    presenter: DeskPresenter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskWindow")
        self.setWindowTitle("First Stop help desk")
        self.portrait = False
        # The line the alert banner last pointed at (a help request, or a passed visitor).
        self.alerted_entry: str | None = None
        self._build()
        self._connect_signals()
        self.show_page(Page.SIGN_IN)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # The window is the tablet's size, full stop: content that needs more scrolls.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._build_bar()
        outer.addWidget(self.bar)

        self.reconnecting = label("Reconnecting… the board may be out of date.", "banner")
        self.reconnecting.setObjectName("reconnecting")
        self.reconnecting.hide()
        outer.addWidget(self.reconnecting)
        # Named before its first alert too: a screen reader may meet it while it is hidden.
        self.alert_banner = button("", "alertBanner", "New help request")
        self.alert_banner.setObjectName("alertBanner")
        self.alert_banner.hide()
        outer.addWidget(self.alert_banner)
        self.notice = label("", "notice")
        self.notice.setObjectName("notice")
        self.notice.hide()
        outer.addWidget(self.notice)
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.hide)

        self.pages = QStackedWidget()
        self.pages.setObjectName("deskPages")
        self.sign_in_view = SignInView()
        self.main = QWidget()
        self.main.setObjectName("boardPage")
        board_page = QVBoxLayout(self.main)
        board_page.setContentsMargins(16, 16, 16, 16)
        board_page.setSpacing(16)
        board_page.addLayout(self._build_customer_actions())
        self._main_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._main_layout.setContentsMargins(0, 0, 0, 0)
        self._main_layout.setSpacing(24)
        board_page.addLayout(self._main_layout, 1)
        self.queue = QueueView()
        self.board = BoardView()
        self.triage = TriageView()
        self._main_layout.addWidget(self.triage, 3)
        self._main_layout.addWidget(self._build_side_column(), 2)
        self.mirror = MirrorView()
        self.confirm = ConfirmView()
        self.fleet = FleetView()
        self.figures = FiguresView()
        self.lookup = LookupView()
        self.assist = AssistView()
        self._pages = {
            Page.SIGN_IN: self.sign_in_view,
            Page.BOARD: self.main,
            Page.MIRROR: self.mirror,
            Page.CONFIRM: self.confirm,
            Page.FLEET: self.fleet,
            Page.FIGURES: self.figures,
            Page.LOOKUP: self.lookup,
            Page.ASSIST: self.assist,
            Page.WALK_IN: self.triage.walk_in,
            Page.BOOKINGS: self.triage.appointments,
            Page.HANDOVER: self.triage.pass_on,
        }
        for page in self._pages.values():
            self.pages.addWidget(page)
        outer.addWidget(self.pages, 1)
        self.flasher = Flasher(self)

    def _build_bar(self) -> None:
        self.bar = QWidget()
        self.bar.setObjectName("deskBar")
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(16, 8, 16, 8)
        bar.setSpacing(16)
        self.place = label("First Stop help desk", "barTitle")
        self.place.setObjectName("deskPlace")
        self.who = label("", "barNote")
        self.who.setObjectName("deskWho")
        self.who.setWordWrap(False)
        self.sign_out_button = button("Sign out", "secondary")
        self.sign_out_button.setObjectName("signOut")
        # Signing out throws the greeter's picture away: it never takes focus (no tab, no
        # Enter or Space lands on it by accident), and it is drawn as a destructive action,
        # alone at the bar's far end.
        self.sign_out_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_property(self.sign_out_button, "destructive", True)
        bar.addWidget(self.place, 1)
        bar.addWidget(self.who)
        bar.addWidget(self.sign_out_button)

    def _build_side_column(self) -> QWidget:
        """The help requests above the kiosks, beside the triage list (below it in
        portrait). The list, the greeter's main work, has its column to itself: sharing it
        with the help queue, whose scroll area will not shrink below 180 px, left it about
        180 px high at 1280 by 800, one entry at a time."""
        side = QWidget()
        side.setObjectName("sideColumn")
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self.queue, 3)
        column.addWidget(self.board, 1)
        return side

    def _build_customer_actions(self) -> QHBoxLayout:
        """Above the queue and the board, for the customer at the desk."""
        row = QHBoxLayout()
        row.setSpacing(16)
        self.assist_button = button(
            "Serve a customer", "secondary", "Fill in a service for a customer at the desk"
        )
        self.assist_button.setObjectName("showAssist")
        self.lookup_button = button("Find a case", "secondary", "Find a customer's case")
        self.lookup_button.setObjectName("showLookup")
        row.addWidget(self.assist_button)
        row.addWidget(self.lookup_button)
        row.addStretch(1)
        return row

    def _connect_signals(self) -> None:
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.assist_button.clicked.connect(self.assist_requested)
        self.lookup_button.clicked.connect(self.lookup_requested)
        self.alert_banner.clicked.connect(self.alert_banner_pressed)
        # Add a walk-in, Bookings and Pass on have the window to themselves, then back to the list.
        self.triage.walk_in_opened.connect(lambda: self.show_page(Page.WALK_IN))
        self.triage.appointments_opened.connect(lambda: self.show_page(Page.BOOKINGS))
        self.triage.pass_on_opened.connect(lambda: self.show_page(Page.HANDOVER))
        self.triage.panel_closed.connect(lambda: self.show_page(Page.BOARD))

    # The programmatic face (the demo and the end-to-end tests) ------------------------

    def sign_in(self, username: str, password: str, location: str | None = None) -> None:
        """As if typed and Sign in pressed; ``location`` for staff at several."""
        self.sign_in_view.fill(username, password)
        self.sign_in_view.sign_in_requested.emit(username, password, location)

    # Showing ----------------------------------------------------------------------------

    def show_page(self, page: Page) -> None:
        self.board.menu.close_menu()
        self.pages.setCurrentWidget(self._pages[page])
        signed_in = page is not Page.SIGN_IN
        self.sign_out_button.setVisible(signed_in)
        self.who.setVisible(signed_in)
        if not signed_in:
            self.place.setText("First Stop help desk")
            self.alert_banner.hide()
            self.reconnecting.hide()
        self.focus_primary()

    def focus_primary(self) -> None:
        """Focus on the shown screen's primary action (none: no focus at all), so it never
        drifts to whatever happens to be next in the tab order."""
        target = self._primary_widget(self.current_page())
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()

    def _primary_widget(self, page: Page) -> QWidget | None:
        primary: dict[Page, Callable[[], QWidget | None]] = {
            Page.SIGN_IN: self.sign_in_view.primary_widget,
            Page.BOARD: self.queue.primary_widget,
            Page.MIRROR: lambda: self.mirror.coming,
            Page.FLEET: lambda: self.fleet.back_button,
            Page.FIGURES: self.figures.primary_widget,
            Page.LOOKUP: self.lookup.primary_widget,
            Page.ASSIST: self.assist.primary_widget,
            Page.WALK_IN: self.triage.walk_in.primary_widget,
            Page.BOOKINGS: lambda: self.triage.appointments.reference,
            Page.HANDOVER: self.triage.pass_on.primary_widget,
        }
        # The confirm step: the safe answer first.
        return primary.get(page, lambda: self.confirm.cancel_button)()

    def current_page(self) -> Page:
        current = self.pages.currentWidget()
        return next(p for p, w in self._pages.items() if w is current)

    def show_place(self, place: str, who: str) -> None:
        self.place.setText(f"Help desk · {place}")
        self.who.setText(who)

    def set_reconnecting(self, down: bool) -> None:
        self.reconnecting.setVisible(down)

    def show_alert(self, entry_id: str, text: str) -> None:
        """The visual alert: the banner and the line's flash (a help request in the queue,
        or a visitor passed to this greeter in the triage list); ``alerted`` is emitted."""
        self.alert_banner.setText(text)
        self.alert_banner.setAccessibleName(text)
        self.alert_banner.show()
        self.flasher.flash(self.alert_banner)
        self.alerted_entry = entry_id
        entry = self.queue.entries.get(entry_id) or self.triage.entries.get(entry_id)
        if entry is not None:
            self.flasher.flash(entry)
        self.alerted.emit(entry_id)

    def hide_alert(self) -> None:
        self.alert_banner.hide()

    def show_notice(self, text: str, tone: str = "info") -> None:
        self.notice.setText(text)
        set_property(self.notice, "tone", tone)
        self.notice.show()
        self._notice_timer.start()

    def hide_notice(self) -> None:
        self.notice.hide()

    def set_portrait(self, portrait: bool) -> None:
        self.portrait = portrait
        self._main_layout.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.mirror.set_portrait(portrait)
        self.lookup.set_portrait(portrait)
        self.triage.appointments.set_portrait(portrait)

    # Qt ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        portrait = event.size().height() > event.size().width()
        if portrait != self.portrait:
            self.set_portrait(portrait)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.closing.emit()
        super().closeEvent(event)
