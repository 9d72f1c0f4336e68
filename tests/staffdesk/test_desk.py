"""The desk end to end against the real backend: signing in, the alert (once per request,
across a reconnect), claiming and the mirror, guidance reaching the kiosk, release and close,
two desks racing, another location's greeter, maintenance with its confirm step, health."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from casebackend.demo import DEMO_PASSWORD
from shared.flow.screen_state import MASK
from shared.live.messages import (
    GuideComing,
    GuideHighlight,
    GuideTip,
    HelpCancel,
    HelpClaimed,
    HelpEnded,
    HelpEndReason,
    HelpOutcome,
    HelpReleased,
    KioskWelcome,
    MaintenanceAction,
    MaintenanceCommand,
    ScreenUpdate,
)
from shared.schema import replace
from shared.ui.fields import LineField
from shared.ui.live import LiveLink
from staffdesk.screenshots import sample_screen
from staffdesk.window import DeskWindow, Page
from tests.conftest import Backend
from tests.shared.ui.drag import finger_tap
from tests.staffdesk.conftest import sign_in


def tap(qtbot: QtBot, window: DeskWindow, name: str) -> None:
    """Tap the desk's control called ``name`` as a greeter's finger would (scrolled into
    view first): the desk's pages scroll under a finger, so a press goes to what is on the
    screen at that point, not to a control scrolled out of sight."""
    widget = window.findChild(QWidget, name)
    assert widget is not None, f"no {name} on the desk"
    finger_tap(qtbot, widget)


def email_put_right(help_id: str, sequence: int) -> ScreenUpdate:
    """The sample contact screen once the customer has put their email right: no error."""
    screen = sample_screen(help_id, sequence)
    assert screen.state is not None
    return replace(screen, state=replace(screen.state, errors=()))


def test_signing_in_shows_the_board_of_the_staff_members_location(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    assert window.place.text() == "Help desk · City Centre Customer Service Shop"
    assert "Sam" in window.who.text()
    assert window.queue.empty.isVisible()
    assert window.focusWidget() is not window.sign_out_button
    tap(qtbot, window, "signOut")
    assert window.current_page() is Page.SIGN_IN
    assert window.sign_in_view.message.text() == "You have signed out."


def test_a_wrong_password_is_said_plainly(backend: Backend, make_desk: Any, qtbot: QtBot) -> None:
    window = make_desk(backend.url)
    window.sign_in("sam", "not-the-password")
    message = window.sign_in_view.message
    qtbot.waitUntil(message.isVisible)
    assert message.text() == "That username and password do not match. Please try again."
    assert window.current_page() is Page.SIGN_IN
    assert window.sign_in_view.sign_in_button.isEnabled()


def test_a_locked_sign_in_says_plainly_when_to_try_again(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    for _ in range(4):
        backend.http.post(
            f"{backend.api}/staff/login", json={"username": "sam", "password": "not-it"}
        )
    window = make_desk(backend.url)
    window.sign_in("sam", "still-not-it")
    message = window.sign_in_view.message
    qtbot.waitUntil(message.isVisible)
    assert message.text() == (
        "That username and password do not match. Signing in from here is paused after too "
        "many wrong tries. Please try again in 1 minute."
    )
    window.sign_in("sam", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: message.text().startswith("Signing in from here is paused"))
    assert message.text().endswith("Please try again in 1 minute.")
    assert window.current_page() is Page.SIGN_IN
    assert window.sign_in_view.sign_in_button.isEnabled()


def test_a_desk_that_cannot_reach_the_live_hub_says_so(
    backend: Backend, make_desk: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signed in over HTTP, but the live connection never opens (a proxy without the
    WebSocket upgrade, say): the greeter is told, not left looking at 'Joining…'."""
    monkeypatch.setattr("staffdesk.presenter.SLOW_JOIN_MS", 200)
    monkeypatch.setattr(LiveLink, "start", lambda self: None)
    window = make_desk(backend.url)
    window.sign_in("sam", DEMO_PASSWORD)
    busy = window.sign_in_view.busy
    qtbot.waitUntil(lambda: "Still trying to reach" in busy.text(), timeout=10_000)
    assert window.current_page() is Page.SIGN_IN
    assert window.sign_in_view.cancel_button.isVisible()


def test_staff_at_several_locations_choose_theirs(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    from casebackend.demo import DEMO_PASSWORD

    window.sign_in("alex", DEMO_PASSWORD)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "location-lib-central") is not None)
    tap(qtbot, window, "location-lib-central")
    qtbot.waitUntil(lambda: window.current_page() is Page.BOARD, timeout=10_000)
    assert window.place.text() == "Help desk · Central Library"


def test_staff_without_a_desk_role_are_told_by_the_hub(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    from casebackend.demo import DEMO_PASSWORD

    window.sign_in("jo", DEMO_PASSWORD)
    message = window.sign_in_view.message
    qtbot.waitUntil(message.isVisible, timeout=10_000)
    assert message.text()
    assert window.current_page() is Page.SIGN_IN


def test_a_request_alerts_once_even_across_a_reconnect(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    alerts: list[str] = []
    window.alerted.connect(alerts.append)
    sign_in(qtbot, window, "sam")
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignal(window.alerted, timeout=5000) as alerted:
            help_id = kiosk.raise_help()
        assert alerted.args == [help_id]
        entry = window.queue.entries[help_id]
        assert window.alert_banner.isVisible()
        assert window.flasher.flashing(entry)
        assert "Kiosk" in window.alert_banner.text() or "k1" in window.alert_banner.text()
        assert entry.service.text() == "Report a missed bin collection — step 2 of 4"
        assert "name@example.com" in entry.errors.text()
        assert entry.language.text() == "Language: Polski (pl)"
        assert entry.waiting.text().startswith("Waiting ")
        # The network drops; the desk reconnects and is given every open request again.
        link = window.presenter.link
        assert link is not None
        link.drop()
        qtbot.waitUntil(window.reconnecting.isVisible, timeout=5000)
        qtbot.waitUntil(lambda: not window.reconnecting.isVisible(), timeout=10_000)
        assert help_id in window.queue.entries
        # A second request alerts once too.
        with qtbot.waitSignal(window.alerted, timeout=5000):
            second = kiosk.raise_help(service_name="Apply for a parking permit")
        # The hub's last word on it, its line for the triage list, comes after the request
        # on this desk's connection: once the line is in, any second alert (for either
        # request) would already have come.
        qtbot.waitUntil(lambda: second in window.presenter.triage.entries, timeout=5000)
    assert alerts == [help_id, second]


def test_claim_mirror_guidance_release_and_close(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignal(window.alerted, timeout=5000):
            help_id = kiosk.raise_help()
        tap(qtbot, window, f"claim-{help_id}")
        assert kiosk.expect(HelpClaimed).staff.name == "Sam"
        qtbot.waitUntil(lambda: window.current_page() is Page.MIRROR)
        # Focus is on the mirror's primary action, never left to drift onto Sign out.
        assert window.focusWidget() is window.mirror.coming
        # The kiosk's screen, a sensitive answer masked before it left the kiosk.
        kiosk.send(sample_screen(help_id, 3))
        screen = window.mirror.screen
        qtbot.waitUntil(lambda: screen.field("contact.phone") is not None)
        phone = screen.field("contact.phone")
        assert isinstance(phone, LineField)
        assert phone.value() == MASK
        # An email is sensitive too: the hub masks it even though this kiosk sent it plain.
        email = screen.field("contact.email")
        assert isinstance(email, LineField)
        assert email.value() == MASK
        # An older screen arriving late is not drawn over the newer one. This one, from a
        # kiosk that names its page only, would put the mirror's "no form" words up; a newer
        # screen sent after it (the email put right) comes after it on the same connection,
        # so once that is drawn the older one has had its chance.
        switched: list[int] = []
        window.mirror.screens.currentChanged.connect(switched.append)
        kiosk.send(replace(sample_screen(help_id, 2), state=None, kiosk=None))
        kiosk.send(email_put_right(help_id, 4))
        qtbot.waitUntil(lambda: email.property("invalid") is False)
        assert switched == []
        assert window.mirror.screens.currentWidget() is window.mirror.kiosk
        # Tapping a field marks it on the kiosk (and on the mirror).
        control = email.control()
        qtbot.mouseClick(control, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        assert kiosk.expect(GuideHighlight).field == "contact.email"
        assert email.property("highlighted") is True
        tap(qtbot, window, "tip-tip.email_example")
        assert kiosk.expect(GuideTip).tip_id == "tip.email_example"
        assert window.findChild(QWidget, "tipWords-tip.email_example") is not None
        qtbot.keyClicks(window.mirror.tip_text, "Press the blue button.")
        tap(qtbot, window, "sendTip")
        assert kiosk.expect(GuideTip).text == "Press the blue button."
        tap(qtbot, window, "comingOver")
        kiosk.expect(GuideComing)
        tap(qtbot, window, "release")
        kiosk.expect(HelpReleased)
        qtbot.waitUntil(lambda: window.current_page() is Page.BOARD)
        # Claimed again, then closed with an outcome.
        tap(qtbot, window, f"claim-{help_id}")
        qtbot.waitUntil(lambda: window.current_page() is Page.MIRROR)
        tap(qtbot, window, f"outcome-{HelpOutcome.RESOLVED_AT_KIOSK.value}")
        ended = kiosk.expect(HelpEnded)
        assert ended.reason is HelpEndReason.CLOSED
        qtbot.waitUntil(lambda: window.current_page() is Page.BOARD)
        assert window.focusWidget() is not window.sign_out_button
        assert "Resolved at the kiosk" in window.notice.text()
        assert help_id not in window.queue.entries


def test_the_customer_stopping_sharing_is_told_to_the_greeter(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        with qtbot.waitSignal(window.alerted, timeout=5000):
            help_id = kiosk.raise_help()
        tap(qtbot, window, f"claim-{help_id}")
        kiosk.expect(HelpClaimed)
        qtbot.waitUntil(lambda: window.current_page() is Page.MIRROR)
        kiosk.send(HelpCancel(help_id=help_id, reason=HelpEndReason.STOPPED_SHARING))
        qtbot.waitUntil(lambda: window.current_page() is Page.BOARD)
        assert "stopped sharing their screen" in window.notice.text()


def test_two_desks_race_one_wins_the_other_is_told(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    sam = make_desk(backend.url)
    alex = make_desk(backend.url, location="shop")
    sign_in(qtbot, sam, "sam")
    sign_in(qtbot, alex, "alex")
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        help_id = kiosk.raise_help()
        for desk in (sam, alex):
            qtbot.waitUntil(lambda d=desk: help_id in d.queue.entries)  # type: ignore[misc]
        # Both press Claim before either hears back.
        sam.queue.entries[help_id].claim_button.click()
        alex.queue.entries[help_id].claim_button.click()
        winner = kiosk.expect(HelpClaimed).staff.name
        won, lost = (sam, alex) if winner == "Sam" else (alex, sam)
        qtbot.waitUntil(lambda: won.current_page() is Page.MIRROR)
        qtbot.waitUntil(lost.notice.isVisible)
        assert lost.notice.text() == f"{winner} is already helping at this kiosk."
        assert lost.current_page() is Page.BOARD
        entry = lost.queue.entries[help_id]
        qtbot.waitUntil(lambda: entry.helper.text() == f"{winner} is helping")
        assert not entry.claim_button.isVisible()


def test_a_greeter_at_another_location_never_sees_the_request(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    sam = make_desk(backend.url)
    priya = make_desk(backend.url)
    sign_in(qtbot, sam, "sam")
    sign_in(qtbot, priya, "priya")
    priya_alerts: list[str] = []
    priya.alerted.connect(priya_alerts.append)
    with kiosk_at("shop") as kiosk, kiosk_at("lib-northgate") as hers:
        kiosk.expect(KioskWelcome)
        hers.expect(KioskWelcome)
        with qtbot.waitSignal(sam.alerted, timeout=5000):
            shop_help = kiosk.raise_help()
        # Then help at her own library: it reaches her desk after anything the hub said of
        # the shop's request (its triage line last), so once its own line is in, the shop's
        # request would have arrived before it.
        with qtbot.waitSignal(priya.alerted, timeout=5000):
            her_help = hers.raise_help()
        qtbot.waitUntil(lambda: her_help in priya.presenter.triage.entries, timeout=5000)
    assert priya_alerts == [her_help]
    assert list(priya.queue.entries) == [her_help]
    assert shop_help not in priya.presenter.triage.entries
    assert priya.place.text() == "Help desk · Northgate Library"


def test_maintenance_needs_a_confirm_and_reaches_the_kiosk(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    with kiosk_at("shop") as kiosk:
        kiosk.expect(KioskWelcome)
        qtbot.waitUntil(lambda: len(window.board.cards) == 1)
        device_id = next(iter(window.board.cards))
        card = window.board.cards[device_id]
        qtbot.waitUntil(lambda: card.doing.text() == "Working, in use")
        # The maintenance actions are behind More, and each asks first: nothing is sent
        # by opening the menu, nor by choosing from it, nor by cancelling.
        restart = f"maintain-{device_id}-{MaintenanceAction.RESTART_SESSION.value}"
        assert (
            window.findChild(QWidget, restart) is None
            or not window.findChild(QWidget, restart).isVisible()
        )
        tap(qtbot, window, f"more-{device_id}")
        assert window.board.menu.isVisible()
        tap(qtbot, window, restart)
        assert window.current_page() is Page.CONFIRM
        assert window.confirm.question.text() == f"Restart the session on {card.name.text()}?"
        tap(qtbot, window, "cancelAction")
        assert window.current_page() is Page.BOARD
        tap(qtbot, window, f"more-{device_id}")
        tap(qtbot, window, f"maintain-{device_id}-{MaintenanceAction.OUT_OF_ORDER.value}")
        assert window.confirm.question.text().startswith("Put ")
        tap(qtbot, window, "confirmAction")
        command = kiosk.expect(MaintenanceCommand)
        # The first command the kiosk hears is the one confirmed: the cancelled restart
        # never left the desk.
        assert command.action is MaintenanceAction.OUT_OF_ORDER
        assert command.staff.name == "Sam"
        qtbot.waitUntil(lambda: card.doing.text() == "Out of order")
        tap(qtbot, window, f"more-{device_id}")
        back = window.board.menu.buttons[MaintenanceAction.BACK_IN_SERVICE]
        assert back.isVisible()
        assert not window.board.menu.buttons[MaintenanceAction.OUT_OF_ORDER].isVisible()


def test_the_board_shows_kiosk_health(
    backend: Backend, make_desk: Any, kiosk_at: Any, qtbot: QtBot
) -> None:
    window = make_desk(backend.url, board_refresh_seconds=0.2)
    headers, _ = backend.enrol("shop")
    beat = {"version": "9.8.7", "outbox_depth": 3, "screen": "welcome", "frame_age_s": 2.0}
    sent = backend.http.post(f"{backend.api}/devices/heartbeat", json=beat, headers=headers)
    assert sent.status_code < 300
    sign_in(qtbot, window, "sam")
    qtbot.waitUntil(lambda: len(window.board.cards) == 1)
    card = next(iter(window.board.cards.values()))
    fleet = window.fleet
    qtbot.waitUntil(lambda: card.device_id in fleet.rows, timeout=5000)
    row = fleet.rows[card.device_id]
    qtbot.waitUntil(lambda: "Version: 9.8.7" in row.text(), timeout=5000)
    assert "Outbox: 3 waiting" in row.text()
    assert "Heartbeat: " in row.text()
    assert "Live link: not connected" in row.text()
    # Heartbeats arrive, but the kiosk is not on the live link: the board says so plainly
    # and keeps the numbers for the fleet view.
    assert card.doing.text() == "Working, no live view"
    board_words = " ".join(label.text() for label in card.findChildren(QLabel))
    assert "9.8.7" not in board_words
    assert "outbox" not in board_words.lower()
    tap(qtbot, window, "showFleet")
    assert window.current_page() is Page.FLEET
    tap(qtbot, window, "backToBoard")
    assert window.current_page() is Page.BOARD


def test_a_greeter_deactivated_elsewhere_is_signed_out_and_told(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
    from casebackend.identity import service as identity

    window = make_desk(backend.url)
    sign_in(qtbot, window, "sam")
    # As `firststop admin deactivate-staff sam` does, from its own process.
    engine = make_engine(backend.context.settings.database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            identity.deactivate_staff(session, "sam")
    finally:
        engine.dispose()
    qtbot.waitUntil(lambda: window.current_page() is Page.SIGN_IN, timeout=10_000)
    assert window.sign_in_view.message.text() == "You have been signed out. Please sign in again."
    # The dead token's link is gone, not retrying.
    assert window.presenter.link is None
