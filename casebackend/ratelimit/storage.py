"""Where the limits library keeps its counts: this backend's own database by default.

Every worker process, and every machine sharing the database, counts in the same table,
so two workers serve the limit once, not twice. A hit is one ``INSERT … ON CONFLICT DO
UPDATE … RETURNING`` statement, atomic on SQLite and PostgreSQL alike: a window that has
expired starts again at the hit, an open one adds to its count. Expired windows are
deleted, at most once a minute per process, as hits arrive.

The storage runs its own short transactions on the backend's engine. On SQLite a process
has one connection and every transaction takes the write lock, so a limit is checked
before the request's session first touches the database (or after it has rolled back),
never while it holds a transaction.

Registered with the limits library under ``firststop+<database URL>`` (for example
``firststop+sqlite:///limits.sqlite3``), so ``storage_from_string`` can open one on a
database of its own; the backend hands it its own engine instead.
"""

from __future__ import annotations

import hashlib
import threading
import time

from limits.storage import Storage, storage_from_string
from sqlalchemy import Engine, Table, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from casebackend.db.engine import make_engine
from casebackend.ratelimit.models import RateLimitCounter
from shared.errors import InvalidInput

CLEANUP_SECONDS = 60.0
_KEY_LENGTH = 255
_COUNTERS: Table = RateLimitCounter.__table__  # type: ignore[assignment]
# What rate_limit_storage_url may name: servers every worker and machine share.
SHARED_SCHEMES = ("redis", "rediss", "redis+unix", "redis+sentinel", "redis+cluster", "memcached")


def _stored_key(key: str) -> str:
    if len(key) <= _KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


class DatabaseStorage(Storage):
    """A limits storage for the fixed-window strategy, in the ``rate_limit_counters`` table."""

    # The library's registry reads this list (its own declaration is a plain instance one).
    STORAGE_SCHEME = [  # noqa: RUF012
        "firststop+sqlite",
        "firststop+postgresql",
        "firststop+postgresql+psycopg",
    ]

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        *,
        engine: Engine | None = None,
        **options: float | str | bool,
    ) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        if engine is None:
            if not uri:
                raise ValueError("a DatabaseStorage needs an engine or a firststop+ URI")
            engine = make_engine(uri.removeprefix("firststop+"))
        self.engine = engine
        self._postgresql = engine.dialect.name == "postgresql"
        self._lock = threading.Lock()
        self._next_cleanup = 0.0

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        insert = (postgresql.insert if self._postgresql else sqlite.insert)(_COUNTERS)
        expired = _COUNTERS.c.expires_at <= now
        statement = (
            insert.values(key=_stored_key(key), hits=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[_COUNTERS.c.key],
                set_={
                    "hits": case((expired, amount), else_=_COUNTERS.c.hits + amount),
                    "expires_at": case((expired, now + expiry), else_=_COUNTERS.c.expires_at),
                },
            )
            .returning(_COUNTERS.c.hits)
        )
        with self.engine.begin() as connection:
            hits: int = connection.execute(statement).scalar_one()
            if self._cleanup_due(now):
                connection.execute(delete(_COUNTERS).where(_COUNTERS.c.expires_at <= now))
        return hits

    def _cleanup_due(self, now: float) -> bool:
        with self._lock:
            if now < self._next_cleanup:
                return False
            self._next_cleanup = now + CLEANUP_SECONDS
            return True

    def _row(self, key: str) -> tuple[int, float] | None:
        now = time.time()
        with self.engine.begin() as connection:
            row = connection.execute(
                select(_COUNTERS.c.hits, _COUNTERS.c.expires_at).where(
                    _COUNTERS.c.key == _stored_key(key), _COUNTERS.c.expires_at > now
                )
            ).first()
        return (row.hits, row.expires_at) if row is not None else None

    def get(self, key: str) -> int:
        row = self._row(key)
        return row[0] if row is not None else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row[1] if row is not None else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self.engine.begin() as connection:
            return connection.execute(delete(_COUNTERS)).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(_COUNTERS).where(_COUNTERS.c.key == _stored_key(key)))


def open_storage(url: str | None, engine: Engine) -> Storage:
    """The storage ``rate_limit_storage_url`` names, or the backend's own database."""
    if not url:
        return DatabaseStorage(engine=engine)
    scheme = url.partition("://")[0]
    if scheme not in SHARED_SCHEMES:
        raise InvalidInput(
            f"rate_limit_storage_url must be a redis:// or memcached:// address (or unset, "
            f"to count in the backend's database), not {scheme}://: the counts must be "
            "shared by every worker process."
        )
    try:
        storage = storage_from_string(url)
    except Exception as exc:  # noqa: BLE001 (the library's ConfigurationError, or a client's)
        raise InvalidInput(
            f"rate_limit_storage_url could not be used ({type(exc).__name__}): is the "
            "client library installed (pip install 'limits[redis]' or 'limits[memcached]')?"
        ) from None
    if not isinstance(storage, Storage):  # an async+ scheme cannot get this far
        raise InvalidInput("rate_limit_storage_url must name a storage the backend can use.")
    return storage
