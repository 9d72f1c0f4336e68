"""Appointments under data protection, on SQLite and PostgreSQL: a subject access export
includes the appointments booked with the customer's email or phone number (however the
number was typed), each as it ended on the triage list (seen, or did not come); erasure
forgets them and the messages sent about them, and the retention purge forgets every
appointment a while after it, whether reminders are on or not."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from casebackend.appointments.models import Appointment
from casebackend.customers.models import Customer
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.notifications.models import Notification
from casebackend.privacy.service import erase_customer, export_customer
from casebackend.triage.models import TriageEntryRow
from tests.casebackend.appointments.helpers import appointment, at, book, triage_entry_of
from tests.casebackend.customers.helpers import audit
from tests.casebackend.privacy.helpers import move
from tests.conftest import Backend


def _ceri(backend: Backend) -> int:
    """Ceri's customer record (email and phone), their two bookings and someone else's."""
    kiosk, _ = backend.enrol()
    case = move(backend, kiosk, first_name="Ceri", email="ceri@example.com", phone="07700 900123")
    customer_id: int = case["customer_id"]
    return customer_id


def _messages(backend: Backend, reference: str) -> list[str]:
    with backend.context.sessions() as session:
        return list(
            session.scalars(
                select(Notification.recipient)
                .join(Appointment, Appointment.id == Notification.appointment_id)
                .where(Appointment.reference == reference)
            )
        )


def _arrive_today(backend: Backend, reference: str) -> None:
    with unit_of_work(backend.context.sessions) as session:
        session.execute(
            update(Appointment).where(Appointment.reference == reference).values(starts_at=utcnow())
        )
    arrived = backend.http.post(
        f"{backend.api}/appointments/{reference}/arrive", headers=backend.login("sam")
    )
    assert arrived.status_code == 200, arrived.text


def _triage_names(backend: Backend, reference: str) -> list[str | None]:
    with backend.context.sessions() as session:
        return list(
            session.scalars(
                select(TriageEntryRow.name).where(TriageEntryRow.appointment_reference == reference)
            )
        )


def test_export_and_erasure_cover_the_customers_appointments(backend: Backend) -> None:
    customer_id = _ceri(backend)
    by_phone = book(
        backend,
        at(7, 10),
        customer={"name": "Ceri Jones", "phone": "+44 7700 900123"},
        access_note="Bringing my carer",
    )
    by_email = book(
        backend,
        at(7, 11),
        customer={"name": "Ceri", "email": "Ceri@Example.com"},
        notify_by=["email"],
    )
    someone_else = book(backend, at(7, 12), customer={"name": "Dai", "phone": "07700 900999"})
    _arrive_today(backend, by_phone)
    assert _triage_names(backend, by_phone) == ["Ceri Jones"]

    with unit_of_work(backend.context.sessions) as session:
        export = export_customer(session, session.get_one(Customer, customer_id))
    exported = {a.reference: a for a in export.appointments}
    assert sorted(exported) == sorted([by_phone, by_email])
    assert (exported[by_phone].name, exported[by_phone].phone) == ("Ceri Jones", "+44 7700 900123")
    assert exported[by_phone].access_note == "Bringing my carer"
    assert exported[by_phone].status == "arrived"
    assert [(n.channel, n.template, n.recipient) for n in exported[by_email].notifications] == [
        ("email", "appointment_booked", "Ceri@example.com")
    ]
    (entry,) = audit(backend, "customer_export")
    assert entry["detail"] == "1 cases, 2 appointments"

    with unit_of_work(backend.context.sessions) as session:
        report = erase_customer(
            session, backend.context.catalogue, session.get_one(Customer, customer_id)
        )
    assert sorted(report.appointments) == sorted([by_phone, by_email])
    for reference in (by_phone, by_email):
        forgotten = appointment(backend, reference)
        assert (forgotten.name, forgotten.phone, forgotten.email) == ("", None, None)
        assert (forgotten.answers, forgotten.access_note, forgotten.notify_by) == ({}, "", [])
        assert forgotten.purged_at is not None
        assert _messages(backend, reference) == []
    # The booking itself stays (its time, place and state), and its triage line is nameless.
    assert appointment(backend, by_phone).status == "arrived"
    assert _triage_names(backend, by_phone) == [None]
    # Someone else's booking is not touched.
    assert appointment(backend, someone_else).name == "Dai"
    assert _messages(backend, someone_else) == ["07700 900999"]
    erased = {e["detail"] for e in audit(backend, "customer_erase")}
    assert {by_phone, by_email} <= erased
    assert someone_else not in erased

    with unit_of_work(backend.context.sessions) as session:
        again = export_customer(session, session.get_one(Customer, customer_id))
    assert again.appointments == []


def test_the_retention_purge_forgets_appointments_long_past(backend: Backend) -> None:
    old = book(backend, at(7, 10), customer={"name": "Sol", "phone": "07700 900777"})
    recent = book(backend, at(7, 11), customer={"name": "Mo", "phone": "07700 900456"})
    _arrive_today(backend, old)
    days = backend.context.settings.appointment_retention_days
    with unit_of_work(backend.context.sessions) as session:
        session.execute(
            update(Appointment)
            .where(Appointment.reference == old)
            .values(ends_at=utcnow() - timedelta(days=days, minutes=1))
        )
    assert not backend.context.settings.appointment_reminders  # the chores are off

    report = backend.context.retention.run_once()
    assert report.appointments == [old]
    assert (appointment(backend, old).name, appointment(backend, old).phone) == ("", None)
    assert _messages(backend, old) == []
    assert _triage_names(backend, old) == [None]
    assert appointment(backend, recent).name == "Mo"
    assert [e["detail"] for e in audit(backend, "retention_purge")] == [old]
    assert backend.context.retention.run_once().appointments == []  # once


def _end_on_the_list(backend: Backend, reference: str, action: str) -> None:
    """The arrived customer's triage entry called and closed ("done"), or a no-show."""
    sam = backend.login("sam")
    entry_id = triage_entry_of(backend, reference)
    steps: dict[str, list[tuple[str, dict[str, str] | None]]] = {
        "done": [("call", None), ("close", {"outcome": "resolved"})],
        "no-show": [("no-show", None)],
    }
    for step, payload in steps[action]:
        response = backend.http.post(
            f"{backend.api}/triage/{entry_id}/{step}?location=shop", json=payload, headers=sam
        )
        assert response.status_code == 200, response.text


def test_the_export_says_how_an_appointment_ended_on_the_triage_list(backend: Backend) -> None:
    customer_id = _ceri(backend)
    seen = book(backend, at(7, 10), customer={"name": "Ceri Jones", "phone": "07700 900123"})
    missed = book(
        backend, at(7, 11), customer={"name": "Ceri", "email": "ceri@example.com"}, notify_by=[]
    )
    for reference, action in ((seen, "done"), (missed, "no-show")):
        _arrive_today(backend, reference)
        _end_on_the_list(backend, reference, action)

    with unit_of_work(backend.context.sessions) as session:
        export = export_customer(session, session.get_one(Customer, customer_id))
    assert {a.reference: a.status for a in export.appointments} == {
        seen: "seen",
        missed: "no_show",
    }
