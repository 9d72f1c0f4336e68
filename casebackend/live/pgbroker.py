"""Rooms across processes and machines, through PostgreSQL's own ``LISTEN``/``NOTIFY``.

Every backend process on one database listens on one channel. A message published here is
handed to this process's subscribers at once, then sent with ``pg_notify`` tagged with this
process's id; every other process hands it to its own subscribers, and skips what it sent
itself. Nothing new to run: a council with more than one backend process already runs
PostgreSQL.

* **Order.** One sending connection sends in the order of publishing (a batch in one
  transaction, in order), and PostgreSQL delivers a channel's notifications in commit
  order: what one process publishes to a room arrives everywhere in that order.
* **Size.** A notification holds at most 8000 bytes; a screen can be bigger. A larger
  message is cut into parts that go in the same transaction, so they arrive together and
  in order, and are put back together before delivery. Nothing is written to a table:
  a screen never rests in the database.
* **Connections lost.** Each of the two connections (listening, sending) reconnects after
  0.1, 0.2, 0.4 … 5 s. Messages published meanwhile wait (up to ``BACKLOG``) and go when
  the sender is back. After either reconnects, ``on_reconnect`` is called: whatever was
  said while it was away may have been missed, and the hub sets its picture straight.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
import uuid
from collections import deque
from collections.abc import Callable

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from casebackend.live.broker import Deliver, InProcessBroker, LiveBroker
from casebackend.settings import BackendSettings
from shared.errors import InvalidInput

log = logging.getLogger(__name__)

CHANNEL = "firststop_live"
# PostgreSQL's limit is 8000 bytes for the whole payload; the header takes the rest.
PART_BYTES = 7800
# Messages waiting for the sending connection to come back before the oldest are dropped
# (the hub sets its picture straight after the reconnect).
BACKLOG = 20_000
BATCH = 500
FIRST_BACKOFF_S = 0.1
MAX_BACKOFF_S = 5.0
# How long the listening connection may be silent before it is checked with a query.
CHECK_AFTER_S = 5.0
CONNECT_TIMEOUT_S = 5
# A batch not sent within this is taken as a connection lost (and sent again on a new one).
SEND_TIMEOUT_S = 10.0


def make_broker(settings: BackendSettings) -> LiveBroker:
    """The broker the settings ask for; a PostgreSQL broker on another database is refused
    with one sentence, as the backend starts."""
    check_live_broker(settings)
    if settings.live_broker == "memory":
        return InProcessBroker()
    return PostgresBroker(libpq_url(settings.database_url))


def check_live_broker(settings: BackendSettings) -> None:
    if settings.live_broker != "postgresql":
        return
    if make_url(settings.database_url).get_backend_name() != "postgresql":
        raise InvalidInput(
            "live_broker is postgresql, but database_url is not a PostgreSQL database. "
            "Several backend processes share the live hub through PostgreSQL: set "
            "database_url to it, or set live_broker to memory and run one process."
        )


def libpq_url(database_url: str) -> str:
    """The SQLAlchemy URL (``postgresql+psycopg://…``) as libpq takes it."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def envelope(origin: str, number: int, room: str, body: str) -> list[str]:
    """The payloads that carry one message: each under PostgreSQL's limit, in order.

    ``<origin> <number> <part> <parts> <room>`` on the first line, a piece of the message
    after it. A cut never falls inside a character.
    """
    data = body.encode()
    pieces: list[str] = []
    start = 0
    while True:
        end = min(start + PART_BYTES, len(data))
        # Back off a UTF-8 continuation byte (10xxxxxx): the cut goes before its character.
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(data[start:end].decode())
        start = end
        if start >= len(data):
            break
    count = len(pieces)
    return [f"{origin} {number} {i} {count} {room}\n{piece}" for i, piece in enumerate(pieces)]


def notify_in(session: Session, room: str, body: str, origin: str = "") -> None:
    """Publish to every backend process from a transaction on a PostgreSQL database (a
    command-line tool): sent when the transaction commits, not at all if it rolls back."""
    origin = origin or f"tool-{uuid.uuid4().hex[:8]}"
    for payload in envelope(origin, 0, room, body):
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
        )


class PostgresBroker:
    """One per backend process, used from its event loop's thread only."""

    spans_processes = True

    def __init__(self, url: str, channel: str = CHANNEL) -> None:
        self._url = url
        self._channel = channel
        self._local = InProcessBroker()
        self.origin = uuid.uuid4().hex[:12]
        self._numbers = itertools.count(1)
        self._outbox: deque[str] = deque()
        self._waiting = asyncio.Event()
        self._listening = asyncio.Event()
        # Parts of messages not yet whole: (origin, number) -> the parts so far.
        self._partial: dict[tuple[str, str], list[str]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self.on_reconnect: Callable[[], None] | None = None
        self.reconnects = 0

    # The LiveBroker calls -------------------------------------------------------------------

    def subscribe(self, room: str, deliver: Deliver) -> None:
        self._local.subscribe(room, deliver)

    def unsubscribe(self, room: str, deliver: Deliver) -> None:
        self._local.unsubscribe(room, deliver)

    def publish(self, room: str, text: str) -> int:
        delivered = self._local.publish(room, text)
        self._outbox.extend(envelope(self.origin, next(self._numbers), room, text))
        while len(self._outbox) > BACKLOG:
            self._outbox.popleft()
        self._waiting.set()
        return delivered

    def publish_here(self, room: str, text: str) -> int:
        return self._local.publish(room, text)

    def listeners(self, room: str) -> int:
        return self._local.listeners(room)

    async def start(self, ready_within: float = 10.0) -> None:
        """Start listening and sending; wait (a while) until listening, so nothing said
        after the start is missed."""
        self._tasks = [
            asyncio.create_task(self._listen_forever(), name="live-listen"),
            asyncio.create_task(self._send_forever(), name="live-send"),
        ]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), ready_within)
        if not self._listening.is_set():
            log.warning("the live hub could not listen on the database yet; still trying")

    async def close(self) -> None:
        # What is still waiting goes first (a process leaving says so), briefly.
        if self._outbox:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drained(), 2.0)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _drained(self) -> None:
        while self._outbox:
            await asyncio.sleep(0.01)

    # Receiving --------------------------------------------------------------------------------

    def _received(self, payload: str) -> None:
        header, _, body = payload.partition("\n")
        try:
            origin, number, part, count, room = header.split(" ", 4)
            index, parts = int(part), int(count)
        except ValueError:
            log.warning("a live message on the database channel was not understood")
            return
        if origin == self.origin:
            return
        if parts > 1:
            key = (origin, number)
            pieces = self._partial.setdefault(key, [])
            if len(pieces) != index:
                # A part missing (a connection lost mid-message): the message is lost.
                self._partial.pop(key, None)
                return
            pieces.append(body)
            if len(pieces) < parts:
                return
            body = "".join(self._partial.pop(key))
        self._local.publish(room, body)

    async def _connect(self, *, autocommit: bool) -> psycopg.AsyncConnection[tuple[object, ...]]:
        return await psycopg.AsyncConnection.connect(
            self._url,
            autocommit=autocommit,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name=f"firststop live {self.origin}",
            # A peer gone without a word (a cut cable) is noticed by TCP within a minute.
            keepalives=1,
            keepalives_idle=20,
            keepalives_interval=5,
            keepalives_count=4,
        )

    async def _listen_forever(self) -> None:
        backoff = FIRST_BACKOFF_S
        first = True
        while True:
            try:
                async with await self._connect(autocommit=True) as connection:
                    await connection.execute(f"LISTEN {self._channel}")
                    self._listening.set()
                    backoff = FIRST_BACKOFF_S
                    self._partial.clear()
                    if not first:
                        log.info("the live hub listens on the database again")
                        self._reconnected()
                    first = False
                    await self._listen(connection)
            except Exception as exc:  # noqa: BLE001 — whatever it was, listen again
                log.warning(
                    "the live hub lost its database connection (listening); "
                    "reconnecting in %.1f s (%s)",
                    backoff,
                    type(exc).__name__,
                )
            self._listening.clear()
            await asyncio.sleep(backoff * random.uniform(1.0, 1.5))  # noqa: S311 — jitter
            backoff = min(backoff * 2, MAX_BACKOFF_S)

    async def _listen(self, connection: psycopg.AsyncConnection[tuple[object, ...]]) -> None:
        while True:
            heard = False
            async for notice in connection.notifies(timeout=CHECK_AFTER_S):
                heard = True
                self._received(notice.payload)
            if not heard:
                # Silence: make sure the connection is still there (a cut cable is silent).
                await asyncio.wait_for(connection.execute("SELECT 1"), CHECK_AFTER_S)

    # Sending ----------------------------------------------------------------------------------

    async def _send_forever(self) -> None:
        backoff = FIRST_BACKOFF_S
        connection: psycopg.AsyncConnection[tuple[object, ...]] | None = None
        lost = False
        try:
            while True:
                if not self._outbox:
                    self._waiting.clear()
                    await self._waiting.wait()
                batch = [self._outbox[i] for i in range(min(BATCH, len(self._outbox)))]
                try:
                    if connection is None or connection.closed:
                        connection = await self._connect(autocommit=False)
                        if lost:
                            log.info("the live hub sends through the database again")
                            self._reconnected()
                            lost = False
                    await asyncio.wait_for(self._send(connection, batch), SEND_TIMEOUT_S)
                except Exception as exc:  # noqa: BLE001 — whatever it was, send again
                    log.warning(
                        "the live hub lost its database connection (sending); "
                        "retrying in %.1f s (%s)",
                        backoff,
                        type(exc).__name__,
                    )
                    lost = True
                    if connection is not None:
                        with contextlib.suppress(psycopg.Error, OSError):
                            await connection.close()
                    connection = None
                    await asyncio.sleep(backoff * random.uniform(1.0, 1.5))  # noqa: S311
                    backoff = min(backoff * 2, MAX_BACKOFF_S)
                    continue
                backoff = FIRST_BACKOFF_S
                # What was sent goes; what was published meanwhile stays (the backlog may
                # have dropped some of the batch's oldest in the meantime: never remove more
                # than there is).
                for _ in range(min(len(batch), len(self._outbox))):
                    self._outbox.popleft()
        finally:
            if connection is not None:
                with contextlib.suppress(psycopg.Error, OSError):
                    await connection.close()

    async def _send(
        self, connection: psycopg.AsyncConnection[tuple[object, ...]], batch: list[str]
    ) -> None:
        async with connection.cursor() as cursor:
            await cursor.executemany(
                "SELECT pg_notify(%s, %s)", [(self._channel, payload) for payload in batch]
            )
        await connection.commit()

    def _reconnected(self) -> None:
        self.reconnects += 1
        if self.on_reconnect is not None:
            try:
                self.on_reconnect()
            except Exception:
                log.exception("setting the live hub straight after a reconnect failed")
