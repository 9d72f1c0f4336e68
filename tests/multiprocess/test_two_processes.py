"""Two separate backend processes on one PostgreSQL database, as two machines run them: the
kiosks on one, the greeters' desks on the other. Help, claim, mirror, guidance, release and
close cross between them; a logout through one closes the desk on the other; and when the
kiosks' process is killed mid-session they reconnect to the other and the help goes on."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
import requests
from websockets.exceptions import ConnectionClosed

from shared.live.messages import (
    BoardRefresh,
    BoardUpdate,
    GuideTip,
    HelpClose,
    HelpEnded,
    HelpOutcome,
    HelpRaised,
    LiveError,
)
from tests.conftest import wait_until
from tests.multiprocess.conftest import DESKS, Council, StartBackend
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


def _board_shows(desk: Watched, connected: dict[int, bool], timeout: float = 10) -> None:
    """Asks for the board until it shows each kiosk connected or not as ``connected`` says."""
    shown: dict[int, bool] = {}

    def board() -> bool:
        desk.send(BoardRefresh())
        kiosks = desk.expect(BoardUpdate).kiosks
        shown.update({kiosk.status.device_id: kiosk.connected for kiosk in kiosks})
        return shown == connected

    wait_until(board, timeout, f"the board to show {connected} (it shows {shown})")


def test_kiosks_on_one_process_and_desks_on_another(
    council: Council, start_backend: StartBackend
) -> None:
    kiosks_side, desks_side = start_backend(), start_backend()
    kiosks_side.wait_ready()
    desks_side.wait_ready()
    first, second = council.kiosks
    with ExitStack() as stack:
        desks = {name: open_desk(stack, desks_side.ws_url, council.desks[name]) for name in DESKS}
        kiosk, _ = open_kiosk(stack, kiosks_side.ws_url, first.token)
        other, _ = open_kiosk(stack, kiosks_side.ws_url, second.token)
        # Both kiosks are on the desks' board, though connected to the other process.
        _board_shows(desks["sam"], {first.id: True, second.id: True})

        # Help 25 times: every desk alerted once for each, none lost, none doubled.
        sent = raise_help(kiosk, desks, 25)
        help_session(kiosk, desks, sent[-1], claimer="sam", closer="alex", names=DESKS)
        row = recorded(council.database_url, sent[-1])
        assert (row.outcome, row.claims) == ("resolved_at_kiosk", 2)

        # Signing out through the kiosks' process closes the desk on the other at once
        # (the re-check, every 30 s here, would be far too late).
        admin = desks.pop("admin")
        response = requests.post(
            f"{kiosks_side.url}/api/v1/staff/logout",
            headers={"Authorization": f"Bearer {council.desks['admin']}"},
            timeout=10,
        )
        assert response.status_code == 204
        assert admin.expect(LiveError).code == "not_authenticated"
        with pytest.raises(ConnectionClosed) as closed:
            admin.expect(HelpRaised)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4410

        # Mid-session: Sam has claimed and is watching the screen when the kiosks'
        # process dies.
        request = help_request()
        kiosk.send(request)
        assert_alerted_once(desks, [request.help_id])
        assert claim(kiosk, desks, request.help_id, "sam") == "Sam"
        assert_mirrored(kiosk, desks["sam"], request.help_id, 1)
        kiosks_side.kill()
        for lost in (kiosk, other):
            with pytest.raises(ConnectionClosed):
                lost.expect(HelpRaised)

        # The kiosk reconnects to the surviving process with its open request, as the app
        # does: still Sam's, its screen reaches Sam again, and no desk is alerted again.
        kiosk, welcome = open_kiosk(stack, desks_side.ws_url, first.token, open_help=request)
        assert welcome.help is not None
        assert welcome.help.id == request.help_id
        assert welcome.help.claimed_by is not None
        assert welcome.help.claimed_by.name == "Sam"
        assert_mirrored(kiosk, desks["sam"], request.help_id, 2)
        desks["sam"].send(GuideTip(help_id=request.help_id, text="I am coming over."))
        assert kiosk.about(GuideTip, request.help_id).text == "I am coming over."
        # The other kiosk went down with its process and has not come back: no ghost.
        # (A process not heard from for live_peer_timeout_seconds, 3 s here, is gone.)
        _board_shows(desks["alex"], {first.id: True, second.id: False}, timeout=20)
        desks["sam"].send(HelpClose(help_id=request.help_id, outcome=HelpOutcome.MOVED_TO_ADVISOR))
        for peer in (*desks.values(), kiosk):
            peer.about(HelpEnded, request.help_id)

        # And the next customer's help reaches every desk once.
        again = raise_help(kiosk, desks, 3)
        for name, desk in desks.items():
            raised = [m.request.id for m in desk.received if isinstance(m, HelpRaised)]
            assert raised.count(request.help_id) == 1, f"{name} alerted again on reconnect"
        help_session(kiosk, desks, again[-1], claimer="alex", closer="sam", names=DESKS)
