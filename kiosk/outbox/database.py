"""The outbox's SQLite file: one connection, its pragmas, transactions, and making (or
upgrading) the tables on open. Plain ``sqlite3`` from the standard library: SQLAlchemy's
ORM cost the kiosk some 0.4 s and 29 MB on every start for three tables' worth of queries.

The file holds customers' answers until the backend has them, so it is owner-only: 0600 in
a 0700 folder, and so are SQLite's ``-wal`` and ``-shm`` files beside it (SQLite gives
those the database file's own mode).

SQLite is run the one way the project runs it (``shared.storage.sqlalchemy.sqlite_engine``
does the same for the backend):

* WAL: readers beside the one writer.
* One connection per outbox, shared by the UI thread and the sync worker: a thread waits
  for it (a lock) rather than SQLite's busy handler sleeping and polling. No code may
  therefore open a transaction while it holds one.
* ``BEGIN IMMEDIATE``: the write lock is taken at the start, so a read-then-write
  transaction never fails because another process wrote first; another process's writer
  is waited for (``busy_timeout``, 10 s).
* ``synchronous=FULL``, not NORMAL: a kiosk loses power (someone pulls the plug) more
  often than a server. Each commit reaches the disk before the customer is shown their
  reference, so a reference is never lost and the counter never goes back to issue it
  again.
* ``secure_delete``: a deleted entry (customer data) is overwritten, not left in free pages.
* Query values never appear in error messages or logs (they hold customer data):
  ``sqlite3``'s errors name the problem, never the values bound.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from kiosk.files import PRIVATE_DIR, PRIVATE_FILE
from kiosk.outbox.models import INDEXES, SCHEMA_VERSION, TABLES
from shared.errors import FirstStopError

BUSY_TIMEOUT_S = 10.0


class Database:
    """The outbox file's one connection; :meth:`transaction` is the only way to use it."""

    def __init__(self, path: Path) -> None:
        _make_private(path)
        self._connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        self._lock = threading.Lock()
        try:
            for pragma in (
                "journal_mode=WAL",
                "synchronous=FULL",
                "secure_delete=ON",
                "foreign_keys=ON",
                f"busy_timeout={round(BUSY_TIMEOUT_S * 1000)}",
            ):
                self._connection.execute(f"PRAGMA {pragma}").fetchall()
            with self.transaction() as connection:
                _make_schema(connection)
        except BaseException:
            self._connection.close()
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection, inside one write transaction: committed if the block ends
        normally, rolled back if it raises."""
        with self._lock:
            connection = self._connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            try:
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._connection.close()


def _make_private(path: Path) -> None:
    """The folder 0700 and the file 0600 before SQLite opens it: made so if new (never
    readable by others, not even for a moment), tightened if an older kiosk made them."""
    path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    path.parent.chmod(PRIVATE_DIR)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            file.chmod(PRIVATE_FILE)


def _make_schema(connection: sqlite3.Connection) -> None:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise FirstStopError(
            "This kiosk's outbox was written by a newer version of First Stop. "
            "Please ask an installer to update the kiosk.",
            schema_version=version,
        )
    # Checks before it creates, inside the write lock: opening is idempotent and two
    # processes opening one file at once do not race.
    # An older file is upgraded in place: every change so far only added a table
    # (version 2: ``visit_entries``), made beside the tables left as they are. A change to
    # an existing table would need its own step here.
    existing = {name for (name,) in connection.execute("SELECT name FROM sqlite_master").fetchall()}
    for name, sql in (*TABLES.items(), *INDEXES.items()):
        if name not in existing:
            connection.execute(sql)
    if version < SCHEMA_VERSION:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
