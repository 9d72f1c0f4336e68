"""The limits library's storage in the backend's own database (SQLite and PostgreSQL), and
the storage setting."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import Engine, func, select, update

from casebackend.db import migrate
from casebackend.db.engine import make_engine
from casebackend.ratelimit.models import RateLimitCounter
from casebackend.ratelimit.service import Lockouts, wait_words
from casebackend.ratelimit.storage import DatabaseStorage, open_storage
from casebackend.settings import BackendSettings
from shared.errors import InvalidInput


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def _expire_everything(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(update(RateLimitCounter).values(expires_at=time.time() - 1))


def test_a_fixed_window_allows_exactly_its_amount_then_starts_again(engine):
    limiter = FixedWindowRateLimiter(DatabaseStorage(engine=engine))
    three = RateLimitItemPerMinute(3)
    assert [limiter.hit(three, "track", "198.51.100.7") for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    # Another caller, and the same caller under another limit, count on their own.
    assert limiter.hit(three, "track", "198.51.100.8")
    assert limiter.hit(three, "login", "198.51.100.7")
    reset, remaining = limiter.get_window_stats(three, "track", "198.51.100.7")
    assert remaining == 0
    assert 55 < reset - time.time() <= 60
    _expire_everything(engine)
    assert limiter.hit(three, "track", "198.51.100.7")
    assert limiter.get_window_stats(three, "track", "198.51.100.7").remaining == 2


def test_expired_windows_are_deleted_as_hits_arrive(engine):
    storage = DatabaseStorage(engine=engine)
    for n in range(5):
        storage.incr(f"old/{n}", 60)
    _expire_everything(engine)
    storage._next_cleanup = 0.0  # as if a minute had passed since the last clean-up
    storage.incr("new", 60)
    with engine.connect() as connection:
        keys = connection.execute(select(RateLimitCounter.key)).scalars().all()
    assert keys == ["new"]


def test_hits_from_several_connections_at_once_are_all_counted(database_url, engine):
    """Two engines (two processes' worth of connections), four threads each, one key: the
    UPSERT must never lose a hit, whichever database."""
    engines = [engine, make_engine(database_url)]
    storages = [DatabaseStorage(engine=e) for e in engines]
    start = threading.Barrier(8)

    def hammer(storage: DatabaseStorage) -> None:
        start.wait()
        for _ in range(25):
            storage.incr("shared", 60)

    threads = [threading.Thread(target=hammer, args=(storages[n % 2],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    engines[1].dispose()
    assert storages[0].get("shared") == 200
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(RateLimitCounter)).scalar() == 1


def test_the_storage_is_registered_with_the_library_by_scheme(tmp_path):
    url = f"sqlite:///{tmp_path / 'limits.sqlite3'}"
    own = make_engine(url)
    migrate.upgrade(own)
    own.dispose()
    storage = storage_from_string(f"firststop+{url}")
    assert isinstance(storage, DatabaseStorage)
    assert storage.check()
    assert storage.incr("k", 60) == 1
    assert storage.incr("k", 60, amount=2) == 3
    storage.clear("k")
    assert storage.get("k") == 0
    assert storage.reset() == 0
    storage.engine.dispose()


def test_a_very_long_key_is_stored_by_its_digest(engine):
    storage = DatabaseStorage(engine=engine)
    key = "login/" + "x" * 400
    assert storage.incr(key, 60) == 1
    assert storage.incr(key, 60) == 2
    assert storage.get(key) == 2


def test_only_storage_every_worker_shares_is_accepted(engine):
    with pytest.raises(InvalidInput, match="shared by every worker"):
        open_storage("memory://", engine)
    with pytest.raises(InvalidInput, match="shared by every worker"):
        open_storage("mongodb://127.0.0.1:27017", engine)
    assert isinstance(open_storage(None, engine), DatabaseStorage)


def test_the_lock_doubles_from_the_first_wait_up_to_the_cap():
    settings = BackendSettings(
        database_url="sqlite://", lockout_first_seconds=60, lockout_max_seconds=3600
    )
    lockouts = Lockouts(None, settings)  # type: ignore[arg-type]  # no database needed
    waits = [lockouts.lock_seconds(failures, 5) for failures in range(1, 14)]
    assert waits == [0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]


def test_waits_are_said_in_plain_words():
    assert wait_words(1) == "1 second"
    assert wait_words(44.2) == "45 seconds"
    assert wait_words(60) == "1 minute"
    assert wait_words(61) == "2 minutes"
    assert wait_words(3600) == "60 minutes"


def test_trusted_proxies_must_be_addresses_or_networks():
    assert BackendSettings(trusted_proxies=["10.0.0.5", "10.0.0.0/24", "::1"]).trusted_proxies
    with pytest.raises(ValueError, match="not an address or network"):
        BackendSettings(trusted_proxies=["proxy.example"])
