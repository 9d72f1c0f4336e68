"""Rooms and who listens to them: in this process, or across processes.

The hub never sends to a socket directly: it publishes a message to a room (``desks:7``,
``kiosk:12``, ``mirror:<help id>``) and every connection subscribed to that room gets it.
With one backend process, :class:`InProcessBroker` is all there is. With several,
:class:`~casebackend.live.pgbroker.PostgresBroker` carries every message to every process
through PostgreSQL's ``LISTEN``/``NOTIFY`` (``live_broker = "postgresql"``); the hub keeps
what each process must know of the others through the same rooms (``docs/live.md``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

# Takes one message (JSON text) for one connection; must not block.
Deliver = Callable[[str], None]


class LiveBroker(Protocol):
    # True when what is published reaches other processes too.
    spans_processes: bool
    # Called (on the loop) after a lost connection to the other processes is back: what was
    # said meanwhile may have been missed.
    on_reconnect: Callable[[], None] | None

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    def subscribe(self, room: str, deliver: Deliver) -> None: ...

    def unsubscribe(self, room: str, deliver: Deliver) -> None: ...

    def publish(self, room: str, text: str) -> int:
        """Hand ``text`` to every subscriber of ``room`` in every process, to this process's
        at once; answers how many in this process."""
        ...

    def publish_here(self, room: str, text: str) -> int:
        """Hand ``text`` to this process's subscribers of ``room`` only."""
        ...

    def listeners(self, room: str) -> int: ...


class InProcessBroker:
    """Rooms in this process's memory. Used from the event loop's thread only."""

    spans_processes = False

    def __init__(self) -> None:
        self._rooms: defaultdict[str, set[Deliver]] = defaultdict(set)
        self.on_reconnect: Callable[[], None] | None = None

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass

    def subscribe(self, room: str, deliver: Deliver) -> None:
        self._rooms[room].add(deliver)

    def unsubscribe(self, room: str, deliver: Deliver) -> None:
        listeners = self._rooms.get(room)
        if listeners is None:
            return
        listeners.discard(deliver)
        if not listeners:
            del self._rooms[room]

    def publish(self, room: str, text: str) -> int:
        listeners = self._rooms.get(room)
        if not listeners:
            return 0
        for deliver in tuple(listeners):
            deliver(text)
        return len(listeners)

    def publish_here(self, room: str, text: str) -> int:
        return self.publish(room, text)

    def listeners(self, room: str) -> int:
        return len(self._rooms.get(room, ()))
