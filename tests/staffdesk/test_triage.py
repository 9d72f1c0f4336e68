"""The desk's triage list: timers against their target (the clock injected), and walk-ins
over the real backend and live hub reaching a second desk, called and closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from casebackend.appointments.models import Appointment
from casebackend.audit.models import AuditEvent
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from shared.appointments.references import new_reference
from shared.client import BackendClient
from shared.live.messages import HelpClaimed, KioskWelcome
from shared.schema import replace
from shared.triage.schemas import (
    AccessNeed,
    FaultKind,
    TriageEntry,
    TriageKind,
    TriageOutcome,
    TriageState,
)
from shared.ui.background import Background
from staffdesk.appointments.change import BookingLine
from staffdesk.appointments.change_presenter import ChangePresenter
from staffdesk.appointments.view import AppointmentsPanel
from staffdesk.triage.presenter import TriagePresenter
from staffdesk.triage.view import TriageView
from staffdesk.window import Page
from tests.casebackend.appointments.helpers import (
    appointment,
    at,
    book,
    book_due_now,
    set_capacity,
    triage_entry_of,
)
from tests.conftest import Backend
from tests.staffdesk.conftest import sign_in

T0 = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)


def _walk_in(**fields: Any) -> TriageEntry:
    values: dict[str, Any] = {
        "id": "a" * 32,
        "kind": TriageKind.WALK_IN,
        "location_code": "shop",
        "state": TriageState.WAITING,
        "ticket": "W001",
        "waiting_since": T0,
        "target_seconds": 600,
        "topics": ("Council tax",),
    }
    values.update(fields)
    return TriageEntry(**values)


def test_a_timer_turns_amber_then_red_with_a_word(qtbot: QtBot) -> None:
    clock = [T0 + timedelta(seconds=100)]
    view = TriageView()
    qtbot.addWidget(view)
    triage = TriagePresenter(view, Background(None), lambda _: None, now=lambda: clock[0])
    triage.welcome([_walk_in(), _walk_in(id="b" * 32, kind=TriageKind.HELP)], clock[0])
    # Help requests keep their own column; the walk-in is here.
    assert list(view.entries) == ["a" * 32]
    entry = view.entries["a" * 32]
    assert entry.title.text() == "Walk-in W001"
    assert entry.need.text() == "Council tax"
    assert (entry.waiting.text(), entry.tone) == ("Waiting 1 min 40 s", "ok")
    clock[0] = T0 + timedelta(seconds=500)
    triage.tick()
    assert (entry.waiting.text(), entry.tone) == ("Waiting 8 min 20 s · due soon", "amber")
    clock[0] = T0 + timedelta(seconds=601)
    triage.tick()
    assert (entry.waiting.text(), entry.tone) == ("Waiting 10 min 01 s · over time", "alarm")


def test_a_declared_need_goes_first_and_says_why(qtbot: QtBot) -> None:
    view = TriageView()
    qtbot.addWidget(view)
    triage = TriagePresenter(view, Background(None), lambda _: None, now=lambda: T0)
    later = _walk_in(id="c" * 32, ticket="W002", priority=True, waiting_since=T0)
    triage.welcome([_walk_in(waiting_since=T0 - timedelta(minutes=5)), later], T0)
    assert [e.id for e in triage.shown()] == ["c" * 32, "a" * 32]
    assert view.entries["c" * 32].priority.text() == "Priority: declared need"
    assert view.entries["a" * 32].priority.isHidden()


def sam_and_alex(backend: Backend, make_desk: Any, qtbot: QtBot) -> tuple[Any, Any]:
    """Two desks at the shop, signed in as Sam and as Alex."""
    sam = make_desk(backend.url)
    sign_in(qtbot, sam, "sam")
    alex = make_desk(backend.url)
    sign_in(qtbot, alex, "alex", "shop")
    return sam, alex


def add_walk_in(backend: Backend, **fields: Any) -> Any:
    """A walk-in at the shop, added by Sam through the API (about council tax unless
    ``topics`` says otherwise); the entry as answered."""
    added = backend.http.post(
        f"{backend.api}/triage/walk-ins",
        json={"location_code": "shop", "topics": ["Council tax"]} | fields,
        headers=backend.login("sam"),
    )
    added.raise_for_status()
    return added.json()


def test_a_walk_in_reaches_a_second_desk_and_is_called_and_closed(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    first, second = sam_and_alex(backend, make_desk, qtbot)
    added = add_walk_in(backend, name="Visitor")
    entry_id, ticket = added["id"], added["ticket"]
    qtbot.waitUntil(lambda: entry_id in second.triage.entries, timeout=5000)
    shown = second.triage.entries[entry_id]
    assert shown.title.text() == f"Walk-in {ticket} — Visitor"
    assert shown.state.text() == "Waiting"
    # Call next on the first desk: the second sees who called them.
    qtbot.mouseClick(first.triage.call_next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.state.text() == "Called by Sam", timeout=5000)
    mine = first.triage.entries[entry_id]
    qtbot.waitUntil(lambda: mine.state.text() == "Called by Sam", timeout=5000)
    # Done, sorted: off both lists.
    qtbot.mouseClick(mine.done, Qt.MouseButton.LeftButton)
    sorted_button = mine.findChild(type(mine.done), f"outcome-resolved-{entry_id}")
    assert sorted_button is not None
    # The outcomes are scrolled into view, as a finger needs them.
    viewport = first.triage.scroll_area.viewport()
    qtbot.waitUntil(
        lambda: viewport.rect().contains(
            sorted_button.mapTo(viewport, sorted_button.rect().bottomRight())
        )
    )
    qtbot.mouseClick(sorted_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: entry_id not in second.triage.entries, timeout=5000)
    qtbot.waitUntil(lambda: entry_id not in first.triage.entries, timeout=5000)
    # Nobody left: Call next says so plainly.
    qtbot.mouseClick(first.triage.call_next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.triage.notice.isVisible, timeout=5000)
    assert first.triage.notice.text() == "Nobody is waiting to be called."


def test_pass_on_to_a_named_colleague_reaches_their_desk_with_the_note_and_is_audited(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    sam, alex = sam_and_alex(backend, make_desk, qtbot)
    entry_id = add_walk_in(backend)["id"]
    qtbot.waitUntil(lambda: entry_id in sam.triage.entries, timeout=5000)
    qtbot.waitUntil(lambda: entry_id in alex.triage.entries, timeout=5000)
    mine = sam.triage.entries[entry_id]
    tap(qtbot, sam, mine.buttons["transfer"])
    # A page of its own: any advisor, then the shop's desk staff but Sam, Alex on a desk first.
    assert sam.current_page() is Page.HANDOVER
    chooser = sam.triage.pass_on
    qtbot.waitUntil(lambda: len(chooser.buttons) == 3, timeout=5000)
    names = [b.text() for b in chooser.buttons.values()]
    assert names == ["Any advisor", "Alex · on a desk now", "Admin · not on a desk"]
    chooser.note.setText("Wants to talk about arrears")
    alex_id = next(i for i, b in chooser.buttons.items() if b.text().startswith("Alex"))
    qtbot.mouseClick(chooser.buttons[alex_id], Qt.MouseButton.LeftButton)
    assert sam.current_page() is Page.BOARD
    theirs = alex.triage.entries[entry_id]
    passed = "from Sam: Wants to talk about arrears"
    qtbot.waitUntil(lambda: theirs.state.text() == f"Passed to you, {passed}", timeout=5000)
    qtbot.waitUntil(lambda: mine.state.text() == f"Passed to Alex, {passed}", timeout=5000)
    # Sam cannot call them now; Alex can.
    tap(qtbot, sam, mine.buttons["call"])
    qtbot.waitUntil(sam.triage.notice.isVisible, timeout=5000)
    assert sam.triage.notice.text() == "This visitor was passed to Alex."
    tap(qtbot, alex, theirs.buttons["call"])
    qtbot.waitUntil(lambda: theirs.state.text() == "Called by Alex", timeout=5000)
    with backend.context.sessions() as session:
        audited = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "triage.transferred")
        ).all()
    assert audited == [f"entry {entry_id}, walk_in W001, to staff {alex_id}"]


def test_a_kiosk_fault_offers_fixed_or_reported_not_an_advisor(qtbot: QtBot) -> None:
    view = TriageView()
    qtbot.addWidget(view)
    triage = TriagePresenter(view, Background(None), lambda _: None, now=lambda: T0)
    fault = _walk_in(kind=TriageKind.KIOSK_FAULT, ticket=None, kiosk_name="Kiosk 4")
    triage.welcome([replace(fault, fault=FaultKind.NOT_RESPONDING)], T0)
    entry = view.entries["a" * 32]
    assert entry.title.text() == "Kiosk 4 needs attention: not responding"
    assert entry.need.text().startswith("Check it is switched on")
    out = replace(fault, fault=FaultKind.OUT_OF_ORDER, kiosk_name="Kiosk 2")
    triage.welcome([out], T0)
    entry = view.entries["a" * 32]
    assert entry.title.text() == "Kiosk 2 needs attention: out of order"
    assert entry.need.text().startswith("Customers cannot use it.")
    assert entry.buttons["transfer"].isHidden()
    assert entry.buttons["call"].isHidden()
    assert entry.buttons["park"].isHidden()
    assert entry.buttons["no-show"].isHidden()
    assert not entry.outcome_buttons[TriageOutcome.FIXED].isHidden()
    assert entry.outcome_buttons[TriageOutcome.RESOLVED].isHidden()


def test_a_walk_in_added_in_two_taps_shows_its_ticket_and_reaches_another_desk(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    first = make_desk(backend.url)
    sign_in(qtbot, first, "sam")
    second = make_desk(backend.url)
    sign_in(qtbot, second, "alex", "shop")
    qtbot.mouseClick(first.triage.add_walk_in, Qt.MouseButton.LeftButton)
    panel = first.triage.walk_in
    assert panel.isVisible()
    panel.name.setText("Visitor")
    qtbot.mouseClick(panel.need_buttons["Housing"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.ticket.isVisible, timeout=5000)
    assert panel.ticket.text().startswith("Ticket W")
    assert panel.name.text() == ""
    ticket = panel.ticket.text().split()[1].rstrip(":")
    qtbot.waitUntil(lambda: len(second.triage.entries) == 1, timeout=5000)
    (shown,) = second.triage.entries.values()
    assert shown.title.text() == f"Walk-in {ticket} — Visitor"
    assert shown.need.text() == "Housing"


def test_an_arrival_typed_at_the_desk_joins_the_list_and_the_day(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    reference = book(backend, at(7, 10), customer={"name": "Visitor"}, notify_by=[])
    with unit_of_work(backend.context.sessions) as session:  # due now, so it may arrive
        session.execute(
            update(Appointment).where(Appointment.reference == reference).values(starts_at=utcnow())
        )
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.mouseClick(window.triage.show_appointments, Qt.MouseButton.LeftButton)
    panel = window.triage.appointments
    qtbot.waitUntil(lambda: "Visitor · Booked" in panel.day.text(), timeout=5000)
    # A mistyped reference is said plainly, and nothing joins the list.
    panel.reference.setText("not a reference")
    qtbot.mouseClick(panel.arrive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.status.text() not in ("", "Checking the booking…"))
    assert "Traceback" not in panel.status.text()
    assert not window.triage.entries
    panel.reference.setText(reference.lower())
    qtbot.mouseClick(panel.arrive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "on the list below" in panel.status.text(), timeout=5000)
    assert panel.reference.text() == ""
    qtbot.waitUntil(lambda: "Visitor · Arrived" in panel.day.text(), timeout=5000)
    qtbot.waitUntil(lambda: len(window.triage.entries) == 1, timeout=5000)
    (arrived,) = window.triage.entries.values()
    assert arrived.title.text().startswith("Appointment A")
    assert arrived.title.text().endswith("— Visitor")


def test_the_days_bookings_follow_a_change_made_elsewhere(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    reference = book(backend, at(7, 10), customer={"name": "Visitor"}, notify_by=[])
    with unit_of_work(backend.context.sessions) as session:  # today's
        session.execute(
            update(Appointment).where(Appointment.reference == reference).values(starts_at=utcnow())
        )
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.mouseClick(window.triage.show_appointments, Qt.MouseButton.LeftButton)
    panel = window.triage.appointments
    qtbot.waitUntil(lambda: "Visitor · Booked" in panel.day.text(), timeout=5000)
    # Cancelled at another desk: this one's list follows by the hub, nobody pressing Refresh.
    cancelled = backend.http.post(
        f"{backend.api}/appointments/{reference}/cancel", json={}, headers=backend.login("alex")
    )
    assert cancelled.status_code == 200, cancelled.text
    qtbot.waitUntil(lambda: "Visitor · Cancelled" in panel.day.text(), timeout=5000)


def test_the_days_bookings_say_seen_or_did_not_come_as_the_triage_list_ends_them(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    alex = backend.login("alex")
    entries = {}
    for hour, name in ((10, "Visitor"), (11, "Other")):
        reference = book_due_now(backend, hour, customer={"name": name}, notify_by=[])
        arrived = backend.http.post(f"{backend.api}/appointments/{reference}/arrive", headers=alex)
        assert arrived.status_code == 200, arrived.text
        entries[name] = triage_entry_of(backend, reference)
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.mouseClick(window.triage.show_appointments, Qt.MouseButton.LeftButton)
    panel = window.triage.appointments
    qtbot.waitUntil(lambda: "Visitor · Arrived" in panel.day.text(), timeout=5000)
    # Alex sees one and marks the other a no-show on the triage list: Sam's Bookings follow.
    for step, payload in (("call", None), ("close", {"outcome": "resolved"})):
        done = backend.http.post(
            f"{backend.api}/triage/{entries['Visitor']}/{step}?location=shop",
            json=payload,
            headers=alex,
        )
        assert done.status_code == 200, done.text
    qtbot.waitUntil(lambda: "Visitor · Seen" in panel.day.text(), timeout=5000)
    gone = backend.http.post(
        f"{backend.api}/triage/{entries['Other']}/no-show?location=shop", headers=alex
    )
    assert gone.status_code == 200, gone.text
    qtbot.waitUntil(lambda: "Other · Did not come" in panel.day.text(), timeout=5000)


def tap(qtbot: QtBot, window: Any, widget: QWidget) -> None:
    """As a finger does: on a control scrolled into view in the page it is on (the triage
    list, Bookings), once it is laid out there."""
    scroll = widget.parentWidget()
    while not isinstance(scroll, QScrollArea):
        assert scroll is not None, "not in a scrolling page"
        scroll = scroll.parentWidget()
    viewport = scroll.viewport()

    def in_view() -> bool:
        scroll.ensureWidgetVisible(widget)
        return bool(viewport.rect().contains(widget.mapTo(viewport, widget.rect().center())))

    qtbot.waitUntil(in_view)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_greeter_books_for_a_customer_at_the_desk(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.mouseClick(window.triage.show_appointments, Qt.MouseButton.LeftButton)
    panel = window.triage.appointments
    tap(qtbot, window, panel.open_booking)
    booking = panel.booking
    qtbot.waitUntil(lambda: "appointment" in booking.service_buttons, timeout=5000)
    tap(qtbot, window, booking.service_buttons["appointment"])
    qtbot.waitUntil(lambda: len(booking.time_buttons) > 0, timeout=5000)
    starts_at, first_time = next(iter(booking.time_buttons.items()))
    tap(qtbot, window, first_time)
    # A wrong mobile number is said plainly, before anything is sent.
    booking.name.setText("Visitor")
    booking.phone.setText("12")
    tap(qtbot, window, booking.book_button)
    assert booking.status.text().startswith("Check the mobile number")
    booking.phone.setText("07700 900123")
    # So is a wrong email address (the backend's own check of one, made at the desk).
    booking.show_status("")  # the words above off, so these are new
    booking.email.setText("visitor@example")
    tap(qtbot, window, booking.book_button)
    assert booking.status.text().startswith("Check the mobile number")
    booking.email.setText("")
    tap(qtbot, window, booking.book_button)
    qtbot.waitUntil(lambda: booking.status.text().startswith("Booked: "), timeout=5000)
    assert booking.name.text() == ""
    with backend.context.sessions() as session:
        made = session.scalars(select(Appointment).where(Appointment.name == "Visitor")).one()
    assert made.starts_at.replace(tzinfo=UTC) == datetime.fromisoformat(starts_at)
    assert made.channel == "face_to_face"


def test_call_next_on_a_help_request_opens_the_mirror_as_claim_does(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignal(window.alerted, timeout=5000):
            help_id = kiosk.raise_help()
        qtbot.mouseClick(window.triage.call_next, Qt.MouseButton.LeftButton)
        assert kiosk.expect(HelpClaimed).staff.name == "Sam"
        qtbot.waitUntil(lambda: window.current_page() is Page.MIRROR, timeout=5000)
        assert window.presenter.model.claim == help_id
        assert not window.notice.isVisible(), window.notice.text()
        assert not window.triage.notice.isVisible()


def test_declared_needs_on_a_walk_in_put_them_first_and_say_which(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    earlier = add_walk_in(backend, topics=["Parking"])
    qtbot.waitUntil(lambda: len(window.triage.entries) == 1, timeout=5000)
    # Tap one: the page of its own, the needs first.
    qtbot.mouseClick(window.triage.add_walk_in, Qt.MouseButton.LeftButton)
    assert window.current_page() is Page.WALK_IN
    panel = window.triage.walk_in
    tap(qtbot, window, panel.access_buttons[AccessNeed.INTERPRETER])
    tap(qtbot, window, panel.access_buttons[AccessNeed.WHEELCHAIR])
    # Tap two adds them, with the needs ticked; the page is ready for the next, none ticked.
    qtbot.mouseClick(panel.need_buttons["Housing"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.ticket.isVisible, timeout=5000)
    assert not any(b.isChecked() for b in panel.access_buttons.values())
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is Page.BOARD
    qtbot.waitUntil(lambda: len(window.triage.entries) == 2, timeout=5000)
    first = window.presenter.triage.shown()[0]
    assert first.needs == (AccessNeed.WHEELCHAIR, AccessNeed.INTERPRETER)
    shown = window.triage.entries[first.id]
    assert shown.priority.text() == "Priority: wheelchair, interpreter"
    assert window.presenter.triage.shown()[1].id == earlier["id"]


def test_a_booking_found_at_the_desk_is_moved_then_cancelled(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    reference = book(backend, at(7, 10), customer={"name": "Visitor"}, notify_by=[])
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.mouseClick(window.triage.show_appointments, Qt.MouseButton.LeftButton)
    assert window.current_page() is Page.BOOKINGS
    panel = window.triage.appointments
    panel.reference.setText(reference.lower())
    tap(qtbot, window, panel.find_button)
    qtbot.waitUntil(lambda: reference in panel.found.rows, timeout=5000)
    row = panel.found.rows[reference]
    assert row.text.text().startswith("Found: Mon 7 Dec 10:00  Visitor · ")
    assert "· Booked ·" in row.text.text()
    # Move…: the service's free times in the booking's picker; the first, then Move.
    tap(qtbot, window, row.rebook)
    change = panel.change
    qtbot.waitUntil(lambda: len(change.times.buttons) > 0, timeout=5000)
    starts_at, first_time = next(iter(change.times.buttons.items()))
    tap(qtbot, window, first_time)
    tap(qtbot, window, change.confirm_rebook)
    qtbot.waitUntil(lambda: change.status.text().startswith("Moved: "), timeout=5000)
    moved = appointment(backend, reference)
    assert moved.starts_at.replace(tzinfo=UTC) == datetime.fromisoformat(starts_at)
    tap(qtbot, window, change.keep)
    assert change.isHidden()
    # Cancel… asks first; No keeps it, Yes (with a reason) cancels it.
    panel.reference.setText(reference)
    tap(qtbot, window, panel.find_button)
    qtbot.waitUntil(lambda: reference in panel.found.rows, timeout=5000)
    tap(qtbot, window, panel.found.rows[reference].cancel)
    display = f"{reference[:2]}-{reference[2:5]}-{reference[5:]}"
    assert change.title.text().startswith(f"Cancel {display}, ")
    assert change.title.text().endswith(" Visitor?")
    tap(qtbot, window, change.keep)
    assert appointment(backend, reference).status == "booked"
    tap(qtbot, window, panel.found.rows[reference].cancel)
    change.reason.setText("Customer phoned")
    tap(qtbot, window, change.confirm_cancel)
    qtbot.waitUntil(lambda: change.status.text().startswith("Cancelled: "), timeout=5000)
    assert appointment(backend, reference).status == "cancelled"
    with backend.context.sessions() as session:
        audited = session.scalars(
            select(AuditEvent.action).where(AuditEvent.action.like("appointment_%"))
        ).all()
    assert "appointment_rebook" in audited
    assert "appointment_cancel" in audited


def test_a_time_taken_meanwhile_shows_the_times_again(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    set_capacity(backend, backend.login("admin"), 1)  # one advisor: one seat a time
    reference = book(backend, at(7, 10), customer={"name": "Visitor"}, notify_by=[])
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    qtbot.mouseClick(window.triage.show_appointments, Qt.MouseButton.LeftButton)
    panel = window.triage.appointments
    panel.reference.setText(reference)
    tap(qtbot, window, panel.find_button)
    qtbot.waitUntil(lambda: reference in panel.found.rows, timeout=5000)
    tap(qtbot, window, panel.found.rows[reference].rebook)
    change = panel.change
    qtbot.waitUntil(lambda: len(change.times.buttons) > 0, timeout=5000)
    starts_at, first_time = next(iter(change.times.buttons.items()))
    # Someone else takes the last seat at that time before the greeter presses Move.
    book(backend, datetime.fromisoformat(starts_at), customer={"name": "Other"}, notify_by=[])
    tap(qtbot, window, first_time)
    tap(qtbot, window, change.confirm_rebook)
    qtbot.waitUntil(lambda: change.status.text().startswith("That time has just been taken"))
    qtbot.waitUntil(lambda: change.times.buttons and starts_at not in change.times.buttons)
    assert appointment(backend, reference).starts_at.replace(tzinfo=UTC) == at(7, 10)


def test_cancelling_with_the_network_down_says_nothing_changed(qtbot: QtBot) -> None:
    panel = AppointmentsPanel()
    qtbot.addWidget(panel)
    panel.show()
    client = BackendClient("http://127.0.0.1:9", retries=0)
    changes = ChangePresenter(panel, Background(client), lambda: None)
    changes.signed_in("token", "shop")
    reference = str(new_reference())
    panel.show_day([BookingLine(reference, "appointment", "11:30  Visitor · Booked", True)])
    qtbot.mouseClick(panel.day.rows[reference].cancel, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.change.confirm_cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: panel.change.status.text().startswith("The booking was not changed"),
        timeout=10_000,
    )
    client.close()
