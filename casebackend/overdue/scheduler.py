"""The overdue digest, sent in the background once a day at the configured local time."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from casebackend.catalogue.service import CatalogueCache
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.overdue.service import TeamDigest, is_digest_day, local_day, send_digests
from casebackend.settings import BackendSettings
from shared.logsafe import describe

log = logging.getLogger(__name__)


class DigestScheduler:
    """Like the retention purge: a daemon thread, stopped with the app. It looks once a
    minute; from the digest time on, on a working day, it sends the day's digests. Every
    worker process runs one; the claim in the database lets exactly one send each team's."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        catalogue: CatalogueCache,
        settings: BackendSettings,
        *,
        on_queued: Callable[[], None] = lambda: None,
        poll_seconds: float = 60.0,
    ) -> None:
        self._sessions = sessions
        self._catalogue = catalogue
        self._settings = settings
        self._on_queued = on_queued
        self._poll_seconds = poll_seconds
        self._done: date | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if not self._settings.overdue_digest:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="overdue-digest", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def run_due(self, now: datetime | None = None) -> list[TeamDigest]:
        """Send today's digests if it is time and this process has not yet; return the ones
        this call queued (none when another worker had already claimed them)."""
        now = now or utcnow()
        day = local_day(self._settings, now)
        if (
            not self._settings.overdue_digest
            or day == self._done
            or not is_digest_day(self._settings, day)
            or now.astimezone(ZoneInfo(self._settings.timezone)).time()
            < self._settings.overdue_digest_time
        ):
            return []
        with unit_of_work(self._sessions) as session:
            sent = send_digests(session, self._settings, self._catalogue, now=now)
        self._done = day
        if sent:
            self._on_queued()
        return sent

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            # The thread must outlive any one bad moment; the error is described without
            # its message.
            except Exception as exc:  # noqa: BLE001
                log.error("the overdue digest failed; will try again: %s", describe(exc))  # noqa: TRY400
            self._stop.wait(self._poll_seconds)
