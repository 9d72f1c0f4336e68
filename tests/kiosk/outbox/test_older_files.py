"""An outbox file as the SQLAlchemy-era kiosk wrote it (its tables' SQL, times, JSON and
states exactly as they were stored) opens, is read and is sent by the plain-``sqlite3``
outbox: a kiosk updated with entries still waiting loses none and sends none twice."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from kiosk.outbox import Outbox
from kiosk.outbox.models import SCHEMA_VERSION
from shared.schema import replace, to_builtins
from tests.kiosk.outbox.conftest import ISSUER, FakeSender, report, visit

# What SQLAlchemy's create_all made (sqlite_master's text, as it was).
_TABLES = (
    "CREATE TABLE outbox_entries (\n\tid INTEGER NOT NULL, \n\treference VARCHAR(9) NOT NULL, "
    "\n\tidempotency_key VARCHAR(100) NOT NULL, \n\tpayload JSON NOT NULL, \n\tcreated_at "
    "DATETIME NOT NULL, \n\tattempts INTEGER NOT NULL, \n\tnext_attempt_at DATETIME NOT NULL, "
    "\n\tlast_error VARCHAR(40), \n\tstate VARCHAR(10) NOT NULL, \n\tCONSTRAINT "
    "pk_outbox_entries PRIMARY KEY (id), \n\tCONSTRAINT uq_outbox_entries_reference UNIQUE "
    "(reference), \n\tCONSTRAINT uq_outbox_entries_idempotency_key UNIQUE (idempotency_key)\n)",
    "CREATE INDEX ix_outbox_entries_state_next ON outbox_entries (state, next_attempt_at)",
    "CREATE TABLE visit_entries (\n\tid VARCHAR(32) NOT NULL, \n\tpayload JSON NOT NULL, "
    "\n\tcreated_at DATETIME NOT NULL, \n\tattempts INTEGER NOT NULL, \n\tnext_attempt_at "
    "DATETIME NOT NULL, \n\tlast_error VARCHAR(40), \n\tstate VARCHAR(10) NOT NULL, "
    "\n\tCONSTRAINT pk_visit_entries PRIMARY KEY (id)\n)",
    "CREATE INDEX ix_visit_entries_state_next ON visit_entries (state, next_attempt_at)",
    "CREATE TABLE reference_counter (\n\tissuer VARCHAR(3) NOT NULL, \n\tlast_sequence "
    "INTEGER NOT NULL, \n\tCONSTRAINT pk_reference_counter PRIMARY KEY (issuer)\n)",
)
KEY = "7627d8fef4824ee193a5156a793338a6"


def _older_file(path, reference: str, visit_id: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        for sql in _TABLES:
            db.execute(sql)
        case = to_builtins(replace(report(), reference=reference))
        db.execute(
            "INSERT INTO outbox_entries VALUES (1, ?, ?, ?, '2026-11-23 09:00:00.250000', 2, "
            "'2026-11-23 09:00:20.250000', 'unavailable', 'pending')",
            (reference, KEY, json.dumps(case)),
        )
        payload = to_builtins(visit(id=visit_id))
        db.execute(
            "INSERT INTO visit_entries VALUES (?, ?, '2026-11-23 09:01:00.000000', 1, "
            "'2026-11-23 09:01:00.000000', 'invalid_input', 'held')",
            (visit_id, json.dumps(payload)),
        )
        db.execute("INSERT INTO reference_counter VALUES (?, 1)", (ISSUER,))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.close()


def test_a_file_the_sqlalchemy_outbox_wrote_is_read_and_sent_as_it_was(outbox_path):
    outbox_path.parent.mkdir(mode=0o700)
    first = Outbox(outbox_path, ISSUER)
    reference = first.submit(report())  # only to know this issuer's first reference
    first.close()
    outbox_path.unlink()
    for extra in ("-wal", "-shm"):
        outbox_path.with_name(outbox_path.name + extra).unlink(missing_ok=True)
    visit_id = "0123456789abcdef0123456789abcdef"
    _older_file(outbox_path, reference.compact, visit_id)

    with Outbox(outbox_path, ISSUER) as outbox:
        assert (outbox.case_depth(), outbox.visit_depth()) == (1, 1)
        assert outbox.next_attempt_at() == datetime(2026, 11, 23, 9, 0, 20, 250000, tzinfo=UTC)
        [held] = outbox.held_visits()
        assert (held.id, held.error, held.attempts) == (visit_id, "invalid_input", 1)
        assert held.created_at == datetime(2026, 11, 23, 9, 1, tzinfo=UTC)
        # The counter goes on: the next reference is the second, never the first again.
        assert outbox.submit(report()).sequence == reference.sequence + 1
        sender = FakeSender()
        sent = outbox.sync_once(sender, now=datetime(2026, 11, 23, 9, 0, 21, tzinfo=UTC))
        # The stored case first, with the key it was stored with; the new one was not due.
        assert sent.sent == 1
        assert sender.sent == [(reference.compact, KEY)]
        assert outbox.release_held() == 1
        assert outbox.sync_once(sender).sent == 2
        assert outbox.depth() == 0
