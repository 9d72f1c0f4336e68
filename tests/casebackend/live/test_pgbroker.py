"""The PostgreSQL broker on the real server: two brokers (two processes' worth) on one
database hear each other, in order, whole however large, and carry on after their
connections are cut."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable

import psycopg
import pytest

from casebackend.live.broker import InProcessBroker
from casebackend.live.pgbroker import (
    PART_BYTES,
    PostgresBroker,
    check_live_broker,
    envelope,
    libpq_url,
    make_broker,
)
from shared.errors import InvalidInput
from tests.conftest import make_settings

pytestmark = pytest.mark.postgresql


async def _until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def _pair(url: str, test: Callable[[PostgresBroker, PostgresBroker], Awaitable[None]]) -> None:
    async def run() -> None:
        first, second = PostgresBroker(libpq_url(url)), PostgresBroker(libpq_url(url))
        await first.start()
        await second.start()
        try:
            await test(first, second)
        finally:
            await first.close()
            await second.close()

    asyncio.run(run())


def test_a_message_reaches_the_other_process_once_and_in_order(postgresql_url: str) -> None:
    async def test(first: PostgresBroker, second: PostgresBroker) -> None:
        here: list[str] = []
        there: list[str] = []
        other_room: list[str] = []
        first.subscribe("desks:1", here.append)
        second.subscribe("desks:1", there.append)
        second.subscribe("desks:2", other_room.append)
        sent = [f'{{"n":{n}}}' for n in range(300)]
        for text in sent:
            assert first.publish("desks:1", text) == 1
        # This process's subscribers have it at once, as it is published.
        assert here == sent
        await _until(lambda: len(there) == len(sent))
        assert there == sent
        # Nothing comes back to the sender, and nothing reaches another room.
        await asyncio.sleep(0.2)
        assert here == sent
        assert other_room == []
        assert second.publish_here("desks:1", "only here") == 1
        await asyncio.sleep(0.2)
        assert here == sent

    _pair(postgresql_url, test)


def test_a_message_larger_than_a_notification_arrives_whole(postgresql_url: str) -> None:
    # Bigger than PostgreSQL's 8000 bytes, with characters of two, three and four bytes
    # where the cuts fall.
    big = ("zażółć gęślą jaźń — 漢字 🙂 " * 3000)[:40_000]
    assert len(big.encode()) > 8000 * 5

    async def test(first: PostgresBroker, second: PostgresBroker) -> None:
        there: list[str] = []
        second.subscribe("mirror:x", there.append)
        first.publish("mirror:x", "before")
        first.publish("mirror:x", big)
        first.publish("mirror:x", "after")
        await _until(lambda: len(there) == 3)
        assert there == ["before", big, "after"]

    _pair(postgresql_url, test)


def test_envelopes_stay_under_the_limit_and_never_cut_a_character() -> None:
    body = "ą🙂" * 5000
    payloads = envelope("abc", 7, "mirror:x", body)
    assert len(payloads) > 1
    assert all(len(p.encode()) <= 8000 for p in payloads)
    assert "".join(p.partition("\n")[2] for p in payloads) == body
    assert all(len(p.partition("\n")[2].encode()) <= PART_BYTES for p in payloads)


def test_after_its_connections_are_cut_a_broker_reconnects_and_says_so(
    postgresql_url: str,
) -> None:
    async def test(first: PostgresBroker, second: PostgresBroker) -> None:
        reconnected: list[int] = []
        second.on_reconnect = lambda: reconnected.append(1)
        there: list[str] = []
        second.subscribe("kiosk:3", there.append)
        first.publish("kiosk:3", "one")
        await _until(lambda: there == ["one"])
        async with await psycopg.AsyncConnection.connect(
            libpq_url(postgresql_url), autocommit=True
        ) as admin:
            cut = await admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (f"firststop live {second.origin}",),
            )
            row = await cut.fetchone()
            assert row is not None
            assert row[0] >= 1
        await _until(lambda: bool(reconnected))
        first.publish("kiosk:3", "two")
        await _until(lambda: there == ["one", "two"])
        # And the other way: the cut broker sends again.
        back: list[str] = []
        first.subscribe("kiosk:4", back.append)
        second.publish("kiosk:4", "three")
        await _until(lambda: back == ["three"])

    _pair(postgresql_url, test)


def test_a_postgresql_broker_needs_a_postgresql_database(sqlite_url: str) -> None:
    settings = make_settings(sqlite_url, live_broker="postgresql")
    with pytest.raises(InvalidInput, match="database_url is not a PostgreSQL database"):
        check_live_broker(settings)
    assert isinstance(make_broker(make_settings(sqlite_url)), InProcessBroker)


def test_the_backend_refuses_to_start_so_in_one_sentence(sqlite_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "firststop", "backend", "--database", sqlite_url, "--port", "0"],
        env=os.environ | {"FIRSTSTOP_BACKEND_LIVE_BROKER": "postgresql"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith("live_broker is postgresql, but database_url is not")
    assert "Traceback" not in done.stderr
