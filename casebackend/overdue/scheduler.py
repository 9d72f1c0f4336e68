"""The overdue digest, sent in the background once a day at the configured local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from casebackend.catalogue.service import CatalogueCache
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.overdue.service import TeamDigest, is_digest_day, local_day, send_digests
from casebackend.polling import PollingThread
from casebackend.settings import BackendSettings


class DigestScheduler(PollingThread):
    """A polling thread (:mod:`casebackend.polling`), stopped with the app. It looks once a
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
        super().__init__(
            name="overdue-digest", what="the overdue digest", every_seconds=poll_seconds
        )
        self._sessions = sessions
        self._catalogue = catalogue
        self._settings = settings
        self._on_queued = on_queued
        self._done: date | None = None

    @property
    def enabled(self) -> bool:
        return self._settings.overdue_digest

    def poll(self) -> list[TeamDigest]:
        return self.run_due()

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
