"""The appointments' daily chores, on SQLite and PostgreSQL, with the clock given: the
reminder the day before, sent from the reminder time on, once however many processes look,
again for a booking moved to another day; missed appointments marked, and customers'
details forgotten after the retention time (by the retention purge). One story, so one
backend start per database."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from casebackend.appointments import service
from casebackend.appointments.models import Appointment
from casebackend.appointments.scheduler import ReminderScheduler
from casebackend.db.engine import unit_of_work
from casebackend.notifications.models import Notification
from casebackend.privacy.service import purge_expired
from shared.appointments.schemas import AppointmentRebook
from tests.casebackend.appointments.helpers import admin_at_shop, appointment, at, book
from tests.conftest import Backend


def chores(backend: Backend) -> ReminderScheduler:
    return ReminderScheduler(
        backend.context.sessions, backend.context.catalogue, backend.context.settings
    )


def reminders(backend: Backend) -> list[tuple[int | None, str]]:
    with backend.context.sessions() as session:
        rows = session.execute(
            select(Notification.appointment_id, Notification.channel)
            .where(Notification.template == "appointment_reminder")
            .order_by(Notification.id)
        ).all()
    return [(row[0], str(row[1])) for row in rows]


def test_reminded_once_the_day_before_then_missed_then_forgotten(backend: Backend):
    tuesday = book(backend, at(8, 10))  # booked on Friday 4 December for Tuesday 8
    wednesday = book(backend, at(9, 10))
    quiet = book(backend, at(8, 11), notify_by=[])  # asked for no messages
    today = book(backend, at(8, 15), now=at(7, 9))  # booked on Monday itself
    tuesday_id = appointment(backend, tuesday).id

    assert chores(backend).run_due(at(7, 9, 59)).reminded == 0  # before 10:00
    assert reminders(backend) == []
    # From 10:00 on Monday, however many processes look at once: one reminder.
    racers = [chores(backend) for _ in range(3)]
    done: list[int] = []
    start = threading.Barrier(len(racers))

    def look(racer: ReminderScheduler) -> None:
        start.wait()
        done.append(racer.run_due(at(7, 10, 1)).reminded)

    threads = [threading.Thread(target=look, args=(r,)) for r in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(done) == [0, 0, 1]
    assert chores(backend).run_due(at(7, 16)).reminded == 0  # later that day: nothing new
    assert reminders(backend) == [(tuesday_id, "sms")]
    assert appointment(backend, tuesday).reminded_at == at(7, 10, 1)
    assert appointment(backend, quiet).reminded_at is not None  # claimed, nothing to send
    assert appointment(backend, today).reminded_at is None  # its confirmation just went
    assert appointment(backend, wednesday).reminded_at is None

    # Moved to Thursday on Tuesday morning: reminded again on Wednesday, for Thursday.
    with unit_of_work(backend.context.sessions) as session:
        service.rebook(
            session,
            backend.context,
            admin_at_shop(backend),
            tuesday,
            AppointmentRebook(starts_at=at(10, 14)),
            through="test",
            now=at(8, 8),
        )
    assert appointment(backend, tuesday).reminded_at is None
    assert chores(backend).run_due(at(8, 10, 30)).reminded == 1  # Wednesday's
    assert chores(backend).run_due(at(9, 10, 30)).reminded == 1  # Thursday's: the moved one
    assert [a for a, _ in reminders(backend)].count(tuesday_id) == 2

    # Tuesday's booking nobody came to: missed once the day is over, and 90 days on (the
    # default) its customer's name, number and messages are gone; the booking stays.
    missed = book(backend, at(8, 16), customer={"name": "Sol", "phone": "07700 900777"})
    chores(backend).run_due(at(8, 23))  # Tuesday evening: not missed until the day is over
    assert appointment(backend, missed).status == "booked"
    assert chores(backend).run_due(at(9, 0, 5)).no_shows >= 1
    assert (appointment(backend, missed).status, appointment(backend, missed).name) == (
        "no_show",
        "Sol",
    )
    later = at(8, 17) + timedelta(days=91)
    with unit_of_work(backend.context.sessions) as session:
        purged = purge_expired(
            session,
            backend.context.catalogue,
            default_days=backend.context.settings.retention_days_default,
            appointment_days=backend.context.settings.appointment_retention_days,
            now=later,
        )
    assert missed in purged.appointments
    forgotten = appointment(backend, missed)
    assert (forgotten.name, forgotten.phone, forgotten.email) == ("", None, None)
    assert forgotten.purged_at == later
    with backend.context.sessions() as session:
        left = session.scalars(
            select(Notification.id).where(Notification.appointment_id == forgotten.id)
        ).all()
        kept = session.scalar(select(Appointment.id).where(Appointment.id == forgotten.id))
    assert (left, kept) == ([], forgotten.id)
