"""The live hub over real WebSockets against the real backend on loopback (SQLite and
PostgreSQL): help raised, alerts per location, claims, the mirror, guidance, reconnects."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from casebackend.app import build_context, create_app
from casebackend.audit.models import AuditEvent
from casebackend.db.engine import unit_of_work
from casebackend.live.models import HelpSession
from shared.flow.screen_state import MASK, FieldState, ScreenState
from shared.flow.steps import FieldKind, StepKind
from shared.live.messages import (
    DeskWelcome,
    GuideHighlight,
    GuideTip,
    HelpCancel,
    HelpClaim,
    HelpClaimed,
    HelpClose,
    HelpContext,
    HelpEnded,
    HelpEndReason,
    HelpOutcome,
    HelpRaise,
    HelpRaised,
    HelpRelease,
    HelpReleased,
    KioskActivity,
    KioskActivityChange,
    KioskHello,
    KioskMaintenance,
    KioskPresence,
    KioskWelcome,
    LiveError,
    LiveMessage,
    MaintenanceAction,
    MaintenanceCommand,
    ScreenUpdate,
    TriageChanged,
    read_message,
    write_message,
)
from shared.schema import replace
from tests.conftest import Backend, LiveServer


class Peer:
    """One app's end of /live: sends messages, and reads the hub's in order."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket

    def send(self, message: LiveMessage) -> None:
        self.socket.send(write_message(message))

    def next(self, timeout: float = 5.0) -> LiveMessage:
        return read_message(self.socket.recv(timeout=timeout), "hub")

    def expect(self, kind: type[Any], timeout: float = 5.0) -> Any:
        """The next message of ``kind``, passing over others (tests that care about what
        else arrives use ``drain`` and ``nothing_more``)."""
        while True:
            message = self.next(timeout)
            if isinstance(message, kind):
                return message

    def drain(self, timeout: float = 0.5) -> list[LiveMessage]:
        """Every message (but presence and the triage list's news) until none arrives for
        ``timeout``."""
        seen: list[LiveMessage] = []
        while True:
            try:
                message = self.next(timeout)
            except TimeoutError:
                return seen
            if not isinstance(message, KioskPresence | TriageChanged):
                seen.append(message)

    def nothing_more(self, timeout: float = 0.3) -> None:
        """No message (but presence and the triage list's news) arrives within ``timeout``."""
        while True:
            try:
                message = self.next(timeout)
            except TimeoutError:
                return
            assert isinstance(message, KioskPresence | TriageChanged), f"unexpected {message!r}"


def _ws_url(backend: Backend, location: str | None = None) -> str:
    url = backend.url.replace("http://", "ws://") + "/live"
    return f"{url}?location={location}" if location else url


@contextmanager
def desk(
    backend: Backend,
    username: str,
    location: str | None = None,
    headers: dict[str, str] | None = None,
) -> Iterator[Peer]:
    headers = headers or backend.login(username)
    with connect(_ws_url(backend, location), additional_headers=headers) as socket:
        yield Peer(socket)


@contextmanager
def kiosk_socket(
    backend: Backend, headers: dict[str, str], hello: KioskHello | None = None
) -> Iterator[Peer]:
    with connect(_ws_url(backend), additional_headers=headers) as socket:
        peer = Peer(socket)
        peer.send(hello or KioskHello(activity=KioskActivity.IN_JOURNEY))
        yield peer


@contextmanager
def _another_backend(backend: Backend, **settings: Any) -> Iterator[Backend]:
    """A second backend process's worth (its own context, engine and hub) on the same
    database as ``backend``, with ``settings`` changed."""
    changed = replace(backend.context.settings, **settings)
    context = build_context(changed)
    with LiveServer(create_app(changed, context)) as server:
        yield Backend(server.url, context, backend.api_key, backend.http)


def _context(**overrides: Any) -> HelpContext:
    values: dict[str, Any] = {
        "screen": "journey",
        "service_code": "missed_bin",
        "service_name": "Report a missed bin collection",
        "step_id": "contact",
        "step_number": 2,
        "step_count": 4,
        "errors": ("contact.email.invalid",),
        "seconds_on_step": 41.5,
        "language": "pl",
    }
    return HelpContext(**(values | overrides))


def _screen(help_id: str, sequence: int, email: str = "") -> ScreenUpdate:
    state = ScreenState(
        sequence=sequence,
        service_code="missed_bin",
        service_name="Zgłoś",
        step_id="contact",
        step_kind=StepKind.CONTACT,
        title="How can we contact you?",
        language="pl",
        fields=(
            FieldState(id="contact.email", kind=FieldKind.EMAIL, label="Email", value=email),
            FieldState(id="contact.pin", kind=FieldKind.TEXT, label="PIN", value=MASK, masked=True),
        ),
    )
    return ScreenUpdate(help_id=help_id, sequence=sequence, screen="journey", state=state)


def test_help_reaches_every_desk_at_the_location_and_no_other(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with (
        desk(backend, "sam") as sam,
        desk(backend, "alex", "shop") as alex,
        desk(backend, "priya") as priya,
        kiosk_socket(backend, headers) as kiosk,
    ):
        for peer in (sam, alex, priya):
            assert isinstance(peer.expect(DeskWelcome), DeskWelcome)
        assert kiosk.expect(KioskWelcome).help is None
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        for peer in (sam, alex):
            raised = peer.expect(HelpRaised).request
            assert raised.id == help_id
            assert raised.location_code == "shop"
            assert raised.context.step_number == 2
            assert raised.context.errors == ("contact.email.invalid",)
            assert raised.claimed_by is None
        # Library staff at another location never hear of it.
        priya.nothing_more()


def test_a_desk_must_say_which_of_its_locations_and_may_not_choose_another(
    backend: Backend,
) -> None:
    with desk(backend, "alex") as alex:
        refused = alex.next()
        assert isinstance(refused, LiveError)
        assert "Choose which location" in refused.message
        with pytest.raises(ConnectionClosed):
            alex.next()
    with desk(backend, "sam", "lib-northgate") as sam:
        refused = sam.next()
        assert isinstance(refused, LiveError)
        assert refused.code == "forbidden"
        with pytest.raises(ConnectionClosed) as closed:
            sam.next()
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4403


def test_no_token_is_refused_with_a_plain_message(backend: Backend) -> None:
    with connect(_ws_url(backend)) as socket:
        refused = read_message(socket.recv(timeout=5), "hub")
        assert isinstance(refused, LiveError)
        assert refused.code == "not_authenticated"
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=5)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4401


def test_two_greeters_race_and_exactly_one_wins(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with (
        desk(backend, "sam") as sam,
        desk(backend, "alex", "shop") as alex,
        kiosk_socket(backend, headers) as kiosk,
    ):
        for peer in (sam, alex):
            peer.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        sam.expect(HelpRaised)
        alex.expect(HelpRaised)
        # Both press Claim at once.
        start = threading.Barrier(2)

        def claim(peer: Peer) -> None:
            start.wait()
            peer.send(HelpClaim(help_id=help_id))

        threads = [threading.Thread(target=claim, args=(p,)) for p in (sam, alex)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        outcomes = {name: peer.drain() for name, peer in (("sam", sam), ("alex", alex))}
        claimed = [m for seen in outcomes.values() for m in seen if isinstance(m, HelpClaimed)]
        errors = [m for seen in outcomes.values() for m in seen if isinstance(m, LiveError)]
        # Each desk hears of the one claim; the loser is told who has it.
        assert len(claimed) == 2
        assert len({m.staff.name for m in claimed}) == 1
        winner = claimed[0].staff.name
        assert len(errors) == 1
        assert errors[0].message == f"{winner} is already helping at this kiosk."
        assert kiosk.expect(HelpClaimed).staff.name == winner
        with unit_of_work(backend.context.sessions) as session:
            row = session.get_one(HelpSession, help_id)
            assert row.claims == 1


def test_the_mirror_goes_to_the_claiming_greeter_only_after_the_claim(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with (
        desk(backend, "sam") as sam,
        desk(backend, "alex", "shop") as alex,
        kiosk_socket(backend, headers) as kiosk,
    ):
        sam.expect(DeskWelcome)
        alex.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        sam.expect(HelpRaised)
        alex.expect(HelpRaised)
        # Before anyone claims, the screen reaches nobody.
        kiosk.send(_screen(help_id, 1, "before@example.org"))
        sam.nothing_more()
        sam.send(HelpClaim(help_id=help_id))
        sam.expect(HelpClaimed)
        alex.expect(HelpClaimed)
        kiosk.expect(HelpClaimed)
        kiosk.send(_screen(help_id, 2, "a@example.org"))
        mirrored = sam.expect(ScreenUpdate)
        assert mirrored.sequence == 2
        assert mirrored.state is not None
        # The hub masks a sensitive answer even when a kiosk sent it plain.
        assert mirrored.state.fields[0].value == MASK
        assert mirrored.state.fields[1].value == MASK
        # An older state arriving late is not passed on over a newer one.
        kiosk.send(_screen(help_id, 1, "old@example.org"))
        kiosk.send(_screen(help_id, 3, "b@example.org"))
        assert sam.expect(ScreenUpdate).sequence == 3
        alex.nothing_more()


def test_guidance_reaches_the_kiosk_from_its_greeter_only(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with (
        desk(backend, "sam") as sam,
        desk(backend, "alex", "shop") as alex,
        kiosk_socket(backend, headers) as kiosk,
    ):
        sam.expect(DeskWelcome)
        alex.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        sam.expect(HelpRaised)
        alex.expect(HelpRaised)
        sam.send(HelpClaim(help_id=help_id))
        kiosk.expect(HelpClaimed)
        alex.expect(HelpClaimed)
        alex.send(GuideHighlight(help_id=help_id, field="contact.email"))
        refused = alex.expect(LiveError)
        assert refused.code == "conflict"
        sam.send(GuideHighlight(help_id=help_id, field="contact.email"))
        assert kiosk.expect(GuideHighlight).field == "contact.email"
        sam.send(GuideTip(help_id=help_id, tip_id="tip.email_example"))
        assert kiosk.expect(GuideTip).tip_id == "tip.email_example"
        sam.send(GuideTip(help_id=help_id, text="Press the blue button."))
        assert kiosk.expect(GuideTip).text == "Press the blue button."
        sam.send(GuideTip(help_id=help_id))
        assert "ready-made" in sam.expect(LiveError).message


def test_release_then_close_with_an_outcome_is_recorded_and_audited(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with desk(backend, "sam") as sam, kiosk_socket(backend, headers) as kiosk:
        sam.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        sam.expect(HelpRaised)
        sam.send(HelpClaim(help_id=help_id))
        sam.expect(HelpClaimed)
        kiosk.expect(HelpClaimed)
        sam.send(HelpRelease(help_id=help_id))
        sam.expect(HelpReleased)
        kiosk.expect(HelpReleased)
        sam.send(HelpClaim(help_id=help_id))
        sam.expect(HelpClaimed)
        sam.send(HelpClose(help_id=help_id, outcome=HelpOutcome.RESOLVED_AT_KIOSK))
        ended = sam.expect(HelpEnded)
        assert ended.outcome is HelpOutcome.RESOLVED_AT_KIOSK
        kiosk.expect(HelpClaimed)
        assert kiosk.expect(HelpEnded).reason is HelpEndReason.CLOSED
    with unit_of_work(backend.context.sessions) as session:
        row = session.get_one(HelpSession, help_id)
        assert row.outcome == "resolved_at_kiosk"
        assert row.claims == 2
        assert row.first_claimed_at is not None
        assert row.ended_at is not None
        assert row.raised_at <= row.first_claimed_at <= row.ended_at
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.through == "live").order_by(AuditEvent.id)
        ).all()
        assert actions == ["help.claimed", "help.released", "help.claimed", "help.ended"]


def test_the_customer_can_cancel_and_every_desk_hears(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with desk(backend, "sam") as sam, kiosk_socket(backend, headers) as kiosk:
        sam.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        sam.expect(HelpRaised)
        kiosk.send(HelpCancel(help_id=help_id, reason=HelpEndReason.CANCELLED))
        assert sam.expect(HelpEnded).reason is HelpEndReason.CANCELLED
        # Claiming an ended request is refused plainly.
        sam.send(HelpClaim(help_id=help_id))
        assert sam.expect(LiveError).message == "That help request has already ended."


def test_reconnecting_kiosk_and_desk_get_everything_once(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    help_id = uuid.uuid4().hex
    raise_it = HelpRaise(help_id=help_id, context=_context())
    with desk(backend, "sam") as sam:
        sam.expect(DeskWelcome)
        with kiosk_socket(backend, headers) as kiosk:
            kiosk.expect(KioskWelcome)
            kiosk.send(raise_it)
            assert sam.expect(HelpRaised).request.id == help_id
        # The kiosk drops and comes back with its open request: no second alert.
        hello = KioskHello(activity=KioskActivity.IN_JOURNEY, open_help=raise_it)
        with kiosk_socket(backend, headers, hello) as kiosk:
            welcome = kiosk.expect(KioskWelcome)
            assert welcome.help is not None
            assert welcome.help.id == help_id
            sam.nothing_more()
    # A desk that reconnects is given every open request.
    with desk(backend, "sam") as sam:
        welcome = sam.expect(DeskWelcome)
        assert [request.id for request in welcome.help] == [help_id]
        assert welcome.location_code == "shop"


def test_a_backend_restart_loses_no_request_or_claim(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    help_id = uuid.uuid4().hex
    raise_it = HelpRaise(help_id=help_id, context=_context())
    with desk(backend, "sam") as sam, kiosk_socket(backend, headers) as kiosk:
        sam.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        kiosk.send(raise_it)
        sam.expect(HelpRaised)
        sam.send(HelpClaim(help_id=help_id))
        sam.expect(HelpClaimed)
        kiosk.expect(HelpClaimed)
    # A new backend process (a new hub, empty memory) on the same database.
    with _another_backend(backend) as moved:
        hello = KioskHello(activity=KioskActivity.IN_JOURNEY, open_help=raise_it)
        with desk(moved, "sam") as sam, kiosk_socket(moved, headers, hello) as kiosk:
            welcome = sam.expect(DeskWelcome)
            assert welcome.help[0].claimed_by is not None
            assert welcome.help[0].claimed_by.name == "Sam"
            kiosk_welcome = kiosk.expect(KioskWelcome)
            assert kiosk_welcome.help is not None
            assert kiosk_welcome.help.claimed_by is not None
            # The kiosk's snapshot reaches the greeter who still holds the claim.
            kiosk.send(_screen(help_id, 7, "kept@example.org"))
            mirrored = sam.expect(ScreenUpdate)
            assert mirrored.sequence == 7
            assert mirrored.state is not None
            assert mirrored.state.fields[0].value == MASK


def test_maintenance_from_the_board_reaches_the_kiosk_and_is_audited(backend: Backend) -> None:
    headers, body = backend.enrol("shop")
    with desk(backend, "sam") as sam:
        welcome = sam.expect(DeskWelcome)
        device_id = welcome.kiosks[0].status.device_id
        assert welcome.kiosks[0].connected is False
        # Restarting a kiosk that is not connected is refused plainly.
        sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.RESTART_SESSION))
        assert "not connected" in sam.expect(LiveError).message
        with kiosk_socket(backend, headers) as kiosk:
            kiosk.expect(KioskWelcome)
            presence = _presence(sam, device_id)
            assert presence.connected
            sam.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
            command = kiosk.expect(MaintenanceCommand)
            assert command.action is MaintenanceAction.OUT_OF_ORDER
            assert command.staff.name == "Sam"
            assert _presence(sam, device_id).activity is KioskActivity.OUT_OF_ORDER
            # The kiosk saying it is idle does not undo out of order.
            kiosk.send(KioskActivityChange(activity=KioskActivity.IDLE))
        # Out of order outlives the connection.
        with kiosk_socket(backend, headers) as kiosk:
            assert kiosk.expect(KioskWelcome).out_of_order is True
            sam.send(
                KioskMaintenance(device_id=device_id, action=MaintenanceAction.BACK_IN_SERVICE)
            )
            assert kiosk.expect(MaintenanceCommand).action is MaintenanceAction.BACK_IN_SERVICE
    with unit_of_work(backend.context.sessions) as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.through == "live").order_by(AuditEvent.id)
        ).all()
        assert actions == ["kiosk.out_of_order", "kiosk.back_in_service"]
    assert body["issuer"]


def _presence(peer: Peer, device_id: int) -> KioskPresence:
    while True:
        message = peer.next()
        if isinstance(message, KioskPresence) and message.device_id == device_id:
            return message


def test_a_kiosk_cannot_act_as_a_desk(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with kiosk_socket(backend, headers) as kiosk:
        kiosk.expect(KioskWelcome)
        kiosk.socket.send(write_message(HelpClaim(help_id=uuid.uuid4().hex)))
        refused = kiosk.expect(LiveError)
        assert refused.code == "invalid_input"


def test_a_greeter_whose_desk_is_gone_too_long_gives_the_claim_back(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with (
        _another_backend(backend, live_claim_grace_seconds=0.3) as hub,
        desk(hub, "alex", "shop") as alex,
        kiosk_socket(hub, headers) as kiosk,
    ):
        alex.expect(DeskWelcome)
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        alex.expect(HelpRaised)
        # Sam claims, then Sam's tablet dies and does not come back.
        with desk(hub, "sam") as sam:
            sam.expect(DeskWelcome)
            sam.send(HelpClaim(help_id=help_id))
            assert alex.expect(HelpClaimed).staff.name == "Sam"
            kiosk.expect(HelpClaimed)
        assert alex.expect(HelpReleased).help_id == help_id
        assert kiosk.expect(HelpReleased).help_id == help_id
        # Back in the queue: Alex can take it.
        alex.send(HelpClaim(help_id=help_id))
        assert alex.expect(HelpClaimed).staff.name == "Alex"


def test_a_greeter_who_reconnects_in_time_keeps_the_claim(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    with (
        _another_backend(backend, live_claim_grace_seconds=1.0) as hub,
        kiosk_socket(hub, headers) as kiosk,
    ):
        kiosk.expect(KioskWelcome)
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        # Signed in once: the reconnect is only the socket, well inside the grace period
        # however slow a password check is on a loaded machine.
        signed_in = hub.login("sam")
        with desk(hub, "sam", headers=signed_in) as sam:
            sam.expect(DeskWelcome)
            sam.send(HelpClaim(help_id=help_id))
            kiosk.expect(HelpClaimed)
        with desk(hub, "sam", headers=signed_in) as sam:
            welcome = sam.expect(DeskWelcome)
            assert welcome.help[0].claimed_by is not None
            # Well past the grace period: the claim is still Sam's.
            kiosk.nothing_more(timeout=1.5)
