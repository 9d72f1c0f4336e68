"""Help me end to end with every real part: the backend and its live hub on loopback, a real
kiosk (widgets, outbox, its LiveLink) and real staff desks, all offscreen, driven by touch.

help → every desk at the location alerts (and no desk elsewhere) → two greeters race to
claim, one wins → the winner's mirror equals the kiosk's ScreenState, the sensitive answer
masked → a tap on the mirror highlights the field on the kiosk, a tip appears in the
customer's language → both apps drop their connection and come back with nothing lost or
shown twice → the greeter closes with an outcome.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casebackend.audit.models import AuditEvent
from casebackend.db.engine import unit_of_work
from casebackend.live.models import HelpSession
from kiosk.app import Kiosk, Mode
from kiosk.help.session import HelpStatus
from shared.flow import texts
from shared.flow.screen_state import MASK, ScreenState
from shared.live.tips import tip_text
from shared.schema import encode
from staffdesk.window import DeskWindow, Page
from tests.conftest import Backend
from tests.live_kiosk import kiosk, tap
from tests.staffdesk.conftest import make_desk, sign_in

__all__ = ["kiosk", "make_desk"]  # fixtures

PLATE = "QX51 YRT"


def status(kiosk: Kiosk) -> HelpStatus:
    return kiosk.help.status


def mirrored(desk: DeskWindow) -> ScreenState | None:
    return desk.mirror.screen.state


def test_help_from_a_real_kiosk_to_real_desks_and_back(  # noqa: PLR0915 (one visit)
    qtbot: QtBot,
    backend: Backend,
    kiosk: Kiosk,
    make_desk: Callable[..., DeskWindow],
) -> None:
    sam = make_desk(backend.url)
    alex = make_desk(backend.url)
    priya = make_desk(backend.url)
    sign_in(qtbot, sam, "sam")
    sign_in(qtbot, alex, "alex", "shop")
    sign_in(qtbot, priya, "priya")
    alerts: dict[str, list[str]] = {"sam": [], "alex": [], "priya": []}
    for name, desk in (("sam", sam), ("alex", alex), ("priya", priya)):
        desk.alerted.connect(alerts[name].append)

    # A customer applying for a parking permit in Polish types their number plate.
    kiosk.set_mode(Mode("pl", kiosk.mode.accessibility))
    window = kiosk.window
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.services.findChild(QWidget, "service:parking_permit"))
    plate = window.journey_view.field("vehicle_registration")
    assert plate is not None
    plate.control().setFocus()
    qtbot.keyClicks(plate.control(), PLATE)

    tap(qtbot, window.help_button)
    qtbot.waitUntil(lambda: bool(alerts["sam"]) and bool(alerts["alex"]))
    help_id = alerts["sam"][0]
    assert alerts["alex"] == [help_id]

    # Two greeters press Claim at once: the first message the hub reads wins, and the other
    # is told who has it. (A touch-scrollable queue holds each press back a moment, so which
    # of two taps in the same instant the hub reads first is the hub's own race, tested in
    # tests/casebackend/test_live.py.) From here on, "alex" is the winner's desk.
    tap(qtbot, alex.findChild(QPushButton, f"claim-{help_id}"))
    tap(qtbot, sam.findChild(QPushButton, f"claim-{help_id}"))
    qtbot.waitUntil(lambda: status(kiosk) is HelpStatus.HELPED)
    helper = kiosk.help.helper
    assert helper in ("Alex", "Sam")
    if helper == "Sam":
        alex, sam = sam, alex
    qtbot.waitUntil(lambda: alex.current_page() is Page.MIRROR)
    qtbot.waitUntil(lambda: f"{helper} is already helping" in sam.notice.text())
    assert sam.current_page() is not Page.MIRROR

    # The mirror is the kiosk's own screen state, the plate masked.
    qtbot.waitUntil(lambda: mirrored(alex) == window.journey_view.state)
    state = mirrored(alex)
    assert state is not None
    field = next(f for f in state.fields if f.id == "vehicle_registration")
    assert field.masked
    assert field.value == MASK
    assert PLATE.encode() not in encode(state)

    # Alex taps the field on the mirror: it is marked on the kiosk.
    mirror_field = alex.mirror.screen.field("vehicle_registration")
    assert mirror_field is not None
    qtbot.mouseClick(mirror_field, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: window.journey_view._highlight == "vehicle_registration")
    # A ready-made tip reaches the customer in Polish.
    tap(qtbot, alex.findChild(QPushButton, "tip-tip.take_your_time"))
    qtbot.waitUntil(window.help_banner.tip.isVisible)
    assert window.help_banner.tip_text.text() == tip_text("tip.take_your_time", "pl")

    # Both connections drop; both come back; the customer keeps typing meanwhile.
    kiosk.help._link.drop()  # type: ignore[union-attr]
    alex.presenter.link.drop()  # type: ignore[union-attr]
    qtbot.keyClicks(plate.control(), "Z")
    qtbot.waitUntil(lambda: kiosk.help.available, timeout=10_000)
    qtbot.waitUntil(lambda: mirrored(alex) == window.journey_view.state, timeout=10_000)
    assert status(kiosk) is HelpStatus.HELPED
    assert alerts["sam"] == [help_id]
    assert alerts["alex"] == [help_id]
    # Library staff at another location never heard of it.
    assert alerts["priya"] == []
    assert not priya.findChildren(QPushButton, f"claim-{help_id}")

    tap(qtbot, alex.findChild(QPushButton, "outcome-resolved_at_kiosk"))
    qtbot.waitUntil(lambda: status(kiosk) is HelpStatus.NONE)
    # The customer is told the helper has finished (the banner goes by itself soon after).
    assert window.help_banner.title.text() == texts.ui_text("help.ended", "pl")
    assert window.journey_view._highlight is None
    with unit_of_work(backend.context.sessions) as session:
        row = session.get_one(HelpSession, help_id)
        assert row.outcome == "resolved_at_kiosk"
        assert row.first_claimed_at is not None
        audited = session.scalars(
            select(AuditEvent.actor_label).where(AuditEvent.action == "help.claimed")
        ).all()
    assert audited == [helper]
