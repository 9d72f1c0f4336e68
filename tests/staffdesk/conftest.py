"""The staff desk against the real backend on loopback: real desks (Qt, offscreen), the
kiosk's end simulated with the ``websockets`` client, read without blocking Qt's loop."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from websockets.sync.client import connect

from shared.live.messages import (
    HelpContext,
    HelpRaise,
    KioskActivity,
    KioskHello,
    LiveMessage,
    read_message,
    write_message,
)
from staffdesk.app import build_desk
from staffdesk.settings import DeskSettings
from staffdesk.window import DeskWindow, Page
from tests.conftest import Backend


class Kiosk:
    """A kiosk's end of /live, read while Qt's loop keeps running (the desk must work)."""

    def __init__(self, socket: Any, qtbot: QtBot) -> None:
        self.socket = socket
        self.qtbot = qtbot
        self.seen: list[LiveMessage] = []

    def send(self, message: LiveMessage) -> None:
        self.socket.send(write_message(message))

    def _poll(self) -> None:
        while True:
            try:
                raw = self.socket.recv(timeout=0)
            except TimeoutError:
                return
            self.seen.append(read_message(raw, "hub"))

    def expect(self, kind: type[Any], timeout: float = 5.0, **fields: Any) -> Any:
        """The first message of ``kind`` (with ``fields``) not yet taken; waits for it."""
        found: list[Any] = []

        def arrived() -> bool:
            self._poll()
            for message in self.seen:
                if isinstance(message, kind) and all(
                    getattr(message, k) == v for k, v in fields.items()
                ):
                    found.append(message)
                    self.seen.remove(message)
                    return True
            return False

        self.qtbot.waitUntil(arrived, timeout=int(timeout * 1000))
        return found[0]

    def raise_help(self, **context: Any) -> str:
        help_id = uuid.uuid4().hex
        self.send(HelpRaise(help_id=help_id, context=help_context(**context)))
        return help_id


def help_context(**overrides: Any) -> HelpContext:
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


@pytest.fixture
def kiosk_at(backend: Backend, qtbot: QtBot) -> Callable[..., Any]:
    """Opens a kiosk's live connection at a location (``kiosk_at("shop")``)."""

    @contextmanager
    def _open(location: str = "shop") -> Iterator[Kiosk]:
        headers, _ = backend.enrol(location)
        url = backend.url.replace("http://", "ws://") + "/live"
        with connect(url, additional_headers=headers) as socket:
            kiosk = Kiosk(socket, qtbot)
            kiosk.send(KioskHello(activity=KioskActivity.IN_JOURNEY))
            yield kiosk

    return _open


# Where the desks' screens are in tests/offscreen-screen.json: right of the kiosk's panel.
DESK_SCREENS_X, DESK_SCREEN_WIDTH, DESK_SCREEN_COUNT = 1920, 1280, 4


@pytest.fixture
def make_desk(qtbot: QtBot) -> Iterator[Callable[..., DeskWindow]]:
    """Builds shown desks (closed at the end); ``make_desk(url, **settings)``."""
    windows: list[DeskWindow] = []

    def _make(backend_url: str, **values: Any) -> DeskWindow:
        settings = DeskSettings(backend_url=backend_url, sound=False, windowed=True, **values)
        window = build_desk(settings)
        qtbot.addWidget(window)
        # Each desk on a screen of its own (tests/offscreen-screen.json), beside the kiosk's,
        # as each is a tablet of its own: a finger on one never lands on another.
        window.move(DESK_SCREENS_X + DESK_SCREEN_WIDTH * (len(windows) % DESK_SCREEN_COUNT), 0)
        window.show()
        windows.append(window)
        return window

    yield _make
    for window in windows:
        window.presenter.shutdown()


def sign_in(qtbot: QtBot, window: DeskWindow, username: str, location: str | None = None) -> None:
    from casebackend.demo import DEMO_PASSWORD

    window.sign_in(username, DEMO_PASSWORD, location)
    qtbot.waitUntil(lambda: window.current_page() is Page.BOARD, timeout=10_000)
