"""Every change to a booking reaches the desks of its location over the real live hub, on
SQLite and PostgreSQL, as one ``appointments.changed`` once it has committed: booked, moved,
cancelled, arrived and missed, and seen or missed when the arrived customer's triage entry
is closed or a no-show; a refused change says nothing, a desk elsewhere hears nothing, and
no message carries the customer's name or contact."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from casebackend.appointments.models import Appointment
from casebackend.appointments.scheduler import ReminderScheduler
from casebackend.audit.models import AuditEvent
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from shared.appointments.schemas import AppointmentStatus
from shared.live.messages import AppointmentChange, AppointmentsChanged, DeskWelcome
from shared.schema import to_builtins
from tests.casebackend.appointments.helpers import (
    appointment,
    body,
    set_capacity,
    triage_entry_of,
)
from tests.casebackend.test_live import Peer, desk
from tests.conftest import Backend


def free_times(backend: Backend) -> list[str]:
    response = backend.http.get(
        f"{backend.api}/appointments/slots",
        params={"location": "shop", "service": "appointment", "days": "28"},
    )
    assert response.status_code == 200, response.text
    # The first few are left alone: the lead time may pass them while the test runs.
    return [slot["starts_at"] for slot in response.json()["slots"]][3:]


def news(peer: Peer) -> AppointmentsChanged:
    message: AppointmentsChanged = peer.expect(AppointmentsChanged)
    return message


def heard_nothing(peer: Peer, timeout: float = 0.5) -> None:
    while True:
        try:
            message = peer.next(timeout)
        except TimeoutError:
            return
        assert not isinstance(message, AppointmentsChanged), f"unexpected {message!r}"


def post(backend: Backend, path: str, headers: dict[str, str], payload: Any = None) -> Any:
    return backend.http.post(f"{backend.api}/appointments{path}", json=payload, headers=headers)


def test_each_change_to_a_booking_reaches_the_desks_at_its_location(
    shared_backend: Backend,
) -> None:
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 1)
    greeter = backend.login("sam")
    first, second, third, fourth = free_times(backend)[-20:-16]
    with desk(backend, "sam") as sam, desk(backend, "priya") as priya:
        sam.expect(DeskWelcome)
        priya.expect(DeskWelcome)

        made = post(backend, "", greeter, body(first)).json()
        booked = news(sam)
        assert (booked.reference, booked.change, booked.location_code) == (
            made["reference"],
            AppointmentChange.BOOKED,
            "shop",
        )
        assert (booked.day.isoformat(), booked.previous_day) == (made["day"], None)
        # What the desks already show, never who: no name, phone or email on the wire.
        assert set(to_builtins(booked)) == {
            "v",
            "type",
            "location_code",
            "reference",
            "change",
            "day",
            "previous_day",
            "server_time",
        }

        # Refused (the seat is taken): rolled back, so nothing is said.
        assert post(backend, "", greeter, body(first)).status_code == 409
        moved = post(backend, f"/{made['reference']}/rebook", greeter, {"starts_at": second})
        assert moved.status_code == 200, moved.text
        rebooked = news(sam)
        assert (rebooked.reference, rebooked.change) == (made["reference"], "rebooked")
        assert rebooked.day.isoformat() == moved.json()["day"]
        assert rebooked.previous_day == (booked.day if rebooked.day != booked.day else None)

        cancelled = post(backend, f"/{made['reference']}/cancel", greeter, {})
        assert cancelled.status_code == 200, cancelled.text
        assert (news(sam).change, news_count_left(sam)) == ("cancelled", 0)

        # Arrival: the triage line and the booking's news.
        due = post(backend, "", greeter, body(third)).json()
        assert news(sam).change == "booked"
        with unit_of_work(backend.context.sessions) as session:
            session.execute(
                update(Appointment).where(Appointment.id == due["id"]).values(starts_at=utcnow())
            )
        assert post(backend, f"/{due['reference']}/arrive", greeter).status_code == 200
        arrived = news(sam)
        assert (arrived.reference, arrived.change) == (due["reference"], "arrived")
        zone = ZoneInfo(backend.context.settings.timezone)
        assert arrived.day == utcnow().astimezone(zone).date()

        # Missed: marked by the daily chores (another thread), told like the rest.
        missed = post(backend, "", greeter, body(fourth)).json()
        assert news(sam).change == "booked"
        ends = datetime.fromisoformat(fourth) + timedelta(days=1)
        chores = ReminderScheduler(
            backend.context.sessions, backend.context.catalogue, backend.context.settings
        )
        assert chores.run_due(ends).no_shows >= 1
        while (no_show := news(sam)).reference != missed["reference"]:
            assert no_show.change == "no_show"
        assert (no_show.change, no_show.day.isoformat()) == ("no_show", missed["day"])

        heard_nothing(priya)


def news_count_left(peer: Peer) -> int:
    """How many more ``appointments.changed`` arrive within a short while."""
    count = 0
    while True:
        try:
            message = peer.next(0.3)
        except TimeoutError:
            return count
        count += isinstance(message, AppointmentsChanged)


def arrive_today(backend: Backend, greeter: dict[str, str], starts_at: str) -> str:
    """Booked, moved to now and arrived at the desk: the reference."""
    made = post(backend, "", greeter, body(starts_at))
    assert made.status_code == 201, made.text
    reference: str = made.json()["reference"]
    with unit_of_work(backend.context.sessions) as session:
        session.execute(
            update(Appointment).where(Appointment.reference == reference).values(starts_at=utcnow())
        )
    assert post(backend, f"/{reference}/arrive", greeter).status_code == 200
    return reference


def triage(backend: Backend, greeter: dict[str, str], path: str, payload: Any = None) -> Any:
    return backend.http.post(
        f"{backend.api}/triage{path}", params={"location": "shop"}, json=payload, headers=greeter
    )


def audited(backend: Backend, reference: str) -> list[tuple[str, str]]:
    with backend.context.sessions() as session:
        return [
            (event.action, event.through)
            for event in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.detail == reference, AuditEvent.action.like("appointment_%"))
                .order_by(AuditEvent.id)
            )
        ]


def test_a_booking_follows_its_arrived_customers_triage_entry(shared_backend: Backend) -> None:
    """Closed on the triage list with an outcome, the booking was seen; a no-show there, it
    was missed: in the triage change's transaction, audited, and told to the desks as
    ``appointments.changed``. A refused close changes neither."""
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 1)
    sam_http = backend.login("sam")
    first, second = free_times(backend)[-24:-22]
    seen = arrive_today(backend, sam_http, first)
    missed = arrive_today(backend, sam_http, second)
    seen_entry, missed_entry = triage_entry_of(backend, seen), triage_entry_of(backend, missed)
    with desk(backend, "sam") as sam:
        sam.expect(DeskWelcome)

        # Closing needs the visitor called first: refused, so the booking stays arrived and
        # nothing is said of it.
        refused = triage(backend, sam_http, f"/{seen_entry}/close", {"outcome": "resolved"})
        assert refused.status_code == 409, refused.text
        assert appointment(backend, seen).status is AppointmentStatus.ARRIVED
        heard_nothing(sam)

        assert triage(backend, sam_http, f"/{seen_entry}/call").status_code == 200
        closed = triage(backend, sam_http, f"/{seen_entry}/close", {"outcome": "resolved"})
        assert closed.status_code == 200, closed.text
        told = news(sam)
        assert (told.reference, told.change, told.location_code) == (seen, "seen", "shop")
        assert told.day == utcnow().astimezone(ZoneInfo(backend.context.settings.timezone)).date()
        assert appointment(backend, seen).status is AppointmentStatus.SEEN

        gone = triage(backend, sam_http, f"/{missed_entry}/no-show")
        assert gone.status_code == 200, gone.text
        told = news(sam)
        assert (told.reference, told.change) == (missed, "no_show")
        assert appointment(backend, missed).status is AppointmentStatus.NO_SHOW

    assert audited(backend, seen) == [
        ("appointment_book", "api"),
        ("appointment_arrive", "api"),
        ("appointment_seen", "triage"),
    ]
    assert audited(backend, missed)[-1] == ("appointment_no_show", "triage")
    # Neither checks in again (the desk is told why in plain words), nor moves or cancels.
    for reference, said in (
        (seen, "This appointment has already taken place."),
        (missed, "This appointment was marked as missed."),
    ):
        for path, payload in (("arrive", None), ("cancel", {}), ("rebook", {"starts_at": first})):
            again = post(backend, f"/{reference}/{path}", sam_http, payload)
            assert (again.status_code, again.json()["message"]) == (409, said), path
