"""Everything a request handler needs, built once per backend process."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from casebackend.appointments.scheduler import ReminderScheduler
from casebackend.catalogue.service import CatalogueCache
from casebackend.identity.cache import PrincipalCache
from casebackend.notifications.service import Dispatcher
from casebackend.organisation.service import Directory, Router
from casebackend.overdue.scheduler import DigestScheduler
from casebackend.privacy.scheduler import RetentionScheduler
from casebackend.ratelimit.service import Guard, Lockouts, RateLimits
from casebackend.settings import BackendSettings


@dataclass
class BackendContext:
    settings: BackendSettings
    engine: Engine
    sessions: sessionmaker[Session]
    catalogue: CatalogueCache
    dispatcher: Dispatcher
    # Rate limits and lockouts, counted where every worker sees them.
    limits: RateLimits
    lockouts: Lockouts
    # The tracking limit (limits.track), under the name the tracking faces use.
    track_limiter: Guard
    router: Router
    directory: Directory
    principals: PrincipalCache
    retention: RetentionScheduler
    overdue_digest: DigestScheduler
    # Appointment reminders the day before, missed appointments, forgetting old details.
    appointment_chores: ReminderScheduler
    # A read-only engine beside ``engine`` for reads that must not queue behind its writer
    # (:func:`casebackend.db.engine.make_reader`): on a SQLite file only.
    reader: Engine | None = None

    def reload(self) -> None:
        """Read the catalogue, routing rules and directory again, after an admin changed them."""
        self.catalogue.refresh()
        with self.sessions() as session:
            self.router = Router.load(session)
            self.directory.load(session)
