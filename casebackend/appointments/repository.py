"""The appointments' queries. Seats are taken and given back by single conditional
statements, never read-then-write, so two customers at once cannot share a last seat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casebackend.appointments.models import Appointment, AppointmentOffer, AppointmentSlot
from casebackend.db.base import utcnow
from casebackend.notifications.models import Notification
from casebackend.triage.models import TriageEntryRow
from shared.appointments.schemas import AppointmentStatus

_SLOTS: Table = AppointmentSlot.__table__  # type: ignore[assignment]


def take_seat(
    session: Session, location_id: int, service_code: str, starts_at: datetime, capacity: int
) -> int | None:
    """One seat of the slot, or None when every seat is taken: the slot's row is made if
    it is the slot's first booking, then one ``UPDATE … WHERE booked < capacity`` takes
    the seat. On PostgreSQL a second transaction's UPDATE waits for the first's row lock
    and then sees its count; on SQLite writers take turns (``BEGIN IMMEDIATE``)."""
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_SLOTS)
    session.execute(
        insert.values(
            location_id=location_id, service_code=service_code, starts_at=starts_at, booked=0
        ).on_conflict_do_nothing(
            index_elements=[_SLOTS.c.location_id, _SLOTS.c.service_code, _SLOTS.c.starts_at]
        )
    )
    return session.execute(
        update(_SLOTS)
        .where(
            _SLOTS.c.location_id == location_id,
            _SLOTS.c.service_code == service_code,
            _SLOTS.c.starts_at == starts_at,
            _SLOTS.c.booked < capacity,
        )
        .values(booked=_SLOTS.c.booked + 1)
        .returning(_SLOTS.c.id)
    ).scalar()


def give_back_seat(session: Session, slot_id: int) -> None:
    session.execute(
        update(_SLOTS)
        .where(_SLOTS.c.id == slot_id, _SLOTS.c.booked > 0)
        .values(booked=_SLOTS.c.booked - 1)
    )


def seats_taken(
    session: Session, location_id: int, service_code: str, start: datetime, end: datetime
) -> dict[datetime, int]:
    rows = session.execute(
        select(AppointmentSlot.starts_at, AppointmentSlot.booked).where(
            AppointmentSlot.location_id == location_id,
            AppointmentSlot.service_code == service_code,
            AppointmentSlot.starts_at >= start,
            AppointmentSlot.starts_at < end,
        )
    )
    return {row.starts_at: row.booked for row in rows}


def offer(session: Session, location_id: int, service_code: str) -> AppointmentOffer | None:
    return session.scalars(
        select(AppointmentOffer).where(
            AppointmentOffer.location_id == location_id,
            AppointmentOffer.service_code == service_code,
        )
    ).first()


def active_offers(session: Session, location_id: int | None) -> Sequence[AppointmentOffer]:
    query = select(AppointmentOffer).where(AppointmentOffer.active.is_(True))
    if location_id is not None:
        query = query.where(AppointmentOffer.location_id == location_id)
    return session.scalars(
        query.order_by(AppointmentOffer.location_id, AppointmentOffer.service_code)
    ).all()


def by_reference(session: Session, reference: str) -> Appointment | None:
    return session.scalars(select(Appointment).where(Appointment.reference == reference)).first()


def by_idempotency_key(session: Session, scope: str, key: str) -> Appointment | None:
    return session.scalars(
        select(Appointment).where(
            Appointment.idempotency_scope == scope, Appointment.idempotency_key == key
        )
    ).first()


def reference_used(session: Session, reference: str) -> bool:
    return (
        session.scalar(select(Appointment.id).where(Appointment.reference == reference)) is not None
    )


def between(
    session: Session,
    location_id: int,
    start: datetime,
    end: datetime,
    status: AppointmentStatus | None = None,
) -> Sequence[Appointment]:
    query = select(Appointment).where(
        Appointment.location_id == location_id,
        Appointment.starts_at >= start,
        Appointment.starts_at < end,
    )
    if status is not None:
        query = query.where(Appointment.status == status)
    return session.scalars(query.order_by(Appointment.starts_at, Appointment.id)).all()


def first_page_link(session: Session, appointment_id: int) -> str | None:
    """The page link the appointment's first message carried (with its token), if any."""
    personalisation = session.scalars(
        select(Notification.personalisation)
        .where(Notification.appointment_id == appointment_id)
        .order_by(Notification.id)
        .limit(1)
    ).first()
    link = (personalisation or {}).get("page_url")
    return link if isinstance(link, str) else None


def due_reminders(
    session: Session, start: datetime, end: datetime, booked_before: datetime
) -> Sequence[Appointment]:
    """Booked appointments starting in [start, end), not yet reminded, booked (or moved)
    before ``booked_before``."""
    return session.scalars(
        select(Appointment)
        .where(
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.reminded_at.is_(None),
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.updated_at < booked_before,
        )
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()


def claim_reminder(session: Session, appointment_id: int, now: datetime) -> bool:
    """Mark the reminder sent, if no one has: exactly one caller (one process) wins."""
    claimed: int = session.execute(  # type: ignore[attr-defined]
        update(Appointment)
        .where(Appointment.id == appointment_id, Appointment.reminded_at.is_(None))
        .values(reminded_at=now)
    ).rowcount
    return claimed == 1


def mark_no_shows(session: Session, ended_before: datetime) -> Sequence[Appointment]:
    """Booked appointments that ended before ``ended_before`` are missed: one conditional
    ``UPDATE``, so of several processes exactly one marks (and announces) each."""
    return session.scalars(
        update(Appointment)
        .where(
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.ends_at < ended_before,
        )
        .values(status=AppointmentStatus.NO_SHOW, updated_at=utcnow())
        .returning(Appointment)
        .execution_options(synchronize_session=False)
    ).all()


def end_visit(session: Session, reference: str, status: AppointmentStatus) -> Appointment | None:
    """The arrived appointment ``reference`` ends as ``status`` (seen, or did not come): one
    conditional ``UPDATE``, so it changes once; None when it is not (or no longer) arrived."""
    return session.scalars(
        update(Appointment)
        .where(Appointment.reference == reference, Appointment.status == AppointmentStatus.ARRIVED)
        .values(status=status, updated_at=utcnow())
        .returning(Appointment)
        .execution_options(synchronize_session=False, populate_existing=True)
    ).one_or_none()


def purge_before(session: Session, ended_before: datetime, now: datetime) -> list[str]:
    """Forget the customers of appointments that ended before ``ended_before``; the
    references of those this call forgot."""
    ids = session.scalars(
        select(Appointment.id).where(
            Appointment.ends_at < ended_before, Appointment.purged_at.is_(None)
        )
    ).all()
    return forget(session, ids, now)


def forget(session: Session, ids: Sequence[int], now: datetime) -> list[str]:
    """Blank what the appointments ``ids`` hold about their customer (name, contact,
    answers, the note on their needs, the name on their triage line) and delete the
    messages sent about them (they hold the phone number or email); the booking itself
    stays for the figures. Each is claimed by ``purged_at``, so of several callers at once
    exactly one forgets it; the references of those this call forgot."""
    if not ids:
        return []
    forgotten = session.execute(
        update(Appointment)
        .where(Appointment.id.in_(ids), Appointment.purged_at.is_(None))
        .values(
            name="",
            phone=None,
            email=None,
            notify_by=[],
            answers={},
            access_note="",
            purged_at=now,
        )
        .returning(Appointment.id, Appointment.reference)
        .execution_options(synchronize_session=False)
    ).all()
    if not forgotten:
        return []
    session.execute(
        Notification.__table__.delete().where(  # type: ignore[attr-defined]
            Notification.appointment_id.in_([row.id for row in forgotten])
        )
    )
    references = [row.reference for row in forgotten]
    session.execute(
        update(TriageEntryRow)
        .where(TriageEntryRow.appointment_reference.in_(references))
        .values(name=None)
        .execution_options(synchronize_session=False)
    )
    return references
