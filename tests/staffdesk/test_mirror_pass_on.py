"""Pass on from the mirror: a greeter helping a kiosk's customer passes the request to a
named colleague with a note, through the triage list's Pass on page; over the real backend
and live hub, with a second desk. The hub says a claim was a pass (``passed_by``); from an
earlier hub, which does not, the desk infers it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from shared.client import BackendClient
from shared.live.messages import HelpClaimed, KioskWelcome, StaffRef
from shared.schema import replace
from staffdesk.app import build_desk
from staffdesk.screenshots import HELP_CLAIMED, HELP_WAITING, SAM, sample_welcome
from staffdesk.settings import DeskSettings
from staffdesk.window import Page
from tests.conftest import Backend
from tests.staffdesk.test_triage import sam_and_alex, tap


def test_pass_on_from_the_mirror_gives_the_help_request_to_a_colleague_with_a_note(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    sam, alex = sam_and_alex(backend, make_desk, qtbot)
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignal(sam.alerted, timeout=5000):
            help_id = kiosk.raise_help()
        qtbot.mouseClick(sam.triage.call_next, Qt.MouseButton.LeftButton)
        assert kiosk.expect(HelpClaimed).staff.name == "Sam"
        qtbot.waitUntil(lambda: sam.current_page() is Page.MIRROR, timeout=5000)
        # Pass on…, then Back: the mirror again, the request still Sam's.
        tap(qtbot, sam, sam.mirror.pass_on)
        assert sam.current_page() is Page.HANDOVER
        chooser = sam.triage.pass_on
        assert chooser.title.text().startswith("Pass on: Help at ")
        qtbot.mouseClick(chooser.close_button, Qt.MouseButton.LeftButton)
        assert sam.current_page() is Page.MIRROR
        assert sam.presenter.model.claim == help_id
        # Again, to Alex with a note.
        tap(qtbot, sam, sam.mirror.pass_on)
        qtbot.waitUntil(lambda: len(chooser.buttons) == 3, timeout=5000)
        chooser.note.setText("Stuck on the address")
        alex_id = next(i for i, b in chooser.buttons.items() if b.text().startswith("Alex"))
        qtbot.mouseClick(chooser.buttons[alex_id], Qt.MouseButton.LeftButton)
        # The kiosk hears the request is Alex's now (after Sam's own claim, told again).
        while (claimed := kiosk.expect(HelpClaimed)).staff.name == "Sam":
            pass
        assert claimed.staff.name == "Alex"
        qtbot.waitUntil(lambda: sam.presenter.model.claim is None, timeout=5000)
        assert sam.current_page() is Page.BOARD
        assert not sam.triage.notice.isVisible(), sam.triage.notice.text()
        # Alex's desk has it: its mirror opens on the customer's screen.
        qtbot.waitUntil(lambda: alex.presenter.model.claim == help_id, timeout=5000)
        qtbot.waitUntil(lambda: alex.current_page() is Page.MIRROR, timeout=5000)
    with backend.context.sessions() as session:
        audited = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action.like("%transfer%"))
        ).all()
    assert audited, "the pass was audited"
    assert all("Stuck" not in detail for detail in audited)


def pass_from_mirror(qtbot: QtBot, desk: Any, to: str) -> None:
    """On ``desk``'s mirror: Pass on…, then the colleague whose button starts with ``to``."""
    tap(qtbot, desk, desk.mirror.pass_on)
    chooser = desk.triage.pass_on
    qtbot.waitUntil(lambda: any(b.text().startswith(to) for b in chooser.buttons.values()))
    chosen = next(b for b in chooser.buttons.values() if b.text().startswith(to))
    qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)


def claims_told(desk: Any) -> list[HelpClaimed]:
    """Every claim the hub tells ``desk`` from now on, as its link read it."""
    told: list[HelpClaimed] = []
    assert desk.presenter.link is not None
    desk.presenter.link.received.connect(
        lambda m: told.append(m) if isinstance(m, HelpClaimed) else None
    )
    return told


def told_again_and_reconnected(qtbot: QtBot, desk: Any, help_id: str) -> None:
    """``desk`` is told its claim of ``help_id`` again, then its link drops and it rejoins."""
    claim = desk.presenter.model.requests[help_id]
    assert claim.claimed_by is not None
    assert claim.claimed_at is not None
    desk.presenter.apply(
        HelpClaimed(help_id=help_id, staff=claim.claimed_by, claimed_at=claim.claimed_at)
    )
    link = desk.presenter.link
    assert link is not None
    link.drop()
    qtbot.waitUntil(desk.reconnecting.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: not desk.reconnecting.isVisible(), timeout=10_000)
    assert desk.presenter.model.claim == help_id


def test_help_passed_from_the_mirror_alerts_the_colleague_once(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    """The receiving desk chimes, shows the banner and flashes the line, as for new help:
    once per pass, never on the desk that passed it, not again on a replay or a reconnect;
    passed back, the first desk is alerted in turn."""
    sam, alex = sam_and_alex(backend, make_desk, qtbot)
    alerts: dict[str, list[str]] = {"sam": [], "alex": []}
    sam.alerted.connect(alerts["sam"].append)
    alex.alerted.connect(alerts["alex"].append)
    # What Alex's desk was told: the hub marks the pass, and says it does.
    told = claims_told(alex)
    assert alex.presenter.model.marks_passes
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignals([sam.alerted, alex.alerted], timeout=5000):
            help_id = kiosk.raise_help()
        qtbot.mouseClick(sam.triage.call_next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: sam.current_page() is Page.MIRROR, timeout=5000)
        held = alex.presenter.model.requests
        qtbot.waitUntil(lambda: held[help_id].claimed_by is not None, timeout=5000)
        assert not alex.alert_banner.isVisible()
        rung = sam.presenter.alarm.rung, alex.presenter.alarm.rung
        assert alerts == {"sam": [help_id], "alex": [help_id]}

        # Sam passes it to Alex: Alex's desk is alerted, Sam's is not.
        with qtbot.waitSignal(alex.alerted, timeout=5000):
            pass_from_mirror(qtbot, sam, "Alex")
        qtbot.waitUntil(lambda: alex.current_page() is Page.MIRROR, timeout=5000)
        qtbot.waitUntil(lambda: sam.presenter.model.claim is None, timeout=5000)
        assert alex.alert_banner.isVisible()
        assert alex.alert_banner.text().startswith("Passed to you: help at ")
        assert alex.alert_banner.text().endswith(", from Sam")
        assert alex.flasher.flashing(alex.queue.entries[help_id])
        assert alex.presenter.alarm.rung == rung[1] + 1
        assert sam.presenter.alarm.rung == rung[0]
        assert not sam.alert_banner.isVisible()
        # Sam's claim (told again as Call next claims it), then the pass.
        assert {m.passed_by.name if m.passed_by else None for m in told[:-1]} == {None}
        assert told[-1].passed_by == StaffRef(id=sam.presenter.model.staff.id, name="Sam")

        # The same claim told again, and a reconnect's welcome: no second alert.
        told_again_and_reconnected(qtbot, alex, help_id)
        assert alex.alert_banner.isVisible(), "the banner stays until Alex presses it"
        # Pressed, it takes Alex to the mirror and goes.
        qtbot.mouseClick(alex.alert_banner, Qt.MouseButton.LeftButton)
        assert alex.current_page() is Page.MIRROR
        assert not alex.alert_banner.isVisible()

        # Passed back: Sam's desk is alerted this time, from Alex; Alex's is not. Sam's
        # mirror opens with the request's context in view, wherever its tools were left.
        tools = sam.mirror.tools_scroll.verticalScrollBar()
        tools.setValue(tools.maximum())
        assert tools.value() > 0
        with qtbot.waitSignal(sam.alerted, timeout=5000):
            pass_from_mirror(qtbot, alex, "Sam")
        qtbot.waitUntil(lambda: sam.current_page() is Page.MIRROR, timeout=5000)
        assert sam.alert_banner.text().endswith(", from Alex")
        assert tools.value() == 0
        qtbot.waitUntil(lambda: alex.presenter.model.claim is None, timeout=5000)
        assert not alex.alert_banner.isVisible()
        assert sam.presenter.alarm.rung == rung[0] + 1
        assert alex.presenter.alarm.rung == rung[1] + 1
        assert alerts == {"sam": [help_id, help_id], "alex": [help_id, help_id]}


def test_a_pass_while_the_desk_was_away_alerts_once_on_its_welcome(qtbot: QtBot) -> None:
    """The desk's picture from before a reconnect says whose claim it was: turned to this
    greeter's in the hub's new picture, it was passed to them meanwhile (alerted once); a
    claim of a waiting request and a fresh start (nothing known before) are not passes.
    Made-up hub messages: the hub cannot be made to pass a request between a desk's drop
    and its rejoining."""
    window = build_desk(
        DeskSettings(sound=False, windowed=True), BackendClient("http://127.0.0.1:9")
    )
    qtbot.addWidget(window)
    presenter = window.presenter
    welcome = sample_welcome()
    presenter.apply(welcome)  # As Sam: Kiosk 1 waits, Kiosk 2's help is Alex's.
    rung = presenter.alarm.rung
    waiting, theirs = presenter.model.requests[HELP_WAITING], presenter.model.requests[HELP_CLAIMED]
    assert theirs.claimed_at is not None
    passed = replace(theirs, claimed_by=SAM, claimed_at=theirs.claimed_at + timedelta(seconds=30))
    again = replace(welcome, help=(waiting, passed))
    presenter.apply(again)
    assert presenter.alarm.rung == rung + 1
    assert window.alert_banner.text() == "Passed to you: help at Kiosk 2, from Alex"
    assert window.current_page() is Page.MIRROR
    presenter.apply(again)
    assert presenter.alarm.rung == rung + 1
    model = presenter.model
    assert model.passed_by(None, passed) is None
    claimed = replace(waiting, claimed_by=SAM, claimed_at=passed.claimed_at)
    assert model.passed_by(waiting, claimed) is None
    # The same pass seen again from a stale picture (a replay out of order): once is enough.
    assert model.passed_by(theirs, model.requests[HELP_CLAIMED]) is None
    presenter.shutdown()


def test_a_plain_claim_is_not_a_pass(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    """Alex claims a waiting request (Claim on the board): both desks alerted for the help
    once, when it was raised; neither says it was passed."""
    sam, alex = sam_and_alex(backend, make_desk, qtbot)
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignals([sam.alerted, alex.alerted], timeout=5000):
            help_id = kiosk.raise_help()
        rung = sam.presenter.alarm.rung, alex.presenter.alarm.rung
        tap(qtbot, alex, alex.findChild(QPushButton, f"claim-{help_id}"))
        assert kiosk.expect(HelpClaimed).staff.name == "Alex"
        qtbot.waitUntil(lambda: alex.current_page() is Page.MIRROR, timeout=5000)
        held = sam.presenter.model.requests
        qtbot.waitUntil(lambda: held[help_id].claimed_by is not None, timeout=5000)
        assert (sam.presenter.alarm.rung, alex.presenter.alarm.rung) == rung
        for desk in (sam, alex):
            assert "Passed" not in desk.alert_banner.text()
            assert desk.presenter.model.passes == set()


def test_the_hub_s_word_decides_a_pass_and_an_earlier_hub_s_is_inferred(qtbot: QtBot) -> None:
    """Made-up hub messages to a real desk. A hub that marks passes is believed: a claim
    turning from a colleague's to this greeter's without ``passed_by`` is no pass, and one
    with it is, from whom it says, even if this desk knew the request as waiting. From an
    earlier hub (its welcome does not say it marks passes), the desk infers as before."""
    window = build_desk(
        DeskSettings(sound=False, windowed=True), BackendClient("http://127.0.0.1:9")
    )
    qtbot.addWidget(window)
    presenter = window.presenter
    jo = StaffRef(id=3, name="Jo")
    for marks in (True, False):
        welcome = sample_welcome()  # As Sam: Kiosk 1 waits, Kiosk 2's help is Alex's.
        presenter.apply(replace(welcome, marks_passes=marks))
        assert presenter.model.marks_passes is marks
        rung = presenter.alarm.rung
        theirs = presenter.model.requests[HELP_CLAIMED]
        assert theirs.claimed_at is not None
        at = theirs.claimed_at + timedelta(seconds=30 if marks else 60)
        presenter.apply(HelpClaimed(help_id=HELP_CLAIMED, staff=SAM, claimed_at=at))
        if marks:
            assert presenter.alarm.rung == rung, "the hub said it was no pass"
            # The hub says Jo passed Kiosk 1's help, which this desk knew as waiting.
            passed = HelpClaimed(help_id=HELP_WAITING, staff=SAM, claimed_at=at, passed_by=jo)
            presenter.apply(passed)
            assert presenter.alarm.rung == rung + 1
            assert (
                window.alert_banner.text()
                == "Passed to you: help at Kiosk 1 (by the door), from Jo"
            )
            presenter.apply(passed)
            assert presenter.alarm.rung == rung + 1, "once a pass"
        else:
            assert presenter.alarm.rung == rung + 1, "an earlier hub's pass, inferred"
            assert window.alert_banner.text() == "Passed to you: help at Kiosk 2, from Alex"
    presenter.shutdown()
