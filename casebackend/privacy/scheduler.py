"""The retention purge, run in the background: once at start, then every so often."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session, sessionmaker

from casebackend.catalogue.service import CatalogueCache
from casebackend.db.engine import unit_of_work
from casebackend.polling import PollingThread
from casebackend.privacy.service import PurgeReport, purge_expired

log = logging.getLogger(__name__)


class RetentionScheduler(PollingThread):
    """A polling thread (:mod:`casebackend.polling`), stopped with the app."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        catalogue: CatalogueCache,
        *,
        default_days: int,
        appointment_days: int,
        every_seconds: float,
    ) -> None:
        super().__init__(name="retention", what="the retention purge", every_seconds=every_seconds)
        self._sessions = sessions
        self._catalogue = catalogue
        self._default_days = default_days
        self._appointment_days = appointment_days

    def poll(self) -> PurgeReport:
        return self.run_once()

    def run_once(self) -> PurgeReport:
        with unit_of_work(self._sessions) as session:
            report = purge_expired(
                session,
                self._catalogue,
                default_days=self._default_days,
                appointment_days=self._appointment_days,
            )
        if report.cases or report.customers or report.appointments:
            # Counts only: references and numbers are not personal, but nothing more is needed.
            log.info(
                "retention purge: %d cases, %d customers and %d appointments erased",
                len(report.cases),
                len(report.customers),
                len(report.appointments),
            )
        return report
