"""One backend with two uvicorn workers on one PostgreSQL database: the kiosk on one
worker, every desk on the other (which worker accepted each connection is read from the
kernel's socket tables, not assumed). Help, claim, mirror, guidance, release and close
cross between them; and when the desks' worker is killed mid-session, the desks reconnect
(as the app does, to the same address) and the help goes on."""

from __future__ import annotations

import time
from contextlib import ExitStack

import pytest
from websockets.exceptions import ConnectionClosed

from shared.live.messages import HelpClose, HelpEnded, HelpOutcome, HelpRaised
from tests.conftest import wait_until
from tests.multiprocess.conftest import DESKS, Council, StartBackend
from tests.multiprocess.processes import BackendProcess
from tests.multiprocess.scenario import (
    Watched,
    assert_alerted_once,
    assert_mirrored,
    claim,
    help_request,
    help_session,
    open_desk,
    open_kiosk,
    raise_help,
    recorded,
)

pytestmark = pytest.mark.postgresql

# How long connections may keep going to the kiosk's worker (the other may still be starting).
PLACING_S = 20.0


def _desk_away_from(
    stack: ExitStack, backend: BackendProcess, token: str, worker: int
) -> tuple[Watched, int]:
    """A desk whose connection another worker than ``worker`` accepted, and that worker."""
    deadline = time.monotonic() + PLACING_S
    while time.monotonic() < deadline:
        with ExitStack() as attempt:
            desk = open_desk(attempt, backend.ws_url, token)
            served_by = backend.worker_of(desk.socket.socket)
            if served_by != worker:
                stack.push(attempt.pop_all())
                return desk, served_by
    raise AssertionError(f"for {PLACING_S} s every connection went to the kiosk's worker")


def test_kiosk_on_one_worker_and_desks_on_the_other(
    council: Council, start_backend: StartBackend
) -> None:
    backend = start_backend(workers=2).wait_ready()
    with ExitStack() as stack:
        kiosk, _ = open_kiosk(stack, backend.ws_url, council.kiosks[0].token)
        kiosk_worker = backend.worker_of(kiosk.socket.socket)
        desks: dict[str, Watched] = {}
        desk_workers = set()
        for name in DESKS:
            desks[name], worker = _desk_away_from(stack, backend, council.desks[name], kiosk_worker)
            desk_workers.add(worker)
        assert len(desk_workers) == 1
        assert set(backend.workers()) == {kiosk_worker, *desk_workers}

        sent = raise_help(kiosk, desks, 25)
        help_session(kiosk, desks, sent[-1], claimer="sam", closer="alex", names=DESKS)
        row = recorded(council.database_url, sent[-1])
        assert (row.outcome, row.claims) == ("resolved_at_kiosk", 2)

        # Mid-session: Sam is watching the screen when the desks' worker dies.
        request = help_request()
        kiosk.send(request)
        assert_alerted_once(desks, [request.help_id])
        assert claim(kiosk, desks, request.help_id, "sam") == "Sam"
        assert_mirrored(kiosk, desks["sam"], request.help_id, 1)
        killed = desk_workers.pop()
        backend.kill(killed)
        for lost in desks.values():
            with pytest.raises(ConnectionClosed):
                lost.expect(HelpRaised)

        # The desks reconnect to the same address: Sam still holds the claim and sees the
        # screen again; the kiosk never noticed.
        before = {name: desk.received for name, desk in desks.items()}
        desks = {name: open_desk(stack, backend.ws_url, council.desks[name]) for name in DESKS}
        welcome = desks["sam"].welcome
        assert welcome is not None
        assert [(r.id, r.claimed_by and r.claimed_by.name) for r in welcome.help] == [
            (request.help_id, "Sam")
        ]
        assert_mirrored(kiosk, desks["sam"], request.help_id, 2)
        desks["sam"].send(HelpClose(help_id=request.help_id, outcome=HelpOutcome.SIGNPOSTED))
        for peer in (*desks.values(), kiosk):
            peer.about(HelpEnded, request.help_id)
        again = raise_help(kiosk, desks, 3)
        help_session(kiosk, desks, again[-1], claimer="admin", closer="sam", names=DESKS)
        for name, desk in desks.items():
            raised = [m for m in before[name] + desk.received if isinstance(m, HelpRaised)]
            assert len(raised) == len({m.request.id for m in raised}), f"{name} alerted twice"
        # uvicorn's supervisor has started a worker in place of the one killed.
        wait_until(
            lambda: killed not in backend.workers() and len(backend.workers()) == 2,
            timeout=30,
            what="a new worker in place of the one killed",
        )
