"""Help me at a library with nobody at its desk, with every real part: the backend and its
live hub on loopback, a real kiosk at Northgate Library (widgets, its LiveLink) and a
greeter at the central shop on the hub's WebSocket. The help goes to the shop and the
kiosk says so plainly, in the customer's language; nobody answers it, so it times out, the
kiosk says that too, and the idle warning and privacy wipe may run again (issue 12)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from casebackend.settings import BackendSettings
from kiosk.app import Kiosk, Mode
from kiosk.help.session import HelpStatus
from shared.flow import texts
from shared.live.messages import DeskWelcome, HelpRaised
from shared.live.notices import HelpNoticeKind
from shared.ui.pages.help import HelpBanner
from tests.casebackend.test_live import desk
from tests.conftest import Backend, make_settings
from tests.live_kiosk import kiosk, tap

__all__ = ["kiosk"]  # fixture

KIOSK_LOCATION = "lib-northgate"
SHOP = "City Centre Customer Service Shop"


@pytest.fixture
def backend_settings(database_url: str) -> BackendSettings:
    # Long enough for the notice to come first, short enough to wait for.
    return make_settings(database_url, help_timeout_seconds=2)


def test_help_nobody_answers_at_a_library_goes_to_the_shop_then_times_out(
    qtbot: QtBot, backend: Backend, kiosk: Kiosk
) -> None:
    # What the banner said each time help changed: the notice may come and go within the
    # timeout, so the test reads every version rather than racing the clock.
    said: list[tuple[HelpStatus, str, str]] = []
    banner = kiosk.window.help_banner
    kiosk.help.status_changed.connect(
        lambda: said.append((kiosk.help.status, banner.title.text(), banner.body.text()))
    )
    kiosk.set_mode(Mode("pl", kiosk.mode.accessibility))
    with desk(backend, "sam") as sam:
        sam.expect(DeskWelcome)
        tap(qtbot, kiosk.window.help_button)
        qtbot.waitUntil(lambda: kiosk.help.status is HelpStatus.NONE, timeout=15_000)
        # The shop's greeter was alerted, the request marked as the library's.
        raised = sam.expect(HelpRaised).request
        assert (raised.remote, raised.remote_from) == (True, "Northgate Library")
    remote = texts.ui_text("help.remote.body", "pl", place=SHOP)
    assert (HelpStatus.WAITING, texts.ui_text("help.waiting.title", "pl"), remote) in said
    # Nobody claimed it: the customer is told, in Polish, and nothing holds the wipe back.
    assert banner.isVisible()
    assert banner.title.text() == texts.ui_text("help.timed_out", "pl")
    assert not kiosk.idle.held
    assert kiosk.help.notice is None


def test_a_closed_place_says_nobody_can_come(qtbot: QtBot) -> None:
    """The hub's ``closed`` notice: the library and the shop are shut (the hours' routing
    is tested in tests/casebackend/triage/test_route.py)."""
    banner = HelpBanner()
    qtbot.addWidget(banner)
    banner.set_language("ar")
    banner.show_status(
        HelpStatus.WAITING, None, coming=False, where=(HelpNoticeKind.CLOSED, "Northgate Library")
    )
    assert banner.title.text() == texts.ui_text("help.closed.title", "ar")
    assert banner.body.text() == texts.ui_text("help.closed.body", "ar", place="Northgate Library")
    assert "Northgate Library" in banner.body.text()
    assert banner.action_button.text() == texts.ui_text("help.cancel", "ar")
