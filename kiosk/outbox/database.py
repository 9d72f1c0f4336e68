"""The outbox's SQLite file: one engine, its pragmas, and making (or upgrading) the tables
on open.

The file holds customers' answers until the backend has them, so it is owner-only: 0600 in
a 0700 folder, and so are SQLite's ``-wal`` and ``-shm`` files beside it (SQLite gives
those the database file's own mode).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from kiosk.files import PRIVATE_DIR, PRIVATE_FILE
from kiosk.outbox.models import SCHEMA_VERSION, OutboxBase
from shared.errors import FirstStopError
from shared.storage.sqlalchemy import sqlite_engine


def open_engine(path: Path) -> Engine:
    """An engine on the outbox file, with its tables made (if need be) and checked."""
    _make_private(path)
    # FULL, not NORMAL: a kiosk loses power (someone pulls the plug) more often than a
    # server. Each commit reaches the disk before the customer is shown their reference,
    # so a reference is never lost and the counter never goes back to issue it again.
    # secure_delete: a deleted entry (customer data) is overwritten, not left in free pages.
    engine = sqlite_engine(
        URL.create("sqlite", database=str(path)), synchronous="FULL", secure_delete=True
    )
    try:
        _make_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _make_private(path: Path) -> None:
    """The folder 0700 and the file 0600 before SQLite opens it: made so if new (never
    readable by others, not even for a moment), tightened if an older kiosk made them."""
    path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    path.parent.chmod(PRIVATE_DIR)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            file.chmod(PRIVATE_FILE)


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
        # An older file is upgraded in place: every change so far only added a table
        # (version 2: ``visit_entries``), which ``create_all`` makes beside the tables it
        # leaves as they are. A change to an existing table would need its own step here.
        OutboxBase.metadata.create_all(connection)
        if version < SCHEMA_VERSION:
            connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
