"""The retention purge, run in the background: once at start, then every so often."""

from __future__ import annotations

import logging
import threading

from sqlalchemy.orm import Session, sessionmaker

from casebackend.catalogue.service import CatalogueCache
from casebackend.db.engine import unit_of_work
from casebackend.privacy.service import PurgeReport, purge_expired
from shared.logsafe import describe

log = logging.getLogger(__name__)


class RetentionScheduler:
    """Like the notification dispatcher: a daemon thread, stopped with the app."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        catalogue: CatalogueCache,
        *,
        default_days: int,
        appointment_days: int,
        every_seconds: float,
    ) -> None:
        self._sessions = sessions
        self._catalogue = catalogue
        self._default_days = default_days
        self._appointment_days = appointment_days
        self._every_seconds = every_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Set after each run, so a test (or an operator's tool) can wait for one.
        self.ran = threading.Event()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="retention", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

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

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            # The thread must outlive any one bad moment; the error is described without
            # its message, which might quote customer data.
            except Exception as exc:  # noqa: BLE001
                log.error("the retention purge failed; will try again: %s", describe(exc))  # noqa: TRY400
            self.ran.set()
            self._stop.wait(self._every_seconds)
