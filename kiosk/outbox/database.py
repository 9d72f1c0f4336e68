"""The outbox's SQLite file: one engine, its pragmas, and making the tables on open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL

from kiosk.outbox.models import SCHEMA_VERSION, OutboxBase
from shared.errors import FirstStopError


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let the "begin" listener below issue BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL, not NORMAL: a kiosk loses power (someone pulls the plug) more often than a
    # server. Each commit reaches the disk before the customer is shown their reference,
    # so a reference is never lost and the counter never goes back to issue it again.
    cursor.execute("PRAGMA synchronous=FULL")
    # Deleted entries (customer data) are overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # Take the write lock at BEGIN: taking a sequence number and storing the entry, or
    # making the tables, is then serialised across threads and processes.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def open_engine(path: Path) -> Engine:
    """An engine on the outbox file, with its tables made (if need be) and checked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        connect_args={"check_same_thread": False},
        # One connection: SQLite has one writer anyway; a thread waits for the pool
        # instead of sleeping in SQLite's busy handler.
        pool_size=1,
        max_overflow=0,
        pool_timeout=30,
        hide_parameters=True,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediate)
    try:
        _make_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _make_schema(engine: Engine) -> None:
    with engine.begin() as connection:
        version = int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
        if version > SCHEMA_VERSION:
            raise FirstStopError(
                "This kiosk's outbox was written by a newer version of First Stop. "
                "Please ask an installer to update the kiosk.",
                schema_version=version,
            )
        # Checks before it creates, inside the write lock: opening is idempotent and two
        # processes opening one file at once do not race.
        OutboxBase.metadata.create_all(connection)
        if version < SCHEMA_VERSION:
            connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
