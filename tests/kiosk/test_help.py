"""Help me at the kiosk, end to end: real kiosk widgets offscreen, the real backend and its
live hub on loopback, and a greeter's desk speaking the protocol over a real WebSocket.

The greeter's side is the `websockets` client (the desk app has its own tests); what the
kiosk sends is captured as it leaves, and what the greeter receives as it arrives, so the
tests can prove that a sensitive answer never leaves the kiosk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy import select
from websockets.sync.client import ClientConnection, connect

from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD
from casebackend.live.models import HelpSession
from kiosk.app import Kiosk
from kiosk.device import enrol, open_outbox
from kiosk.help.session import HelpStatus
from kiosk.outbox import Outbox
from kiosk.settings import KioskSettings
from kiosk.window import Page
from shared.client import BackendClient
from shared.flow.screen_state import MASK
from shared.live.messages import (
    DeskWelcome,
    GuideComing,
    GuideHighlight,
    GuideTip,
    HelpClaim,
    HelpClose,
    HelpEnded,
    HelpEndReason,
    HelpOutcome,
    HelpRaised,
    KioskActivity,
    KioskMaintenance,
    KioskPresence,
    LiveMessage,
    MaintenanceAction,
    ScreenUpdate,
    read_message,
    write_message,
)
from shared.live.tips import tip_text
from shared.schema import replace
from shared.ui.audit import audit
from shared.ui.live import LiveLink
from tests.conftest import LiveServer
from tests.kiosk.test_app import DEMO, backend_app, enrolment_code, kiosk_settings

__all__ = ["backend_app", "kiosk_settings"]  # fixtures shared with test_app

SECRET_PLATE = "ZQ19 XWV"


@dataclass
class Greeter:
    """A greeter's desk on the wire: sends, and collects what arrives without blocking."""

    socket: ClientConnection
    seen: list[LiveMessage] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)

    def send(self, message: LiveMessage) -> None:
        self.socket.send(write_message(message))

    def poll(self) -> list[LiveMessage]:
        while True:
            try:
                text = self.socket.recv(timeout=0)
            except TimeoutError:
                return self.seen
            assert isinstance(text, str)
            self.raw.append(text)
            self.seen.append(read_message(text, "hub"))

    def of(self, kind: type) -> list[Any]:
        return [m for m in self.poll() if isinstance(m, kind)]


@dataclass
class Scene:
    kiosk: Kiosk
    link: LiveLink
    url: str
    context: Any
    sent: list[str]
    outbox: Outbox


def status_of(kiosk: Kiosk) -> HelpStatus:
    return kiosk.help.status


def idle_held(kiosk: Kiosk) -> bool:
    return kiosk.idle.held


def click(qtbot, widget: QWidget | None) -> None:
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def scene(qtbot, kiosk_settings: KioskSettings, backend_app) -> Iterator[Scene]:
    app, context = backend_app
    with LiveServer(app) as server:
        identity = enrol(kiosk_settings, enrolment_code(context), server.url, "Front door")
        outbox = open_outbox(kiosk_settings, identity)
        client = BackendClient(identity.backend_url, token=identity.token, retries=0)
        kiosk = Kiosk(kiosk_settings, DEMO, outbox, client=client, dpi=96)
        window = kiosk.window
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        link = LiveLink(server.url, identity.token, min_backoff_s=0.05, max_backoff_s=0.2)
        # Everything the kiosk puts on the wire, as it leaves.
        sent: list[str] = []
        socket = link._socket
        original = socket.sendTextMessage

        def capture(text: str) -> int:
            sent.append(text)
            return original(text)

        socket.sendTextMessage = capture  # type: ignore[method-assign]
        kiosk.attach_live(link)
        link.start()
        qtbot.waitUntil(lambda: kiosk.help.available, timeout=10000)
        try:
            yield Scene(kiosk, link, server.url, context, sent, outbox)
        finally:
            link.stop()
            kiosk.background.close()
            outbox.close()


@pytest.fixture
def greeter(scene: Scene) -> Iterator[Greeter]:
    token = requests.post(
        f"{scene.url}/api/v1/staff/login",
        json={"username": "sam", "password": DEMO_PASSWORD},
        timeout=10,
    ).json()["token"]
    url = scene.url.replace("http://", "ws://") + "/live"
    with connect(url, additional_headers={"Authorization": f"Bearer {token}"}) as socket:
        yield Greeter(socket)


def start_parking_permit(qtbot, kiosk: Kiosk) -> None:
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.services.findChild(QWidget, "service:parking_permit"))
    assert kiosk.journey.flow is not None


def test_help_me_is_on_every_screen(qtbot, scene: Scene) -> None:
    window = scene.kiosk.window
    assert window.help_button.isVisible()
    assert window.help_button.text() == "Help me"
    start_parking_permit(qtbot, scene.kiosk)
    assert window.help_button.isVisible()
    scene.kiosk.set_mode(scene.kiosk.mode.__class__("pl", scene.kiosk.mode.accessibility))
    assert window.help_button.text() == "Pomocy"


def test_the_greeter_sees_the_screen_masked_and_guides_the_customer(  # noqa: PLR0915
    qtbot, scene: Scene, greeter: Greeter
) -> None:
    kiosk = scene.kiosk
    window = kiosk.window
    banner = window.help_banner
    qtbot.waitUntil(lambda: bool(greeter.of(DeskWelcome)))
    start_parking_permit(qtbot, kiosk)
    # The customer types their number plate (sensitive) and presses Continue empty-handed
    # elsewhere first, so the request carries a validation message met.
    kiosk.set_mode(kiosk.mode.__class__("pl", kiosk.mode.accessibility))
    view = window.journey_view
    click(qtbot, view.primary_button)
    assert kiosk.journey.flow is not None
    assert kiosk.journey.flow.errors
    plate = view.field("vehicle_registration")
    assert plate is not None
    plate.control().setFocus()
    qtbot.keyClicks(plate.control(), SECRET_PLATE)

    click(qtbot, window.help_button)
    assert status_of(kiosk) is HelpStatus.WAITING
    assert banner.isVisible()
    assert banner.title.text() == "Pomoc jest w drodze"
    assert idle_held(kiosk)
    qtbot.waitUntil(lambda: bool(greeter.of(HelpRaised)))
    request = greeter.of(HelpRaised)[0].request
    assert request.kiosk_name == "Front door"
    assert request.context.service_code == "parking_permit"
    assert request.context.service_name == "Apply for a resident parking permit"
    assert request.context.step_number == 1
    assert request.context.step_count >= 2
    assert request.context.language == "pl"
    assert request.context.errors, "the validation message the customer met"
    # Nothing of the screen goes anywhere before a greeter claims it.
    assert not any('"screen.update"' in text for text in scene.sent)

    greeter.send(HelpClaim(help_id=request.id))
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.HELPED)
    assert banner.title.text() == "Sam z punktu pomocy pomaga Ci"
    assert window.property("sharing") is True
    assert banner.action_button.text() == "Przestań udostępniać"
    # The mirror equals the kiosk's own ScreenState, the plate masked.
    qtbot.waitUntil(lambda: bool(greeter.of(ScreenUpdate)))
    mirrored = greeter.of(ScreenUpdate)[-1].state
    assert mirrored == view.state
    shown = {f.id: f for f in mirrored.fields}
    assert shown["vehicle_registration"].masked
    assert shown["vehicle_registration"].value == MASK

    # Typing streams: a newer state, with a higher sequence number.
    before = greeter.of(ScreenUpdate)[-1].sequence
    qtbot.keyClicks(plate.control(), "Q")
    qtbot.waitUntil(lambda: greeter.of(ScreenUpdate)[-1].sequence > before)

    # The greeter points at a field, sends a tip, walks over.
    greeter.send(GuideHighlight(help_id=request.id, field="vehicle_registration"))
    qtbot.waitUntil(lambda: view._highlight == "vehicle_registration")
    greeter.send(GuideTip(help_id=request.id, tip_id="tip.take_your_time"))
    qtbot.waitUntil(banner.tip.isVisible)
    assert banner.tip_text.text() == tip_text("tip.take_your_time", "pl")
    greeter.send(GuideTip(help_id=request.id, text="Press the green button."))
    qtbot.waitUntil(lambda: banner.tip_text.text() == "Press the green button.")
    click(qtbot, banner.tip_done)
    assert not banner.tip.isVisible()
    greeter.send(GuideComing(help_id=request.id))
    qtbot.waitUntil(lambda: "idzie teraz do Ciebie" in banner.title.text())

    greeter.send(HelpClose(help_id=request.id, outcome=HelpOutcome.RESOLVED_AT_KIOSK))
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.NONE)
    # The customer is told, in their language, for a few seconds.
    assert banner.title.text() == "Pomoc się zakończyła. Możesz kontynuować."
    assert not window.property("sharing")
    assert view._highlight is None
    assert not idle_held(kiosk)
    # The customer carries on with what they typed.
    control = plate.control()
    assert isinstance(control, QLineEdit)
    assert control.text() == SECRET_PLATE + "Q"

    # The secret never left the kiosk, and never reached the greeter.
    greeter.poll()
    for text in scene.sent + greeter.raw:
        assert SECRET_PLATE not in text
        assert SECRET_PLATE.replace(" ", "") not in text
    with unit_of_work(scene.context.sessions) as session:
        row = session.get_one(HelpSession, request.id)
        assert row.outcome == "resolved_at_kiosk"


def test_the_customer_can_cancel_or_stop_sharing(qtbot, scene: Scene, greeter: Greeter) -> None:
    kiosk = scene.kiosk
    banner = kiosk.window.help_banner
    click(qtbot, kiosk.window.help_button)
    qtbot.waitUntil(lambda: bool(greeter.of(HelpRaised)))
    click(qtbot, banner.action_button)  # "Cancel help"
    assert status_of(kiosk) is HelpStatus.NONE
    qtbot.waitUntil(lambda: bool(greeter.of(HelpEnded)))
    assert greeter.of(HelpEnded)[0].reason is HelpEndReason.CANCELLED

    click(qtbot, kiosk.window.help_button)
    qtbot.waitUntil(lambda: len(greeter.of(HelpRaised)) == 2)
    second = greeter.of(HelpRaised)[1].request.id
    greeter.send(HelpClaim(help_id=second))
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.HELPED)
    click(qtbot, banner.action_button)  # Stop sharing
    assert status_of(kiosk) is HelpStatus.NONE
    assert not kiosk.window.property("sharing")
    qtbot.waitUntil(lambda: len(greeter.of(HelpEnded)) == 2)
    assert greeter.of(HelpEnded)[1].reason is HelpEndReason.STOPPED_SHARING
    # Nothing more of the screen is sent once sharing stopped.
    updates = len(greeter.of(ScreenUpdate))
    click(qtbot, kiosk.window.welcome.start_button)
    assert kiosk.window.current_page() is Page.SERVICES
    greeter.poll()
    assert len(greeter.of(ScreenUpdate)) == updates


def test_a_dropped_connection_loses_nothing_and_alerts_once(
    qtbot, scene: Scene, greeter: Greeter
) -> None:
    kiosk = scene.kiosk
    start_parking_permit(qtbot, kiosk)
    click(qtbot, kiosk.window.help_button)
    qtbot.waitUntil(lambda: bool(greeter.of(HelpRaised)))
    help_id = greeter.of(HelpRaised)[0].request.id
    greeter.send(HelpClaim(help_id=help_id))
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.HELPED)
    qtbot.waitUntil(lambda: bool(greeter.of(ScreenUpdate)))
    first = len(greeter.of(ScreenUpdate))
    # The network drops; the kiosk reconnects by itself and sends its whole screen again.
    disconnected = len([m for m in greeter.of(KioskPresence) if not m.connected])
    scene.link.drop()
    qtbot.waitUntil(
        lambda: len([m for m in greeter.of(KioskPresence) if not m.connected]) > disconnected
    )
    qtbot.waitUntil(lambda: scene.kiosk.help.available, timeout=10000)
    qtbot.waitUntil(lambda: len(greeter.of(ScreenUpdate)) > first, timeout=10000)
    assert status_of(kiosk) is HelpStatus.HELPED
    assert len(greeter.of(HelpRaised)) == 1, "no second alert"
    assert kiosk.journey.flow is not None


def test_help_cannot_be_called_offline_and_the_customer_is_told(qtbot, scene: Scene) -> None:
    kiosk = scene.kiosk
    scene.link.stop()
    qtbot.waitUntil(lambda: not kiosk.help.available)
    click(qtbot, kiosk.window.help_button)
    banner = kiosk.window.help_banner
    assert banner.isVisible()
    assert "ask a member of staff" in banner.title.text()
    click(qtbot, banner.action_button)
    assert not banner.isVisible()


def test_a_wipe_ends_help_and_stops_sharing(qtbot, scene: Scene, greeter: Greeter) -> None:
    kiosk = scene.kiosk
    start_parking_permit(qtbot, kiosk)
    click(qtbot, kiosk.window.help_button)
    qtbot.waitUntil(lambda: bool(greeter.of(HelpRaised)))
    with qtbot.waitSignal(kiosk.wiped):
        kiosk.wipe("start again")
    qtbot.waitUntil(lambda: bool(greeter.of(HelpEnded)))
    assert greeter.of(HelpEnded)[0].reason is HelpEndReason.SESSION_ENDED
    assert not kiosk.window.help_banner.isVisible()


def test_staff_maintenance_from_the_board(qtbot, scene: Scene, greeter: Greeter) -> None:
    kiosk = scene.kiosk
    qtbot.waitUntil(lambda: bool(greeter.of(DeskWelcome)))
    device_id = greeter.of(DeskWelcome)[0].kiosks[0].status.device_id
    start_parking_permit(qtbot, kiosk)
    greeter.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.OUT_OF_ORDER))
    qtbot.waitUntil(kiosk.out_of_order.isVisible)
    assert kiosk.journey.flow is None, "the customer's session was wiped"
    assert kiosk.out_of_order.title.text() == "This screen is out of order"
    qtbot.waitUntil(
        lambda: any(
            m.activity is KioskActivity.OUT_OF_ORDER
            for m in greeter.of(KioskPresence)
            if m.device_id == device_id
        )
    )
    greeter.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.BACK_IN_SERVICE))
    qtbot.waitUntil(lambda: not kiosk.out_of_order.isVisible())
    start_parking_permit(qtbot, kiosk)
    greeter.send(KioskMaintenance(device_id=device_id, action=MaintenanceAction.RESTART_SESSION))
    qtbot.waitUntil(lambda: kiosk.window.current_page() is Page.WELCOME)
    with qtbot.waitSignal(kiosk.installer_exit_allowed):
        greeter.send(
            KioskMaintenance(device_id=device_id, action=MaintenanceAction.ALLOW_INSTALLER_EXIT)
        )
    with unit_of_work(scene.context.sessions) as session:
        from casebackend.audit.models import AuditEvent

        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.through == "live").order_by(AuditEvent.id)
        ).all()
    assert actions == [
        "kiosk.out_of_order",
        "kiosk.back_in_service",
        "kiosk.restart_session",
        "kiosk.allow_installer_exit",
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("mode", ["standard", "high_contrast", "large_text"])
def test_the_help_banner_passes_the_accessibility_audit(
    qtbot, scene: Scene, greeter: Greeter, language: str, mode: str
) -> None:
    kiosk = scene.kiosk
    accessibility = replace(
        kiosk.mode.accessibility,
        high_contrast=mode == "high_contrast",
        large_text=mode == "large_text",
    )
    kiosk.set_mode(kiosk.mode.__class__(language, accessibility))
    start_parking_permit(qtbot, kiosk)
    window = kiosk.window
    # Continue with nothing typed: the field the greeter will mark carries an error too.
    click(qtbot, window.journey_view.primary_button)
    click(qtbot, window.help_button)
    qtbot.waitUntil(lambda: bool(greeter.of(HelpRaised)))
    problems = audit(window)
    assert problems == [], "waiting: " + "; ".join(map(str, problems))
    help_id = greeter.of(HelpRaised)[0].request.id
    greeter.send(HelpClaim(help_id=help_id))
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.HELPED)
    greeter.send(GuideTip(help_id=help_id, tip_id="tip.postcode"))
    qtbot.waitUntil(window.help_banner.tip.isVisible)
    greeter.send(GuideHighlight(help_id=help_id, field="vehicle_registration"))
    qtbot.waitUntil(lambda: window.journey_view._highlight == "vehicle_registration")
    problems = audit(window)
    assert problems == [], "helped: " + "; ".join(map(str, problems))


def test_the_customer_is_told_when_the_helper_finishes(
    qtbot, scene: Scene, greeter: Greeter
) -> None:
    kiosk = scene.kiosk
    window = kiosk.window
    banner = window.help_banner
    qtbot.waitUntil(lambda: bool(greeter.of(DeskWelcome)))
    click(qtbot, window.speech_button)
    start_parking_permit(qtbot, kiosk)
    click(qtbot, window.help_button)
    qtbot.waitUntil(lambda: bool(greeter.of(HelpRaised)))
    help_id = greeter.of(HelpRaised)[0].request.id
    greeter.send(HelpClaim(help_id=help_id))
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.HELPED)
    greeter.send(HelpClose(help_id=help_id, outcome=HelpOutcome.RESOLVED_AT_KIOSK))
    finished = "The helper has finished. You can carry on."
    qtbot.waitUntil(lambda: banner.title.text() == finished)
    assert banner.isVisible()
    assert kiosk.speaker.last_text == finished
    assert not window.property("sharing")
    # A few seconds later the banner gives its room back to the page.
    kiosk._help_ended_timer.setInterval(50)
    kiosk._help_ended_timer.start()
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert kiosk.journey.flow is not None


def test_the_visit_records_help_asked_for_and_given(qtbot, scene: Scene, greeter: Greeter) -> None:
    kiosk = scene.kiosk
    window = kiosk.window
    # Asked for on the welcome screen, and claimed once the customer has gone on.
    click(qtbot, window.help_button)
    qtbot.waitUntil(lambda: bool(greeter.of(HelpRaised)))
    start_parking_permit(qtbot, kiosk)
    greeter.send(HelpClaim(help_id=greeter.of(HelpRaised)[0].request.id))
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.HELPED)
    with qtbot.waitSignal(kiosk.visit_ended):
        click(qtbot, window.start_again_button)  # nothing typed: no question asked
    # Start again ends the visit, but not the help; once the greeter closes it, the next
    # visit asks for nothing.
    assert status_of(kiosk) is HelpStatus.HELPED
    greeter.send(
        HelpClose(
            help_id=greeter.of(HelpRaised)[0].request.id, outcome=HelpOutcome.RESOLVED_AT_KIOSK
        )
    )
    qtbot.waitUntil(lambda: status_of(kiosk) is HelpStatus.NONE)
    start_parking_permit(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.visit_ended):
        click(qtbot, window.start_again_button)
    helped, alone = scene.outbox.pending_visits()
    assert (helped.help_requested, helped.helped, helped.outcome) == (True, True, "left")
    assert helped.service_code == "parking_permit"
    assert (alone.help_requested, alone.helped) == (False, False)


def test_help_the_customer_cancels_needs_no_telling(qtbot, scene: Scene) -> None:
    kiosk = scene.kiosk
    banner = kiosk.window.help_banner
    click(qtbot, kiosk.window.help_button)
    assert status_of(kiosk) is HelpStatus.WAITING
    click(qtbot, banner.action_button)
    assert not banner.isVisible()
    assert not kiosk._help_ended_timer.isActive()


def test_the_help_banner_is_one_line_when_its_words_fit(qtbot, scene: Scene) -> None:
    kiosk = scene.kiosk
    banner = kiosk.window.help_banner
    banner.show_status(HelpStatus.WAITING, None, coming=False)
    qtbot.waitUntil(banner.isVisible)
    action = banner.action_button

    def one_line() -> bool:
        # The explanation sits beside the news, not under it: no taller than its button.
        title, body = banner.title.geometry(), banner.body.geometry()
        return body.top() < title.bottom() and banner.height() <= action.height() + 16

    qtbot.waitUntil(one_line)
    assert action.width() <= action.sizeHint().width()
