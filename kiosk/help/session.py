"""Help me, from the kiosk's side of the live hub: ask, wait, be helped, stop.

:class:`HelpSession` keeps the kiosk's one open help request and talks to the hub through a
:class:`~shared.ui.live.LiveLink`. While a greeter has claimed it, every screen the customer
sees is sent (:meth:`share`) as a :class:`ScreenState`, which masks every sensitive answer
before it is built: nothing unmasked ever reaches this class. Before a claim, and after the
help ends, nothing about the screen is sent at all.

A dropped connection loses nothing: on each new connection the session says hello with its
open request (the hub knows it by id and does not alert twice) and, if helped, sends the
whole screen again. The hub's answer (:class:`KioskWelcome`) says what became of the
request meanwhile: still waiting, claimed, or ended.

The greeter may ask to type into a field for the customer (:class:`FillAsk`). Only after the
customer allowed it (:meth:`answer_fill`) is a typed value (:class:`FillValue`) passed on,
and the consent ends with the claim: released, ended, or the session wiped.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from shared.flow.kiosk_pages import HelpStatus
from shared.flow.kiosk_screen import KioskScreen
from shared.flow.screen_state import ScreenState
from shared.live.messages import (
    FillAsk,
    FillConsent,
    FillValue,
    GuideComing,
    GuideHighlight,
    GuideTip,
    HelpCancel,
    HelpClaimed,
    HelpContext,
    HelpEnded,
    HelpEndReason,
    HelpNotice,
    HelpRaise,
    HelpReleased,
    KioskActivity,
    KioskActivityChange,
    KioskHello,
    KioskWelcome,
    LiveError,
    MaintenanceAction,
    MaintenanceCommand,
    ScreenUpdate,
)

if TYPE_CHECKING:
    # Attached after the first frame: QtWebSockets and QtNetwork are not loaded before it.
    from shared.ui.live import LiveLink

__all__ = ["HelpSession", "HelpStatus"]

log = logging.getLogger(__name__)


class HelpSession(QObject):
    # Read ``status``, ``helper`` and ``coming`` for what changed.
    status_changed = Signal()
    # A greeter pointed at a field (its id), or took the mark away (None).
    highlight_requested = Signal(object)
    # A tip: a ready-made one's id (or ""), and the greeter's own words (or "").
    tip_received = Signal(str, str)
    # Staff at the board asked for this (a MaintenanceAction's value).
    maintenance_requested = Signal(str)
    # Whether help can be asked for now (the live hub is reachable).
    available_changed = Signal(bool)
    # The help ended from the hub's side (a greeter closed it, or it ended while the kiosk
    # was away), not by the customer: they should be told.
    ended_by_helper = Signal()
    # Nobody claimed the request in time (the hub ended it, ``timed_out``): say so.
    timed_out = Signal()
    # The greeter asks to type into a field (its id) for the customer: ask them.
    fill_asked = Signal(str)
    # The greeter typed this for a field (its id, the value), with the customer's consent.
    fill_received = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._link: LiveLink | None = None
        self.status = HelpStatus.NONE
        self.helper: str | None = None
        self.coming = False
        # Where the open request went, when not to this place's own desk: the central shop
        # (``remote``), or nowhere because all are closed (``closed``); the hub's notice.
        self.notice: HelpNotice | None = None
        self._raise: HelpRaise | None = None
        # A cancel the hub has not heard yet (sent on reconnecting).
        self._unsent_cancel: HelpCancel | None = None
        # The request the last hello carried: the hub's welcome answers about that one only
        # (a request raised after the hello is the hub's to hear next).
        self._hello_help_id: str | None = None
        self._activity = KioskActivity.IDLE
        self._screen: tuple[str, ScreenState | None, KioskScreen | None] = ("welcome", None, None)
        # What the claiming greeter last got: the same screen is not sent twice.
        self._sent: tuple[str, ScreenState | None, KioskScreen | None] | None = None
        self._sequence = 0
        # The customer allowed their greeter to type for them (until this claim ends).
        self.fill_allowed = False

    def attach(self, link: LiveLink) -> None:
        """Use ``link`` from now on (made after the first frame, with the device token)."""
        self._link = link
        link.connected_changed.connect(self._on_connected_changed)
        link.received.connect(self._on_received)

    @property
    def available(self) -> bool:
        return self._link is not None and self._link.connected

    @property
    def help_id(self) -> str | None:
        return self._raise.help_id if self._raise else None

    # What the kiosk does -----------------------------------------------------------------

    def request(self, context: HelpContext) -> bool:
        """Ask for help; ``False`` if the hub cannot be reached just now."""
        if self.status is not HelpStatus.NONE:
            return True
        if self._link is None or not self._link.connected:
            return False
        self._raise = HelpRaise(help_id=uuid.uuid4().hex, context=context)
        self._link.send(self._raise)
        self._set(HelpStatus.WAITING)
        return True

    def cancel(self, reason: HelpEndReason = HelpEndReason.CANCELLED) -> None:
        """The customer ended it (or their session ended). The hub hears now, or, if it
        cannot be reached, on reconnecting (the request is then not re-raised)."""
        if self._raise is None:
            return
        cancel = HelpCancel(help_id=self._raise.help_id, reason=reason)
        if self._link is None or not self._link.send(cancel):
            self._unsent_cancel = cancel
        self._reset()

    def share(
        self, screen: str, state: ScreenState | None, kiosk: KioskScreen | None = None
    ) -> None:
        """The screen the customer now sees: its name, its journey state on a journey's
        steps, and the whole kiosk screen around it. Sent only while a greeter helps, and
        only when it changed."""
        self._screen = (screen, state, kiosk)
        if self.status is HelpStatus.HELPED and self._screen != self._sent:
            self._send_screen()

    def answer_fill(self, allowed: bool) -> None:
        """The customer's answer to a fill ask: Allow lets the greeter who is helping type
        into their fields until the help ends; No thanks refuses. The hub is told either
        way (and audits it)."""
        if self._raise is None or self.status is not HelpStatus.HELPED:
            return
        self.fill_allowed = allowed
        if self._link is not None:
            self._link.send(FillConsent(help_id=self._raise.help_id, allowed=allowed))

    def set_activity(self, activity: KioskActivity) -> None:
        if activity is self._activity:
            return
        self._activity = activity
        if self._link is not None:
            self._link.send(KioskActivityChange(activity=activity))

    # Internals ----------------------------------------------------------------------------

    def _send_screen(self) -> None:
        if self._link is None or self._raise is None:
            return
        self._sequence += 1
        screen, state, kiosk = self._screen
        self._sent = self._screen
        self._link.send(
            ScreenUpdate(
                help_id=self._raise.help_id,
                sequence=self._sequence,
                screen=screen,
                state=state,
                kiosk=kiosk,
            )
        )

    def _set(self, status: HelpStatus, helper: str | None = None) -> None:
        self.status = status
        self.helper = helper
        if status is not HelpStatus.HELPED:
            self.coming = False
            self.fill_allowed = False
        self.status_changed.emit()

    def _reset(self) -> None:
        self._raise = None
        self.notice = None
        self.highlight_requested.emit(None)
        self._set(HelpStatus.NONE)

    @Slot(bool)
    def _on_connected_changed(self, connected: bool) -> None:
        if connected and self._link is not None:
            self._hello_help_id = self.help_id
            self._link.send(KioskHello(activity=self._activity, open_help=self._raise))
            if self._unsent_cancel is not None:
                self._link.send(self._unsent_cancel)
                self._unsent_cancel = None
        self.available_changed.emit(connected)

    @Slot(object)
    def _on_received(self, message: object) -> None:
        ours = self.help_id
        if isinstance(message, KioskWelcome):
            self._welcomed(message)
        elif isinstance(message, MaintenanceCommand):
            self.maintenance_requested.emit(message.action.value)
        elif isinstance(message, LiveError):
            # The code only: a message could one day quote something.
            log.warning("the live hub refused a message (%s)", message.code)
        elif ours is None or getattr(message, "help_id", None) != ours:
            return
        elif isinstance(message, HelpClaimed):
            self._set(HelpStatus.HELPED, message.staff.name)
            self._send_screen()
        elif isinstance(message, HelpReleased):
            self.highlight_requested.emit(None)
            self._set(HelpStatus.WAITING)
        elif isinstance(message, HelpNotice):
            self.notice = message
            self.status_changed.emit()
        elif isinstance(message, HelpEnded):
            self._reset()
            if message.reason is HelpEndReason.TIMED_OUT:
                self.timed_out.emit()
            else:
                self.ended_by_helper.emit()
        elif self.status is HelpStatus.HELPED:
            self._guided(message)

    def _guided(self, message: object) -> None:
        """Guidance from the greeter who is helping: a mark, a tip, "coming over", a fill."""
        if isinstance(message, GuideHighlight):
            self.highlight_requested.emit(message.field)
        elif isinstance(message, GuideTip):
            self.tip_received.emit(message.tip_id or "", message.text or "")
        elif isinstance(message, FillAsk):
            self.fill_asked.emit(message.field)
        elif isinstance(message, FillValue):
            if self.fill_allowed:
                self.fill_received.emit(message.field, message.value)
            else:
                log.warning("a value typed at the desk came without the customer's consent")
        elif isinstance(message, GuideComing):
            self.coming = True
            self.status_changed.emit()

    def _welcomed(self, welcome: KioskWelcome) -> None:
        if welcome.out_of_order:
            self.maintenance_requested.emit(MaintenanceAction.OUT_OF_ORDER.value)
        else:
            self.maintenance_requested.emit(MaintenanceAction.BACK_IN_SERVICE.value)
        if self._raise is None or self._raise.help_id != self._hello_help_id:
            return
        request = welcome.help
        if request is None or request.id != self._raise.help_id:
            # It ended while the kiosk was away (a greeter closed it).
            self._reset()
            self.ended_by_helper.emit()
        elif request.claimed_by is not None:
            self._set(HelpStatus.HELPED, request.claimed_by.name)
            self._send_screen()
        elif self.status is not HelpStatus.WAITING:
            self._set(HelpStatus.WAITING)
