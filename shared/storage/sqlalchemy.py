"""Column types, the naming convention and SQLite engines, for the backend and the kiosk.

The case backend's database and the kiosk's outbox are different databases with different
schemas, but they store time the same way and run SQLite the same way: one definition here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import URL, Connection, DateTime, Engine, Enum, TypeDecorator, create_engine, event
from sqlalchemy.engine import Dialect

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC on every database.

    SQLite keeps no offset; this type puts UTC back on the way out, so no naive datetime
    ever reaches the code above it, and it refuses to store one.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def str_enum(enum: type[StrEnum], length: int) -> Enum:
    """A StrEnum stored as its value in a plain string column (portable, no CHECK)."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def sqlite_engine(
    url: str | URL,
    *,
    synchronous: str = "NORMAL",
    secure_delete: bool = False,
    read_only: bool = False,
) -> Engine:
    """A SQLite engine run the one way the project runs SQLite.

    * WAL: readers beside the one writer, and about twice the insert rate.
    * One connection per process: SQLite has one writer at a time anyway, and threads
      queueing for the pool are handed the connection the moment it is free, where
      SQLite's own busy handler would make them sleep and poll. No code may therefore
      open a second session while it holds one.
    * ``BEGIN IMMEDIATE``: nearly every transaction writes; taking the write lock at BEGIN
      makes writers queue instead of failing when a read-then-write transaction finds that
      another writer (another process) got in first.
    * Query values never appear in error messages or logs (they hold customer data).
    * ``read_only``: a second engine beside the writer's, for reads that need no write lock
      (WAL lets them run while the writer writes, each seeing what was last committed). Its
      connection refuses every write (``query_only``) and begins without taking the lock.
    """

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # "begin" below issues BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        if secure_delete:
            cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    def begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    if synchronous not in {"NORMAL", "FULL"}:
        raise ValueError(f"synchronous must be NORMAL or FULL, not {synchronous}")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False},
        pool_size=1,
        max_overflow=0,
        pool_timeout=30,
        hide_parameters=True,
    )
    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", begin_immediate)
    return engine
