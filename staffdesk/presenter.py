"""The desk's logic: signing in, the live link, the board and the queue, alerts, claims,
the mirror and guidance. It owns the :class:`DeskModel` and the :class:`LiveLink`, turns the
window's intents into hub messages and the hub's messages into what the window shows.

Nothing here waits on the network: signing in runs on the background worker, the live
link is Qt's own WebSocket on the event loop.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject, QTimer

from shared.client import BackendClient
from shared.errors import FirstStopError, NotAuthenticated, Unavailable
from shared.flow.texts import base_language
from shared.identity.schemas import StaffSessionRead
from shared.live.messages import (
    READS_PASSES,
    AppointmentsChanged,
    BoardRefresh,
    BoardUpdate,
    DeskWelcome,
    FillAsk,
    FillConsent,
    FillValue,
    GuideComing,
    GuideHighlight,
    GuideTip,
    HelpClaim,
    HelpClaimed,
    HelpClose,
    HelpEnded,
    HelpEndReason,
    HelpOutcome,
    HelpRaised,
    HelpRelease,
    HelpReleased,
    HelpRequest,
    KioskMaintenance,
    KioskPresence,
    LiveError,
    LiveMessage,
    MaintenanceAction,
    ScreenUpdate,
    StaffRef,
    TriageChanged,
)
from shared.live.tips import READY_MADE_TIPS, tip_text
from shared.ui.background import Background
from shared.ui.live import LiveLink
from staffdesk import words
from staffdesk.alert import Alarm
from staffdesk.appointments.change_presenter import ChangePresenter
from staffdesk.appointments.presenter import AppointmentsPresenter
from staffdesk.assist.fill import Consent
from staffdesk.assist.presenter import AssistPresenter
from staffdesk.figures.presenter import FiguresPresenter
from staffdesk.lookup.presenter import LookupPresenter
from staffdesk.model import DeskModel
from staffdesk.settings import DeskSettings
from staffdesk.triage.presenter import TriagePresenter
from staffdesk.window import DeskWindow, Page

log = logging.getLogger(__name__)

# How long joining may take before the sign-in screen says it is still trying.
SLOW_JOIN_MS = 10_000

NOT_CONNECTED = "The desk is not connected just now. Try again in a moment."


class DeskPresenter(QObject):
    def __init__(
        self,
        settings: DeskSettings,
        window: DeskWindow,
        client: BackendClient | None = None,
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.window = window
        self.model = DeskModel()
        verify: bool | str = str(settings.ca_file) if settings.ca_file else True
        self.client = client or BackendClient(settings.backend_url, verify=verify)
        self.background = Background(self.client, self)
        self.alarm = Alarm(settings.sound, self)
        self.figures = FiguresPresenter(window.figures, self.background, parent=self)
        self.lookup = LookupPresenter(window.lookup, self.background, parent=self)
        self.assist = AssistPresenter(window.assist, self.background, parent=self)
        self.triage = TriagePresenter(
            window.triage, self.background, self._on_claim_requested, parent=self
        )
        self.triage.passed_to_me.connect(self._attention)
        self.appointments = AppointmentsPresenter(
            window.triage.appointments, self.background, parent=self
        )
        self.bookings = ChangePresenter(
            window.triage.appointments, self.background, self.appointments.refresh, parent=self
        )
        self.link: LiveLink | None = None
        self.session: StaffSessionRead | None = None
        self.joined = False
        self._attempt = 0
        self._shut = False
        self._mirror_for: str | None = None
        # The help request whose Pass on page came from the mirror (Cancel goes back there).
        self._pass_on_from_mirror: str | None = None
        # The help request a colleague passed to this greeter that the banner shows, until
        # it is pressed or the request is no longer theirs.
        self._passed: str | None = None
        self._pending: tuple[int, MaintenanceAction] | None = None
        self._before_confirm = Page.BOARD
        self._tick = QTimer(self, interval=1000)
        self._refresh = QTimer(self, interval=int(settings.board_refresh_seconds * 1000))
        # Joining takes a moment; if it takes longer, the greeter is told why they wait.
        self._slow_join = QTimer(self, singleShot=True, interval=SLOW_JOIN_MS)
        self._slow_join.timeout.connect(self._on_slow_join)
        self._connect_signals()

    def _connect_signals(self) -> None:
        window = self.window
        window.sign_in_view.sign_in_requested.connect(self._on_sign_in_requested)
        window.sign_in_view.location_chosen.connect(self._on_location_chosen)
        window.sign_in_view.cancel_requested.connect(self._on_cancel_requested)
        window.sign_out_requested.connect(self._on_sign_out_requested)
        window.alert_banner_pressed.connect(self._on_alert_banner_pressed)
        window.queue.claim_requested.connect(self._on_claim_requested)
        window.queue.open_requested.connect(self._on_open_requested)
        window.board.maintenance_requested.connect(self._on_maintenance_requested)
        window.board.fleet_requested.connect(self._on_fleet_requested)
        window.fleet.back_requested.connect(self._on_fleet_back_requested)
        window.board.figures_requested.connect(self._on_figures_requested)
        window.figures.back_requested.connect(self._on_figures_back_requested)
        window.lookup_requested.connect(lambda: window.show_page(Page.LOOKUP))
        window.lookup.back_requested.connect(lambda: window.show_page(Page.BOARD))
        window.assist_requested.connect(self._on_assist_requested)
        window.assist.back_requested.connect(lambda: window.show_page(Page.BOARD))
        window.triage.appointments_opened.connect(self.appointments.refresh)
        window.confirm.confirmed.connect(self._on_confirmed)
        window.confirm.cancelled.connect(self._on_confirm_cancelled)
        mirror = window.mirror
        mirror.highlight_requested.connect(self._on_highlight_requested)
        mirror.tip_requested.connect(self._on_tip_requested)
        mirror.own_tip_requested.connect(self._on_own_tip_requested)
        mirror.coming_requested.connect(self._on_coming_requested)
        mirror.release_requested.connect(self._on_release_requested)
        mirror.pass_on_requested.connect(self._on_mirror_pass_on_requested)
        window.triage.pass_on.close_requested.connect(self._on_pass_on_cancelled)
        window.triage.pass_on.chosen.connect(self._on_pass_on_chosen)
        mirror.close_requested.connect(self._on_close_requested)
        mirror.fill.ask_requested.connect(self._on_fill_ask_requested)
        mirror.fill.fill_requested.connect(self._on_fill_requested)
        window.closing.connect(self.shutdown)
        self._tick.timeout.connect(self._on_tick)
        self._refresh.timeout.connect(self._on_refresh)

    # Signing in and out -----------------------------------------------------------------

    def _on_sign_in_requested(self, username: str, password: str, location: object) -> None:
        self._attempt += 1
        attempt = self._attempt
        chosen = location if isinstance(location, str) and location else self.settings.location
        self.window.sign_in_view.show_busy("Signing in…")
        self.background.call(
            lambda client: client.login(username, password),
            partial(self._on_signed_in, attempt, chosen),
            partial(self._on_sign_in_failed, attempt),
        )

    def _on_signed_in(self, attempt: int, location: str | None, session: object) -> None:
        if attempt != self._attempt or not isinstance(session, StaffSessionRead):
            return
        self.session = session
        places = session.staff.locations
        if location is None and len(places) > 1:
            self.window.sign_in_view.ask_location([(p.code, p.name) for p in places])
            return
        if location is None and len(places) == 1:
            location = places[0].code
        self._join(location)

    def _on_sign_in_failed(self, attempt: int, error: FirstStopError) -> None:
        if attempt != self._attempt:
            return
        if isinstance(error, Unavailable):
            message = f"The help desk cannot reach the council's system. {error.message}"
        elif isinstance(error, NotAuthenticated):
            message = error.message
        else:
            message = error.message
        self.window.sign_in_view.reset(message)

    def _on_location_chosen(self, code: str) -> None:
        if self.session is not None:
            self._join(code)

    def _join(self, location: str | None) -> None:
        assert self.session is not None  # noqa: S101 — only after signing in
        self.window.sign_in_view.show_busy("Joining the help desk…")
        self.joined = False
        link = LiveLink(
            self.settings.backend_url,
            self.session.token,
            location=location,
            # A pass marked on a claim (a hub of this version then says so in its welcome).
            reads=READS_PASSES,
            ca_file=self.settings.ca_file,
            parent=self,
        )
        link.received.connect(lambda message: self._on_received(link, message))
        link.connected_changed.connect(lambda up: self._on_connected_changed(link, up))
        link.refused.connect(lambda code, text: self._on_refused(link, code, text))
        self.link = link
        link.start()
        self._slow_join.start()

    def _on_slow_join(self) -> None:
        if self.link is not None and not self.joined:
            self.window.sign_in_view.show_busy(
                "Still trying to reach the help desk service. Check this tablet's network; "
                "it keeps trying, or press Cancel."
            )

    def _on_cancel_requested(self) -> None:
        self._leave("", log_out=True)

    def _on_sign_out_requested(self) -> None:
        self._leave("You have signed out.", log_out=True)

    def _leave(self, message: str, *, log_out: bool) -> None:
        """Back to the sign-in screen with ``message``; the link closed, the picture gone
        (but not which requests were alerted for)."""
        self._attempt += 1
        self._stop_link()
        session, self.session = self.session, None
        if log_out and session is not None:
            self.background.call_as(
                session.token, lambda client: client.logout(), lambda _: None, lambda _: None
            )
        self.joined = False
        self._mirror_for = None
        self._pending = None
        self._passed = None
        self.model.clear()
        self._tick.stop()
        self._refresh.stop()
        self.window.queue.show_entries([])
        self.window.board.show_kiosks([])
        self.window.fleet.show_fleet([])
        self.figures.signed_out()
        self.triage.signed_out()
        self.appointments.signed_out()
        self.bookings.signed_out()
        self.lookup.signed_out()
        self.assist.signed_out()
        self.window.hide_alert()
        self.window.hide_notice()
        self.window.sign_in_view.reset(message)
        self.window.show_page(Page.SIGN_IN)

    def _stop_link(self) -> None:
        link, self.link = self.link, None
        if link is not None:
            link.stop()
            link.deleteLater()

    def shutdown(self) -> None:
        """The window is closing: the link closed, the worker finished."""
        if self._shut:
            return
        self._shut = True
        self._stop_link()
        self._tick.stop()
        self._refresh.stop()
        self.background.close()

    # The live link ----------------------------------------------------------------------

    def _on_connected_changed(self, link: LiveLink, up: bool) -> None:
        if link is self.link and not up and self.joined:
            self.window.set_reconnecting(True)

    def _on_refused(self, link: LiveLink, code: str, text: str) -> None:
        if link is not self.link:
            return
        log.info("the live hub refused this desk (%s)", code)
        self._leave(text, log_out=False)

    def _on_received(self, link: LiveLink, message: LiveMessage) -> None:
        if link is self.link:
            self.apply(message)

    def apply(self, message: LiveMessage) -> None:  # noqa: PLR0912 (one per message)
        """Take one hub message (from the live link; the screenshots give made-up ones)."""
        if isinstance(message, DeskWelcome):
            self._on_welcome(message)
        elif not self.joined:
            if isinstance(message, LiveError):
                # Turned away before joining: wrong role, wrong location, no location.
                self._leave(message.message, log_out=True)
        elif isinstance(message, HelpRaised):
            self._on_raised(message.request)
        elif isinstance(message, HelpClaimed):
            self._on_claimed(message)
        elif isinstance(message, HelpReleased):
            self._on_released(message.help_id)
        elif isinstance(message, HelpEnded):
            self._on_ended(message)
        elif isinstance(message, KioskPresence):
            if not self.model.presence(message):
                self._on_refresh()
            self._refresh_board()
        elif isinstance(message, BoardUpdate):
            self.model.board(message)
            self._refresh_board()
        elif isinstance(message, ScreenUpdate):
            if self.model.screen(message):
                self._draw_screen(message)
        elif isinstance(message, FillConsent):
            if message.help_id == self.model.claim:
                self.window.mirror.fill.show_consent(
                    Consent.ALLOWED if message.allowed else Consent.REFUSED
                )
        elif isinstance(message, TriageChanged):
            self.triage.changed(message.entry)
        elif isinstance(message, AppointmentsChanged):
            self.appointments.changed(message)
        elif isinstance(message, LiveError):
            self._on_live_error(message)

    def _on_welcome(self, message: DeskWelcome) -> None:
        first = not self.joined
        held = self.model.claim
        before = dict(self.model.requests)
        alerts = self.model.welcome(message)
        self.joined = True
        self.window.set_reconnecting(False)
        who = message.staff.name
        self.window.show_place(message.location_name, f"Signed in: {who}")
        if self.session is not None:
            self.figures.signed_in(self.session.token, message.location_code)
            self.lookup.signed_in(self.session.token)
            self.assist.signed_in(self.session.token, message.location_code)
            self.triage.signed_in(self.session.token, message.location_code)
            self.appointments.signed_in(self.session.token, message.location_code)
            self.bookings.signed_in(self.session.token, message.location_code)
        self.triage.welcome(message.triage, message.server_time, message.staff.id)
        self._refresh_queue()
        self._refresh_board()
        if not self._tick.isActive():
            self._tick.start()
            self._refresh.start()
        if held is not None and self.model.claim is None:
            self.window.show_notice(
                "The help you were giving ended while the desk was reconnecting.", "warning"
            )
            self._mirror_for = None
            if self.window.current_page() is Page.MIRROR:
                self.window.show_page(Page.BOARD)
        if first:
            self.window.show_page(Page.MIRROR if self.model.claim else Page.BOARD)
        if self.model.claim is not None and self._mirror_for != self.model.claim:
            self._open_mirror(self.model.claim)
        for request in alerts:
            self._alert(request)
        # Passed to this greeter while the desk was reconnecting: alerted now, once. The
        # welcome says whose each claim is, not how it came to be: inferred, from any hub.
        for request in self.model.queue():
            passer = self.model.passed_by(before.get(request.id), request)
            if passer is not None:
                self._alert_passed(request, passer)

    def _on_raised(self, request: HelpRequest) -> None:
        alert = self.model.raised(request)
        self._refresh_queue()
        self._refresh_board()
        if request.id == self.model.claim:
            self._show_context(request)
        if alert:
            self._alert(request)

    def _on_claimed(self, message: HelpClaimed) -> None:
        before = self.model.requests.get(message.help_id)
        mine = self.model.claimed(message)
        after = self.model.requests.get(message.help_id)
        passer = self.model.pass_of(message, before)
        self._refresh_queue()
        self._refresh_board()
        if mine and self._mirror_for != message.help_id:
            self._open_mirror(message.help_id)
        elif not mine and self._mirror_for == message.help_id:
            # Passed to a colleague: this mirror is done (so it opens again if passed back).
            self._close_mirror()
        if after is not None and passer is not None:
            self._alert_passed(after, passer)

    def _on_released(self, help_id: str) -> None:
        was_mine = self.model.claim == help_id
        self.model.released(help_id)
        self._refresh_queue()
        self._refresh_board()
        if was_mine:
            self._close_mirror()

    def _on_ended(self, message: HelpEnded) -> None:
        was_mine = message.help_id in (self.model.claim, self._mirror_for)
        request = self.model.ended(message.help_id)
        self._refresh_queue()
        self._refresh_board()
        if not was_mine:
            return
        kiosk = request.kiosk_name if request is not None else "the kiosk"
        text = words.ENDINGS[message.reason].format(kiosk=kiosk)
        if message.outcome is not None:
            text = f"{text} Outcome: {words.OUTCOMES[message.outcome]}."
        tone = "info" if message.reason is HelpEndReason.CLOSED else "warning"
        self.window.show_notice(text, tone)
        self._close_mirror()

    def _on_live_error(self, message: LiveError) -> None:
        if message.code == "not_authenticated":
            self._leave(message.message, log_out=False)
            return
        self.window.show_notice(message.message, "error")

    def _alert(self, request: HelpRequest) -> None:
        self._attention(request.id, f"Help needed at {request.kiosk_name}")

    def _alert_passed(self, request: HelpRequest, passer: StaffRef) -> None:
        """A colleague passed the help they were giving to this greeter: the mirror opens
        on its own, but a greeter not looking at the tablet would miss a customer waiting."""
        self._passed = request.id
        self._attention(request.id, words.passed_help(request, passer))

    def _attention(self, entry_id: str, text: str) -> None:
        """The one cue for what needs this greeter: the chime, the banner, the line's flash
        (new help; a visitor, or the help they were giving, a colleague passed to them)."""
        self.alarm.ring()
        self.window.show_alert(entry_id, text)

    # The queue and the board ------------------------------------------------------------

    def _refresh_queue(self) -> None:
        queue = self.model.queue()
        self.window.queue.show_entries(
            [
                words.help_entry(r, self.model.waiting_s(r), mine=self.model.is_mine(r))
                for r in queue
            ]
        )
        if self._passed is not None and (
            self._passed != self.model.claim or self.window.alerted_entry != self._passed
        ):
            self._passed = None
        if self._passed is None and not any(request.claimed_by is None for request in queue):
            self.window.hide_alert()

    def _refresh_board(self) -> None:
        since = self.model.board_age_s()
        kiosks = self.model.kiosk_list()
        self.window.board.show_kiosks(
            [words.kiosk_card(k, self.model.help_at(k.status.device_id)) for k in kiosks]
        )
        self.window.fleet.show_fleet([words.fleet_row(k, since) for k in kiosks])

    def _on_fleet_requested(self) -> None:
        self.window.show_page(Page.FLEET)

    def _on_fleet_back_requested(self) -> None:
        self.window.show_page(Page.BOARD)

    def _on_figures_requested(self) -> None:
        self.window.show_page(Page.FIGURES)
        self.figures.refresh()

    def _on_assist_requested(self) -> None:
        self.window.show_page(Page.ASSIST)
        self.assist.open()

    def _on_figures_back_requested(self) -> None:
        self.window.show_page(Page.BOARD)

    def _on_tick(self) -> None:
        self.triage.tick()
        for request in self.model.queue():
            entry = self.window.queue.entries.get(request.id)
            if entry is not None:
                wait = words.duration(self.model.waiting_s(request))
                entry.set_waiting(f"Waiting {wait}")
        self._refresh_board()

    def _on_refresh(self) -> None:
        if self.link is not None and self.joined:
            self.link.send(BoardRefresh())

    def _on_alert_banner_pressed(self) -> None:
        if self._passed is not None and self._passed == self.window.alerted_entry:
            # Help passed to this greeter: to its mirror, the banner seen.
            self._passed = None
            self.window.hide_alert()
            if self.model.claim is not None:
                self.window.show_page(Page.MIRROR)
            return
        waiting = [r for r in self.model.queue() if r.claimed_by is None]
        if self.window.current_page() is not Page.MIRROR:
            self.window.show_page(Page.BOARD)
        if waiting:
            entry = self.window.queue.entries.get(waiting[0].id)
            if entry is not None:
                self.window.queue.scroll_area.ensureWidgetVisible(entry)
        elif self.window.alerted_entry in self.window.triage.entries:
            # A visitor passed to this greeter: their line, in the triage list.
            line = self.window.triage.entries[self.window.alerted_entry]
            self.window.triage.scroll_area.ensureWidgetVisible(line)

    def _on_claim_requested(self, help_id: str) -> None:
        self._send(HelpClaim(help_id=help_id))

    def _on_open_requested(self, help_id: str) -> None:
        if help_id == self.model.claim:
            self.window.show_page(Page.MIRROR)

    # Maintenance ------------------------------------------------------------------------

    def _on_maintenance_requested(self, device_id: int, action: str) -> None:
        kiosk = self.model.kiosks.get(device_id)
        if kiosk is None:
            return
        chosen = MaintenanceAction(action)
        question, explanation = words.CONFIRMS[chosen]
        self._pending = (device_id, chosen)
        name = kiosk.status.name
        self.window.confirm.ask(
            question.format(kiosk=name), explanation, f"{words.ACTIONS[chosen]}"
        )
        if self.window.current_page() is not Page.CONFIRM:
            self._before_confirm = self.window.current_page()
        self.window.show_page(Page.CONFIRM)

    def _on_confirmed(self) -> None:
        pending, self._pending = self._pending, None
        self.window.show_page(self._before_confirm)
        if pending is None:
            return
        device_id, action = pending
        if self._send(KioskMaintenance(device_id=device_id, action=action)):
            kiosk = self.model.kiosks.get(device_id)
            name = kiosk.status.name if kiosk is not None else "the kiosk"
            self.window.show_notice(f"Sent to {name}: {words.ACTIONS[action]}.")

    def _on_confirm_cancelled(self) -> None:
        self._pending = None
        self.window.show_page(self._before_confirm)

    # The mirror and guidance ------------------------------------------------------------

    def _open_mirror(self, help_id: str) -> None:
        request = self.model.requests.get(help_id)
        if request is None:
            return
        self._mirror_for = help_id
        mirror = self.window.mirror
        mirror.start(request.kiosk_name, self._tips(request.context.language))
        self._show_context(request)
        if self.model.last_screen is not None:
            self._draw_screen(self.model.last_screen)
        self.window.show_page(Page.MIRROR)

    def _close_mirror(self) -> None:
        self._mirror_for = None
        self.window.mirror.screen.clear()
        if self.window.current_page() is Page.MIRROR:
            self.window.show_page(Page.BOARD)

    def _show_context(self, request: HelpRequest) -> None:
        entry = words.help_entry(request, self.model.waiting_s(request), mine=True)
        lines = [entry.service, *(f"Met: {e}" for e in entry.errors), entry.on_step]
        lines.append(entry.language)
        if entry.access:
            lines.append(entry.access)
        self.window.mirror.show_context(f"Helping at {request.kiosk_name}", lines)

    @staticmethod
    def _tips(language: str) -> list[tuple[str, str, str | None]]:
        english = base_language(language) == "en"
        return [
            (tip, tip_text(tip, "en"), None if english else tip_text(tip, language))
            for tip in READY_MADE_TIPS
        ]

    def _draw_screen(self, message: ScreenUpdate) -> None:
        mirror = self.window.mirror
        if message.kiosk is not None:
            mirror.show_screen(message.kiosk, message.state)
        elif message.state is None:
            # An older kiosk says which page, not what is on it.
            mirror.show_no_form(words.screen(message.screen))
        else:
            mirror.show_state(message.state)

    def _on_highlight_requested(self, field: object) -> None:
        chosen = field if isinstance(field, str) else None
        if self.model.claim is not None and self._send(
            GuideHighlight(help_id=self.model.claim, field=chosen)
        ):
            self.window.mirror.show_sent(
                "The field is marked on the kiosk." if chosen else "The mark is taken away."
            )

    def _on_tip_requested(self, tip_id: str) -> None:
        if self.model.claim is not None and self._send(
            GuideTip(help_id=self.model.claim, tip_id=tip_id)
        ):
            self.window.mirror.show_sent(f"Tip sent: {tip_text(tip_id, 'en')}")

    def _on_own_tip_requested(self, text: str) -> None:
        if self.model.claim is not None and self._send(
            GuideTip(help_id=self.model.claim, text=text[:200])
        ):
            self.window.mirror.show_sent(f"Tip sent: {text[:200]}")

    def _on_coming_requested(self) -> None:
        if self.model.claim is not None and self._send(GuideComing(help_id=self.model.claim)):
            self.window.mirror.show_sent("The customer is told you are coming over.")

    def _on_fill_ask_requested(self, field_id: str) -> None:
        if self.model.claim is not None and self._send(
            FillAsk(help_id=self.model.claim, field=field_id)
        ):
            self.window.mirror.fill.show_consent(Consent.ASKED)

    def _on_fill_requested(self, field_id: str, value: str) -> None:
        fill = self.window.mirror.fill
        if self.model.claim is not None and self._send(
            FillValue(help_id=self.model.claim, field=field_id, value=value)
        ):
            self.window.mirror.show_sent(f"Typed on the kiosk in “{fill.field_label}”.")

    def _on_mirror_pass_on_requested(self) -> None:
        """Pass on the help request on the mirror: the triage list's Pass on page (its
        note, any advisor or a named colleague), back to the mirror if not passed."""
        help_id = self.model.claim
        request = self.model.requests.get(help_id) if help_id is not None else None
        if request is None:
            return
        self._pass_on_from_mirror = request.id
        self.window.triage.open_pass_on(request.id, f"Help at {request.kiosk_name}")

    def _on_pass_on_cancelled(self) -> None:
        help_id, self._pass_on_from_mirror = self._pass_on_from_mirror, None
        if help_id is not None and help_id == self.model.claim:
            self.window.show_page(Page.MIRROR)

    def _on_pass_on_chosen(self) -> None:
        # To the list, where a refusal would show; the hub closes the mirror once passed.
        self._pass_on_from_mirror = None

    def _on_release_requested(self) -> None:
        help_id = self.model.claim
        if help_id is not None and self._send(HelpRelease(help_id=help_id)):
            self._close_mirror()

    def _on_close_requested(self, outcome: str) -> None:
        if self.model.claim is not None:
            self._send(HelpClose(help_id=self.model.claim, outcome=HelpOutcome(outcome)))

    def _send(self, message: LiveMessage) -> bool:
        if self.link is not None and self.link.send(message):
            return True
        self.window.show_notice(NOT_CONNECTED, "error")
        return False
