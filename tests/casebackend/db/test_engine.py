"""The engines: a SQLite file's read-only engine reads beside the writer, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from casebackend.db.engine import make_engine, make_reader


def test_the_reader_reads_what_was_committed_while_the_writer_holds_its_lock(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'backend.db'}"
    writer = make_engine(url)
    reader = make_reader(writer)
    assert reader is not None
    try:
        with writer.begin() as connection:
            connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
            connection.execute(text("INSERT INTO notes (body) VALUES ('committed')"))
        with writer.begin() as connection:
            # The writer's transaction holds SQLite's write lock (BEGIN IMMEDIATE) ...
            connection.execute(text("INSERT INTO notes (body) VALUES ('not yet')"))
            # ... and the reader neither waits for it nor sees what it has not committed.
            with reader.begin() as reading:
                bodies = reading.execute(text("SELECT body FROM notes")).scalars().all()
            assert bodies == ["committed"]
        with reader.begin() as reading, pytest.raises(OperationalError, match="readonly"):
            reading.execute(text("INSERT INTO notes (body) VALUES ('from the reader')"))
    finally:
        reader.dispose()
        writer.dispose()


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "postgresql+psycopg://firststop@localhost/none"]
)
def test_no_reader_where_the_writer_engine_reads_beside_itself_or_another_would_differ(
    url: str,
) -> None:
    engine = create_engine(url)
    try:
        assert make_reader(engine) is None
    finally:
        engine.dispose()
