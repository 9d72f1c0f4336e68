"""The outbox holds customers' answers: its file, SQLite's files beside it and its folder
are owner-only."""

from __future__ import annotations

import os
import stat

from kiosk.outbox import Outbox
from tests.kiosk.outbox.conftest import ISSUER, report


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_outbox_is_owner_only_whatever_the_umask(tmp_path):
    path = tmp_path / "kiosk" / "outbox.sqlite3"
    previous = os.umask(0o002)  # a permissive umask, as a desktop session may have
    try:
        with Outbox(path, ISSUER) as outbox:
            outbox.submit(report())
            wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
            assert wal.exists()
            assert shm.exists()
            assert [_mode(p) for p in (path, wal, shm)] == [0o600, 0o600, 0o600]
            assert _mode(path.parent) == 0o700
    finally:
        os.umask(previous)


def test_an_older_kiosks_open_outbox_is_tightened(tmp_path):
    path = tmp_path / "kiosk" / "outbox.sqlite3"
    with Outbox(path, ISSUER) as outbox:
        outbox.submit(report())
    path.parent.chmod(0o755)
    path.chmod(0o644)
    with Outbox(path, ISSUER) as outbox:
        assert outbox.depth() == 1
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700
