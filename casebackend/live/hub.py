"""The live hub: kiosks raise help and share their screen; greeters' desks claim and guide.

One WebSocket per app at ``/live``, signed in with the same bearer token as the API (a
kiosk's device token, or a staff session token with ``?location=CODE`` for the desk's
location). Rooms:

* ``desks:<location id>`` — every desk at a location: new requests, claims, kiosks' presence;
* ``kiosk:<device id>`` — one kiosk: its greeter's name, guidance, maintenance commands;
* ``mirror:<help id>`` — the claiming greeter's desk only: the kiosk's screen.

A kiosk's screen reaches nobody until a greeter has claimed its request, and then only that
greeter. Every connection has its own bounded send queue and writer task, so a slow tablet
never holds up a message to anyone else; one that falls too far behind is disconnected and
gets the whole picture again when it reconnects.

A sign-in that stops working closes its sockets within seconds: a logout at once (the token
cache tells the hub, which tells every other process), ``firststop admin deactivate-staff``
or ``revoke-device`` at once on PostgreSQL (the command asks every process to re-check),
anything else (a session expiring) at the next re-check, every ``live_recheck_seconds``, of
every token this process holds open or remembers, in one query. From that moment the socket
gets nothing more: one ``error``, then close code 4410 (4401 for a session that ran out),
and its greeter's claims go back to the queue at once.

Several processes (workers, machines) share the hub through a broker that spans them
(``live_broker = "postgresql"``). Every process knows what every other holds through the
broker's ``hub`` room (:mod:`casebackend.live.control`): which kiosks and desks are
connected where, the claims, and the last (masked) screen of each claimed request; so any
process serves any desk or kiosk. A process not heard from for
``live_peer_timeout_seconds`` is forgotten: its kiosks leave the board, and its greeters'
claims go back after the grace unless their desk is connected elsewhere.

A screen reaches a desk only through :meth:`LiveHub._masked_screen`, which masks every
answer the catalogue calls sensitive, whatever the kiosk sent.

A greeter types into a kiosk's field only with the customer's consent: the kiosk's
``fill.consent`` (audited) is kept by every process until the claim ends, and a
``fill.value`` without it is refused; each one let through is audited (who, which field,
never the value).

Database work (recognising the token, recording requests and claims) runs in worker threads;
the event loop only parses, checks and fans out.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

import anyio.to_thread
from fastapi import WebSocket, WebSocketDisconnect
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from casebackend.cases.models import ActorKind
from casebackend.context import BackendContext
from casebackend.db.base import utcnow
from casebackend.db.engine import make_session_factory, unit_of_work
from casebackend.identity import service as identity
from casebackend.identity.principal import Principal
from casebackend.identity.secrets import token_hash
from casebackend.live import service
from casebackend.live.broker import InProcessBroker, LiveBroker
from casebackend.live.control import CONTROL, TOOL, control
from casebackend.live.service import DeskPlace
from casebackend.triage import faults as triage_faults
from casebackend.triage import news as triage_news
from casebackend.triage import service as triage
from casebackend.triage.service import TriageRules
from shared.errors import Conflict, FirstStopError, InvalidInput, NotAuthenticated
from shared.flow.masking import mask_screen_state
from shared.live.messages import (
    READS_PASSES,
    BoardRefresh,
    BoardUpdate,
    DeskWelcome,
    FillAsk,
    FillConsent,
    FillValue,
    GuideComing,
    GuideHighlight,
    GuideTip,
    HelpCancel,
    HelpClaim,
    HelpClaimed,
    HelpClose,
    HelpEnded,
    HelpEndReason,
    HelpNotice,
    HelpRaise,
    HelpRaised,
    HelpRelease,
    HelpReleased,
    KioskActivity,
    KioskActivityChange,
    KioskHello,
    KioskMaintenance,
    KioskPresence,
    KioskWelcome,
    LiveError,
    LiveMessage,
    MaintenanceAction,
    MaintenanceCommand,
    ScreenUpdate,
    Sender,
    StaffRef,
    TriageChanged,
    read_message,
    without_passes,
    write_message,
)
from shared.logsafe import describe
from shared.schema import replace
from shared.triage.schemas import FaultKind, TriageEntry, TriageList

log = logging.getLogger(__name__)

_T = TypeVar("_T")

# WebSocket close codes (4000 to 4999 are the application's own).
CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_TOO_SLOW = 4408
CLOSE_PROTOCOL = 4400
# The sign-in was taken away (signed out, staff deactivated, kiosk revoked): never again
# with this token. The apps do not reconnect with it.
CLOSE_REVOKED = 4410
# A message larger than this is refused (a whole screen state is a few kilobytes).
MAX_MESSAGE_CHARS = 64 * 1024
# Messages waiting for one slow connection before it is let go.
SEND_QUEUE = 512
HELLO_TIMEOUT_S = 15.0


# What a connection whose sign-in was taken away is told, just before it is closed.
_SIGNED_OUT = "You have been signed out. Please sign in again."
_ENDED = "Your sign-in has ended. Please sign in again."
_WITHDRAWN = "This kiosk has been withdrawn from service. Ask staff to enrol it again."


def desks(location_id: int) -> str:
    return f"desks:{location_id}"


def kiosk(device_id: int) -> str:
    return f"kiosk:{device_id}"


def mirror(help_id: str) -> str:
    return f"mirror:{help_id}"


# How often each process says it is alive, when there are several.
ALIVE_EVERY_S = 1.0


@dataclass(frozen=True, slots=True)
class _Close:
    """The end of a connection's send queue: close with this code and reason."""

    code: int
    reason: str


@dataclass(eq=False)
class _Connection:
    websocket: WebSocket
    principal: Principal
    token_hash: str = ""
    queue: asyncio.Queue[str | _Close] = field(default_factory=lambda: asyncio.Queue(SEND_QUEUE))
    rooms: set[str] = field(default_factory=set)
    # The hub is closing it (too slow, or its sign-in was taken away): nothing more goes in.
    closing: bool = False
    revoked: bool = False
    # Where a desk is signed in; set once the connection has had its welcome.
    place: DeskPlace | None = None
    welcomed: bool = False
    # A desk of this version, which reads a pass marked on a claim (``/live?reads=passes``);
    # every other connection (a kiosk, an earlier desk) gets a pass as a plain claim.
    reads_passes: bool = False

    def deliver(self, text: str) -> None:
        if self.closing:
            return
        if not self.reads_passes:
            text = without_passes(text)
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            log.warning("a live connection fell %d messages behind; closing it", SEND_QUEUE)
            # Make room for the end marker; the connection gets everything again on return.
            with contextlib.suppress(asyncio.QueueEmpty):
                self.queue.get_nowait()
            self.closing = True
            self.queue.put_nowait(_Close(CLOSE_TOO_SLOW, "too far behind"))

    def send(self, message: LiveMessage) -> None:
        self.deliver(write_message(message))

    def is_closing(self) -> bool:
        return self.closing

    def end(self, last: LiveMessage, close: _Close) -> None:
        """Close after ``last``: whatever was still waiting to go is dropped."""
        if self.closing:
            return
        self.closing = True
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(write_message(last))
        self.queue.put_nowait(close)

    async def write(self) -> None:
        while True:
            item = await self.queue.get()
            if isinstance(item, _Close):
                await self.websocket.close(item.code, item.reason)
                return
            await self.websocket.send_text(item)


class LiveHub:
    """One per backend process. ``serve`` runs one connection from accept to close."""

    def __init__(self, context: BackendContext, broker: LiveBroker | None = None) -> None:
        self._context = context
        self._broker = broker or InProcessBroker()
        # This process, among the hub's processes.
        self._me = uuid.uuid4().hex[:12]
        # Kiosks connected to this process: how many sockets each has open (a reconnect
        # can overlap the old socket's close).
        self._sockets: defaultdict[int, int] = defaultdict(int)
        # Kiosks connected to any process: which processes hold each, where it is and what
        # it is doing (kept from the CONTROL room, this process's news included).
        self._kiosk_at: dict[int, set[str]] = {}
        self._activity: dict[int, KioskActivity] = {}
        self._location_of: dict[int, int] = {}
        # Claimed requests: help id -> (device id, staff id); the last screen of each.
        self._claimed: dict[str, tuple[int, int]] = {}
        self._screens: dict[str, tuple[int, str]] = {}
        # Claimed requests whose customer allowed their greeter to type for them.
        self._consent: set[str] = set()
        # Desks connected to this process, by (staff id, location id); the processes each
        # desk is connected to, anywhere; and the pending give-back of the claims of a
        # greeter whose desk has gone from every process.
        self._desks: defaultdict[tuple[int, int], int] = defaultdict(int)
        self._desk_at: dict[tuple[int, int], set[str]] = {}
        self._abandon: dict[tuple[int, int], asyncio.Task[None]] = {}
        # When each other process was last heard from (monotonic).
        self._heard: dict[str, float] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._alive: asyncio.Task[None] | None = None
        # Every open connection of this process, by the hash of the token it signed in with.
        self._by_token: defaultdict[str, set[_Connection]] = defaultdict(set)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._rechecking: asyncio.Task[None] | None = None
        # The triage list's news about help requests, read from the database one at a time
        # (in order) after each help message to a location's desks; location codes by id,
        # learnt as desks join (a fault's news goes to desks connected here only).
        self._help_news: asyncio.Queue[tuple[str, LiveMessage]] = asyncio.Queue()
        self._help_news_task: asyncio.Task[None] | None = None
        self._timing_out: asyncio.Task[None] | None = None
        self._codes: dict[int, str] = {}
        # Each kiosk's fault as this process last told its desks (a change forgets a
        # greeter's closing of the one before).
        self._faults: dict[int, FaultKind | None] = {}
        # Reads that need no writer (the sign-ins' re-check, the help lines' news): on a
        # SQLite file, a read-only connection of their own, so that they never hold up a
        # raise or a claim on the writer's one connection; elsewhere, the usual sessions.
        self._reads: sessionmaker[Session] | None = None

    async def start(self) -> None:
        """On the backend's event loop, as it starts: listen for revoked tokens, and re-check
        every held and remembered token every ``live_recheck_seconds``; with several
        processes, join the others (ask what they hold, say when alive)."""
        self._loop = asyncio.get_running_loop()
        if self._context.reader is not None:
            self._reads = make_session_factory(self._context.reader)
        self._context.principals.listen(self._on_revoked)
        self._context.principals.announce_with(self._on_revoked_here)
        self._broker.subscribe(CONTROL, self._on_control)
        self._broker.on_reconnect = self._on_reconnect
        await self._broker.start()
        self._rechecking = asyncio.create_task(self._recheck_forever())
        # What services tell the desks (the triage list; help through the API) goes out once
        # its transaction has committed.
        event.listen(self._context.sessions, "after_commit", self._after_commit)
        event.listen(self._context.sessions, "after_transaction_end", self._after_transaction)
        self._help_news_task = asyncio.create_task(self._help_news_forever())
        self._timing_out = asyncio.create_task(self._time_out_forever())
        if self._broker.spans_processes:
            await self._resync(welcome_again=False)
            self._alive = asyncio.create_task(self._alive_forever())

    async def close(self) -> None:
        """The backend is stopping: pending give-backs are dropped (the claims stay in the
        database, and the next start's desks and kiosks pick them up); the other processes
        are told this one has gone."""
        self._context.principals.unlisten(self._on_revoked)
        self._context.principals.announce_with(None)
        with contextlib.suppress(Exception):
            event.remove(self._context.sessions, "after_commit", self._after_commit)
            event.remove(self._context.sessions, "after_transaction_end", self._after_transaction)
        for task in (
            self._rechecking,
            self._alive,
            self._help_news_task,
            self._timing_out,
            *self._tasks,
        ):
            if task is not None:
                task.cancel()
        self._rechecking = self._alive = self._help_news_task = self._timing_out = None
        for task in self._abandon.values():
            task.cancel()
        self._abandon.clear()
        if self._broker.spans_processes:
            self._share("bye")
        await self._broker.close()

    # Plumbing -----------------------------------------------------------------------------

    async def _db(self, work: Callable[[Session], _T], *, read_only: bool = False) -> _T:
        """``work`` in one transaction, on a worker thread. ``read_only``: it writes nothing
        and tells nobody anything, so it may run on the readers' connection."""
        sessions = (self._reads if read_only else None) or self._context.sessions

        def run() -> _T:
            with unit_of_work(sessions) as session:
                return work(session)

        return await anyio.to_thread.run_sync(run)

    def _subscribe(self, connection: _Connection, room: str) -> None:
        if room not in connection.rooms:
            connection.rooms.add(room)
            self._broker.subscribe(room, connection.deliver)

    def _unsubscribe(self, connection: _Connection, room: str) -> None:
        if room in connection.rooms:
            connection.rooms.discard(room)
            self._broker.unsubscribe(room, connection.deliver)

    def _publish(self, room: str, message: LiveMessage) -> None:
        self._broker.publish(room, write_message(message))
        if room.startswith("desks:") and isinstance(
            message, HelpRaised | HelpClaimed | HelpReleased | HelpEnded
        ):
            self._help_news.put_nowait((room, message))

    def _spawn(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _recognise(self, websocket: WebSocket) -> tuple[Principal, str]:
        header = websocket.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise NotAuthenticated("Please sign in first: send 'Authorization: Bearer <token>'.")
        principals = self._context.principals
        digest = token_hash(token)

        def load(session: Session) -> Principal:
            return principals.get(digest, lambda: identity.principal_for_bearer(session, token))

        return await self._db(load), digest

    # Sign-ins taken away ------------------------------------------------------------------

    def _on_revoked(self, digest: str) -> None:
        """The token cache's news, on whichever thread revoked it: handled on the loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._revoked, digest)

    def _on_revoked_here(self, digest: str) -> None:
        """A token revoked by this process (a sign-out): every other process is told."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(partial(self._share, "revoked", t=digest))

    def _revoked(self, digest: str) -> None:
        """Every connection signed in with this token stops receiving now, and is closed."""
        for connection in tuple(self._by_token.get(digest, ())):
            for room in tuple(connection.rooms):
                self._unsubscribe(connection, room)
            expires = connection.principal.expires_at
            if expires is not None and expires <= time.time():
                close, words = _Close(CLOSE_NOT_AUTHENTICATED, "signed out"), _ENDED
            elif connection.principal.is_staff:
                close, words = _Close(CLOSE_REVOKED, "signed out"), _SIGNED_OUT
            else:
                close, words = _Close(CLOSE_REVOKED, "revoked"), _WITHDRAWN
            connection.revoked = True
            connection.end(LiveError(code="not_authenticated", message=words), close)
            log.info("a live connection's sign-in was taken away; closing it (%d)", close.code)

    async def _recheck_forever(self) -> None:
        while True:
            await asyncio.sleep(self._context.settings.live_recheck_seconds)
            try:
                await self._recheck()
            except Exception:
                log.exception("re-checking the live hub's sign-ins failed; trying again")

    async def _recheck(self) -> None:
        """One query for every token this process holds open or remembers; each that no
        longer works is revoked (the cache forgets it, its sockets close)."""
        principals = self._context.principals
        tokens = principals.remembered()
        for digest, connections in self._by_token.items():
            for connection in connections:
                tokens[digest] = connection.principal
        staff = {h for h, p in tokens.items() if p.kind is ActorKind.STAFF}
        devices = {h for h, p in tokens.items() if p.kind is ActorKind.DEVICE}
        if not staff and not devices:
            return
        valid = await self._db(
            partial(identity.still_signed_in, staff_tokens=staff, device_tokens=devices),
            read_only=True,
        )
        for digest in (staff | devices) - valid:
            # Every process re-checks its own: no need to tell the others.
            principals.revoke(digest, elsewhere_too=False)

    # Across processes -----------------------------------------------------------------------

    def _share(self, kind: str, body: str = "", **fields: Any) -> None:
        """Tell every hub process, this one first (at once, as it is published)."""
        self._broker.publish(CONTROL, control(kind, body, p=self._me, **fields))

    def _here(self, room: str, message: LiveMessage) -> None:
        self._broker.publish_here(room, write_message(message))

    def _on_control(self, text: str) -> None:  # noqa: PLR0912, PLR0915 — one branch per kind
        head, _, body = text.partition("\n")
        try:
            news = json.loads(head)
            kind, origin = str(news["k"]), str(news["p"])
            # New, or forgotten (not heard from for too long) and back: what does it hold?
            unknown = origin not in self._heard and origin not in (self._me, TOOL)
            if unknown and kind not in ("sync", "state", "bye"):
                self._share("ask", to=origin)
            if origin != TOOL and kind != "bye":
                self._heard[origin] = time.monotonic()
            if kind == "kiosk":
                activity = news["a"]
                self._kiosk_changed(
                    origin,
                    int(news["d"]),
                    int(news["l"]),
                    None if activity is None else KioskActivity(activity),
                )
            elif kind == "activity":
                self._activity_changed(int(news["d"]), KioskActivity(news["a"]))
            elif kind == "away":
                self._kiosk_away(int(news["d"]), int(news["l"]), out_of_order=bool(news["o"]))
            elif kind == "desk":
                desk = (int(news["s"]), int(news["l"]))
                self._desk_changed(origin, desk, up=bool(news["up"]), grace=news.get("g"))
            elif kind == "claim":
                self._claimed[str(news["h"])] = (int(news["d"]), int(news["s"]))
            elif kind == "unclaim":
                self._claimed.pop(str(news["h"]), None)
                self._screens.pop(str(news["h"]), None)
                self._consent.discard(str(news["h"]))
            elif kind == "consent":
                if news["a"] and str(news["h"]) in self._claimed:
                    self._consent.add(str(news["h"]))
                else:
                    self._consent.discard(str(news["h"]))
            elif kind == "unmirror":
                self._unmirror(str(news["h"]), int(news["s"]))
            elif kind == "screen":
                self._screen(str(news["h"]), int(news["n"]), body)
            elif kind in ("sync", "state"):
                self._their_state(origin, news)
                if kind == "sync" and origin != self._me:
                    self._share("state", **self._my_state())
            elif kind == "ask":
                if news["to"] == self._me:
                    self._share("state", **self._my_state())
            elif kind == "bye":
                if origin != self._me:
                    self._forget(origin)
            elif kind == "revoked":
                if origin != self._me:
                    self._context.principals.revoke(str(news["t"]), elsewhere_too=False)
            elif kind == "recheck":
                self._spawn(self._recheck())
            elif kind == "reload":
                self._spawn(anyio.to_thread.run_sync(self._context.reload))
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("a live hub message between processes was not understood (%s)", exc)

    def _kiosk_changed(
        self, origin: str, device_id: int, location_id: int, activity: KioskActivity | None
    ) -> None:
        """A process has a kiosk connected now (``activity``), or no longer (``None``)."""
        holders = self._kiosk_at.setdefault(device_id, set())
        if activity is None:
            holders.discard(origin)
            if holders:
                return  # still connected to another process: the desks saw no change
            del self._kiosk_at[device_id]
            was = self._activity.pop(device_id, None)
            self._kiosk_away(device_id, location_id, out_of_order=was is KioskActivity.OUT_OF_ORDER)
            return
        holders.add(origin)
        self._location_of[device_id] = location_id
        self._activity[device_id] = activity
        presence = KioskPresence(device_id=device_id, connected=True, activity=activity)
        # Every process tells its own desks.
        self._here(desks(location_id), presence)
        self._fault_news(location_id, presence)

    def _kiosk_away(self, device_id: int, location_id: int, *, out_of_order: bool) -> None:
        """A kiosk connected to no process: gone, or put out of order or back in service
        while away. Out of order it stays, as the board and ``GET /triage`` say."""
        if device_id in self._kiosk_at:
            return  # back meanwhile: its presence said so
        activity = KioskActivity.OUT_OF_ORDER if out_of_order else None
        presence = KioskPresence(device_id=device_id, connected=False, activity=activity)
        self._here(desks(location_id), presence)
        self._fault_news(location_id, presence)

    def _activity_changed(self, device_id: int, activity: KioskActivity) -> None:
        location_id = self._location_of.get(device_id)
        if device_id not in self._kiosk_at or location_id is None:
            return
        self._activity[device_id] = activity
        presence = KioskPresence(device_id=device_id, connected=True, activity=activity)
        self._here(desks(location_id), presence)
        self._fault_news(location_id, presence)

    def _desk_changed(
        self, origin: str, desk: tuple[int, int], *, up: bool, grace: float | None
    ) -> None:
        """A greeter's desk joined a process, or left it. When it has left every process,
        every process starts the give-back (the database lets one of them do it)."""
        holders = self._desk_at.setdefault(desk, set())
        if up:
            holders.add(origin)
            pending = self._abandon.pop(desk, None)
            if pending is not None:
                pending.cancel()
            return
        holders.discard(origin)
        if holders:
            return
        del self._desk_at[desk]
        pending = self._abandon.pop(desk, None)
        if pending is not None:
            pending.cancel()
        self._abandon[desk] = asyncio.create_task(self._give_back_later(desk, grace))

    def _screen(self, help_id: str, sequence: int, text: str) -> None:
        """A claimed request's screen, from the process its kiosk is connected to: kept
        (for a desk that claims or reconnects anywhere) and given to this process's desk."""
        previous = self._screens.get(help_id)
        if help_id not in self._claimed or (previous is not None and previous[0] > sequence):
            return
        self._screens[help_id] = (sequence, text)
        self._broker.publish_here(mirror(help_id), text)

    def _my_state(self) -> dict[str, Any]:
        """What this process holds: its kiosks, its desks, and the screens of its kiosks."""
        return {
            "kiosks": [
                [device, self._location_of[device], self._activity.get(device)]
                for device in self._sockets
                if device in self._location_of
            ],
            "desks": [list(desk) for desk in self._desks],
            "screens": [
                [help_id, sequence, text]
                for help_id, (sequence, text) in self._screens.items()
                if self._claimed.get(help_id, (0, 0))[0] in self._sockets
            ],
        }

    def _their_state(self, origin: str, news: dict[str, Any]) -> None:
        """Everything a process holds (it joined, or asks after a reconnect): what it said
        before and holds no longer goes."""
        kiosks = {int(d): (int(loc), a) for d, loc, a in news.get("kiosks", [])}
        desks_held = {(int(s), int(loc)) for s, loc in news.get("desks", [])}
        for device, holders in list(self._kiosk_at.items()):
            if origin in holders and device not in kiosks:
                self._kiosk_changed(origin, device, self._location_of.get(device, 0), None)
        for desk, holders in list(self._desk_at.items()):
            if origin in holders and desk not in desks_held:
                self._desk_changed(origin, desk, up=False, grace=None)
        for device, (location_id, activity) in kiosks.items():
            if activity is not None and origin not in self._kiosk_at.get(device, ()):
                self._kiosk_changed(origin, device, location_id, KioskActivity(activity))
        for desk in desks_held:
            self._desk_changed(origin, desk, up=True, grace=None)
        for help_id, sequence, screen in news.get("screens", []):
            self._screen(str(help_id), int(sequence), str(screen))

    def _forget(self, origin: str) -> None:
        """A process that has gone: its kiosks leave the board, its greeters' desks are
        gone from it (their claims go back after the grace, unless they are elsewhere)."""
        self._heard.pop(origin, None)
        for device, holders in list(self._kiosk_at.items()):
            if origin in holders:
                self._kiosk_changed(origin, device, self._location_of.get(device, 0), None)
        for desk, holders in list(self._desk_at.items()):
            if origin in holders:
                self._desk_changed(origin, desk, up=False, grace=None)

    async def _alive_forever(self) -> None:
        """Say this process is alive; forget a process not heard from for too long."""
        timeout = self._context.settings.live_peer_timeout_seconds
        last = time.monotonic()
        while True:
            self._share("alive")
            now = time.monotonic()
            if now - last > ALIVE_EVERY_S + timeout / 2:
                # This process itself was held up (its own news may be waiting to be read):
                # nobody is judged on that.
                for origin in self._heard:
                    self._heard[origin] = now
            last = now
            for origin, heard in list(self._heard.items()):
                if origin != self._me and now - heard > timeout:
                    log.warning("a live hub process has not been heard from; forgetting it")
                    self._forget(origin)
            await asyncio.sleep(ALIVE_EVERY_S)

    def _on_reconnect(self) -> None:
        self._spawn(self._resync(welcome_again=True))

    async def _resync(self, *, welcome_again: bool) -> None:
        """Join the other processes, or set this one's picture straight after its
        connection to them was lost: say what this process holds and ask what they hold;
        read the claims again; and give every desk and kiosk here the whole picture again,
        as on joining (they may have missed news meanwhile)."""
        self._share("sync", **self._my_state())
        claims = await self._db(service.open_claims)
        self._claimed = {help_id: (device, staff) for help_id, device, staff in claims}
        for help_id in set(self._screens) - set(self._claimed):
            del self._screens[help_id]
        if not welcome_again:
            return
        for connections in list(self._by_token.values()):
            for connection in list(connections):
                if connection.welcomed and not connection.closing:
                    with contextlib.suppress(FirstStopError):
                        await self._welcome_again(connection)

    async def _welcome_again(self, connection: _Connection) -> None:
        principal = connection.principal
        place = connection.place
        if place is not None:
            claims = await self._db(partial(service.claims_of, principal=principal, place=place))
            for help_id, _ in claims:
                self._subscribe(connection, mirror(help_id))
            connection.send(await self._desk_welcome(connection, place))
            for help_id, _ in claims:
                if help_id in self._screens:
                    connection.deliver(self._screens[help_id][1])
        elif principal.id is not None:
            device_id = principal.id
            request = await self._db(partial(service.open_request_of, device_id=device_id))
            out_of_order = await self._db(partial(service.is_out_of_order, device_id=device_id))
            connection.send(KioskWelcome(help=request, out_of_order=out_of_order))

    # Serving one connection ---------------------------------------------------------------

    async def serve(
        self, websocket: WebSocket, location_code: str | None, reads: str | None = None
    ) -> None:
        """One connection. ``reads``: what the desk reads beyond an earlier version
        (``READS_PASSES``, comma-separated)."""
        await websocket.accept()
        try:
            principal, digest = await self._recognise(websocket)
            connection = _Connection(websocket, principal, digest)
            connection.reads_passes = READS_PASSES in (reads or "").split(",")
            if principal.is_staff:
                place = await self._db(
                    partial(service.desk_place, principal=principal, location_code=location_code)
                )
                runner = self._run_desk(connection, place)
            elif principal.issuer is not None:
                runner = self._run_kiosk(connection)
            else:
                raise NotAuthenticated("Only kiosks and signed-in staff use the live hub.")
        except FirstStopError as exc:
            code = CLOSE_NOT_AUTHENTICATED if exc.code == "not_authenticated" else CLOSE_FORBIDDEN
            if exc.details.get("reason") == identity.REVOKED:
                code = CLOSE_REVOKED
            with contextlib.suppress(Exception):
                await websocket.send_text(
                    write_message(LiveError(code=exc.code, message=exc.message))
                )
                await websocket.close(code, exc.code)
            return
        writer = asyncio.create_task(connection.write())
        self._by_token[digest].add(connection)
        try:
            await runner
        except WebSocketDisconnect:
            pass
        except Exception as exc:  # noqa: BLE001 - one connection, never the hub
            if not connection.closing:
                # Never the message itself in the log: it may hold a screen's answers.
                log.error("a live connection failed: %s", describe(exc))  # noqa: TRY400
        finally:
            held = self._by_token[digest]
            held.discard(connection)
            if not held:
                del self._by_token[digest]
            for room in tuple(connection.rooms):
                self._unsubscribe(connection, room)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await writer

    async def _messages(
        self, connection: _Connection, sender: Sender
    ) -> AsyncIterator[tuple[str, LiveMessage]]:
        """Each message from the connection, read and checked; a bad one is answered with an
        error and skipped, a signed-in session that has ended closes the connection."""
        websocket = connection.websocket
        while not connection.is_closing():
            raw = await websocket.receive_text()
            if connection.is_closing():
                return  # closed by the hub while this was on its way: not acted on
            expires = connection.principal.expires_at
            if expires is not None and expires <= time.time():
                connection.send(
                    LiveError(
                        code="not_authenticated",
                        message="Your sign-in has ended. Please sign in again.",
                    )
                )
                await asyncio.sleep(0)
                await websocket.close(CLOSE_NOT_AUTHENTICATED, "signed out")
                return
            if len(raw) > MAX_MESSAGE_CHARS:
                connection.send(
                    LiveError(code="payload_too_large", message="That live message is too large.")
                )
                continue
            try:
                yield raw, read_message(raw, sender)
            except InvalidInput as exc:
                connection.send(LiveError(code=exc.code, message=exc.message))

    @staticmethod
    def _refuse(connection: _Connection, exc: FirstStopError) -> None:
        help_id = exc.details.get("help_id")
        connection.send(
            LiveError(
                code=exc.code,
                message=exc.message,
                help_id=help_id if isinstance(help_id, str) else None,
            )
        )

    # Kiosks -------------------------------------------------------------------------------

    async def _run_kiosk(self, connection: _Connection) -> None:
        principal = connection.principal
        assert principal.id is not None  # noqa: S101 — a device principal has an id
        device_id = principal.id
        location_id = next(iter(principal.location_ids))
        websocket = connection.websocket
        try:
            raw = await asyncio.wait_for(websocket.receive_text(), HELLO_TIMEOUT_S)
            hello = read_message(raw, "kiosk")
        except (TimeoutError, InvalidInput):
            connection.send(
                LiveError(code="invalid_input", message="A kiosk starts with kiosk.hello.")
            )
            await asyncio.sleep(0)
            await websocket.close(CLOSE_PROTOCOL, "no hello")
            return
        if not isinstance(hello, KioskHello):
            await websocket.close(CLOSE_PROTOCOL, "no hello")
            return
        self._subscribe(connection, kiosk(device_id))
        self._sockets[device_id] += 1
        self._location_of[device_id] = location_id
        try:
            # Kept as having been on the link first: once the others hear it joined, they
            # may hear it left, and must then list it not responding as their hub does.
            out_of_order = await self._db(partial(service.kiosk_joined, device_id=device_id))
            activity = KioskActivity.OUT_OF_ORDER if out_of_order else hello.activity
            self._share("kiosk", d=device_id, l=location_id, a=activity)
            if hello.open_help is not None:
                await self._raise(connection, hello.open_help)
            request = await self._db(partial(service.open_request_of, device_id=device_id))
            if request is not None and request.claimed_by is not None:
                self._claimed[request.id] = (device_id, request.claimed_by.id)
            connection.send(KioskWelcome(help=request, out_of_order=out_of_order))
            connection.welcomed = True
            async for _, message in self._messages(connection, "kiosk"):
                await self._from_kiosk(connection, message)
        finally:
            self._sockets[device_id] -= 1
            if self._sockets[device_id] <= 0:
                del self._sockets[device_id]
                self._share("kiosk", d=device_id, l=location_id, a=None)
                self._spawn(self._left(device_id))

    async def _left(self, device_id: int) -> None:
        """When the kiosk dropped off: a kiosk without heartbeats is not responding since
        then in ``GET /triage`` and a welcome, as in the hub's line (since now)."""
        try:
            await self._db(partial(service.kiosk_left, device_id=device_id))
        except Exception as exc:  # noqa: BLE001 — its line waits from when it joined instead
            log.warning("noting kiosk %s left the live link failed: %s", device_id, describe(exc))

    def _set_activity(self, device_id: int, activity: KioskActivity) -> None:
        """What a kiosk connected to any process is doing; every process tells its desks."""
        self._share("activity", d=device_id, a=activity)

    async def _from_kiosk(self, connection: _Connection, message: Any) -> None:
        principal = connection.principal
        assert principal.id is not None  # noqa: S101
        device_id = principal.id
        location_id = self._location_of[device_id]
        try:
            if isinstance(message, ScreenUpdate):
                claim = self._claimed.get(message.help_id)
                # Nobody sees a screen before a greeter has claimed it, and only that greeter.
                if claim is not None and claim[0] == device_id:
                    previous = self._screens.get(message.help_id)
                    if previous is None or previous[0] <= message.sequence:
                        text = self._masked_screen(device_id, message)
                        if text is not None:
                            # Kept by every process, and drawn by the claiming desk's.
                            self._share("screen", text, h=message.help_id, n=message.sequence)
            elif isinstance(message, HelpRaise):
                await self._raise(connection, message)
            elif isinstance(message, HelpCancel):
                row = await self._db(
                    partial(
                        service.cancel,
                        principal=principal,
                        help_id=message.help_id,
                        reason=message.reason,
                    )
                )
                if row is not None:
                    self._ended(location_id, device_id, message.help_id, message.reason)
            elif isinstance(message, FillConsent):
                await self._fill_consent(connection, device_id, message)
            elif isinstance(message, KioskActivityChange):
                if self._activity.get(device_id) is not KioskActivity.OUT_OF_ORDER:
                    self._set_activity(device_id, message.activity)
            elif isinstance(message, KioskHello):
                pass  # said once on joining; again is harmless
        except FirstStopError as exc:
            self._refuse(connection, exc)

    async def _fill_consent(
        self, connection: _Connection, device_id: int, message: FillConsent
    ) -> None:
        """The customer's answer to a fill ask: audited, kept by every process (until the
        claim ends), and told to the claiming desk."""
        claim = self._claimed.get(message.help_id)
        if claim is None or claim[0] != device_id:
            raise Conflict("Nobody is helping at this kiosk just now.", help_id=message.help_id)
        await self._db(
            partial(
                service.record_fill,
                principal=connection.principal,
                help_id=message.help_id,
                action="fill.allowed" if message.allowed else "fill.refused",
            )
        )
        self._share("consent", h=message.help_id, a=message.allowed)
        self._publish(mirror(message.help_id), message)

    def _masked_screen(self, device_id: int, message: ScreenUpdate) -> str | None:
        """The one way a kiosk's screen reaches a desk: every answer the catalogue calls
        sensitive masked (every answer, for a service the catalogue does not have). ``None``
        when it cannot be made safe: the screen is dropped."""
        try:
            state = message.state
            if state is not None:
                service = self._context.catalogue.get().service(state.service_code)
                message = replace(message, state=mask_screen_state(state, service))
            return write_message(message)
        except Exception as exc:  # noqa: BLE001 — whatever it was, the screen must not pass
            # The kind of failure only: the screen holds the customer's answers.
            log.warning(
                "a screen from device %d could not be masked and was dropped (%s)",
                device_id,
                type(exc).__name__,
            )
            return None

    async def _raise(self, connection: _Connection, message: HelpRaise) -> None:
        principal = connection.principal
        # Where greeters' desks are connected, in any process: with none at the kiosk's
        # location, the central shop's desks answer (remote help).
        desks_at = frozenset(location for _, location in self._desk_at)
        try:
            request, created, ended, route = await self._db(
                partial(
                    triage.raise_help,
                    principal=principal,
                    help_id=message.help_id,
                    context=message.context,
                    settings=self._context.settings,
                    desks_at=desks_at,
                )
            )
        except FirstStopError as exc:
            self._refuse(connection, exc)
            return
        location_id = self._location_of[request.device_id]
        for older in ended:
            self._ended(location_id, request.device_id, older, HelpEndReason.SESSION_ENDED)
        if created:
            # To the desks answering it; the triage news copies it to the kiosk's location.
            self._publish(desks(route.served_at_id or location_id), HelpRaised(request=request))
        if route.notice is not None:
            connection.send(
                HelpNotice(
                    help_id=request.id,
                    kind=route.notice,
                    place_name=route.place_name,
                    text=route.text(),
                )
            )

    def _ended(
        self,
        location_id: int,
        device_id: int,
        help_id: str,
        reason: HelpEndReason,
        outcome: Any = None,
    ) -> None:
        ended = HelpEnded(help_id=help_id, reason=reason, outcome=outcome)
        self._publish(desks(location_id), ended)
        self._publish(kiosk(device_id), ended)
        self._share("unclaim", h=help_id)

    # Desks --------------------------------------------------------------------------------

    async def _run_desk(self, connection: _Connection, place: DeskPlace) -> None:
        desk = (connection.principal.id or 0, place.location_id)
        self._desks[desk] += 1
        if self._desks[desk] == 1:
            # Every process stops any give-back of this greeter's claims.
            self._share("desk", s=desk[0], l=desk[1], up=True)
        try:
            await self._serve_desk(connection, place)
        finally:
            self._desks[desk] -= 1
            if self._desks[desk] <= 0:
                del self._desks[desk]
                # A desk whose sign-in was taken away is not coming back: no grace period.
                grace = 0.0 if connection.revoked else None
                self._share("desk", s=desk[0], l=desk[1], up=False, g=grace)

    async def _give_back_later(self, desk: tuple[int, int], grace: float | None = None) -> None:
        """After the grace period, the claims of a greeter who has not come back to any
        process return to the queue: every desk sees them waiting again, and the kiosk says
        help is on the way. Every process tries; the database lets one give each back."""
        if grace is None:
            grace = self._context.settings.live_claim_grace_seconds
        await asyncio.sleep(grace)
        self._abandon.pop(desk, None)
        if desk in self._desk_at:
            return
        staff_id, location_id = desk
        given_back = await self._db(
            partial(service.release_abandoned, staff_id=staff_id, location_id=location_id)
        )
        for help_id, device_id in given_back:
            self._share("unclaim", h=help_id)
            released = HelpReleased(help_id=help_id)
            self._publish(desks(location_id), released)
            self._publish(kiosk(device_id), released)
            log.info("a greeter's desk was gone too long: help %s is back in the queue", help_id)

    async def _serve_desk(self, connection: _Connection, place: DeskPlace) -> None:
        principal = connection.principal
        connection.place = place
        self._codes[place.location_id] = place.code
        # Listen first, then read the picture: a request raised in between arrives twice
        # (the desk knows each request by id), never not at all.
        self._subscribe(connection, desks(place.location_id))
        claims = await self._db(partial(service.claims_of, principal=principal, place=place))
        for help_id, device_id in claims:
            self._claimed[help_id] = (device_id, principal.id or 0)
            self._subscribe(connection, mirror(help_id))
        connection.send(await self._desk_welcome(connection, place))
        connection.welcomed = True
        for help_id, _ in claims:
            if help_id in self._screens:
                connection.deliver(self._screens[help_id][1])
        async for _, message in self._messages(connection, "desk"):
            try:
                await self._from_desk(connection, place, message)
            except FirstStopError as exc:
                self._refuse(connection, exc)

    def activities_at(self, location_id: int) -> dict[int, KioskActivity]:
        """What each kiosk at the location connected to any process is doing (a copy)."""
        return {
            device: activity
            for device, activity in list(self._activity.items())
            if self._location_of.get(device) == location_id
        }

    def staff_on_desk_at(self, location_id: int) -> frozenset[int]:
        """The staff whose desk at the location is connected to any process just now."""
        return frozenset(
            staff for staff, location in list(self._desk_at) if location == location_id
        )

    async def _board(self, principal: Principal, place: DeskPlace) -> Any:
        activities = self.activities_at(place.location_id)
        settings = self._context.settings
        return await self._db(
            partial(
                service.board,
                principal=principal,
                settings=settings,
                place=place,
                activities=activities,
            )
        )

    async def _desk_welcome(self, connection: _Connection, place: DeskPlace) -> DeskWelcome:
        principal = connection.principal
        help_requests = await self._db(
            partial(service.open_requests, location_id=place.location_id)
        )
        kiosks = tuple(await self._board(principal, place))
        listed = await self._triage_list(place, kiosks)
        return DeskWelcome(
            location_code=place.code,
            location_name=place.name,
            staff=StaffRef(id=principal.id or 0, name=principal.label),
            help=tuple(help_requests),
            kiosks=kiosks,
            server_time=utcnow(),
            triage=listed.entries,
            marks_passes=connection.reads_passes,
        )

    # The triage list ------------------------------------------------------------------------

    def _rules(self) -> TriageRules:
        return TriageRules(self._context.settings, self._context.catalogue.get())

    async def _triage_list(self, place: DeskPlace, kiosks: tuple[Any, ...]) -> TriageList:
        rules = self._rules()

        def listed(session: Session) -> TriageList:
            faults = triage_faults.open_faults(session, kiosks, place.code, rules)
            return triage.triage_list(session, rules, place.location_id, faults)

        return await self._db(listed)

    def _after_commit(self, session: Session) -> None:
        """A transaction committed (on any thread): what it told the desks goes out. A
        savepoint's release counts for nothing: its news waits for the whole transaction."""
        if session.in_nested_transaction():
            return
        news = triage_news.take(session)
        loop = self._loop
        if news and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._send_news, self._passes_marked(news))

    def _passes_marked(self, news: list[triage_news.News]) -> list[triage_news.News]:
        """A pass (Pass on… from the mirror, ``casebackend.triage``) tells every process to
        stop mirroring to the greeter who passed it (``unmirror``, naming them); the claim
        it tells the location's desks then says who passed it (``passed_by``), so the
        colleague's desk alerts for a pass on the hub's word, not on what it happened to
        know before. Read here, on the committing thread, before the news goes out: the
        claim keeps its place among the rest. The kiosk's claim is left plain."""
        passers = {
            str(item.share[1]["h"]): int(item.share[1]["s"])
            for item in news
            if item.share is not None and item.share[0] == "unmirror"
        }
        if not passers:
            return news
        try:
            with unit_of_work(self._reads or self._context.sessions) as session:
                refs = {i: service.staff_ref(session, i) for i in set(passers.values())}
        except Exception as exc:  # noqa: BLE001 — the claim goes out all the same, unmarked
            log.warning("reading who passed a help request failed: %s", describe(exc))
            return news
        return [
            replace(item, message=replace(item.message, passed_by=refs[passer]))
            if isinstance(item.message, HelpClaimed)
            and item.location_id is not None
            and (passer := passers.get(item.message.help_id)) is not None
            else item
            for item in news
        ]

    @staticmethod
    def _after_transaction(session: Session, transaction: Any) -> None:
        """A transaction ended: a rolled-back one's news is forgotten (a savepoint's is
        kept, for its transaction may still commit)."""
        if transaction.parent is None:
            triage_news.take(session)

    def _send_news(self, news: list[triage_news.News]) -> None:
        for item in news:
            if item.share is not None:
                kind, fields = item.share
                self._share(kind, **fields)
            if item.message is not None and item.location_id is not None:
                self._publish(desks(item.location_id), item.message)
            if item.message is not None and item.device_id is not None:
                self._publish(kiosk(item.device_id), item.message)

    async def _help_news_forever(self) -> None:
        while True:
            room, message = await self._help_news.get()
            try:
                await self._help_news_of(room, message)
            except Exception as exc:  # noqa: BLE001 — one piece of news, never the hub
                log.warning("the triage list's news of a help request failed: %s", describe(exc))

    async def _help_news_of(self, room: str, message: LiveMessage) -> None:
        """After a help message to one location's desks: the same to the other location
        of a remote request, and the request's triage line to both."""
        help_id = message.request.id if isinstance(message, HelpRaised) else message.help_id  # type: ignore[attr-defined]
        rules = self._rules()

        rooms: tuple[int, int | None] | None
        entry: TriageEntry | None

        def read(session: Session) -> tuple[tuple[int, int | None] | None, TriageEntry | None]:
            return (
                triage.help_rooms(session, help_id),
                triage.help_entry_by_id(session, rules, help_id),
            )

        if isinstance(message, HelpRaised) and message.request.device_id in self._location_of:
            # A new request: its line is the request as the desks were just told it, with no
            # read (one transaction fewer for every alert).
            request = message.request
            served_at = int(room.partition(":")[2]) if request.remote else None
            rooms = (self._location_of[request.device_id], served_at)
            entry = triage.help_entry(request, rules)
        else:
            rooms, entry = await self._db(read, read_only=True)
        if rooms is None or entry is None:
            return
        changed = write_message(TriageChanged(entry=entry, server_time=utcnow()))
        for location_id in {location for location in rooms if location is not None}:
            if desks(location_id) != room:
                self._broker.publish(desks(location_id), write_message(message))
            self._broker.publish(desks(location_id), changed)

    async def _time_out_forever(self) -> None:
        """End help nobody has answered in ``help_timeout_seconds``: the kiosk is told (its
        privacy wipe runs), the desks see it go. Every process looks; one ends each."""
        timeout = self._context.settings.help_timeout_seconds
        every = min(5.0, max(0.2, timeout / 5))
        while True:
            await asyncio.sleep(every)
            try:
                ended = await self._db(
                    partial(service.time_out, raised_before=utcnow() - timedelta(seconds=timeout))
                )
            except Exception as exc:  # noqa: BLE001 — tried again next time
                log.warning("timing out unanswered help failed: %s", describe(exc))
                continue
            for help_id, device_id, location_id in ended:
                self._ended(location_id, device_id, help_id, HelpEndReason.TIMED_OUT)
                log.info("help %s was not answered in time; its kiosk was told", help_id)

    def _fault_news(self, location_id: int, presence: KioskPresence) -> None:
        """A kiosk's fault line to this process's desks at its location: not answering, put
        out of order, or (connected and working) gone."""
        # Out of order first, as in GET /triage (triage.fault_entries): staff put it out of
        # order, and dropping its connection then (switched off to be mended) is no news.
        fault = triage.live_fault(connected=presence.connected, activity=presence.activity)
        if self._faults.get(presence.device_id, ...) == fault:
            # The same fault: its line stands (its timer, or a greeter's closing of it).
            return
        # Kept for every kiosk, desks here or not: a greeter's closing of its last fault is
        # forgotten whichever process's desks closed it.
        self._faults[presence.device_id] = fault
        self._spawn(self._reopened(presence.device_id, location_id, fault, utcnow()))

    async def _reopened(
        self, device_id: int, location_id: int, fault: FaultKind | None, since: datetime
    ) -> None:
        """The kiosk's fault changed as this process knows it: a greeter's closing of the
        last one is forgotten first, so a desk joining meanwhile sees the new one too. A
        closing made against the presence the kiosk has now stands (this process has just
        started, or missed a change), and nothing is said: the desks have it closed.

        The line goes out naming its kiosk ("Front door"), as the welcome and ``GET
        /triage`` do: presence knows only the kiosk's id, and a greeter must know which
        kiosk to walk to. Every desk, of any version, shows the name the line carries."""
        name: str | None = None
        try:
            name, stands = await self._db(
                partial(triage_faults.reopen, device_id=device_id, fault=fault)
            )
        except Exception as exc:  # noqa: BLE001 — the line goes out all the same
            log.warning("forgetting kiosk %s's closed fault failed: %s", device_id, describe(exc))
        else:
            if stands:
                return
        code = self._codes.get(location_id)
        if code is None:
            return  # no desk at its location here
        entry = triage.fault_entry(
            device_id, code, self._rules(), fault=fault, since=since, kiosk_name=name
        )
        self._here(desks(location_id), TriageChanged(entry=entry, server_time=utcnow()))

    def _unmirror(self, help_id: str, staff_id: int) -> None:
        """A greeter passed a claimed request to a colleague: their desks here stop seeing
        the customer's screen."""
        for connections in self._by_token.values():
            for connection in connections:
                if connection.place is not None and connection.principal.id == staff_id:
                    self._unsubscribe(connection, mirror(help_id))

    async def _from_desk(self, connection: _Connection, place: DeskPlace, message: Any) -> None:
        principal = connection.principal
        staff = StaffRef(id=principal.id or 0, name=principal.label)
        if isinstance(message, HelpClaim):
            claimed_at, device_id = await self._db(
                partial(service.claim, principal=principal, help_id=message.help_id, place=place)
            )
            # Every process first: the kiosk's sends its screens once it hears of the claim.
            self._share("claim", h=message.help_id, d=device_id, s=staff.id)
            self._subscribe(connection, mirror(message.help_id))
            claimed = HelpClaimed(help_id=message.help_id, staff=staff, claimed_at=claimed_at)
            self._publish(desks(place.location_id), claimed)
            self._publish(kiosk(device_id), claimed)
            if message.help_id in self._screens:
                connection.deliver(self._screens[message.help_id][1])
        elif isinstance(message, HelpRelease):
            device_id = await self._db(
                partial(service.release, principal=principal, help_id=message.help_id)
            )
            self._share("unclaim", h=message.help_id)
            self._unsubscribe(connection, mirror(message.help_id))
            released = HelpReleased(help_id=message.help_id)
            self._publish(desks(place.location_id), released)
            self._publish(kiosk(device_id), released)
        elif isinstance(message, HelpClose):
            device_id = await self._db(
                partial(
                    service.close,
                    principal=principal,
                    help_id=message.help_id,
                    outcome=message.outcome,
                )
            )
            self._unsubscribe(connection, mirror(message.help_id))
            self._ended(
                place.location_id,
                device_id,
                message.help_id,
                HelpEndReason.CLOSED,
                message.outcome,
            )
        elif isinstance(message, GuideHighlight | GuideTip | GuideComing | FillAsk | FillValue):
            if isinstance(message, GuideTip) and (message.tip_id is None) == (message.text is None):
                raise InvalidInput("A tip is either a ready-made one or your own words.")
            claim = self._claimed.get(message.help_id)
            if claim is None or claim[1] != staff.id:
                device_id = await self._db(
                    partial(service.check_claimer, principal=principal, help_id=message.help_id)
                )
                self._claimed[message.help_id] = (device_id, staff.id)
                claim = (device_id, staff.id)
            if isinstance(message, FillValue):
                if message.help_id not in self._consent:
                    # Not ``Forbidden``: a desk takes that as its sign-in refused.
                    raise Conflict(
                        "The customer has not allowed you to type for them. Ask them first.",
                        help_id=message.help_id,
                    )
                await self._db(
                    partial(
                        service.record_fill,
                        principal=principal,
                        help_id=message.help_id,
                        action="fill.typed",
                        field=message.field,
                    )
                )
            self._publish(kiosk(claim[0]), message)
        elif isinstance(message, KioskMaintenance):
            await self._maintain(connection, place, message, staff)
        elif isinstance(message, BoardRefresh):
            connection.send(
                BoardUpdate(kiosks=tuple(await self._board(principal, place)), server_time=utcnow())
            )

    async def _maintain(
        self, connection: _Connection, place: DeskPlace, message: KioskMaintenance, staff: StaffRef
    ) -> None:
        action = message.action
        # Connected to any process.
        connected = message.device_id in self._kiosk_at
        needs_kiosk = action in (
            MaintenanceAction.RESTART_SESSION,
            MaintenanceAction.ALLOW_INSTALLER_EXIT,
        )
        if needs_kiosk and not connected:
            connection.send(
                LiveError(
                    code="unavailable",
                    message="That kiosk is not connected just now, so it cannot do this.",
                )
            )
            return
        await self._db(
            partial(
                service.maintain,
                principal=connection.principal,
                place=place,
                device_id=message.device_id,
                action=action,
            )
        )
        self._publish(kiosk(message.device_id), MaintenanceCommand(action=action, staff=staff))
        if connected and action is MaintenanceAction.OUT_OF_ORDER:
            self._set_activity(message.device_id, KioskActivity.OUT_OF_ORDER)
        elif connected and action is MaintenanceAction.BACK_IN_SERVICE:
            self._set_activity(message.device_id, KioskActivity.IDLE)
        elif not connected:
            # Every process tells its desks, and its fault line changes with it.
            out_of_order = action is MaintenanceAction.OUT_OF_ORDER
            self._share("away", d=message.device_id, l=place.location_id, o=out_of_order)
        else:
            self._publish(
                desks(place.location_id),
                KioskPresence(
                    device_id=message.device_id,
                    connected=connected,
                    activity=self._activity.get(message.device_id),
                ),
            )
