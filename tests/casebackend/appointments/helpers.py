"""What the appointments' tests share: a clock in a week of December 2026 (London is on
GMT, so local times are UTC), a staff caller for the service layer, and booking bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import select, update

from casebackend.appointments import service
from casebackend.appointments.models import Appointment
from casebackend.cases.models import ActorKind
from casebackend.db.engine import unit_of_work
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.organisation.models import Location
from casebackend.triage.models import TriageEntryRow
from shared.appointments.schemas import AppointmentCreate
from shared.storage.sqlalchemy import utcnow
from tests.conftest import Backend

# Friday 4 December 2026, 12:00: a working day before the week the tests book in.
FRIDAY = datetime(2026, 12, 4, 12, tzinfo=UTC)

# A booking's body read as the backend's edge reads it (an email address normalised too).
_EDGE = TypeAdapter(AppointmentCreate)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in December 2026 (UTC, which is London's time in December)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def admin_at_shop(backend: Backend) -> Principal:
    with backend.context.sessions() as session:
        shop = session.scalars(select(Location.id).where(Location.code == "shop")).one()
    return Principal(ActorKind.STAFF, None, "Admin", frozenset({Role.ADMIN}), frozenset({shop}))


def body(starts_at: datetime | str, **extra: Any) -> dict[str, Any]:
    return {
        "service_code": "appointment",
        "location_code": "shop",
        "starts_at": starts_at if isinstance(starts_at, str) else starts_at.isoformat(),
        "customer": {"name": "Rhiannon Test", "phone": "07700 900123"},
        "notify_by": ["sms"],
    } | extra


def book(backend: Backend, starts_at: datetime, now: datetime = FRIDAY, **extra: Any) -> str:
    """Books through the service with the clock at ``now``; the reference."""
    with unit_of_work(backend.context.sessions) as session:
        booked = service.book(
            session,
            backend.context,
            admin_at_shop(backend),
            _EDGE.validate_python(body(starts_at, **extra)),
            through="test",
            now=now,
        )
        return booked.appointment.reference


def book_due_now(backend: Backend, hour: int = 10, **extra: Any) -> str:
    """Books (as :func:`book`), then moves the booking to now, so its customer may arrive
    today; the reference."""
    reference = book(backend, at(7, hour), **extra)
    with unit_of_work(backend.context.sessions) as session:
        session.execute(
            update(Appointment).where(Appointment.reference == reference).values(starts_at=utcnow())
        )
    return reference


def appointment(backend: Backend, reference: str) -> Appointment:
    with backend.context.sessions() as session:
        return session.scalars(select(Appointment).where(Appointment.reference == reference)).one()


def triage_entry_of(backend: Backend, reference: str) -> str:
    """The id of the triage list's entry for an arrived appointment."""
    with backend.context.sessions() as session:
        entry_id: str = session.scalars(
            select(TriageEntryRow.id).where(TriageEntryRow.appointment_reference == reference)
        ).one()
        return entry_id


def set_capacity(backend: Backend, admin: dict[str, str], capacity: int, **extra: Any) -> None:
    response = backend.http.put(
        f"{backend.api}/appointments/offers/shop/appointment",
        json={"slot_minutes": 30, "capacity": capacity} | extra,
        headers=admin,
    )
    assert response.status_code == 200, response.text
