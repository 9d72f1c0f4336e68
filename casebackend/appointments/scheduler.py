"""The appointments' daily chores, in the background like the overdue digest: the reminder
the day before and marking the missed ones. (Forgetting customers' details a while after is
the retention purge's, ``casebackend.privacy``, which runs whether reminders are on or not.)

Every worker process runs one; each reminder is claimed in the database first (one
conditional ``UPDATE`` of ``reminded_at``), so however many processes look, and however
often, a customer is reminded once. Moving a booking to another day clears the claim: the
new day gets its own reminder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from casebackend.appointments import repository
from casebackend.appointments.news import announce
from casebackend.appointments.service import tell_customer
from casebackend.catalogue.service import CatalogueCache
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.notifications.provider import NotificationTemplate
from casebackend.organisation.models import Location
from casebackend.polling import PollingThread
from casebackend.settings import BackendSettings
from shared.live.messages import AppointmentChange


@dataclass(frozen=True, slots=True)
class ChoresDone:
    reminded: int = 0
    no_shows: int = 0


class ReminderScheduler(PollingThread):
    """A polling thread (:mod:`casebackend.polling`), stopped with the app, that looks once
    a minute."""

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
            name="appointments", what="appointment reminders", every_seconds=poll_seconds
        )
        self._sessions = sessions
        self._catalogue = catalogue
        self._settings = settings
        self._on_queued = on_queued

    @property
    def enabled(self) -> bool:
        return self._settings.appointment_reminders

    def poll(self) -> ChoresDone:
        return self.run_due()

    def run_due(self, now: datetime | None = None) -> ChoresDone:
        """Remind tomorrow's customers (from ``appointment_reminder_time`` on) and mark
        yesterday's unattended bookings missed."""
        now = (now or utcnow()).astimezone(UTC)
        zone = ZoneInfo(self._settings.timezone)
        local = now.astimezone(zone)
        today_start = datetime.combine(local.date(), time(0), zone).astimezone(UTC)
        with unit_of_work(self._sessions) as session:
            reminded = 0
            if local.time() >= self._settings.appointment_reminder_time:
                reminded = self._remind(session, now, zone, today_start)
            done = ChoresDone(
                reminded=reminded,
                no_shows=self._mark_no_shows(session, today_start),
            )
        if reminded:
            self._on_queued()
        return done

    def _mark_no_shows(self, session: Session, today_start: datetime) -> int:
        """Bookings nobody came to by the end of their day; their desks are told."""
        missed = repository.mark_no_shows(session, today_start)
        for appointment in missed:
            location = session.get_one(Location, appointment.location_id)
            announce(session, self._settings, appointment, location, AppointmentChange.NO_SHOW)
        return len(missed)

    def _remind(
        self,
        session: Session,
        now: datetime,
        zone: ZoneInfo,
        today_start: datetime,
    ) -> int:
        tomorrow = now.astimezone(zone).date() + timedelta(days=1)
        start = datetime.combine(tomorrow, time(0), zone).astimezone(UTC)
        end = datetime.combine(tomorrow + timedelta(days=1), time(0), zone).astimezone(UTC)
        sent = 0
        # Booked (or moved) today: its confirmation has only just gone, so no reminder.
        for appointment in repository.due_reminders(session, start, end, today_start):
            if not repository.claim_reminder(session, appointment.id, now):
                continue
            location = session.get_one(Location, appointment.location_id)
            sent += tell_customer(
                session,
                self._catalogue,
                self._settings,
                appointment,
                location,
                NotificationTemplate.APPOINTMENT_REMINDER,
            )
        return sent
