"""Rooms and who listens to them. In-process by default; a broker for several workers later.

The hub never sends to a socket directly: it publishes a message to a room (``desks:7``,
``kiosk:12``, ``mirror:<help id>``) and every connection subscribed to that room gets it.
With one backend worker, :class:`InProcessBroker` is all there is. With several, a broker
that spans processes (Redis pub/sub, PostgreSQL ``LISTEN``/``NOTIFY``) implements the same
two calls; the help requests' state is already in the database, where claims are decided.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

# Takes one message (JSON text) for one connection; must not block.
Deliver = Callable[[str], None]


class LiveBroker(Protocol):
    def subscribe(self, room: str, deliver: Deliver) -> None: ...

    def unsubscribe(self, room: str, deliver: Deliver) -> None: ...

    def publish(self, room: str, text: str) -> int:
        """Hand ``text`` to every subscriber of ``room``; answers how many (in this process)."""
        ...

    def listeners(self, room: str) -> int: ...


class InProcessBroker:
    """Rooms in this process's memory. Used from the event loop's thread only."""

    def __init__(self) -> None:
        self._rooms: defaultdict[str, set[Deliver]] = defaultdict(set)

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

    def listeners(self, room: str) -> int:
        return len(self._rooms.get(room, ()))
