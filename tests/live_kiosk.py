"""A real kiosk joined to a real backend's live hub on loopback, for the end-to-end tests
of Help me and of the mirror: enrolled, its outbox open, its LiveLink up and its
background sync running; and a finger's tap that says which control is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.device import enrol, open_outbox
from kiosk.settings import KioskSettings
from kiosk.sync.background import BackgroundSync
from shared.client import BackendClient
from shared.ui.live import LiveLink
from tests.conftest import Backend
from tests.kiosk.device.conftest import enrolment_code
from tests.kiosk.test_app import DEMO
from tests.shared.ui.drag import finger_tap


@pytest.fixture
def kiosk(
    qtbot: QtBot, backend: Backend, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Kiosk]:
    """The kiosk, at the shop, or at the test module's ``KIOSK_LOCATION``."""
    location = getattr(request.module, "KIOSK_LOCATION", "shop")
    settings = KioskSettings(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        locked=False,
        sync_seconds=0.2,
        heartbeat_seconds=60,
        idle_seconds=600,
        speech_engine="mock",
        screen_dpi=96,
    )
    identity = enrol(settings, enrolment_code(backend, location), backend.url, "Kiosk by the door")
    outbox = open_outbox(settings, identity)
    client = BackendClient(identity.backend_url, token=identity.token, retries=0)
    kiosk = Kiosk(
        settings,
        DEMO,
        outbox,
        client=client,
        tracking_url=identity.tracking_url,
        location=identity.location_code,
        dpi=96,
    )
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    link = LiveLink(backend.url, identity.token, min_backoff_s=0.05, max_backoff_s=0.2)
    kiosk.attach_live(link)
    link.start()
    sync = BackgroundSync(settings, identity, outbox, kiosk.vitals)
    kiosk.journey.submitted.connect(lambda _ref: sync.sync_now())
    sync.start()
    qtbot.waitUntil(lambda: kiosk.help.available, timeout=10_000)
    yield kiosk
    sync.stop()
    link.stop()
    kiosk.background.close()
    outbox.close()


def tap(qtbot: QtBot, widget: QWidget | None) -> None:
    assert widget is not None, "no such control on the screen"
    finger_tap(qtbot, widget)
