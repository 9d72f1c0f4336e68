"""The help journey over real WebSockets, as the apps speak it (docs/live.md), for kiosks and
desks that may sit on different backend processes: help raised many times and every desk
alerted exactly once each time; claim, mirror, guidance, release and close."""

from __future__ import annotations

import contextlib
import ssl
import uuid
from collections import Counter
from contextlib import ExitStack
from typing import Any

from sqlalchemy.orm import Session
from websockets.sync.client import connect

from casebackend.db.engine import make_engine
from casebackend.live.models import HelpSession
from shared.flow.screen_state import MASK
from shared.live.messages import (
    DeskWelcome,
    GuideHighlight,
    GuideTip,
    HelpClaim,
    HelpClaimed,
    HelpClose,
    HelpEnded,
    HelpEndReason,
    HelpOutcome,
    HelpRaise,
    HelpRaised,
    HelpRelease,
    HelpReleased,
    KioskActivity,
    KioskHello,
    KioskWelcome,
    LiveMessage,
    ScreenUpdate,
)
from tests.casebackend.test_live import Peer, _context, _screen

# Long enough for two busy cores; a message that is lost makes a test wait this long once.
WAIT = 10.0
# What a sensitive answer typed at the kiosk is: it must never reach a desk as typed.
TYPED_EMAIL = "customer@example.org"


class Watched(Peer):
    """A Peer that keeps every message it has read, to say later what it was (not) sent."""

    def __init__(self, socket: Any) -> None:
        super().__init__(socket)
        self.received: list[LiveMessage] = []
        # A desk's welcome: its greeter, and the requests open as it joined.
        self.welcome: DeskWelcome | None = None

    def next(self, timeout: float = WAIT) -> LiveMessage:
        message = super().next(timeout)
        self.received.append(message)
        return message

    def expect(self, kind: type[Any], timeout: float = WAIT) -> Any:
        return super().expect(kind, timeout)

    def about(self, kind: type[Any], help_id: str, timeout: float = WAIT) -> Any:
        """The next message of ``kind`` about this help request, passing over others."""
        while True:
            message = self.expect(kind, timeout)
            if message.help_id == help_id:
                return message

    def local_port(self) -> int:
        return int(self.socket.socket.getsockname()[1])


def open_desk(
    stack: ExitStack, ws_url: str, token: str, tls: ssl.SSLContext | None = None
) -> Watched:
    """A greeter's desk at the shop, joined: its welcome has arrived."""
    socket = stack.enter_context(
        connect(
            f"{ws_url}?location=shop",
            additional_headers={"Authorization": f"Bearer {token}"},
            ssl=tls,
            open_timeout=WAIT,
        )
    )
    desk = Watched(socket)
    desk.welcome = desk.expect(DeskWelcome)
    return desk


def open_kiosk(
    stack: ExitStack,
    ws_url: str,
    token: str,
    open_help: HelpRaise | None = None,
    tls: ssl.SSLContext | None = None,
) -> tuple[Watched, KioskWelcome]:
    """A kiosk that has said hello (with its open request, after a reconnect) and been
    welcomed."""
    socket = stack.enter_context(
        connect(
            ws_url,
            additional_headers={"Authorization": f"Bearer {token}"},
            ssl=tls,
            open_timeout=WAIT,
        )
    )
    kiosk = Watched(socket)
    kiosk.send(KioskHello(activity=KioskActivity.IN_JOURNEY, open_help=open_help))
    return kiosk, kiosk.expect(KioskWelcome)


def help_request() -> HelpRaise:
    return HelpRaise(help_id=uuid.uuid4().hex, context=_context())


def raise_help(kiosk: Watched, desks: dict[str, Watched], times: int) -> list[str]:
    """Help me pressed ``times`` times (each a new request, which ends the one before): every
    desk is alerted exactly once for each. The ids, in order."""
    sent = []
    for _ in range(times):
        request = help_request()
        kiosk.send(request)
        sent.append(request.help_id)
    assert_alerted_once(desks, sent)
    return sent


def assert_alerted_once(desks: dict[str, Watched], sent: list[str]) -> None:
    """Every desk got one ``help.raised`` for each of ``sent``: none lost, none twice."""
    seen = {name: Counter[str]() for name in desks}

    def count(name: str, message: LiveMessage) -> None:
        if isinstance(message, HelpRaised):
            seen[name][message.request.id] += 1

    for name, desk in desks.items():
        with contextlib.suppress(TimeoutError):
            while any(seen[name][help_id] == 0 for help_id in sent):
                count(name, desk.next())
    # A second copy would follow close behind: read until the desks have been quiet for
    # half a second (the first desk waits it; what came meanwhile is queued for the rest).
    for number, (name, desk) in enumerate(desks.items()):
        for message in desk.drain(0.5 if number == 0 else 0.05):
            count(name, message)
    problems = []
    for name in desks:
        lost = sum(1 for help_id in sent if seen[name][help_id] == 0)
        doubled = sum(1 for help_id in sent if seen[name][help_id] > 1)
        if lost or doubled:
            problems.append(f"{name}'s desk: {lost} lost, {doubled} doubled of {len(sent)}")
    assert not problems, "; ".join(problems)


def claim(kiosk: Watched, desks: dict[str, Watched], help_id: str, greeter: str) -> str:
    """``greeter`` claims: every desk hears it, and the kiosk learns who is coming (the
    name it is told is answered)."""
    desks[greeter].send(HelpClaim(help_id=help_id))
    claimed = desks[greeter].about(HelpClaimed, help_id).staff
    for desk in desks.values():
        if desk is not desks[greeter]:
            assert desk.about(HelpClaimed, help_id).staff == claimed
    assert kiosk.about(HelpClaimed, help_id).staff == claimed
    return str(claimed.name)


def assert_mirrored(kiosk: Watched, desk: Watched, help_id: str, sequence: int) -> None:
    """The kiosk's screen, with a sensitive answer typed plain, reaches ``desk`` masked (after
    the last one before it, which a desk that has just reconnected is sent again)."""
    kiosk.send(_screen(help_id, sequence, TYPED_EMAIL))
    while True:
        mirrored = desk.about(ScreenUpdate, help_id)
        assert mirrored.state is not None
        assert mirrored.state.fields[0].value == MASK
        if mirrored.sequence >= sequence:
            break
    assert mirrored.sequence == sequence


def help_session(
    kiosk: Watched,
    desks: dict[str, Watched],
    help_id: str,
    *,
    claimer: str,
    closer: str,
    names: dict[str, str],
) -> None:
    """The whole of one request after it was raised: ``claimer`` claims (the kiosk hears
    their name), sees the screen masked and guides; releases it back to every desk; then
    ``closer`` claims it and closes it with an outcome. Nobody else ever sees the screen."""
    assert claim(kiosk, desks, help_id, claimer) == names[claimer]
    assert_mirrored(kiosk, desks[claimer], help_id, 1)
    desks[claimer].send(GuideHighlight(help_id=help_id, field="contact.email"))
    assert kiosk.about(GuideHighlight, help_id).field == "contact.email"
    desks[claimer].send(GuideTip(help_id=help_id, tip_id="tip.email_example"))
    assert kiosk.about(GuideTip, help_id).tip_id == "tip.email_example"
    desks[claimer].send(HelpRelease(help_id=help_id))
    for peer in (*desks.values(), kiosk):
        peer.about(HelpReleased, help_id)
    assert claim(kiosk, desks, help_id, closer) == names[closer]
    desks[closer].send(HelpClose(help_id=help_id, outcome=HelpOutcome.RESOLVED_AT_KIOSK))
    for desk in desks.values():
        assert desk.about(HelpEnded, help_id).outcome is HelpOutcome.RESOLVED_AT_KIOSK
    assert kiosk.about(HelpEnded, help_id).reason is HelpEndReason.CLOSED
    for name, desk in desks.items():
        if name != claimer:
            screens = [m for m in desk.received if isinstance(m, ScreenUpdate)]
            assert all(m.help_id != help_id for m in screens), f"{name} saw the screen"
    for peer in (*desks.values(), kiosk):
        assert TYPED_EMAIL not in repr(peer.received)


def recorded(database_url: str, help_id: str) -> HelpSession:
    """The request's row, read straight from the database."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            row = session.get_one(HelpSession, help_id)
            session.expunge(row)
            return row
    finally:
        engine.dispose()
