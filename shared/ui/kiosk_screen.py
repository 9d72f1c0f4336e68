"""The kiosk's whole screen: a bar of controls every screen has, the pages, the help banner,
the keyboard's dock, and the overlays over them; the kiosk's window and the desk's mirror.

The bar holds Start again, the languages and the accessibility options, so a customer can
change them on any screen. The screens are stacked; the on-screen keyboard is docked below
them in the layout, so it shrinks the screen above it instead of covering it.

:class:`KioskScreenView` is drawn live on the kiosk (``kiosk/window.py`` adds what only a
kiosk does) and, ``read_only``, by the staff desk's mirror from a
:class:`~shared.flow.kiosk_screen.KioskScreen`: :meth:`KioskScreenView.screen_state` reads
what the kiosk shows, :meth:`KioskScreenView.show_screen` draws it, with the same widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shared.flow.kiosk_pages import KioskPage
from shared.flow.texts import ui_text
from shared.ui import theme
from shared.ui.keyboard.view import OnScreenKeyboard
from shared.ui.pages.confirm import ConfirmCard
from shared.ui.pages.help import HelpBanner
from shared.ui.pages.idle import IdleWarning
from shared.ui.pages.languages import LanguagePicker
from shared.ui.pages.welcome import WelcomeView
from shared.ui.widgets import button, label
from shared.ui.wrap import WrapLayout

if TYPE_CHECKING:
    from shared.flow.kiosk_screen import BarState, KioskDisplay, KioskScreen
    from shared.flow.screen_state import Accessibility, ScreenState
    from shared.ui.pages.arrive import ArriveView
    from shared.ui.pages.book import BookView
    from shared.ui.pages.services import ServicesView
    from shared.ui.pages.speak import SpeakView
    from shared.ui.pages.track import TrackView
    from shared.ui.screen import ScreenView

# The kiosk's page names (kept under the name the kiosk has always used).
Page = KioskPage

# The kiosk's stylesheet: the shared screen widgets, then the kiosk's own parts.
STYLE_PARTS = ("screen.qss", "kiosk.qss", "keyboard.qss", "overlays.qss")


def kiosk_stylesheet(
    *, large_text: bool, high_contrast: bool, dpi: float, viewing_distance_mm: float
) -> str:
    """The kiosk's look for these settings (the kiosk's own, and its mirror's)."""
    return theme.stylesheet(
        STYLE_PARTS,
        theme.palette(high_contrast=high_contrast),
        theme.sizes(
            large_text=large_text,
            dpi=dpi,
            viewing_distance_mm=viewing_distance_mm,
        ),
    )


class KioskScreenView(QWidget):
    """The kiosk's screen. ``read_only``: the desk's mirror, drawn from a state, where
    nothing can be pressed (a journey's fields can be tapped to point at them)."""

    start_again_requested = Signal()
    languages_requested = Signal()
    language_chosen = Signal(str)
    large_text_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)
    speech_toggled = Signal(bool)
    help_requested = Signal()
    # A page was built (its KioskPage), before it is first shown: the presenter connects
    # to it then. Only the welcome page (and the thanks line) is built with the screen.
    page_made = Signal(object)

    def __init__(
        self,
        languages: Mapping[str, str],
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWindow")
        self.setWindowTitle("First Stop")
        self.read_only = read_only
        self.languages = dict(languages)
        # The mirror's own overlays and keyboard (the kiosk's belong to its presenter).
        self.mirror_idle: IdleWarning | None = None
        self.mirror_languages: LanguagePicker | None = None
        self.mirror_confirm: ConfirmCard | None = None
        self.mirror_keyboard: OnScreenKeyboard | None = None
        self._scroll_due = 0.0
        # What the pages built later must be told when they are built.
        self._language: str | None = None
        self._tracking_url = ""
        self._build()
        self._connect_signals()
        self.retranslate()
        if read_only:
            self._make_read_only()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # The window is the screen's size, full stop: content that needs more scrolls.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.addWidget(self._build_bar())
        self.help_banner = HelpBanner()
        outer.addWidget(self.help_banner)
        self._outer = outer

        self.pages = _Pages()
        self.pages.setObjectName("pages")
        self.welcome = WelcomeView(self.languages)
        self.thanks = QWidget()
        self.thanks.setObjectName("thanks")
        thanks = QVBoxLayout(self.thanks)
        thanks.addStretch(1)
        self.thanks_label = label("", "welcomeTitle")
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        thanks.addWidget(self.thanks_label)
        thanks.addStretch(1)
        # The other pages are built when first needed (page()): a kiosk waiting at its
        # welcome screen holds only what it shows, and its first frame waits for no more.
        self._pages: dict[KioskPage, QWidget] = {}
        self._add_page(Page.WELCOME, self.welcome)
        self._add_page(Page.THANKS, self.thanks)
        outer.addWidget(self.pages, 1)
        # The keyboard dock: the app puts the on-screen keyboard here.
        self.keyboard_dock = QVBoxLayout()
        self.keyboard_dock.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.keyboard_dock)

    # The pages, built when first needed ---------------------------------------------------

    def page(self, page: KioskPage) -> QWidget:
        """``page``'s widget, built (and :attr:`page_made` emitted) the first time."""
        widget = self._pages.get(page)
        if widget is None:
            widget = self._make_page(page)
            self._add_page(page, widget)
            if self.read_only:
                self._still_page(page, widget)
            self.page_made.emit(page)
        return widget

    def is_made(self, page: KioskPage) -> bool:
        return page in self._pages

    def _make_page(self, page: KioskPage) -> QWidget:
        """A new page's widget, told the screen's language and tracking link."""
        made: QWidget
        if page is Page.SERVICES:
            from shared.ui.pages.services import ServicesView

            made = ServicesView()
        elif page is Page.JOURNEY:
            from shared.ui.screen import ScreenView

            journey = ScreenView(read_only=self.read_only)
            if self.read_only:
                journey.setObjectName("mirrorScreen")
            journey.tracking_url = self._tracking_url
            made = journey
        elif page is Page.TRACK:
            from shared.ui.pages.track import TrackView

            made = TrackView()
        elif page is Page.SPEAK or page is Page.ARRIVE:
            from shared.ui.pages.arrive import ArriveView
            from shared.ui.pages.speak import SpeakView

            entry = SpeakView() if page is Page.SPEAK else ArriveView()
            if self._language is not None:
                entry.set_language(self._language)
            made = entry
        elif page is Page.BOOK or page is Page.MANAGE:
            from shared.ui.pages.book import BookView

            made = BookView(read_only=self.read_only)
            if page is Page.MANAGE:
                made.setObjectName("manage")
        else:  # the welcome and thanks pages are built with the screen
            raise ValueError(f"no page {page}")
        return made

    def _add_page(self, page: KioskPage, widget: QWidget) -> None:
        self._pages[page] = widget
        self.pages.addWidget(widget)
        # A page scrolls, so it can give way to the keyboard down to one finger's height:
        # its scroll bar's own minimum must never squeeze the keyboard's rows together.
        area = self.page_scroll_area(page)
        if area is not None:
            area.setMinimumHeight(theme.MIN_TARGET_PX)

    @property
    def services(self) -> ServicesView:
        return cast("ServicesView", self.page(Page.SERVICES))

    @property
    def journey_view(self) -> ScreenView:
        return cast("ScreenView", self.page(Page.JOURNEY))

    @property
    def track(self) -> TrackView:
        return cast("TrackView", self.page(Page.TRACK))

    @property
    def speak(self) -> SpeakView:
        return cast("SpeakView", self.page(Page.SPEAK))

    @property
    def arrive(self) -> ArriveView:
        return cast("ArriveView", self.page(Page.ARRIVE))

    @property
    def book(self) -> BookView:
        return cast("BookView", self.page(Page.BOOK))

    @property
    def manage(self) -> BookView:
        """Change or cancel my appointment: the booking's page, a second one."""
        return cast("BookView", self.page(Page.MANAGE))

    @property
    def tracking_url(self) -> str:
        """The tracking page's address, for the confirmation's QR code."""
        return self._tracking_url

    @tracking_url.setter
    def tracking_url(self, url: str) -> None:
        self._tracking_url = url
        if self.is_made(Page.JOURNEY):
            self.journey_view.tracking_url = url

    def _build_bar(self) -> QWidget:
        self.bar = QWidget()
        self.bar.setObjectName("kioskBar")
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(16, 6, 16, 6)
        bar.setSpacing(12)
        self.bar_layout = bar
        self.start_again_button = button("", "barButton")
        self.start_again_button.setObjectName("startAgain")
        bar.addWidget(self.start_again_button)
        self.offline_label = label("", "barNote")
        self.offline_label.setObjectName("offlineNote")
        self.offline_label.hide()
        bar.addWidget(self.offline_label)
        # The controls every screen has, at the end of the bar. With large text and a long
        # language they wrap onto a second row rather than lose their words.
        controls = QWidget()
        controls.setObjectName("barControls")
        wrap = WrapLayout(controls, spacing=10, align_end=True)
        wrap.setContentsMargins(0, 0, 0, 0)
        # One button opens the languages (each named in itself).
        self.language_button = button("", "barButton")
        self.language_button.setObjectName("languages")
        wrap.addWidget(self.language_button)
        self.large_text_button = self._toggle("largeText")
        self.high_contrast_button = self._toggle("highContrast")
        self.speech_button = self._toggle("speech")
        for widget in (self.large_text_button, self.high_contrast_button, self.speech_button):
            wrap.addWidget(widget)
        # Help me on every screen, the welcome screen too; its words are the flow's.
        # Named in English until the kiosk's words arrive (the mirror, before its first
        # screen): a screen reader never meets a nameless button.
        self.help_button = button("", "helpMe", ui_text("help.button", "en"))
        self.help_button.setObjectName("helpMe")
        wrap.addWidget(self.help_button)
        bar.addWidget(controls, 1)
        return self.bar

    def _toggle(self, name: str) -> QPushButton:
        widget = button("", "barToggle")
        widget.setObjectName(name)
        widget.setCheckable(True)
        return widget

    def _connect_signals(self) -> None:
        if self.read_only:
            return
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.language_button.clicked.connect(self.languages_requested)
        self.welcome.language_chosen.connect(self.language_chosen)
        self.large_text_button.toggled.connect(self.large_text_toggled)
        self.high_contrast_button.toggled.connect(self.high_contrast_toggled)
        self.speech_button.toggled.connect(self.speech_toggled)
        self.help_button.clicked.connect(self.help_requested)

    def _make_read_only(self) -> None:
        """Nothing on the mirror can be pressed or focused, bar a journey's fields (tapped,
        they point at the field on the kiosk)."""
        for widget in (self.bar, self.help_banner):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        journey = self._pages.get(Page.JOURNEY)
        for widget in self.findChildren(QWidget):
            if widget.parent() is not None and not (journey and journey.isAncestorOf(widget)):
                widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for page, widget in self._pages.items():
            self._still_page(page, widget)

    def _still_page(self, page: KioskPage, widget: QWidget) -> None:
        """A page of the mirror: still, but for a journey's fields."""
        if page is Page.JOURNEY:
            return
        widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        for child in (widget, *widget.findChildren(QWidget)):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # Showing ----------------------------------------------------------------------------

    def show_page(self, page: KioskPage) -> None:
        self.pages.setCurrentWidget(self.page(page))
        self.pages.updateGeometry()  # its minimum is the shown page's
        self.start_again_button.setVisible(page is not Page.WELCOME)

    def current_page(self) -> KioskPage:
        current = self.pages.currentWidget()
        return next(p for p, w in self._pages.items() if w is current)

    def page_scroll_area(self, page: KioskPage | None = None) -> QScrollArea | None:
        """The scroll area of ``page`` (the current one by default); None for thanks and
        for a page not built yet."""
        widget = self._pages.get(page or self.current_page())
        area = getattr(widget, "scroll_area", None) or getattr(widget, "page_scroll", None)
        return area if isinstance(area, QScrollArea) else None

    def set_language(self, code: str, direction: Qt.LayoutDirection) -> None:
        self.welcome.set_language(code)
        # The language's own name beside a globe: recognisable whatever one reads.
        self.language_button.setText(self.languages.get(code, code))
        self.help_button.setText(ui_text("help.button", code))
        self.help_button.setAccessibleName(self.help_button.text())
        self.help_banner.set_language(code)
        self._language = code
        if self.is_made(Page.SPEAK):
            self.speak.set_language(code)
        if self.is_made(Page.ARRIVE):
            self.arrive.set_language(code)
        self.setLayoutDirection(direction)

    def set_sharing(self, sharing: bool) -> None:
        """A greeter can see this screen: a coloured border all round says so."""
        if bool(self.property("sharing")) == sharing:
            return
        self.setProperty("sharing", sharing)
        edge = 8 if sharing else 0
        self._outer.setContentsMargins(edge, edge, edge, edge)
        self.style().unpolish(self)
        self.style().polish(self)

    def set_toggles(self, *, large_text: bool, high_contrast: bool, speech: bool) -> None:
        for widget, on in (
            (self.large_text_button, large_text),
            (self.high_contrast_button, high_contrast),
            (self.speech_button, speech),
        ):
            widget.blockSignals(True)
            widget.setChecked(on)
            widget.blockSignals(False)

    def set_typing_short(self, short: bool) -> None:
        """Too little room for the heading, the field and the keyboard: Back and Continue
        step aside while typing (Done on the keyboard goes on, as Continue does), the bar
        keeps one row and the question is pinned above the page. The kiosk says so when its
        keyboard host finds the room short; the mirror, from the bar's state."""
        self.set_compact_bar(short)
        page = self.current_page()
        if self.is_made(Page.JOURNEY):
            self.journey_view.footer.setVisible(not short)
            self.journey_view.pin_title(short and page is Page.JOURNEY)
        if self.is_made(Page.BOOK):
            self.book.pin_title(short and page is Page.BOOK)
        if self.is_made(Page.MANAGE):
            self.manage.pin_title(short and page is Page.MANAGE)

    def set_compact_bar(self, compact: bool) -> None:
        """While typing on a screen too short for the heading, the field and the keyboard:
        the bar keeps Start again and Help me on one row, and the language and the
        accessibility options step aside until the keyboard hides (its Hide key is always
        there), so the question above the field stays in view."""
        for widget in (
            self.language_button,
            self.large_text_button,
            self.high_contrast_button,
            self.speech_button,
        ):
            widget.setVisible(not compact)

    def in_view_while_typing(self, keyboard: QWidget) -> list[QWidget]:
        """What must be wholly in view while ``keyboard`` is up (for the audit): the
        screen's heading (or the same question pinned above the page), the field being
        typed in and its own label. Nothing while the keyboard is down."""
        if not keyboard.isVisible():
            return []
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            return []
        area = self.page_scroll_area()
        page = area.widget() if area is not None else None
        if page is None:
            return [focused]
        labels = [shown for shown in page.findChildren(QLabel) if shown.isVisibleTo(page)]
        titles = [shown for shown in labels if shown.property("textRole") == "title"]
        heading = min(titles, key=lambda title: title.mapTo(page, QPoint(0, 0)).y(), default=None)
        own = [shown for shown in labels if shown.buddy() is focused]
        current = self.current_page()
        pinned = (
            self.book.pinned_title
            if current is Page.BOOK
            else self.manage.pinned_title
            if current is Page.MANAGE
            else self.journey_view.pinned_title
            if current is Page.JOURNEY
            else None
        )
        if (
            heading is not None
            and pinned is not None
            and pinned.isVisible()
            and pinned.text() == heading.text()
        ):
            heading = pinned
        return [*([heading] if heading is not None else []), *own, focused]

    def set_offline(self, offline: bool) -> None:
        self.offline_label.setVisible(offline)

    def retranslate(self) -> None:
        # The context is the kiosk window's, as the translations have always had it.
        self.start_again_button.setText(QCoreApplication.translate("KioskWindow", "Start again"))
        self.start_again_button.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Start again")
        )
        self.large_text_button.setText(QCoreApplication.translate("KioskWindow", "Larger text"))
        self.large_text_button.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Larger text")
        )
        self.high_contrast_button.setText(
            QCoreApplication.translate("KioskWindow", "High contrast")
        )
        self.high_contrast_button.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "High contrast")
        )
        self.speech_button.setText(QCoreApplication.translate("KioskWindow", "Read aloud"))
        self.speech_button.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Read aloud")
        )
        self.offline_label.setText(
            QCoreApplication.translate("KioskWindow", "Offline: your request will still be sent")
        )
        self.thanks_label.setText(QCoreApplication.translate("KioskWindow", "Thank you. Goodbye!"))
        self.language_button.setAccessibleName(
            QCoreApplication.translate("KioskWindow", "Language")
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # The mirror's words are the kiosk's, from its state: Qt's translator is not theirs.
        if event.type() == QEvent.Type.LanguageChange and not self.read_only:
            self.retranslate()
        super().changeEvent(event)

    # The state: what the kiosk shows, and drawing it -------------------------------------

    def screen_state(
        self,
        *,
        display: KioskDisplay,
        language: str,
        accessibility: Accessibility,
        **overlays: object,
    ) -> KioskScreen:
        """What this screen shows now, worded; the presenter adds the overlays it owns
        (``idle_warning``, ``languages``, ``confirm``, ``keyboard``)."""
        from shared.flow.kiosk_screen import KioskScreen, ThanksScreen
        from shared.schema import convert

        page = self.current_page()
        area = self.page_scroll_area(page)
        scroll = 0.0
        if area is not None:
            bar = area.verticalScrollBar()
            span = bar.maximum() - bar.minimum()
            scroll = (bar.value() - bar.minimum()) / span if span > 0 else 0.0
        return convert(
            KioskScreen,
            {
                "page": page,
                "language": language,
                "direction": (
                    "rtl" if self.layoutDirection() is Qt.LayoutDirection.RightToLeft else "ltr"
                ),
                "accessibility": accessibility,
                "display": display,
                "tracking_url": self.tracking_url,
                "sharing": bool(self.property("sharing")),
                "bar": self.bar_state(),
                "banner": self.help_banner.screen_state(),
                "welcome": self.welcome.screen_state() if page is Page.WELCOME else None,
                "services": self.services.screen_state() if page is Page.SERVICES else None,
                "track": self.track.screen_state() if page is Page.TRACK else None,
                "thanks": (
                    ThanksScreen(text=self.thanks_label.text()) if page is Page.THANKS else None
                ),
                "speak": self.speak.screen_state() if page is Page.SPEAK else None,
                "arrive": self.arrive.screen_state() if page is Page.ARRIVE else None,
                "book": self.book.screen_state() if page is Page.BOOK else None,
                "manage": self.manage.screen_state() if page is Page.MANAGE else None,
                "lookup": self.journey_view.lookup_state() if page is Page.JOURNEY else None,
                "message": self.journey_view.message() if page is Page.JOURNEY else None,
                "scroll": min(max(scroll, 0.0), 1.0),
                **overlays,
            },
        )

    def bar_state(self) -> BarState:
        from shared.flow.kiosk_screen import BarState, Toggle

        def toggle(widget: QPushButton) -> Toggle:
            return Toggle(text=widget.text(), on=widget.isChecked())

        return BarState(
            start_again=(
                self.start_again_button.text() if not self.start_again_button.isHidden() else None
            ),
            offline=self.offline_label.text() if not self.offline_label.isHidden() else None,
            language=self.language_button.text(),
            large_text=toggle(self.large_text_button),
            high_contrast=toggle(self.high_contrast_button),
            speech=toggle(self.speech_button),
            help=self.help_button.text(),
            compact=self.language_button.isHidden(),
        )

    def show_screen(self, screen: KioskScreen, journey: ScreenState | None = None) -> None:
        """Draw the kiosk's screen as it reported it (the mirror)."""
        direction = (
            Qt.LayoutDirection.RightToLeft
            if screen.direction == "rtl"
            else Qt.LayoutDirection.LeftToRight
        )
        self.setLayoutDirection(direction)
        self.show_page(screen.page)
        self._show_bar(screen.bar)
        self.help_banner.show_screen(screen.banner)
        self.set_sharing(screen.sharing)
        if screen.welcome is not None:
            self.welcome.show_screen(screen.welcome)
        if screen.services is not None:
            self.services.show_screen(screen.services)
        if screen.track is not None:
            self.track.show_screen(screen.track)
        if screen.thanks is not None:
            self.thanks_label.setText(screen.thanks.text)
        if screen.speak is not None:
            self.speak.show_screen(screen.speak)
        if screen.arrive is not None:
            self.arrive.show_screen(screen.arrive)
        if screen.book is not None:
            self.book.show_screen(screen.book)
        if screen.manage is not None:
            self.manage.show_screen(screen.manage)
        self.tracking_url = screen.tracking_url
        if journey is not None:
            self.journey_view.show_state(journey)
            self.journey_view.show_lookup(screen.lookup)
            if screen.message is not None and screen.message != self.journey_view.message():
                self.journey_view.show_message(screen.message)
        self._show_overlays(screen, direction)
        self.scroll_to(screen.scroll)

    def scroll_to(self, fraction: float) -> None:
        """Scroll the page to ``fraction`` of its height, now and once laid out again."""
        self._scroll_due = fraction
        self._apply_scroll()
        QTimer.singleShot(0, self, self._apply_scroll)

    def _apply_scroll(self) -> None:
        area = self.page_scroll_area()
        if area is None:
            return
        widget = area.widget()
        if widget is not None:
            layout = widget.layout()
            if layout is not None:
                layout.activate()
        bar = area.verticalScrollBar()
        bar.setValue(bar.minimum() + round(self._scroll_due * (bar.maximum() - bar.minimum())))

    def _show_bar(self, state: BarState) -> None:
        self.start_again_button.setVisible(state.start_again is not None)
        self.start_again_button.setText(state.start_again or "")
        self.offline_label.setVisible(state.offline is not None)
        self.offline_label.setText(state.offline or "")
        self.language_button.setText(state.language)
        for widget, toggle in (
            (self.large_text_button, state.large_text),
            (self.high_contrast_button, state.high_contrast),
            (self.speech_button, state.speech),
        ):
            widget.setText(toggle.text)
            widget.setChecked(toggle.on)
        self.help_button.setText(state.help)
        self.help_button.setAccessibleName(state.help)
        self.set_typing_short(state.compact)

    def _show_overlays(self, screen: KioskScreen, direction: Qt.LayoutDirection) -> None:
        self.mirror_idle = _overlay(self.mirror_idle, screen.idle_warning, IdleWarning, self)
        self.mirror_languages = _overlay(
            self.mirror_languages, screen.languages, lambda w: LanguagePicker(w, {}), self
        )
        self.mirror_confirm = _overlay(self.mirror_confirm, screen.confirm, ConfirmCard, self)
        if screen.keyboard is None:
            if self.mirror_keyboard is not None:
                self.mirror_keyboard.hide()
            return
        if self.mirror_keyboard is None:
            self.mirror_keyboard = OnScreenKeyboard()
            self.mirror_keyboard.setObjectName("onScreenKeyboard")
            self.mirror_keyboard.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.keyboard_dock.addWidget(self.mirror_keyboard)
        self.mirror_keyboard.show_screen(screen.keyboard, direction)
        self.mirror_keyboard.show()


_O = TypeVar("_O", IdleWarning, LanguagePicker, ConfirmCard)


def _overlay(
    widget: _O | None, state: Any, make: Callable[[QWidget], _O], window: QWidget
) -> _O | None:
    """Show ``state`` on the mirror's overlay (made the first time), or hide it."""
    if state is None:
        if widget is not None:
            widget.hide()
        return widget
    if widget is None:
        widget = make(window)
        _still(widget)
    widget.show_screen(state)
    return widget


def _still(widget: QWidget) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for child in widget.findChildren(QWidget):
        child.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class _Pages(QStackedWidget):
    """The screens. Every page scrolls, so the pages take the height that is left: when the
    bar wraps and help is shown, the page gives way, not the words above it. (A stack asks
    for the tallest page's height for its width, which would squeeze the help banner.)"""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return False

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # The page shown, not the largest of them all: a page not shown must not take the
        # room the keyboard needs under the one that is.
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else QSize(0, 0)
