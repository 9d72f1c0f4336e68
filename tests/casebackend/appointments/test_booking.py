"""Booking, cancelling, moving and arriving, through the real backend on SQLite and
PostgreSQL: two customers racing for one seat (exactly one wins, the other is told plainly),
capacity for several advisors, the confirmation with its reference, page and messages, and
plain answers to a wrong reference or a wrong check.

The tests share one backend per database, on the real clock: each sets the shop's capacity
it needs and books its own slots of the shop's next four weeks (``times``), taken from the
list once, so that no test books another's."""

from __future__ import annotations

import re
import threading
from datetime import datetime
from typing import Any

import pytest
import requests
from sqlalchemy import select, update

from casebackend.appointments import service
from casebackend.appointments.models import Appointment
from casebackend.audit.models import AuditEvent
from casebackend.cases.models import ActorKind
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.identity.principal import Principal
from casebackend.notifications.models import Notification
from casebackend.triage.models import TriageEntryRow
from shared.appointments.schemas import (
    AppointmentCancel,
    AppointmentCreate,
    AppointmentCustomer,
    AppointmentRebook,
)
from shared.client.backend import BackendClient
from shared.errors import Conflict, InvalidReference, SlotTaken
from tests.casebackend.appointments import helpers
from tests.casebackend.appointments.helpers import body, set_capacity
from tests.conftest import Backend

TAKEN = "That time has just been taken — please choose another."
NOT_FOUND = "We cannot find an appointment with that reference."
PHONE = "07700 900458"


def shop_slots(backend: Backend, *, full: bool = False) -> list[dict[str, Any]]:
    response = backend.http.get(
        f"{backend.api}/appointments/slots",
        params={"location": "shop", "service": "appointment", "days": "28", "full": str(full)},
    )
    assert response.status_code == 200, response.text
    slots: list[dict[str, Any]] = response.json()["slots"]
    return slots


@pytest.fixture(scope="module")
def times(shared_backend: Backend) -> list[str]:
    """Every start in the shop's next four weeks, listed once (the first few are left
    alone: the lead time may pass them while the tests run)."""
    found = [slot["starts_at"] for slot in shop_slots(shared_backend, full=True)]
    assert len(found) > 60, "the shop has slots in the next four weeks"
    return found[3:]


def seats_free(backend: Backend, starts_at: str) -> int:
    for slot in shop_slots(backend, full=True):
        if slot["starts_at"] == starts_at:
            return int(slot["free"])
    raise AssertionError(f"no slot at {starts_at}")


def book(backend: Backend, headers: dict[str, str], starts_at: str, **extra: Any) -> Any:
    return backend.http.post(
        f"{backend.api}/appointments", json=body(starts_at, **extra), headers=headers
    )


def race(
    backend: Backend, callers: list[tuple[dict[str, str], str]], starts_at: str
) -> list[requests.Response]:
    """Each caller books the slot for a customer of that name, all at once, each on a
    connection of its own."""
    start = threading.Barrier(len(callers))
    answers: list[requests.Response] = []

    def attempt(headers: dict[str, str], name: str) -> None:
        payload = body(starts_at, customer={"name": name}, notify_by=[])
        with requests.Session() as http:
            start.wait()
            answers.append(http.post(f"{backend.api}/appointments", json=payload, headers=headers))

    racers = [threading.Thread(target=attempt, args=caller) for caller in callers]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=30)
    return answers


def test_two_customers_one_seat_exactly_one_wins(shared_backend: Backend, times: list[str]):
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 1)
    kiosk, _ = backend.enrol("shop")
    greeter = backend.login("sam")
    for starts_at in times[0:3]:
        answers = race(backend, [(kiosk, "At the kiosk"), (greeter, "At the desk")], starts_at)
        assert sorted(a.status_code for a in answers) == [201, 409], [a.text for a in answers]
        lost = next(a for a in answers if a.status_code == 409).json()
        assert (lost["code"], lost["message"]) == ("slot_taken", TAKEN)
        assert seats_free(backend, starts_at) == 0
        with backend.context.sessions() as session:
            booked = session.scalars(
                select(Appointment.id).where(
                    Appointment.starts_at == datetime.fromisoformat(starts_at)
                )
            ).all()
        assert len(booked) == 1


def test_several_advisors_take_several_bookings_and_a_cancel_frees_a_seat(
    shared_backend: Backend, times: list[str]
):
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    greeter = backend.login("sam")
    slot = times[5]
    first = book(backend, greeter, slot)
    second = book(backend, greeter, slot, customer={"name": "Second"}, notify_by=[])
    assert (first.status_code, second.status_code) == (201, 201), second.text
    third = book(backend, greeter, slot)
    assert (third.status_code, third.json()["message"]) == (409, TAKEN)
    assert slot not in [s["starts_at"] for s in shop_slots(backend)]  # full: left out
    assert seats_free(backend, slot) == 0
    reference = first.json()["reference"]
    url = f"{backend.api}/appointments/{reference}/cancel"
    cancelled = backend.http.post(url, json={"reason": "Rang to cancel"}, headers=greeter)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert "customer" not in cancelled.json()
    assert seats_free(backend, slot) == 1
    assert book(backend, greeter, slot).status_code == 201  # the freed seat is bookable
    again = backend.http.post(url, json={}, headers=greeter)
    assert again.status_code == 409
    assert again.json()["message"] == "This appointment has already been cancelled."


def test_the_confirmation_reference_page_and_messages(shared_backend: Backend, times: list[str]):
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    kiosk, _ = backend.enrol("shop")
    payload = body(
        times[7],
        customer={"name": "Rhiannon Test", "phone": "07700 900123", "email": "r@example.org"},
        notify_by=["sms", "email"],
        access_needs=["wheelchair"],
        answers={"topic": "housing"},
    )
    del payload["location_code"]  # a kiosk books where it stands
    response = backend.http.post(f"{backend.api}/appointments", json=payload, headers=kiosk)
    assert response.status_code == 201, response.text
    made = response.json()
    assert re.fullmatch(r"AP[2-9A-HJKMNP-RT-Z]{6}", made["reference"])
    assert made["reference_display"] == f"AP-{made['reference'][2:5]}-{made['reference'][5:]}"
    assert (made["status"], made["channel"], made["priority"]) == ("booked", "kiosk", True)
    assert made["location_name"] == "City Centre Customer Service Shop"
    assert made["starts_at"] == times[7]
    page_url = made["page_url"]
    assert page_url.startswith(f"http://127.0.0.1:8765/appointment/{made['reference']}?t=")

    # The page the QR code opens: when and where, never who; the token is needed.
    page = backend.http.get(f"{backend.url}{page_url.removeprefix('http://127.0.0.1:8765')}")
    assert page.status_code == 200
    assert "Book an appointment with an advisor" in page.text
    assert made["time"] in page.text
    assert "Rhiannon" not in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    bare = backend.http.get(f"{backend.url}/appointment/{made['reference']}")
    assert bare.status_code == 404
    assert NOT_FOUND in bare.text
    token = page_url.split("?t=")[1]
    public = backend.http.get(
        f"{backend.api}/appointments/{made['reference'].lower()}/public", params={"t": token}
    )
    assert public.status_code == 200
    assert "customer" not in public.json()

    # A text and an email, about this appointment, carrying the page's link.
    with backend.context.sessions() as session:
        messages = session.scalars(
            select(Notification).where(Notification.appointment_id == made["id"])
        ).all()
        logged = session.scalars(
            select(AuditEvent.action).where(AuditEvent.detail == made["reference"])
        ).all()
    assert sorted((m.channel, m.template, m.recipient) for m in messages) == [
        ("email", "appointment_booked", "r@example.org"),
        ("sms", "appointment_booked", "07700 900123"),
    ]
    words = messages[0].personalisation
    assert (words["reference"], words["page_url"]) == (made["reference_display"], page_url)
    assert words["location_name"] == "City Centre Customer Service Shop"
    assert logged == ["appointment_book"]


def test_plain_answers_to_what_cannot_be_booked(shared_backend: Backend, times: list[str]):
    backend = shared_backend
    greeter = backend.login("sam")
    slot = times[8]
    refused = book(backend, greeter, slot[:11] + "03:00:00Z")  # the night before it
    assert refused.status_code == 422
    assert refused.json()["message"] == (
        "That time cannot be booked. Please choose one of the times shown."
    )
    assert refused.json()["details"]["field"] == "starts_at"
    no_phone = book(backend, greeter, slot, customer={"name": "No Phone"})
    assert (no_phone.status_code, no_phone.json()["message"]) == (
        422,
        "To send a text we need a mobile number.",
    )
    elsewhere = book(backend, backend.login("priya"), slot)  # a Northgate greeter
    assert elsewhere.status_code == 403
    not_offered = book(backend, backend.login("admin"), slot, location_code="lib-riverside")
    assert (not_offered.status_code, not_offered.json()["message"]) == (
        404,
        "Appointments for this service cannot be booked at Riverside Library.",
    )


def test_a_customer_cancels_or_moves_with_their_own_phone_or_email(
    shared_backend: Backend, times: list[str]
):
    backend = shared_backend
    greeter = backend.login("sam")
    set_capacity(backend, backend.login("admin"), 1)
    first, second, third = times[10:13]
    made = book(
        backend,
        greeter,
        first,
        customer={"name": "Mo", "phone": "07700 900456", "email": "Mo@Example.org"},
    ).json()
    url = f"{backend.api}/appointments/{made['reference_display'].lower()}"  # as typed
    # Anyone without the booking's own phone or email: as if there were no such booking.
    wrong = backend.http.post(f"{url}/cancel", json={"contact": "07700 900999"})
    assert (wrong.status_code, wrong.json()["message"]) == (404, NOT_FOUND)
    assert backend.http.post(f"{url}/cancel", json={}).status_code == 404

    # Moving to a taken time changes nothing; to a free one moves it, seats and all.
    assert book(backend, greeter, second).status_code == 201
    taken = backend.http.post(
        f"{url}/rebook", json={"starts_at": second, "contact": "mo@example.org"}
    )
    assert (taken.status_code, taken.json()["code"]) == (409, "slot_taken")
    assert seats_free(backend, first) == 0
    moved = backend.http.post(
        f"{url}/rebook", json={"starts_at": third, "contact": "mo@example.org"}
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["starts_at"], moved.json()["reference"]) == (third, made["reference"])
    assert (seats_free(backend, first), seats_free(backend, third)) == (1, 0)

    # The phone number however it is written.
    gone = backend.http.post(f"{url}/cancel", json={"contact": "+44 7700 900456"})
    assert gone.status_code == 200, gone.text
    assert seats_free(backend, third) == 1
    with backend.context.sessions() as session:
        templates = session.scalars(
            select(Notification.template)
            .where(Notification.appointment_id == made["id"])
            .order_by(Notification.id)
        ).all()
    assert templates == ["appointment_booked", "appointment_rebooked", "appointment_cancelled"]


def test_a_customer_finds_their_booking_before_changing_it(
    shared_backend: Backend, times: list[str]
):
    """The kiosk's Change or cancel my appointment asks first (``…/find``): the booking as
    the change will meet it, or the same refusal, and never who it is for."""
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    made = book(
        backend, backend.login("sam"), times[13], customer={"name": "Mo", "phone": "07700 900457"}
    ).json()
    url = f"{backend.api}/appointments/{made['reference_display']}/find"
    wrong = backend.http.post(url, json={"contact": "07700 900999"})
    assert (wrong.status_code, wrong.json()["message"]) == (404, NOT_FOUND)
    assert backend.http.post(url, json={}).status_code == 404
    kiosk, _ = backend.enrol("shop")
    found = backend.http.post(url, json={"contact": "+44 7700 900457"}, headers=kiosk)
    assert found.status_code == 200, found.text
    assert (found.json()["starts_at"], found.json()["location_code"]) == (times[13], "shop")
    assert "customer" not in found.json()
    cancel = f"{backend.api}/appointments/{made['reference']}/cancel"
    assert backend.http.post(cancel, json={"contact": "07700900457"}).status_code == 200
    again = backend.http.post(url, json={"contact": "07700 900457"})
    assert again.status_code == 409
    assert again.json()["details"] == {"status": "cancelled"}


def test_too_late_for_the_customer_to_change_but_not_for_staff(shared_backend: Backend):
    """Once an appointment's time has come a customer's change is refused in words (the
    desk may still); before it, the same customer may. At Central Library, whose times no
    other test here books."""
    backend = shared_backend
    reference = helpers.book(
        backend,
        helpers.at(8, 10),
        location_code="lib-central",
        customer={"name": "Jo", "phone": PHONE},
    )
    check = AppointmentCancel(contact=PHONE)
    public = Principal(ActorKind.PUBLIC, None, "public")
    staff = helpers.admin_at_shop(backend)
    late, early = helpers.at(8, 10), helpers.at(8, 9, 59)
    moved = AppointmentRebook(contact=PHONE, starts_at=helpers.at(10, 10))
    with unit_of_work(backend.context.sessions) as session:
        with pytest.raises(Conflict) as refused:
            service.find_for_change(session, public, reference, check, through="test", now=late)
        assert refused.value.details == {"status": "booked", "too_late": True}
        assert refused.value.message == service.TOO_LATE
        with pytest.raises(Conflict):
            service.cancel(
                session, backend.context, public, reference, check, through="t", now=late
            )
        with pytest.raises(Conflict):
            service.rebook(
                session, backend.context, public, reference, moved, through="t", now=late
            )
        found = service.find_for_change(session, public, reference, check, through="t", now=early)
        assert found.reference == reference
        service.cancel(session, backend.context, staff, reference, check, through="t", now=late)


def test_arrival_by_reference_joins_the_triage_list_once(shared_backend: Backend, times: list[str]):
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    greeter = backend.login("sam")
    today = book(backend, greeter, times[14], access_needs=["hearing"]).json()
    later = book(backend, greeter, times[-1]).json()
    with unit_of_work(backend.context.sessions) as session:  # the first is due now
        session.execute(
            update(Appointment).where(Appointment.id == today["id"]).values(starts_at=utcnow())
        )
    kiosk, _ = backend.enrol("shop")
    url = f"{backend.api}/appointments/{today['reference']}/arrive"
    arrived = backend.http.post(url, headers=kiosk)
    assert arrived.status_code == 200, arrived.text
    assert arrived.json()["appointment"]["status"] == "arrived"
    assert abs(arrived.json()["minutes_from_start"]) <= 1
    assert backend.http.post(url, headers=greeter).status_code == 200  # again: no change
    with backend.context.sessions() as session:
        entries = session.scalars(
            select(TriageEntryRow).where(TriageEntryRow.appointment_reference == today["reference"])
        ).all()
    assert [(e.kind, e.priority, e.ticket[0]) for e in entries] == [("appointment", True, "A")]

    # Elsewhere, on another day, mistyped, unknown: each said plainly.
    library, _ = backend.enrol("lib-central")
    away = backend.http.post(url, headers=library)
    assert (away.status_code, away.json()["message"]) == (
        403,
        "This appointment is at City Centre Customer Service Shop.",
    )
    arrive = f"{backend.api}/appointments/{{}}/arrive"
    early = backend.http.post(arrive.format(later["reference"]), headers=kiosk)
    assert early.status_code == 409
    assert early.json()["message"].startswith("This appointment is for ")
    assert later["time"] in early.json()["message"]
    typo = backend.http.post(arrive.format("AP-123"), headers=kiosk)
    assert (typo.status_code, typo.json()["code"]) == (422, "invalid_reference")
    assert "8 letters and numbers" in typo.json()["message"]
    a_case = backend.http.post(arrive.format("K7M-2QX-R4E"), headers=kiosk)
    assert a_case.status_code == 422
    assert "starts with AP" in a_case.json()["message"]
    reference = today["reference"]
    swapped = reference[:2] + reference[3] + reference[2] + reference[4:]
    if swapped != reference:
        mistyped = backend.http.post(arrive.format(swapped), headers=kiosk)
        assert mistyped.status_code == 422
        assert "not quite right" in mistyped.json()["message"]


def test_staff_list_and_read_a_day_at_their_own_locations(
    shared_backend: Backend, times: list[str]
):
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    greeter = backend.login("sam")
    made = book(backend, greeter, times[-30]).json()
    day = backend.http.get(
        f"{backend.api}/appointments", params={"day": made["day"]}, headers=greeter
    )
    assert day.status_code == 200, day.text
    assert (made["reference"], "Rhiannon Test") in [
        (i["reference"], i["name"]) for i in day.json()["items"]
    ]
    url = f"{backend.api}/appointments/{made['reference']}"
    assert backend.http.get(url, headers=greeter).json()["customer"]["phone"] == "07700 900123"
    assert backend.http.get(url, headers=backend.login("priya")).status_code == 403


def test_the_client_books_and_hears_each_refusal_in_plain_words(
    shared_backend: Backend, times: list[str]
):
    backend = shared_backend
    set_capacity(backend, backend.login("admin"), 2)
    kiosk, _ = backend.enrol("shop")
    with BackendClient(backend.url, token=kiosk["Authorization"].split()[1]) as client:
        assert [o.service_code for o in client.appointment_offers("shop")] == ["appointment"]
        free = client.appointment_slots("shop", "appointment", days=28).slots
        slot = next(s for s in free if s.starts_at == datetime.fromisoformat(times[-10]))
        booking = AppointmentCreate(
            service_code="appointment",
            starts_at=slot.starts_at,
            customer=AppointmentCustomer(name="At the kiosk"),
        )
        made = client.book_appointment(booking)
        assert made.page_url is not None
        client.book_appointment(booking)  # the shop's second advisor
        with pytest.raises(SlotTaken) as taken:
            client.book_appointment(booking)
        assert taken.value.message == TAKEN
        with pytest.raises(InvalidReference):
            client.arrive("AP-12")  # refused before any round trip
        with pytest.raises(Conflict) as not_today:
            client.arrive(made.reference_display)
        assert not_today.value.message.startswith("This appointment is for ")
        assert client.open_state("shop").location_code == "shop"
