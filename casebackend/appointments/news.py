"""What the desks hear of a booking's change: one ``appointments.changed`` per change, kept
on the caller's session and published by the live hub after its commit.

Apart from :mod:`casebackend.appointments.service` so that the triage list, whose closing or
no-show of an arrived appointment's entry changes the booking too, can tell it without
importing the service that puts arrivals on that list.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from casebackend.appointments.models import Appointment
from casebackend.db.base import utcnow
from casebackend.organisation.models import Location
from casebackend.settings import BackendSettings
from casebackend.triage.news import News, tell
from shared.live.messages import AppointmentChange, AppointmentsChanged


def announce(
    session: Session,
    settings: BackendSettings,
    appointment: Appointment,
    location: Location,
    change: AppointmentChange,
    moved_from: datetime | None = None,
) -> None:
    """Tell the location's desks that this booking changed, once the caller's transaction
    commits (never if it rolls back): the reference, the change and the local day(s), no
    name or contact, so a desk showing that day reads it again."""
    zone = ZoneInfo(settings.timezone)
    day = appointment.starts_at.astimezone(zone).date()
    previous = moved_from.astimezone(zone).date() if moved_from is not None else None
    message = AppointmentsChanged(
        location_code=location.code,
        reference=appointment.reference,
        change=change,
        day=day,
        previous_day=previous if previous != day else None,
        server_time=utcnow(),
    )
    tell(session, News(message=message, location_id=location.id))
