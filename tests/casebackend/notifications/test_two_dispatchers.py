"""Two backend processes' dispatchers (each its own engine) on one PostgreSQL database,
sending at the same moment: every message goes exactly once, as the lease on each row
lets only one of them take it."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from casebackend.notifications import service
from casebackend.notifications.provider import NotificationTemplate, OutgoingMessage

pytestmark = pytest.mark.postgresql

MESSAGES = 120


class _Counting:
    """A provider that remembers every message it was handed (from either process)."""

    name = "counting"

    def __init__(self, sent: list[str], lock: threading.Lock) -> None:
        self._sent = sent
        self._lock = lock

    def send(self, message: OutgoingMessage) -> str:
        with self._lock:
            self._sent.append(message.client_reference)
        return message.client_reference


def test_two_dispatchers_never_send_one_message_twice(postgresql_url: str) -> None:
    engines = [make_engine(postgresql_url), make_engine(postgresql_url)]
    try:
        migrate.upgrade(engines[0])
        first, second = (make_session_factory(engine) for engine in engines)
        with unit_of_work(first) as session:
            for n in range(MESSAGES):
                service.queue_to_team(
                    session, NotificationTemplate.OVERDUE_DIGEST, f"team{n}@example.org", {}
                )
        sent: list[str] = []
        lock = threading.Lock()
        dispatchers = [
            service.Dispatcher(sessions, _Counting(sent, lock), max_attempts=3)
            for sessions in (first, second)
        ]
        start = threading.Barrier(2)
        counts: list[int] = []

        def run(dispatcher: service.Dispatcher) -> None:
            start.wait()
            counts.append(dispatcher.send_due())

        threads = [threading.Thread(target=run, args=(d,)) for d in dispatchers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(sent) == MESSAGES
        assert Counter(sent).most_common(1)[0][1] == 1
        assert sum(counts) == MESSAGES
        # Both took part (the race was real), each message by one of them.
        assert all(count > 0 for count in counts), counts
    finally:
        for engine in engines:
            engine.dispose()
