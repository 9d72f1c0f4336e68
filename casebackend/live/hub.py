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

Database work (recognising the token, recording requests and claims) runs in worker threads;
the event loop only parses, checks and fans out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

import anyio.to_thread
from fastapi import WebSocket, WebSocketDisconnect
from pydantic import BaseModel
from sqlalchemy.orm import Session

from casebackend.context import BackendContext
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.identity import service as identity
from casebackend.identity.principal import Principal
from casebackend.identity.secrets import token_hash
from casebackend.live import service
from casebackend.live.broker import InProcessBroker, LiveBroker
from casebackend.live.service import DeskPlace
from shared.errors import FirstStopError, InvalidInput, NotAuthenticated
from shared.live.messages import (
    BoardRefresh,
    BoardUpdate,
    DeskWelcome,
    GuideComing,
    GuideHighlight,
    GuideTip,
    HelpCancel,
    HelpClaim,
    HelpClaimed,
    HelpClose,
    HelpEnded,
    HelpEndReason,
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
    MaintenanceAction,
    MaintenanceCommand,
    ScreenUpdate,
    Sender,
    StaffRef,
    read_message,
    write_message,
)
from shared.logsafe import describe

log = logging.getLogger(__name__)

_T = TypeVar("_T")

# WebSocket close codes (4000 to 4999 are the application's own).
CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_TOO_SLOW = 4408
CLOSE_PROTOCOL = 4400
# A message larger than this is refused (a whole screen state is a few kilobytes).
MAX_MESSAGE_CHARS = 64 * 1024
# Messages waiting for one slow connection before it is let go.
SEND_QUEUE = 512
HELLO_TIMEOUT_S = 15.0


def desks(location_id: int) -> str:
    return f"desks:{location_id}"


def kiosk(device_id: int) -> str:
    return f"kiosk:{device_id}"


def mirror(help_id: str) -> str:
    return f"mirror:{help_id}"


@dataclass(eq=False)
class _Connection:
    websocket: WebSocket
    principal: Principal
    queue: asyncio.Queue[str | None] = field(default_factory=lambda: asyncio.Queue(SEND_QUEUE))
    rooms: set[str] = field(default_factory=set)
    too_slow: bool = False

    def deliver(self, text: str) -> None:
        if self.too_slow:
            return
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:
            self.too_slow = True
            log.warning("a live connection fell %d messages behind; closing it", SEND_QUEUE)
            # Make room for the end marker; the connection gets everything again on return.
            with contextlib.suppress(asyncio.QueueEmpty):
                self.queue.get_nowait()
            self.queue.put_nowait(None)

    def send(self, message: BaseModel) -> None:
        self.deliver(write_message(message))

    async def write(self) -> None:
        while True:
            text = await self.queue.get()
            if text is None:
                await self.websocket.close(CLOSE_TOO_SLOW, "too far behind")
                return
            await self.websocket.send_text(text)


class LiveHub:
    """One per backend process. ``serve`` runs one connection from accept to close."""

    def __init__(self, context: BackendContext, broker: LiveBroker | None = None) -> None:
        self._context = context
        self._broker = broker or InProcessBroker()
        # Kiosks connected to this process: device id -> what it is doing, and how many
        # sockets it has open (a reconnect can overlap the old socket's close).
        self._activity: dict[int, KioskActivity] = {}
        self._sockets: defaultdict[int, int] = defaultdict(int)
        self._location_of: dict[int, int] = {}
        # Claimed requests: help id -> (device id, staff id); the last screen of each.
        self._claimed: dict[str, tuple[int, int]] = {}
        self._screens: dict[str, tuple[int, str]] = {}
        # Desks connected to this process, by (staff id, location id); and the pending
        # give-back of the claims of a greeter whose desk went away.
        self._desks: defaultdict[tuple[int, int], int] = defaultdict(int)
        self._abandon: dict[tuple[int, int], asyncio.Task[None]] = {}

    def close(self) -> None:
        """The backend is stopping: pending give-backs are dropped (the claims stay in the
        database, and the next start's desks and kiosks pick them up)."""
        for task in self._abandon.values():
            task.cancel()
        self._abandon.clear()

    # Plumbing -----------------------------------------------------------------------------

    async def _db(self, work: Callable[[Session], _T]) -> _T:
        def run() -> _T:
            with unit_of_work(self._context.sessions) as session:
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

    def _publish(self, room: str, message: BaseModel) -> None:
        self._broker.publish(room, write_message(message))

    async def _recognise(self, websocket: WebSocket) -> Principal:
        header = websocket.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise NotAuthenticated("Please sign in first: send 'Authorization: Bearer <token>'.")
        principals = self._context.principals

        def load(session: Session) -> Principal:
            return principals.get(
                token_hash(token), lambda: identity.principal_for_bearer(session, token)
            )

        return await self._db(load)

    # Serving one connection ---------------------------------------------------------------

    async def serve(self, websocket: WebSocket, location_code: str | None) -> None:
        await websocket.accept()
        try:
            principal = await self._recognise(websocket)
            connection = _Connection(websocket, principal)
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
            with contextlib.suppress(Exception):
                await websocket.send_text(
                    write_message(LiveError(code=exc.code, message=exc.message))
                )
                await websocket.close(code, exc.code)
            return
        writer = asyncio.create_task(connection.write())
        try:
            await runner
        except WebSocketDisconnect:
            pass
        except Exception as exc:  # noqa: BLE001 - one connection, never the hub
            # Never the message itself in the log: it may hold a screen's answers.
            log.error("a live connection failed: %s", describe(exc))  # noqa: TRY400
        finally:
            for room in tuple(connection.rooms):
                self._unsubscribe(connection, room)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await writer

    async def _messages(
        self, connection: _Connection, sender: Sender
    ) -> AsyncIterator[tuple[str, BaseModel]]:
        """Each message from the connection, read and checked; a bad one is answered with an
        error and skipped, a signed-in session that has ended closes the connection."""
        websocket = connection.websocket
        while True:
            raw = await websocket.receive_text()
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
            out_of_order = await self._db(partial(service.is_out_of_order, device_id=device_id))
            activity = KioskActivity.OUT_OF_ORDER if out_of_order else hello.activity
            self._set_activity(device_id, location_id, activity)
            if hello.open_help is not None:
                await self._raise(connection, hello.open_help)
            request = await self._db(partial(service.open_request_of, device_id=device_id))
            if request is not None and request.claimed_by is not None:
                self._claimed[request.id] = (device_id, request.claimed_by.id)
            connection.send(KioskWelcome(help=request, out_of_order=out_of_order))
            async for raw, message in self._messages(connection, "kiosk"):
                await self._from_kiosk(connection, raw, message)
        finally:
            self._sockets[device_id] -= 1
            if self._sockets[device_id] <= 0:
                del self._sockets[device_id]
                self._activity.pop(device_id, None)
                self._publish(
                    desks(location_id), KioskPresence(device_id=device_id, connected=False)
                )

    def _set_activity(self, device_id: int, location_id: int, activity: KioskActivity) -> None:
        self._activity[device_id] = activity
        self._publish(
            desks(location_id),
            KioskPresence(device_id=device_id, connected=True, activity=activity),
        )

    async def _from_kiosk(self, connection: _Connection, raw: str, message: Any) -> None:
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
                        self._screens[message.help_id] = (message.sequence, raw)
                        self._broker.publish(mirror(message.help_id), raw)
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
            elif isinstance(message, KioskActivityChange):
                if self._activity.get(device_id) is not KioskActivity.OUT_OF_ORDER:
                    self._set_activity(device_id, location_id, message.activity)
            elif isinstance(message, KioskHello):
                pass  # said once on joining; again is harmless
        except FirstStopError as exc:
            self._refuse(connection, exc)

    async def _raise(self, connection: _Connection, message: HelpRaise) -> None:
        principal = connection.principal
        try:
            request, created, ended = await self._db(
                partial(
                    service.raise_help,
                    principal=principal,
                    help_id=message.help_id,
                    context=message.context,
                )
            )
        except FirstStopError as exc:
            self._refuse(connection, exc)
            return
        location_id = self._location_of[request.device_id]
        for older in ended:
            self._ended(location_id, request.device_id, older, HelpEndReason.SESSION_ENDED)
        if created:
            self._publish(desks(location_id), HelpRaised(request=request))

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
        self._claimed.pop(help_id, None)
        self._screens.pop(help_id, None)

    # Desks --------------------------------------------------------------------------------

    async def _run_desk(self, connection: _Connection, place: DeskPlace) -> None:
        desk = (connection.principal.id or 0, place.location_id)
        self._desks[desk] += 1
        pending = self._abandon.pop(desk, None)
        if pending is not None:
            pending.cancel()
        try:
            await self._serve_desk(connection, place)
        finally:
            self._desks[desk] -= 1
            if self._desks[desk] <= 0:
                del self._desks[desk]
                self._abandon[desk] = asyncio.create_task(self._give_back_later(desk, place))

    async def _give_back_later(self, desk: tuple[int, int], place: DeskPlace) -> None:
        """After the grace period, the claims of a greeter who has not come back return to
        the queue: every desk sees them waiting again, and the kiosk says help is on the way."""
        await asyncio.sleep(self._context.settings.live_claim_grace_seconds)
        self._abandon.pop(desk, None)
        if desk in self._desks:
            return
        given_back = await self._db(
            partial(service.release_abandoned, staff_id=desk[0], place=place)
        )
        for help_id, device_id in given_back:
            self._claimed.pop(help_id, None)
            self._screens.pop(help_id, None)
            released = HelpReleased(help_id=help_id)
            self._publish(desks(place.location_id), released)
            self._publish(kiosk(device_id), released)
            log.info("a greeter's desk was gone too long: help %s is back in the queue", help_id)

    async def _serve_desk(self, connection: _Connection, place: DeskPlace) -> None:
        principal = connection.principal
        # Listen first, then read the picture: a request raised in between arrives twice
        # (the desk knows each request by id), never not at all.
        self._subscribe(connection, desks(place.location_id))
        claims = await self._db(partial(service.claims_of, principal=principal, place=place))
        for help_id, device_id in claims:
            self._claimed[help_id] = (device_id, principal.id or 0)
            self._subscribe(connection, mirror(help_id))
        connection.send(await self._desk_welcome(principal, place))
        for help_id, _ in claims:
            if help_id in self._screens:
                connection.deliver(self._screens[help_id][1])
        async for _, message in self._messages(connection, "desk"):
            try:
                await self._from_desk(connection, place, message)
            except FirstStopError as exc:
                self._refuse(connection, exc)

    async def _board(self, principal: Principal, place: DeskPlace) -> Any:
        activities = {
            device: activity
            for device, activity in self._activity.items()
            if self._location_of.get(device) == place.location_id
        }
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

    async def _desk_welcome(self, principal: Principal, place: DeskPlace) -> DeskWelcome:
        help_requests = await self._db(
            partial(service.open_requests, location_id=place.location_id)
        )
        return DeskWelcome(
            location_code=place.code,
            location_name=place.name,
            staff=StaffRef(id=principal.id or 0, name=principal.label),
            help=tuple(help_requests),
            kiosks=tuple(await self._board(principal, place)),
            server_time=utcnow(),
        )

    async def _from_desk(self, connection: _Connection, place: DeskPlace, message: Any) -> None:
        principal = connection.principal
        staff = StaffRef(id=principal.id or 0, name=principal.label)
        if isinstance(message, HelpClaim):
            claimed_at, device_id = await self._db(
                partial(service.claim, principal=principal, help_id=message.help_id, place=place)
            )
            self._claimed[message.help_id] = (device_id, staff.id)
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
            self._claimed.pop(message.help_id, None)
            self._screens.pop(message.help_id, None)
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
        elif isinstance(message, GuideHighlight | GuideTip | GuideComing):
            if isinstance(message, GuideTip) and (message.tip_id is None) == (message.text is None):
                raise InvalidInput("A tip is either a ready-made one or your own words.")
            claim = self._claimed.get(message.help_id)
            if claim is None or claim[1] != staff.id:
                device_id = await self._db(
                    partial(service.check_claimer, principal=principal, help_id=message.help_id)
                )
                self._claimed[message.help_id] = (device_id, staff.id)
                claim = (device_id, staff.id)
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
        connected = self._broker.listeners(kiosk(message.device_id)) > 0
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
            self._set_activity(message.device_id, place.location_id, KioskActivity.OUT_OF_ORDER)
        elif connected and action is MaintenanceAction.BACK_IN_SERVICE:
            self._set_activity(message.device_id, place.location_id, KioskActivity.IDLE)
        else:
            self._publish(
                desks(place.location_id),
                KioskPresence(
                    device_id=message.device_id,
                    connected=connected,
                    activity=self._activity.get(message.device_id),
                ),
            )
