"""The triage list over the real backend on loopback and its live hub (SQLite and
PostgreSQL): walk-ins with tickets reaching every desk at the location, calling order,
park / transfer / no-show / close, "speak to someone" from a kiosk with its SMS, remote help
for a library with nobody at its desk, and kiosk faults."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from casebackend.db.engine import unit_of_work
from casebackend.live.models import HelpSession
from casebackend.notifications.models import Notification
from casebackend.notifications.provider import NotificationChannel, NotificationTemplate
from casebackend.triage.models import TriageEntryRow
from shared.live.messages import (
    DeskWelcome,
    HelpClaim,
    HelpClaimed,
    HelpEnded,
    HelpEndReason,
    HelpNotice,
    HelpRaise,
    HelpRaised,
    KioskMaintenance,
    KioskWelcome,
    MaintenanceAction,
    ScreenUpdate,
    TriageChanged,
    read_message,
)
from shared.live.notices import HelpNoticeKind
from shared.triage.schemas import (
    FaultKind,
    StaffName,
    TriageEntry,
    TriageKind,
    TriageOutcome,
    TriageState,
)
from tests.casebackend.test_live import Peer, _context, _screen, desk, kiosk_socket
from tests.conftest import Backend, wait_until

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _changed(peer: Peer, entry_id: str | None = None, **state: Any) -> TriageEntry:
    """The next triage news (about ``entry_id``, and in ``state`` if given)."""
    while True:
        entry: TriageEntry = peer.expect(TriageChanged).entry
        if entry_id is not None and entry.id != entry_id:
            continue
        if all(getattr(entry, name) == value for name, value in state.items()):
            return entry


def _post(backend: Backend, headers: dict[str, str], path: str, body: Any = None) -> Any:
    response = backend.http.post(f"{backend.api}/triage{path}", json=body, headers=headers)
    assert response.status_code < 300, response.text
    return response.json()


def _audited(backend: Backend) -> list[str]:
    with unit_of_work(backend.context.sessions) as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.through == "triage")
                .order_by(AuditEvent.id)
            )
        )


def test_a_walk_in_recorded_on_one_desk_appears_on_the_others_with_its_ticket(
    backend: Backend,
) -> None:
    sam_http = backend.login("sam")
    with desk(backend, "sam", headers=sam_http) as sam, desk(backend, "admin") as admin:
        assert sam.expect(DeskWelcome).triage == ()
        admin.expect(DeskWelcome)
        first = _post(backend, sam_http, "/walk-ins", {"topics": ["Council tax"], "name": "Ana"})
        assert first["ticket"] == "W001"
        for peer in (sam, admin):
            entry = _changed(peer, first["id"])
            assert (entry.ticket, entry.kind, entry.state) == (
                "W001",
                TriageKind.WALK_IN,
                "waiting",
            )
            assert entry.topics == ("Council tax",)
            assert entry.name == "Ana"
            assert entry.target_seconds == 600
        second = _post(backend, sam_http, "/walk-ins", {"service_code": "missed_bin"})
        assert second["ticket"] == "W002"
        assert _changed(admin, second["id"]).service_name == "Report a missed bin collection"
    # A desk joining later gets the whole list in its welcome, in calling order.
    with desk(backend, "admin") as admin:
        welcome = admin.expect(DeskWelcome)
        assert [entry.ticket for entry in welcome.triage] == ["W001", "W002"]
    # Staff elsewhere neither see nor add to the shop's list.
    priya = backend.login("priya")
    refused = backend.http.get(f"{backend.api}/triage", params={"location": "shop"}, headers=priya)
    assert refused.status_code == 403


def test_call_next_takes_a_declared_need_first_then_the_longest_waiting(
    backend: Backend,
) -> None:
    headers, _ = backend.enrol("shop")
    sam_http, alex_http = backend.login("sam"), backend.login("alex")
    with (
        desk(backend, "sam", headers=sam_http) as sam,
        desk(backend, "alex", "shop", headers=alex_http) as alex,
        kiosk_socket(backend, headers) as kiosk,
    ):
        sam.expect(DeskWelcome)
        alex.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        plain = _post(backend, sam_http, "/walk-ins", {"topics": ["Housing"]})
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        assert _changed(alex, help_id).kind is TriageKind.HELP
        need = _post(
            backend, sam_http, "/walk-ins", {"topics": ["Blue badge"], "needs": ["wheelchair"]}
        )
        assert need["priority"] is True

        called = _post(backend, sam_http, "/next", {"location_code": "shop"})
        assert called["id"] == need["id"]
        assert _changed(alex, need["id"], state=TriageState.CALLED).called_by is not None
        called = _post(backend, alex_http, "/next", {"location_code": "shop"})
        assert called["id"] == plain["id"]
        called = _post(backend, sam_http, "/next", {"location_code": "shop"})
        assert (called["id"], called["kind"]) == (help_id, "help")
        # The kiosk hears its helper's name; the desk opens the mirror with help.claim.
        assert kiosk.expect(HelpClaimed).staff.name == "Sam"
        assert _changed(alex, help_id, state=TriageState.CALLED).called_by == StaffName(
            id=called["called_by"]["id"], name="Sam"
        )
        sam.send(HelpClaim(help_id=help_id))
        missing = backend.http.post(
            f"{backend.api}/triage/next", json={"location_code": "shop"}, headers=sam_http
        )
        assert missing.status_code == 404
        assert missing.json()["message"] == "Nobody is waiting just now."

        # A help request is closed from the list like any other entry.
        _post(backend, sam_http, f"/{help_id}/close?location=shop", {"outcome": "resolved"})
        ended = kiosk.expect(HelpEnded)
        assert (ended.help_id, ended.reason) == (help_id, HelpEndReason.CLOSED)
        assert _changed(alex, help_id, state=TriageState.CLOSED).kind is TriageKind.HELP
    with unit_of_work(backend.context.sessions) as session:
        assert session.get_one(HelpSession, help_id).outcome == "resolved_at_kiosk"


def test_park_transfer_no_show_and_close_reach_every_desk_and_are_audited(
    backend: Backend,
) -> None:
    sam_http, alex_http = backend.login("sam"), backend.login("alex")
    with (
        desk(backend, "sam", headers=sam_http) as sam,
        desk(backend, "alex", "shop", headers=alex_http) as alex,
    ):
        sam.expect(DeskWelcome)
        alex.expect(DeskWelcome)
        plain = _post(backend, sam_http, "/walk-ins", {"topics": ["Housing"]})
        other = _post(backend, sam_http, "/walk-ins", {"topics": ["Parking"]})
        _post(backend, alex_http, f"/{plain['id']}/call?location=shop")
        # Two greeters cannot call one visitor.
        taken = backend.http.post(
            f"{backend.api}/triage/{plain['id']}/call?location=shop", headers=sam_http
        )
        assert taken.status_code == 409
        assert taken.json()["message"] == "Alex has already called W001."

        parked = _post(
            backend, alex_http, f"/{plain['id']}/park?location=shop", {"reason": "Fetching ID"}
        )
        assert (parked["state"], parked["parked_reason"]) == ("parked", "Fetching ID")
        assert _changed(sam, plain["id"], state=TriageState.PARKED).parked_reason == "Fetching ID"
        _post(
            backend,
            alex_http,
            f"/{plain['id']}/transfer?location=shop",
            {"to_advisor": True, "note": "Wants to discuss arrears"},
        )
        entry = _changed(sam, plain["id"], state=TriageState.WAITING, for_advisor=True)
        assert entry.handover is not None
        assert (entry.handover.note, entry.handover.from_staff.name) == (
            "Wants to discuss arrears",
            "Alex",
        )
        _post(backend, sam_http, f"/{plain['id']}/call?location=shop")
        gone = _post(backend, sam_http, f"/{plain['id']}/no-show?location=shop")
        assert gone["state"] == "no_show"
        assert _changed(alex, plain["id"], state=TriageState.NO_SHOW).ended_at is not None

        _post(backend, alex_http, f"/{other['id']}/call?location=shop")
        closed = _post(
            backend, alex_http, f"/{other['id']}/close?location=shop", {"outcome": "signposted"}
        )
        assert (closed["state"], closed["outcome"]) == ("closed", "signposted")
        assert _changed(sam, other["id"], state=TriageState.CLOSED).outcome == "signposted"
        again = backend.http.post(
            f"{backend.api}/triage/{other['id']}/call?location=shop", headers=sam_http
        )
        assert again.status_code == 409
        assert again.json()["message"] == "That visitor has already been dealt with."
    assert _audited(backend) == [
        "triage.walk_in",
        "triage.walk_in",
        "triage.called",
        "triage.parked",
        "triage.transferred",
        "triage.called",
        "triage.no_show",
        "triage.called",
        "triage.closed",
    ]


# What this adds is the hub's and the service's alike on both databases: SQLite is enough.
@SQLITE_ONLY
def test_a_help_request_passed_to_a_colleague_then_to_the_advisors(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    sam_http, alex_http = backend.login("sam"), backend.login("alex")
    with (
        desk(backend, "sam", headers=sam_http) as sam,
        desk(backend, "alex", "shop", headers=alex_http) as alex,
        kiosk_socket(backend, headers) as kiosk,
    ):
        sam.expect(DeskWelcome)
        alex_id = alex.expect(DeskWelcome).staff.id
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        sam.expect(HelpRaised)
        sam.send(HelpClaim(help_id=help_id))
        kiosk.expect(HelpClaimed)
        kiosk.send(_screen(help_id, 1))
        assert sam.expect(ScreenUpdate).sequence == 1

        # To Alex: the claim is theirs, Sam's mirror closes, Alex's opens with help.claim.
        passed = _post(
            backend,
            sam_http,
            f"/{help_id}/transfer?location=shop",
            {"staff_id": alex_id, "note": "Stuck on the email"},
        )
        assert passed["called_by"]["name"] == "Alex"
        assert passed["handover"]["note"] == "Stuck on the email"
        assert kiosk.expect(HelpClaimed).staff.name == "Alex"
        while alex.expect(HelpClaimed).staff.name != "Alex":
            pass  # Sam's own claim, heard first
        alex.send(HelpClaim(help_id=help_id))
        # The last screen on claiming (waited for: a screen sent before the claim is
        # handled would come instead), then the next one.
        assert alex.expect(ScreenUpdate).sequence == 1
        kiosk.send(_screen(help_id, 2))
        assert alex.expect(ScreenUpdate).sequence == 2
        assert not [m for m in sam.drain(0.3) if isinstance(m, ScreenUpdate)]

        # To the advisors: the help ends, and the customer waits as a walk-in, with where
        # they had got to.
        walk_in = _post(
            backend, alex_http, f"/{help_id}/transfer?location=shop", {"to_advisor": True}
        )
        assert (walk_in["kind"], walk_in["for_advisor"], walk_in["ticket"]) == (
            "walk_in",
            True,
            "W001",
        )
        assert walk_in["handover"]["step_id"] == "contact"
        assert walk_in["handover"]["service_name"] == "Report a missed bin collection"
        assert kiosk.expect(HelpEnded).reason is HelpEndReason.TRANSFERRED


def test_speak_to_someone_from_a_kiosk_gives_a_ticket_and_texts_when_called(
    backend: Backend,
) -> None:
    headers, enrolment = backend.enrol("shop")
    sam_http = backend.login("sam")
    with desk(backend, "sam", headers=sam_http) as sam:
        sam.expect(DeskWelcome)
        ticket = _post(
            backend,
            headers,
            "/speak-to-someone",
            {"service_code": "missed_bin", "phone": "07700 900123", "needs": ["hearing"]},
        )
        assert (ticket["ticket"], ticket["ahead"], ticket["sms_when_called"]) == ("W001", 0, True)
        raw = sam.socket.recv(timeout=5)
        while '"triage.changed"' not in raw:
            raw = sam.socket.recv(timeout=5)
        # The desk is told an SMS will go, never the number.
        assert "900123" not in raw
        entry = read_message(raw, "hub").entry  # type: ignore[attr-defined]
        assert entry.id == ticket["id"]
        assert (entry.for_advisor, entry.sms_when_called, entry.priority) == (True, True, True)
        assert entry.device_id == enrolment["device_id"]
        # A desk cannot ask on a kiosk's behalf.
        refused = backend.http.post(
            f"{backend.api}/triage/speak-to-someone", json={}, headers=sam_http
        )
        assert refused.status_code == 403

        _post(backend, sam_http, f"/{ticket['id']}/call?location=shop")
        assert _changed(sam, ticket["id"]).sms_when_called is False
        with unit_of_work(backend.context.sessions) as session:
            sms = session.scalars(select(Notification)).all()
            assert [(n.channel, n.template, n.recipient) for n in sms] == [
                (NotificationChannel.SMS, NotificationTemplate.TICKET_CALLED, "07700900123")
            ]
            assert sms[0].personalisation == {
                "ticket": "W001",
                "location": "City Centre Customer Service Shop",
            }

        def sent() -> bool:
            with unit_of_work(backend.context.sessions) as session:
                return session.scalars(select(Notification.status)).one() == "sent"

        # The notification service sends it after the call's commit.
        wait_until(sent, what="the SMS sent")
        # Called again (after a park), no second text.
        _post(backend, sam_http, f"/{ticket['id']}/park?location=shop", {"reason": "Toilet"})
        _post(backend, sam_http, f"/{ticket['id']}/call?location=shop")
        _post(backend, sam_http, f"/{ticket['id']}/close?location=shop", {"outcome": "resolved"})
    with unit_of_work(backend.context.sessions) as session:
        # The number goes once the visitor has been seen, from the entry and the message.
        assert session.scalars(select(Notification.recipient)).all() == [""]
        assert session.get_one(TriageEntryRow, ticket["id"]).phone is None


def test_help_at_a_library_with_nobody_at_its_desk_reaches_the_shop(backend: Backend) -> None:
    headers, _ = backend.enrol("lib-northgate")
    with desk(backend, "sam") as sam, kiosk_socket(backend, headers) as kiosk:
        sam.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        notice = kiosk.expect(HelpNotice)
        assert (notice.help_id, notice.kind) == (help_id, HelpNoticeKind.REMOTE)
        assert notice.place_name == "City Centre Customer Service Shop"
        assert notice.text == (
            "No one is at the desk here just now. A member of staff at City Centre Customer "
            "Service Shop will help you through this screen."
        )
        raised = sam.expect(HelpRaised).request
        assert (raised.id, raised.remote, raised.remote_from) == (
            help_id,
            True,
            "Northgate Library",
        )
        assert raised.location_code == "lib-northgate"
        entry = _changed(sam, help_id)
        assert (entry.remote, entry.remote_from) == (True, "Northgate Library")
        # The shop's greeter helps as with any request at the shop.
        sam.send(HelpClaim(help_id=help_id))
        assert kiosk.expect(HelpClaimed).staff.name == "Sam"
        # A desk at the shop joining now sees it too.
        with desk(backend, "admin") as admin:
            assert [h.id for h in admin.expect(DeskWelcome).help] == [help_id]
        # Once someone is at the library's desk, its help stays there.
        with desk(backend, "priya") as priya:
            priya.expect(DeskWelcome)
            second = uuid.uuid4().hex
            kiosk.send(HelpRaise(help_id=second, context=_context()))
            assert priya.expect(HelpRaised).request.remote is False
    with unit_of_work(backend.context.sessions) as session:
        shop_id = session.get_one(HelpSession, help_id).served_at_id
        assert shop_id is not None
        assert session.get_one(HelpSession, second).served_at_id is None


# What this adds is the hub's and the service's alike on both databases: SQLite is enough.
@SQLITE_ONLY
def test_a_kiosk_out_of_order_or_gone_is_on_the_list_until_it_is_back(backend: Backend) -> None:
    headers, enrolment = backend.enrol("shop")
    device_id = enrolment["device_id"]
    with desk(backend, "sam") as sam:
        sam.expect(DeskWelcome)
        with kiosk_socket(backend, headers) as kiosk:
            kiosk.expect(KioskWelcome)
            sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
            fault = _changed(sam, kind=TriageKind.KIOSK_FAULT, state=TriageState.WAITING)
            assert (fault.device_id, fault.fault) == (device_id, FaultKind.OUT_OF_ORDER)
            with desk(backend, "admin") as admin:
                listed = admin.expect(DeskWelcome).triage
                assert [(e.kind, e.device_id) for e in listed] == [
                    (TriageKind.KIOSK_FAULT, device_id)
                ]
            sam.send(
                KioskMaintenance(device_id=device_id, action=MaintenanceAction.BACK_IN_SERVICE)
            )
            assert _changed(sam, fault.id).state is TriageState.ENDED
        # The kiosk's connection dropped: it is not answering.
        gone = _changed(sam, fault.id)
        assert (gone.state, gone.fault) == (TriageState.WAITING, FaultKind.NOT_RESPONDING)


def test_a_kiosk_fault_closed_as_fixed_or_reported_stays_off_the_list_until_the_kiosk_changes(
    backend: Backend,
) -> None:
    headers, enrolment = backend.enrol("shop")
    device_id = enrolment["device_id"]
    sam_http = backend.login("sam")

    def listed() -> list[str]:
        response = backend.http.get(
            f"{backend.api}/triage", params={"location": "shop"}, headers=sam_http
        )
        assert response.status_code == 200, response.text
        return [e["id"] for e in response.json()["entries"] if e["kind"] == "kiosk_fault"]

    def close(entry_id: str, outcome: str) -> Any:
        return backend.http.post(
            f"{backend.api}/triage/{entry_id}/close?location=shop",
            json={"outcome": outcome},
            headers=sam_http,
        )

    with desk(backend, "sam") as sam:
        sam.expect(DeskWelcome)
        with kiosk_socket(backend, headers) as kiosk:
            kiosk.expect(KioskWelcome)
            sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
            fault = _changed(sam, kind=TriageKind.KIOSK_FAULT, state=TriageState.WAITING)
            assert listed() == [fault.id]
            # A visitor's outcome means nothing for a kiosk.
            assert close(fault.id, "signposted").status_code == 422
            done = close(fault.id, "reported")
            assert done.status_code == 200, done.text
            assert (done.json()["state"], done.json()["outcome"]) == ("ended", "reported")
            gone = _changed(sam, fault.id)
            assert (gone.state, gone.outcome) == (TriageState.ENDED, TriageOutcome.REPORTED)
            assert listed() == []
            with desk(backend, "admin") as admin:
                assert admin.expect(DeskWelcome).triage == ()
            # Twice is once: someone else had dealt with it.
            assert close(fault.id, "fixed").status_code == 409
            # Back in service, then out of order again: a new fault, on the list again.
            for action in (MaintenanceAction.BACK_IN_SERVICE, MaintenanceAction.OUT_OF_ORDER):
                sam.send(KioskMaintenance(device_id=device_id, action=action))
            again = _changed(sam, fault.id, state=TriageState.WAITING)
            assert again.fault is FaultKind.OUT_OF_ORDER
            assert listed() == [fault.id]
            assert close(fault.id, "fixed").status_code == 200
            assert listed() == []
    assert _audited(backend).count("triage.fault_closed") == 2
    with unit_of_work(backend.context.sessions) as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "triage.fault_closed")
        ).all()
    # Which kiosk, what was wrong (as the list said), the outcome: nothing of a customer.
    assert details == [
        f"kiosk {device_id}, out_of_order, outcome reported",
        f"kiosk {device_id}, out_of_order, outcome fixed",
    ]


@SQLITE_ONLY
def test_the_staff_to_pass_a_visitor_to_are_the_locations_desk_staff_on_a_desk_first(
    backend: Backend,
) -> None:
    sam_http = backend.login("sam")

    def staff(headers: dict[str, str], location: str = "shop") -> list[tuple[str, str, bool]]:
        response = backend.http.get(
            f"{backend.api}/triage/staff", params={"location": location}, headers=headers
        )
        assert response.status_code == 200, response.text
        assert response.json()["location_code"] == location
        return [(s["name"], s["role"], s["on_desk"]) for s in response.json()["staff"]]

    # The shop's greeters and admin; not Priya (another library), not Jo (no desk role).
    assert staff(sam_http) == [
        ("Admin", "admin", False),
        ("Alex", "greeter", False),
        ("Sam", "greeter", False),
    ]
    with desk(backend, "alex", "shop") as alex:
        alex.expect(DeskWelcome)
        # Alex's desk is connected: first, and said to be on a desk now.
        assert staff(sam_http)[0] == ("Alex", "greeter", True)
        # At the library Alex also works at, Alex is not on its desk.
        assert staff(backend.login("alex"), "lib-central") == [("Alex", "greeter", False)]
    wait_until(lambda: staff(sam_http)[1] == ("Alex", "greeter", False))
    # Only the location's own desk staff may ask.
    refused = backend.http.get(
        f"{backend.api}/triage/staff", params={"location": "shop"}, headers=backend.login("priya")
    )
    assert refused.status_code == 403
