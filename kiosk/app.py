"""The kiosk, assembled: settings, identity, outbox, catalogue, window, and what drives them.

:class:`Kiosk` is the kiosk's presenter above the screens: it moves between the welcome
screen, the services, a journey and tracking; switches language and accessibility; speaks;
and wipes every trace of a customer when they finish or walk away (Start again drops their
answers but keeps their language and accessibility choices). The
journey itself is :class:`kiosk.journey.presenter.JourneyPresenter`; the network is the
sync worker's and :class:`shared.ui.background.Background`'s, never the UI thread's.

Each visit (from leaving the welcome screen to the wipe or Start again) is noted by a
:class:`kiosk.visits.recorder.VisitRecorder` and stored in the outbox when it ends, with
the customer's rating if they gave one; ``visit_ended`` then asks the sync worker to send it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.help.session import HelpSession, HelpStatus
from kiosk.idle import IdleWatcher
from kiosk.journey.presenter import JourneyPresenter
from kiosk.keyboard import KeyboardHost, OnScreenKeyboard
from kiosk.overlays.confirm import StartAgainConfirm
from kiosk.scanner import ScanReader
from kiosk.settings import KioskSettings
from kiosk.speech import Speaker
from kiosk.sync.vitals import KioskVitals
from kiosk.visits.recorder import VisitRecorder
from kiosk.window import KioskWindow, Page, apply_look, language_names, screen_dpi
from shared import references
from shared.cases.schemas import PublicCase
from shared.catalogue.schemas import Catalogue, Tier
from shared.errors import FirstStopError, InvalidReference
from shared.flow import Accessibility, ScreenState, StepKind, texts
from shared.flow.kiosk_screen import KioskDisplay, KioskScreen
from shared.flow.steps import POSTCODE
from shared.live.messages import HelpContext, HelpEndReason, KioskActivity, MaintenanceAction
from shared.live.tips import tip_text
from shared.schema import replace
from shared.ui import theme
from shared.ui.background import Background
from shared.ui.fields import FieldWidget
from shared.ui.pages.help import OutOfOrder
from shared.ui.pages.languages import LanguagePicker

if TYPE_CHECKING:
    from kiosk.arrive import CheckIn
    from kiosk.book import Booking
    from kiosk.help.fill import FillAssist
    from kiosk.manage import ChangeBooking
    from kiosk.outbox import Outbox
    from kiosk.speak import SpeakToSomeone
    from shared.client import BackendClient
    from shared.ui.live import LiveLink

log = logging.getLogger(__name__)

THANKS_MS = 4000
# While a greeter helps, the screen is looked at this often and sent when it changed (the
# idle countdown, the keyboard, scrolling: everything the customer sees).
SHARE_POLL_MS = 250
# How long "The helper has finished" stays in the banner.
HELP_ENDED_MS = 8000


@dataclass(frozen=True, slots=True)
class Mode:
    """What the customer chose on this visit: reset by every wipe."""

    language: str
    accessibility: Accessibility = field(default_factory=Accessibility)


class Kiosk(QObject):
    # The customer's visit ended and every trace of it was dropped (why: finished, idle…).
    wiped = Signal(str)
    # Staff at the board allowed the installer exit: the kiosk may close.
    installer_exit_allowed = Signal()
    # A customer's visit ended and is in the outbox (its id), to be sent.
    visit_ended = Signal(str)

    def __init__(
        self,
        settings: KioskSettings,
        catalogue: Catalogue,
        outbox: Outbox | None,
        *,
        client: BackendClient | None,
        tracking_url: str = "",
        location: str = "",
        vitals: KioskVitals | None = None,
        dpi: float | None = None,
        window: KioskWindow | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.catalogue = catalogue
        self.vitals = vitals or KioskVitals()
        self._default = Mode(
            settings.default_language
            if settings.default_language in catalogue.languages
            else catalogue.default_language
        )
        self.mode = self._default
        self._dpi = dpi
        self.journey = JourneyPresenter(outbox)
        self.visits = VisitRecorder(outbox)
        self.background = Background(client, self)
        # The window drawn before the kiosk was (kiosk/main.py), or a new one.
        self.window = (
            window if window is not None else KioskWindow(language_names(catalogue.languages))
        )
        self.window.tracking_url = tracking_url
        self._location = location
        self.speaker = Speaker(settings.speech_engine, self)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("onScreenKeyboard")
        self.window.keyboard_dock.addWidget(self.keyboard)
        # Its parent is the keyboard (so the window): it dies with the screen it serves.
        self.keyboard_host = KeyboardHost(self.keyboard, self.window.welcome.scroll_area)
        self.languages = LanguagePicker(self.window, language_names(catalogue.languages))
        # A QR code scanned (a keyboard wedge's burst of keys): installed before the idle
        # watcher, which so sees every key first (the filter installed last runs first).
        self.scanner = ScanReader(self.window, gap_ms=settings.scan_gap_ms)
        if settings.scan_gap_ms:
            self.scanner.install()
        self.idle = IdleWatcher.from_settings(self.window, settings)
        self.idle.install()
        self.help = HelpSession(self)
        self.out_of_order = OutOfOrder(self.window)
        self.start_again_confirm = StartAgainConfirm(self.window)
        # The presenters of the pages built when first shown (_on_page_made).
        self._fill: FillAssist | None = None
        self._speak: SpeakToSomeone | None = None
        self._check_in: CheckIn | None = None
        self._booking: Booking | None = None
        self._changing: ChangeBooking | None = None
        # Where the customer is, for a help request: since when, and what they were told.
        self._step_id: str | None = None
        self._step_started = time.monotonic()
        self._errors_met: list[str] = []
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._share_timer = QTimer(self)
        self._share_timer.setInterval(SHARE_POLL_MS)
        self._help_ended_timer = QTimer(self)
        self._help_ended_timer.setSingleShot(True)
        self._help_ended_timer.setInterval(HELP_ENDED_MS)
        self._connect_signals()
        self._apply_mode()
        self.show_welcome()

    def _connect_signals(self) -> None:
        window, journey = self.window, self.journey
        window.page_made.connect(self._on_page_made)
        window.welcome.start_requested.connect(self._on_start_requested)
        window.welcome.track_requested.connect(self._on_track_requested)
        window.welcome.speak_requested.connect(self._on_speak_requested)
        window.welcome.arrive_requested.connect(self._on_arrive_requested)
        window.welcome.manage_requested.connect(self._on_manage_requested)
        self.scanner.scanned.connect(self._on_scanned)
        window.start_again_requested.connect(self._on_start_again_requested)
        window.language_chosen.connect(self._on_language_chosen)
        window.large_text_toggled.connect(self._on_large_text_toggled)
        window.high_contrast_toggled.connect(self._on_high_contrast_toggled)
        window.speech_toggled.connect(self._on_speech_toggled)
        window.painted.connect(self.vitals.frame_drawn)
        window.languages_requested.connect(self._on_languages_requested)
        self.languages.language_chosen.connect(self._on_language_chosen)
        self.keyboard.done_pressed.connect(self._on_keyboard_done)
        self.keyboard_host.room_short.connect(self._on_keyboard_room_short)
        self.idle.warning_started.connect(self._on_idle_warning)
        self.idle.timed_out.connect(self._on_idle_timed_out)
        # One application-wide input filter (the idle watcher's) also feeds the heartbeat.
        self.idle.input_seen.connect(self.vitals.touched)
        journey.state_changed.connect(self._on_state_changed)
        journey.finished.connect(self._on_journey_finished)
        journey.submit_failed.connect(self._on_submit_failed)
        journey.left.connect(self._on_journey_left)
        journey.submitted.connect(self.visits.submitted)
        self.start_again_confirm.confirmed.connect(self._on_start_again_confirmed)
        self._thanks_timer.timeout.connect(self._on_thanks_over)
        self._share_timer.timeout.connect(self._share_screen)
        # Nothing is left to look at once the window is gone (a test, or shutting down).
        window.destroyed.connect(self._share_timer.stop)
        help_, banner = self.help, window.help_banner
        window.help_requested.connect(self._on_help_requested)
        banner.cancel_requested.connect(lambda: self._end_help(HelpEndReason.CANCELLED))
        banner.stop_sharing_requested.connect(lambda: self._end_help(HelpEndReason.STOPPED_SHARING))
        help_.status_changed.connect(self._on_help_status_changed)
        help_.highlight_requested.connect(self._on_highlight_requested)
        help_.tip_received.connect(self._on_tip_received)
        help_.maintenance_requested.connect(self._on_maintenance_requested)
        help_.ended_by_helper.connect(self._on_help_ended_by_helper)
        help_.timed_out.connect(self._on_help_timed_out)
        self._help_ended_timer.timeout.connect(banner.clear_notice)

    def _on_page_made(self, page: Page) -> None:
        """A page was built, before it is first shown: its presenter and its signals."""
        window, journey = self.window, self.journey
        if page is Page.SERVICES:
            window.services.service_chosen.connect(self._on_service_chosen)
            window.services.group_shown.connect(self._on_group_shown)
        elif page is Page.JOURNEY:
            from kiosk.help.fill import FillAssist

            screen = window.journey_view
            screen.answer_changed.connect(journey.answer)
            screen.focus_changed.connect(journey.focus)
            screen.next_requested.connect(journey.next)
            screen.back_requested.connect(journey.back)
            screen.change_requested.connect(journey.change)
            screen.submit_requested.connect(journey.submit)
            screen.address_lookup_requested.connect(self._on_address_lookup_requested)
            # A greeter typing into a field for the customer, with their consent.
            self._fill = FillAssist(self.help, screen, journey, self)
            self._fill.asked.connect(self.speaker.say)
            self._fill.filled.connect(self._on_filled)
        elif page is Page.TRACK:
            window.track.lookup_requested.connect(self._on_lookup_requested)
        elif page is Page.SPEAK:
            from kiosk.speak import SpeakToSomeone

            # Speak to someone: a ticket for an advisor; Done is the privacy wipe.
            self._speak = SpeakToSomeone(window.speak, self.background, self.speaker.say)
            window.speak.done.connect(lambda: self.wipe("finished"))
        elif page is Page.ARRIVE:
            from kiosk.arrive import CheckIn

            # I have an appointment: checking in by its reference.
            self._check_in = CheckIn(window.arrive, self.background, self.speaker.say)
            window.arrive.done.connect(lambda: self.wipe("finished"))
        elif page is Page.BOOK:
            from kiosk.book import Booking

            # Book an appointment: a tier-3 tile, at this kiosk's location.
            booking = Booking(window.book, self.background, self.speaker.say, self._location)
            booking.set_language(self.mode.language)
            window.book.done.connect(lambda: self.wipe("finished"))
            booking.left.connect(self._on_booking_left)
            booking.changed.connect(self._share_screen)
            booking.booked.connect(self.visits.booked)
            self._booking = booking
        elif page is Page.MANAGE:
            from kiosk.manage import ChangeBooking

            # Change or cancel an appointment: the booking's pages, for one already made.
            changing = ChangeBooking(window.manage, self.background, self.speaker.say)
            changing.set_language(self.mode.language)
            window.manage.done.connect(lambda: self.wipe("finished"))
            changing.left.connect(self.start_again)
            changing.changed.connect(self._share_screen)
            self._changing = changing

    @property
    def fill(self) -> FillAssist:
        self.window.page(Page.JOURNEY)
        return _built(self._fill)

    @property
    def speak(self) -> SpeakToSomeone:
        self.window.page(Page.SPEAK)
        return _built(self._speak)

    @property
    def check_in(self) -> CheckIn:
        self.window.page(Page.ARRIVE)
        return _built(self._check_in)

    @property
    def booking(self) -> Booking:
        self.window.page(Page.BOOK)
        return _built(self._booking)

    @property
    def changing(self) -> ChangeBooking:
        self.window.page(Page.MANAGE)
        return _built(self._changing)

    def _on_highlight_requested(self, field_id: str) -> None:
        if self.window.is_made(Page.JOURNEY):
            self.window.journey_view.set_highlight(field_id)

    def _reset_pages(self) -> None:
        """Every page the visit used back to its start (a page never built has nothing)."""
        if self.window.is_made(Page.TRACK):
            self.window.track.reset()
        for made in (self._speak, self._check_in, self._booking, self._changing):
            if made is not None:
                made.reset()

    # Navigation -------------------------------------------------------------------------

    def show_welcome(self) -> None:
        self._show(Page.WELCOME)

    def _show(self, page: Page, screen_name: str | None = None) -> None:
        self.window.show_page(page)
        name = screen_name or page.value
        self.vitals.screen_shown(name)
        self._arm_idle(page, name)
        if page is not Page.JOURNEY:
            self._new_step(None)
        self.help.set_activity(
            KioskActivity.IDLE if page is Page.WELCOME else KioskActivity.IN_JOURNEY
        )
        # A confirmation's QR code checks a customer in from here (kiosk/scanner.py).
        self.scanner.set_armed(page in (Page.WELCOME, Page.ARRIVE))
        self._share_screen()
        # The page the keyboard makes room in (thanks has nothing to type: the welcome's).
        area = self.window.page_scroll_area(page) or self.window.welcome.scroll_area
        self.keyboard_host.set_scroll_area(area)

    def _arm_idle(self, page: Page, name: str) -> None:
        """Idle counts on every screen but an untouched welcome screen. One left in another
        language or mode (after Start again, or a choice on the welcome screen itself) is
        wiped back to the defaults when idle, like any other."""
        if page is Page.WELCOME and self.mode == self._default:
            self.idle.disarm()
        else:
            self.idle.arm(name)

    def start_again(self) -> None:
        """Start again, for the same customer: their answers and screens are dropped, their
        language and accessibility choices kept (the privacy wipe resets those too), and
        help, if they asked for it, goes on. Their visit ends here (the next touch that
        leaves the welcome screen begins another)."""
        self._end_visit(timed_out=False)
        self.start_again_confirm.dismiss()
        self.end_journey()
        self.languages.dismiss()
        self._reset_pages()
        self._thanks_timer.stop()
        self.speaker.stop()
        self.show_welcome()
        log.info("start again")

    def wipe(self, reason: str) -> None:
        """The privacy wipe: every widget cleared, the flow and answers dropped, the
        customer's choices reset, back to the welcome screen. Logged with no personal data.
        The customer's visit ends: stored in the outbox, and forgotten here."""
        # First, while the customer's language is still known.
        self._end_visit(timed_out=reason == "idle")
        # Help ends with the customer's session: nothing more is shared.
        self.help.cancel(HelpEndReason.SESSION_ENDED)
        self._help_ended_timer.stop()
        self.window.help_banner.clear_notice()
        self.start_again_confirm.dismiss()
        self.end_journey()
        self.languages.dismiss()
        self._reset_pages()
        self.speaker.stop()
        self.mode = self._default
        self._apply_mode()
        self.show_welcome()
        log.info("privacy wipe (%s)", reason)
        self.wiped.emit(reason)

    def attach(self, outbox: Outbox, client: BackendClient) -> None:
        """The parts opened after the first frame: the outbox and the backend client."""
        self.journey.attach(outbox)
        self.visits.attach(outbox)
        self.background.attach(client)

    def attach_live(self, link: LiveLink) -> None:
        """The live hub's connection (Help me, and staff's maintenance from the board)."""
        self.help.attach(link)

    def _end_visit(self, *, timed_out: bool) -> None:
        visit_id = self.visits.end(self.mode.language, timed_out=timed_out)
        if visit_id is not None:
            self.visit_ended.emit(visit_id)

    def end_journey(self) -> None:
        """Drop the customer's flow and every widget that showed an answer."""
        # Its thank-you screen's wipe is no longer due: it must not end the next journey.
        self._thanks_timer.stop()
        self.journey.wipe()
        if self.window.is_made(Page.JOURNEY):
            self.window.journey_view.tracking_token = ""
            self.window.journey_view.clear()

    def catalogue_updated(self, catalogue: object) -> None:
        """A newer catalogue from the backend: used from the next journey on."""
        if isinstance(catalogue, Catalogue):
            self.catalogue = catalogue
            if self.window.current_page() is Page.SERVICES:
                self.window.services.show_catalogue(catalogue, self.mode.language, keep_group=True)

    def set_online(self, online: bool) -> None:
        self.journey.online = online
        self.window.set_offline(not online)

    # Mode: language and accessibility ---------------------------------------------------

    def _apply_mode(self) -> None:
        mode = self.mode
        app = _application()
        dpi = self._dpi or self.settings.screen_dpi or screen_dpi(app)
        sizes = theme.sizes(
            large_text=mode.accessibility.large_text,
            dpi=dpi,
            viewing_distance_mm=self.settings.viewing_distance_mm,
        )
        qt_direction = apply_look(
            app,
            self.window,
            language=mode.language,
            large_text=mode.accessibility.large_text,
            high_contrast=mode.accessibility.high_contrast,
            speech=mode.accessibility.speech,
            dpi=dpi,
            viewing_distance_mm=self.settings.viewing_distance_mm,
        )
        self.languages.set_current(mode.language)
        self.keyboard_host.set_language(mode.language, qt_direction)
        self.keyboard.set_key_height(sizes.key_px)
        self.speaker.set_enabled(mode.accessibility.speech)
        self.speaker.set_language(mode.language)
        self.out_of_order.set_language(mode.language)
        for booking in (self._booking, self._changing):
            if booking is not None:
                booking.set_language(mode.language)
        if self.window.current_page() is Page.SERVICES:
            self.window.services.show_catalogue(self.catalogue, mode.language, keep_group=True)
        self._share_screen()

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self._apply_mode()
        page = self.window.current_page()
        if page is Page.WELCOME:
            self._arm_idle(page, page.value)
        self.journey.set_language(mode.language)
        self.journey.set_accessibility(mode.accessibility)

    # Slots ------------------------------------------------------------------------------

    def _on_start_requested(self) -> None:
        self.visits.begin(self.help.status)
        self.window.services.show_catalogue(self.catalogue, self.mode.language)
        self._show(Page.SERVICES)
        self.speaker.say(self.window.services.title.text())

    def _on_group_shown(self, _group: str) -> None:
        services = self.window.services
        self.speaker.say(services.group_label.text() or services.title.text())
        self._share_screen()

    def _on_track_requested(self) -> None:
        self.visits.begin(self.help.status)
        self.window.track.reset()
        self._show(Page.TRACK)
        self.window.track.reference_edit.setFocus()
        self.speaker.say(self.window.track.title.text())

    def _on_speak_requested(self) -> None:
        self.visits.begin(self.help.status)
        self.speak.reset()
        self._show(Page.SPEAK)
        self.speaker.say(self.window.speak.spoken_text())

    def _on_arrive_requested(self) -> None:
        self.visits.begin(self.help.status)
        self.check_in.reset()
        self._show(Page.ARRIVE)
        self.speaker.say(self.window.arrive.spoken_text())

    def _on_manage_requested(self) -> None:
        self.visits.begin(self.help.status)
        self._show(Page.MANAGE)
        self.changing.open(self.mode.language, self.catalogue.service)

    def _on_scanned(self, text: str) -> None:
        """A scan, on the welcome screen or the I have an appointment page: the customer is
        checked in as if they had typed the reference there, without a touch. After the
        last customer's "take a seat", it is the next customer's."""
        if self.out_of_order.isVisible():
            return
        page = self.window.current_page()
        if page is Page.ARRIVE and self.window.arrive.answered:
            self.wipe("finished")
            page = Page.WELCOME
        if page is Page.WELCOME:
            self.languages.dismiss()
            self._on_arrive_requested()
        self.check_in.scanned(text)

    def _on_service_chosen(self, code: str) -> None:
        service = self.catalogue.service(code)
        if service is None:
            return
        self.visits.begin(self.help.status)
        self.visits.service_chosen(code)
        if service.tier is Tier.APPOINTMENT:
            # A tier-3 tile books an appointment: a time, not a journey's questions.
            self._show(Page.BOOK)
            self.booking.start(service, self.mode.language)
            return
        self._show(Page.JOURNEY, "journey")
        self.journey.start(service, self.mode.language, self.mode.accessibility)

    def _on_state_changed(self, state: ScreenState, unmasked: Mapping[str, object]) -> None:
        previous = self.window.journey_view.state
        # The confirmation's QR code carries the case's tracking token; no other screen has one.
        self.window.journey_view.tracking_token = self.journey.tracking_token or ""
        self.window.journey_view.show_state(state, unmasked)
        self.vitals.screen_shown(f"journey:{state.step_id}"[:60])
        if state.step_id != self._step_id:
            self._new_step(state.step_id)
        if state.step_kind is StepKind.FEEDBACK and state.reference is None:
            # An information page read to its end: its feedback comes straight after it.
            self.visits.informed()
        self._errors_met.extend(
            e.id
            for e in state.errors
            if e.id not in self._errors_met and len(self._errors_met) < 20
        )
        self._share_screen()
        if previous is None or previous.step_id != state.step_id:
            self.speaker.say_screen(state)
        elif state.errors and state.errors != previous.errors:
            self.speaker.say(" ".join(e.text for e in state.errors))

    def _on_journey_finished(self) -> None:
        flow = self.journey.flow
        rating = flow.rating if flow is not None else None
        if rating is not None:
            self.visits.rated(*rating)
        self._show(Page.THANKS)
        self.speaker.say(self.window.thanks_label.text())
        self._thanks_timer.start()

    def _on_thanks_over(self) -> None:
        self.wipe("finished")

    def _on_submit_failed(self, message: str) -> None:
        # The answers stay as they are: the customer can try again or ask for help.
        self.window.journey_view.show_message(message)
        self.speaker.say(message)
        self._share_screen()

    def _on_start_again_requested(self) -> None:
        typed = any(
            made is not None and made.has_answers for made in (self._booking, self._changing)
        )
        if not (self.journey.has_answers or typed):
            self.start_again()
            return
        # Answers would be lost: ask first.
        self.start_again_confirm.present()
        self.speaker.say(self.start_again_confirm.prompt_text())

    def _on_start_again_confirmed(self) -> None:
        self.start_again()

    def _on_booking_left(self) -> None:
        """Back from choosing a time: the services again (nothing was typed yet)."""
        self.booking.reset()
        self._on_start_requested()

    def _on_journey_left(self) -> None:
        """Back on a service's first screen: the list of services again."""
        self.end_journey()
        self._on_start_requested()

    def _on_languages_requested(self) -> None:
        self.languages.present()

    def _on_keyboard_room_short(self, short: bool) -> None:
        self.window.set_typing_short(short)

    def _on_keyboard_done(self) -> None:
        """Done on the on-screen keyboard: go on, as the page's main button would."""
        page = self.window.current_page()
        if page is Page.JOURNEY and self.window.journey_view.primary_button.isVisible():
            self.window.journey_view.primary_button.click()
        elif page is Page.TRACK:
            self.window.track.check_button.click()
        elif page is Page.SPEAK:
            self.window.speak.action_button.click()
        elif page is Page.ARRIVE:
            self.window.arrive.action_button.click()
        elif page is Page.BOOK and self.window.book.primary_button.isVisible():
            self.window.book.primary_button.click()
        elif page is Page.MANAGE and self.window.manage.primary_button.isVisible():
            self.window.manage.primary_button.click()

    def _on_idle_warning(self, _seconds_left: int) -> None:
        self.speaker.say(self.idle.prompt_text())

    def _on_idle_timed_out(self, _screen: str) -> None:
        self.wipe("idle")

    def _on_language_chosen(self, code: str) -> None:
        self.set_mode(Mode(code, self.mode.accessibility))

    def _on_large_text_toggled(self, on: bool) -> None:
        self._set_accessibility(large_text=on)

    def _on_high_contrast_toggled(self, on: bool) -> None:
        self._set_accessibility(high_contrast=on)

    def _on_speech_toggled(self, on: bool) -> None:
        self._set_accessibility(speech=on)

    def _set_accessibility(self, **change: bool) -> None:
        accessibility = replace(self.mode.accessibility, **change)
        self.set_mode(Mode(self.mode.language, accessibility))

    def _on_lookup_requested(self, text: str) -> None:
        track = self.window.track
        try:
            reference = references.parse(text)
        except InvalidReference as exc:
            message = self._reference_problem(exc)
            track.show_problem(message)
            self.speaker.say(message)
            return
        track.show_looking()
        self.background.call(
            lambda client: client.track(reference.compact),
            self._on_case_found,
            self._on_lookup_failed,
        )

    def _on_case_found(self, case: object) -> None:
        if isinstance(case, PublicCase) and self.window.current_page() is Page.TRACK:
            from shared.ui.pages.track import status_words

            self.visits.tracked()
            self.window.track.show_case(case, self.mode.language)
            self.speaker.say(status_words(case.status))

    def _on_lookup_failed(self, error: FirstStopError) -> None:
        if self.window.current_page() is not Page.TRACK:
            return
        if error.code == "not_found":
            message = self.tr("We cannot find a request with that reference. Please check it.")
        elif error.code == "unavailable":
            message = self.tr("We cannot check just now. Please try again in a few minutes.")
        else:
            message = self.tr("Sorry, that did not work. Please try again.")
        self.window.track.show_problem(message)
        self.speaker.say(message)

    def _reference_problem(self, error: InvalidReference) -> str:
        """The reader's finding (``details["problem"]``) in the customer's language."""
        details = error.details
        problem = details.get("problem")
        if problem == "look_alike":
            return self.tr(
                "References never use the character %1. Please check it against your receipt."
            ).replace("%1", str(details.get("character", "")))
        if problem == "not_alphanumeric":
            return self.tr("A reference only has letters and numbers. Please check it.")
        if problem == "length":
            return self.tr("A reference has 9 letters and numbers; this one has %1.").replace(
                "%1", str(details.get("length", ""))
            )
        if problem == "empty":
            return self.tr("Please type your reference.")
        return self.tr(
            "That reference is not quite right: one character may be mistyped, or two may be "
            "the wrong way round. Please check it and try again."
        )

    def _on_address_lookup_requested(self, postcode: str) -> None:
        self.background.call(
            lambda client: [(a.uprn, a.line) for a in client.find_addresses(postcode)],
            lambda found: self._on_addresses_found(postcode, found),
            self._on_address_lookup_failed,
        )

    def _on_addresses_found(self, postcode: str, found: list[tuple[str, str]]) -> None:
        self.window.journey_view.show_address_choices(postcode, found)
        self._share_screen()

    def _on_address_lookup_failed(self, error: FirstStopError) -> None:
        screen = self.window.journey_view
        if error.code == "invalid_input":
            # Not a postcode: say so beside it, in the flow's own words for that problem.
            field = screen.field(POSTCODE)
            if field is not None:
                field.set_error(texts.ui_text("place.postcode.invalid", self.mode.language))
            return
        # Not known, or the backend is away: the customer types the address instead.
        screen.show_address_choices("", [])
        self._share_screen()

    # Help me ------------------------------------------------------------------------------

    def _new_step(self, step_id: str | None) -> None:
        self._step_id = step_id
        self._step_started = time.monotonic()
        self._errors_met = []

    def _share_screen(self) -> None:
        page = self.window.current_page()
        state = self.window.journey_view.state if page is Page.JOURNEY else None
        self.help.share(page.value, state, self.kiosk_screen())

    def kiosk_screen(self) -> KioskScreen:
        """Everything the customer sees now, worded (what the greeter's mirror draws)."""
        window, mode = self.window, self.mode
        app = _application()
        keyboard = None
        if self.keyboard.isVisible():
            keyboard = self.keyboard.screen_state(_field_of(self.keyboard_host.editor()))
        return window.screen_state(
            display=KioskDisplay(
                width=max(window.width(), 1),
                height=max(window.height(), 1),
                dpi=self._dpi or self.settings.screen_dpi or screen_dpi(app),
                viewing_distance_mm=self.settings.viewing_distance_mm,
            ),
            language=mode.language,
            accessibility=mode.accessibility,
            idle_warning=(
                self.idle.warning.screen_state() if self.idle.warning.isVisible() else None
            ),
            languages=self.languages.screen_state() if self.languages.isVisible() else None,
            confirm=(
                self.start_again_confirm.screen_state()
                if self.start_again_confirm.isVisible()
                else None
            ),
            keyboard=keyboard,
        )

    def help_context(self) -> HelpContext:
        """Where the customer is, for the greeter: never what they typed."""
        page = self.window.current_page()
        state = self.window.journey_view.state if page is Page.JOURNEY else None
        service = self.catalogue.service(state.service_code) if state is not None else None
        booking = (
            self.booking if page is Page.BOOK else self.changing if page is Page.MANAGE else None
        )
        if booking is not None:
            # Booking an appointment (or changing one): the service, and which of its pages
            # ("details", "cancel"); changing, its first page has no service yet.
            service = booking.service
        return HelpContext(
            screen=page.value,
            service_code=service.code if service else None,
            # The staff's language: the catalogue's own (English) name.
            service_name=service.name if service else None,
            step_id=state.step_id if state else booking.stage.value if booking else None,
            step_number=state.step_number if state else None,
            step_count=state.step_count if state else 0,
            errors=tuple(self._errors_met),
            seconds_on_step=round(time.monotonic() - self._step_started, 1),
            language=self.mode.language,
            accessibility=self.mode.accessibility,
        )

    def _on_help_requested(self) -> None:
        if self.help.status is not HelpStatus.NONE:
            return
        self._help_ended_timer.stop()
        if not self.help.request(self.help_context()):
            notice = texts.ui_text("help.unavailable", self.mode.language)
            self.window.help_banner.show_notice(notice)
            self.speaker.say(notice)

    def _end_help(self, reason: HelpEndReason) -> None:
        self.help.cancel(reason)

    def _on_help_status_changed(self) -> None:
        help_ = self.help
        self.visits.help_changed(help_.status)
        notice = help_.notice
        self.window.help_banner.show_status(
            help_.status,
            help_.helper,
            coming=help_.coming,
            where=(notice.kind, notice.place_name) if notice is not None else None,
        )
        self.window.set_sharing(help_.status is HelpStatus.HELPED)
        if help_.status is HelpStatus.HELPED:
            self._share_timer.start()
        else:
            self._share_timer.stop()
        self._share_screen()
        if help_.status is HelpStatus.NONE:
            self.idle.release("help")
        else:
            self.idle.hold("help")
            self.speaker.say(self.window.help_banner.spoken_text())

    def _on_help_ended_by_helper(self) -> None:
        """The greeter closed the help: say so, for a few seconds, aloud too."""
        self._say_help_over("help.ended")

    def _on_help_timed_out(self) -> None:
        """Nobody answered in time: say so as when a greeter ends it (the idle warning and
        the privacy wipe run again, as after any help)."""
        self._say_help_over("help.timed_out")

    def _say_help_over(self, text_id: str) -> None:
        notice = texts.ui_text(text_id, self.mode.language)
        self.window.help_banner.show_notice(notice)
        self.speaker.say(notice)
        self._help_ended_timer.start()

    def _on_tip_received(self, tip_id: str, text: str) -> None:
        if tip_id:
            try:
                text = tip_text(tip_id, self.mode.language)
            except FirstStopError:
                log.warning("a tip this kiosk does not know was skipped")
                return
        self.window.help_banner.show_tip(text, self.help.helper)
        self.speaker.say(text)
        self._share_screen()

    def _on_filled(self, _field_id: str) -> None:
        """The greeter's words are in the field: the customer is asked to check them."""
        text = texts.ui_text("help.fill.typed", self.mode.language)
        self.window.help_banner.show_tip(text, self.help.helper)
        self.speaker.say(text)
        self._share_screen()

    def _on_maintenance_requested(self, action: str) -> None:
        if action == MaintenanceAction.OUT_OF_ORDER:
            if not self.out_of_order.isVisible():
                self.wipe("out of order")
                self.out_of_order.present()
            self.help.set_activity(KioskActivity.OUT_OF_ORDER)
        elif action == MaintenanceAction.BACK_IN_SERVICE:
            if self.out_of_order.isVisible():
                self.out_of_order.dismiss()
                self.help.set_activity(KioskActivity.IDLE)
        elif action == MaintenanceAction.RESTART_SESSION:
            self.wipe("restarted by staff")
        elif action == MaintenanceAction.ALLOW_INSTALLER_EXIT:
            log.info("staff allowed the installer exit")
            self.installer_exit_allowed.emit()


_P = TypeVar("_P")


def _built(presenter: _P | None) -> _P:
    """A page's presenter, made when the page was (the page's getter builds it)."""
    if presenter is None:
        raise RuntimeError("a page was built before the kiosk listened for it")
    return presenter


def _field_of(editor: QWidget | None) -> str | None:
    """The journey field (its id) or the page's box (its name) that ``editor`` is in."""
    if editor is None or not shiboken6.isValid(editor):
        return None
    widget: QWidget | None = editor
    while widget is not None:
        if isinstance(widget, FieldWidget):
            return widget.field_id
        widget = widget.parentWidget()
    return editor.objectName() or None


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise TypeError("the kiosk needs a QApplication")
    return app
