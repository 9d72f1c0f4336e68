"""The triage list's logic at the desk: the location's open entries from the live hub
(the welcome's list, then ``triage.changed``), shown in the shared calling order with
timers that tick locally, and the greeter's actions sent to the backend off the UI thread
(the desk's :class:`~shared.ui.background.Background`).

Help requests are entries of the same list; they stay in the help-request column with
Claim and the mirror, so this list shows the other kinds. Call next takes the top of the
whole list: when that is a help request, the desk claims it on the hub (``claim_help``)
and the mirror opens as it does for Claim."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Signal

from shared.catalogue.schemas import Tier
from shared.client import BackendClient
from shared.errors import FirstStopError, NotFound
from shared.triage.order import calling_order
from shared.triage.schemas import (
    OPEN_STATES,
    AccessNeed,
    Colleagues,
    Transfer,
    TriageEntry,
    TriageKind,
    TriageOutcome,
    WalkInCreate,
)
from shared.ui.background import Background
from staffdesk.triage import words
from staffdesk.triage.pass_on import ANY_ADVISOR
from staffdesk.triage.view import TriageView

log = logging.getLogger(__name__)

PARK_REASON = "Set aside at the desk"
NOBODY_WAITING = "Nobody is waiting to be called."


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TriagePresenter(QObject):
    # A colleague passed a visitor to this greeter by name (entry id, the banner's words):
    # the desk alerts as it does for new help, for the line alone could go unseen.
    passed_to_me = Signal(str, str)

    def __init__(
        self,
        view: TriageView,
        background: Background,
        claim_help: Callable[[str], None],
        now: Callable[[], datetime] = _utc_now,
        parent: QObject | None = None,
    ) -> None:
        """``now`` is the desk's clock (tests give their own to turn a timer amber)."""
        super().__init__(parent)
        self.view = view
        self.background = background
        self.claim_help = claim_help
        self.now = now
        self.entries: dict[str, TriageEntry] = {}
        self.me: int | None = None
        self.token: str | None = None
        self.location: str | None = None
        # The hub's clock minus ours, so a timer agrees with every other desk.
        self.clock_offset = timedelta(0)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.view.call_next_requested.connect(self._on_call_next_requested)
        self.view.action_requested.connect(self._on_action_requested)
        self.view.close_requested.connect(self._on_close_requested)
        self.view.walk_in_requested.connect(self._on_walk_in_requested)
        self.view.transfer_opened.connect(self._on_transfer_opened)
        self.view.transfer_requested.connect(self._on_transfer_requested)

    # From the desk ----------------------------------------------------------------------

    def signed_in(self, token: str, location: str) -> None:
        self.token = token
        self.location = location

    def signed_out(self) -> None:
        self.token = None
        self.location = None
        self.entries = {}
        self.view.show_notice("")
        self.refresh()

    def welcome(
        self, entries: Iterable[TriageEntry], server_time: datetime, me: int | None = None
    ) -> None:
        """``me``: the greeter's staff id (an entry passed to them says so)."""
        self.me = me
        self.clock_offset = server_time - self.now()
        self.entries = {entry.id: entry for entry in entries}
        self.refresh()

    def changed(self, entry: TriageEntry) -> None:
        before = self.entries.get(entry.id)
        if entry.state in OPEN_STATES:
            self.entries[entry.id] = entry
        else:
            self.entries.pop(entry.id, None)
        self.refresh()
        if self._newly_mine(before, entry):
            self.passed_to_me.emit(entry.id, words.passed_to_me(entry))

    def _newly_mine(self, before: TriageEntry | None, entry: TriageEntry) -> bool:
        if self.me is None or entry.state not in OPEN_STATES or entry.assigned_to is None:
            return False
        was = before.assigned_to.id if before and before.assigned_to else None
        return entry.assigned_to.id == self.me and was != self.me

    def shown(self) -> list[TriageEntry]:
        """The entries this list shows, in calling order (help requests have their own)."""
        return [e for e in calling_order(self.entries.values()) if e.kind is not TriageKind.HELP]

    def refresh(self) -> None:
        now = self.now() + self.clock_offset
        self.view.show_entries([words.line(entry, now, self.me) for entry in self.shown()])

    def tick(self) -> None:
        """Each second: the timers move (and turn amber, then red) without a message."""
        now = self.now() + self.clock_offset
        for entry in self.shown():
            view = self.view.entries.get(entry.id)
            if view is not None:
                shown = words.timer(entry, now)
                view.set_timer(shown.text, shown.tone)

    # The greeter's actions --------------------------------------------------------------

    def _on_call_next_requested(self) -> None:
        location = self.location
        self._run(lambda client: client.call_next(location))

    def _on_action_requested(self, entry_id: str, action: str) -> None:
        location = self.location

        def act(client: BackendClient) -> TriageEntry:
            if action == "park":
                return client.park(entry_id, PARK_REASON, location)
            return client.triage_action(entry_id, action, None, location)

        self._run(act)

    def _on_transfer_opened(self, entry_id: str) -> None:
        token, location, me = self.token, self.location, self.me
        if token is None:
            return

        def fetch(client: BackendClient) -> Colleagues:
            return client.colleagues(location)

        def show(found: object) -> None:
            if isinstance(found, Colleagues):
                self.view.show_colleagues(
                    entry_id, [words.colleague(c) for c in found.staff if c.id != me]
                )

        self.background.call_as(token, fetch, show, self._on_failed)

    def _on_transfer_requested(self, entry_id: str, staff_id: int, note: str) -> None:
        location = self.location
        to = (
            Transfer(to_advisor=True, note=note or None)
            if staff_id == ANY_ADVISOR
            else Transfer(staff_id=staff_id, note=note or None)
        )
        self._run(lambda client: client.transfer(entry_id, to, location))

    def _on_close_requested(self, entry_id: str, outcome: str) -> None:
        location = self.location
        chosen = TriageOutcome(outcome)
        self._run(lambda client: client.close_entry(entry_id, chosen, location))

    def _on_walk_in_requested(self, need: str, tier: int, name: str, declared: list[str]) -> None:
        walk_in = WalkInCreate(
            location_code=self.location,
            topics=(need,),
            tier=Tier(tier),
            name=name or None,
            needs=tuple(AccessNeed(chosen) for chosen in declared),
        )
        self._run(lambda client: client.add_walk_in(walk_in))

    def _run(self, work: Callable[[BackendClient], TriageEntry]) -> None:
        token = self.token
        if token is None:
            self.view.show_notice("The desk is not signed in just now.")
            return
        self.view.show_notice("")
        self.background.call_as(token, work, self._on_done, self._on_failed)

    def _on_done(self, entry: object) -> None:
        if not isinstance(entry, TriageEntry):
            return
        # The hub tells every desk too; drawing it now saves this one the wait.
        self.changed(entry)
        if entry.kind is TriageKind.WALK_IN and entry.ticket and self.view.walk_in.isVisible():
            self.view.walk_in.show_ticket(entry.ticket)
        if entry.kind is TriageKind.HELP:
            self.claim_help(entry.id)

    def _on_failed(self, error: FirstStopError) -> None:
        if isinstance(error, NotFound):
            self.view.show_notice(NOBODY_WAITING)
            return
        log.info("a triage action failed (%s)", error.code)
        self.view.show_notice(error.message)
