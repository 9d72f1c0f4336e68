"""Two backend processes' worth (each its own context, engine, hub and PostgreSQL broker,
each served by uvicorn on its own loopback port) on one real PostgreSQL database: a kiosk on
one and desks on both, and everything a customer and a greeter do crosses between them."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
import requests
from fastapi import FastAPI
from websockets.exceptions import ConnectionClosed

from casebackend.app import build_context, create_app
from casebackend.catalogue.service import read_catalogue, store_catalogue
from casebackend.db.engine import unit_of_work
from casebackend.identity import service as identity
from casebackend.live.control import tell_backends
from casebackend.live.hub import LiveHub
from casebackend.live.pgbroker import libpq_url
from shared.flow.screen_state import MASK
from shared.live.messages import (
    DeskWelcome,
    GuideHighlight,
    GuideTip,
    HelpClaim,
    HelpClaimed,
    HelpClose,
    HelpEnded,
    HelpOutcome,
    HelpRaise,
    HelpRaised,
    HelpRelease,
    HelpReleased,
    KioskPresence,
    KioskWelcome,
    LiveError,
    ScreenUpdate,
)
from shared.schema import replace
from tests.casebackend.test_live import Peer, _context, _screen, desk, kiosk_socket
from tests.conftest import Backend, LiveServer, make_settings, seed_demo_council, wait_until

pytestmark = pytest.mark.postgresql


@dataclass
class Process:
    backend: Backend
    hub: LiveHub


@pytest.fixture
def processes(postgresql_url: str) -> Iterator[tuple[Process, Process]]:
    # The periodic re-check is slow here, so a sign-out can only arrive through the broker.
    settings = make_settings(
        postgresql_url,
        live_broker="postgresql",
        live_recheck_seconds=30,
        live_peer_timeout_seconds=3,
        live_claim_grace_seconds=1,
    )
    seed = seed_demo_council(postgresql_url)
    first = build_context(settings)
    second = build_context(settings)
    apps: list[FastAPI] = [create_app(settings, first), create_app(settings, second)]
    with (
        LiveServer(apps[0]) as one,
        LiveServer(apps[1]) as two,
        requests.Session() as http,
    ):
        yield (
            Process(Backend(one.url, first, seed.api_key, http), apps[0].state.live),
            Process(Backend(two.url, second, seed.api_key, http), apps[1].state.live),
        )


def _fall_silent(hub: LiveHub) -> None:
    """As near as one test process gets to killing a backend process: its hub's broker
    stops listening and sending, and it stops saying it is alive (its sockets stay open,
    as a hung process's would)."""
    stopped = threading.Event()

    def stop() -> None:
        for task in hub._broker._tasks:  # type: ignore[attr-defined]
            task.cancel()
        if hub._alive is not None:
            hub._alive.cancel()
        stopped.set()

    assert hub._loop is not None
    hub._loop.call_soon_threadsafe(stop)
    assert stopped.wait(5)


def _claimed_across(one: Backend, two: Backend, kiosk: Peer, sam: Peer, alex: Peer) -> str:
    """A request raised at the kiosk on one, claimed by Sam on two; Alex (on one) sees it."""
    help_id = uuid.uuid4().hex
    kiosk.send(HelpRaise(help_id=help_id, context=_context()))
    for peer in (sam, alex):
        assert peer.expect(HelpRaised).request.id == help_id
    sam.send(HelpClaim(help_id=help_id))
    assert sam.expect(HelpClaimed).help_id == help_id
    assert kiosk.expect(HelpClaimed).staff.name == alex.expect(HelpClaimed).staff.name
    return help_id


def test_alert_claim_mirror_guidance_release_and_close_cross_processes(
    processes: tuple[Process, Process],
) -> None:
    one, two = processes[0].backend, processes[1].backend
    headers, enrolment = one.enrol("shop")
    sam_headers = two.login("sam")
    with kiosk_socket(one, headers) as kiosk:
        kiosk.expect(KioskWelcome)
        with desk(two, "sam", headers=sam_headers) as sam, desk(one, "alex", "shop") as alex:
            # The kiosk connected to one is on the board of the desk connected to two.
            board = {k.status.device_id: k for k in sam.expect(DeskWelcome).kiosks}
            assert board[enrolment["device_id"]].connected
            alex.expect(DeskWelcome)
            help_id = _claimed_across(one, two, kiosk, sam, alex)

            # The kiosk's screen (sent to one) reaches the claiming desk on two, masked.
            kiosk.send(_screen(help_id, 1, "a@example.org"))
            mirrored = sam.expect(ScreenUpdate)
            assert mirrored.sequence == 1
            assert mirrored.state is not None
            assert mirrored.state.fields[0].value == MASK
            alex.nothing_more()

            # Guidance from the desk on two reaches the kiosk on one.
            sam.send(GuideHighlight(help_id=help_id, field="contact.email"))
            assert kiosk.expect(GuideHighlight).field == "contact.email"
            sam.send(GuideTip(help_id=help_id, text="Press the blue button."))
            assert kiosk.expect(GuideTip).text == "Press the blue button."

        # Sam's desk comes back on two within the grace: the claim is kept, and two has
        # the last screen the kiosk sent to one.
        with desk(two, "sam", headers=sam_headers) as sam, desk(one, "alex", "shop") as alex:
            welcome = sam.expect(DeskWelcome)
            assert [r.claimed_by.id for r in welcome.help if r.claimed_by] == [welcome.staff.id]
            assert sam.expect(ScreenUpdate).sequence == 1
            alex.expect(DeskWelcome)

            sam.send(HelpRelease(help_id=help_id))
            assert kiosk.expect(HelpReleased).help_id == help_id
            assert alex.expect(HelpReleased).help_id == help_id
            # Claimed again, on one this time, and closed there: two's desk hears the end.
            alex.send(HelpClaim(help_id=help_id))
            assert kiosk.expect(HelpClaimed).help_id == help_id
            kiosk.send(_screen(help_id, 2, "b@example.org"))
            assert alex.expect(ScreenUpdate).sequence == 2
            alex.send(HelpClose(help_id=help_id, outcome=HelpOutcome.RESOLVED_AT_KIOSK))
            assert kiosk.expect(HelpEnded).help_id == help_id
            assert sam.expect(HelpEnded).help_id == help_id

    # The kiosk left one: the desk on two sees it go (checked with a fresh desk), once one's
    # news has crossed the broker; a desk opened at once may come before it.
    def gone_from_two() -> bool:
        with desk(two, "sam", headers=sam_headers) as sam:
            board = {k.status.device_id: k for k in sam.expect(DeskWelcome).kiosks}
            return not board[enrolment["device_id"]].connected

    wait_until(gone_from_two, timeout=10, what="the kiosk to leave two's board")


def test_a_sign_out_on_one_process_closes_the_desk_on_the_other_at_once(
    processes: tuple[Process, Process],
) -> None:
    one, two = processes[0].backend, processes[1].backend
    sam_headers = one.login("sam")
    with desk(two, "sam", headers=sam_headers) as sam:
        sam.expect(DeskWelcome)
        assert two.http.get(f"{two.api}/staff/me", headers=sam_headers).status_code == 200
        assert one.http.post(f"{one.api}/staff/logout", headers=sam_headers).status_code == 204
        # Long before two's own re-check (30 s): the news came through the broker.
        refused = sam.expect(LiveError, timeout=5)
        assert refused.code == "not_authenticated"
        with pytest.raises(ConnectionClosed) as closed:
            sam.next(timeout=5)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4410
        # Two's token cache forgot it as well.
        assert two.http.get(f"{two.api}/staff/me", headers=sam_headers).status_code == 401


def test_an_admin_command_reaches_every_process_at_once(
    processes: tuple[Process, Process],
) -> None:
    """Deactivating a member of staff and reloading the catalogue, from a transaction of
    its own as ``firststop admin`` does: both processes act as it commits."""
    one, two = processes[0].backend, processes[1].backend
    with desk(one, "alex", "shop") as on_one, desk(two, "alex", "shop") as on_two:
        on_one.expect(DeskWelcome)
        on_two.expect(DeskWelcome)
        with unit_of_work(one.context.sessions) as session:
            identity.deactivate_staff(session, "alex")
            tell_backends(session, "recheck")
        for peer in (on_one, on_two):
            assert peer.expect(LiveError, timeout=5).code == "not_authenticated"
            with pytest.raises(ConnectionClosed):
                peer.next(timeout=5)

    with unit_of_work(one.context.sessions) as session:
        catalogue = read_catalogue(session)
        store_catalogue(session, replace(catalogue, version="reloaded-everywhere"))
        tell_backends(session, "reload")
    for backend in (one, two):
        wait_until(
            lambda b=backend: b.context.catalogue.get().version == "reloaded-everywhere",
            timeout=5,
            what="the catalogue reloaded",
        )


def test_a_process_gone_silent_loses_its_kiosks_and_its_greeters_claims_go_back(
    processes: tuple[Process, Process],
) -> None:
    """A process that stops being heard (killed, hung, cut off) is forgotten after
    live_peer_timeout_seconds: its kiosk leaves the other desks' board and the claim of its
    greeter (connected nowhere else) goes back after the grace."""
    one, two, hub_two = processes[0].backend, processes[1].backend, processes[1].hub
    headers, enrolment = two.enrol("shop")
    with (
        kiosk_socket(two, headers) as kiosk,
        desk(two, "sam") as sam,
        desk(one, "alex", "shop") as alex,
    ):
        kiosk.expect(KioskWelcome)
        sam.expect(DeskWelcome)
        board = {k.status.device_id: k for k in alex.expect(DeskWelcome).kiosks}
        assert board[enrolment["device_id"]].connected
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        alex.expect(HelpRaised)
        sam.expect(HelpRaised)
        sam.send(HelpClaim(help_id=help_id))
        alex.expect(HelpClaimed)

        # Two falls silent as a killed process does: nothing more leaves it.
        _fall_silent(hub_two)
        gone = alex.expect(KioskPresence, timeout=10)
        assert gone.device_id == enrolment["device_id"]
        assert not gone.connected
        assert alex.expect(HelpReleased, timeout=10).help_id == help_id


def test_a_hub_whose_database_connection_was_cut_sets_its_desks_straight(
    processes: tuple[Process, Process],
) -> None:
    """Two's connections to the database are killed: it reconnects, and its desk gets the
    whole picture again (what was said meanwhile may have been missed), then news again."""
    one, two, hub_two = processes[0].backend, processes[1].backend, processes[1].hub
    headers, _ = one.enrol("shop")
    with kiosk_socket(one, headers) as kiosk, desk(two, "alex", "shop") as alex:
        kiosk.expect(KioskWelcome)
        alex.expect(DeskWelcome)
        origin = hub_two._broker.origin  # type: ignore[attr-defined]
        with psycopg.connect(libpq_url(two.context.settings.database_url)) as admin:
            cut = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (f"firststop live {origin}",),
            ).fetchone()
        assert cut is not None
        assert cut[0] >= 1
        help_id = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=help_id, context=_context()))
        # Whether the alert got through before the cut or not, the request is in the
        # picture the desk is given again once two is back.
        alerted: set[str] = set()
        while not isinstance(message := alex.next(timeout=10), DeskWelcome):
            if isinstance(message, HelpRaised):
                alerted.add(message.request.id)
        assert help_id in alerted | {request.id for request in message.help}
        again = uuid.uuid4().hex
        kiosk.send(HelpRaise(help_id=again, context=_context()))
        assert alex.expect(HelpRaised).request.id == again
