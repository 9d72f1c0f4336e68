"""Helpers for the sync tests: a real backend that can be started later than the kiosk, and
an enrolled kiosk's identity, settings, outbox and vitals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from casebackend.app import build_context, create_app
from casebackend.context import BackendContext
from casebackend.db.engine import unit_of_work
from casebackend.demo import DEMO_PASSWORD
from casebackend.identity import service as identity_service
from casebackend.settings import BackendSettings
from kiosk.device import DeviceIdentity, save_identity
from kiosk.settings import KioskSettings
from tests.conftest import LiveServer, seed_demo_council
from tests.kiosk.device.conftest import kiosk_settings


@dataclass
class LateBackend:
    """The real backend, on a loopback port that refuses connections until ``start()``."""

    server: LiveServer
    context: BackendContext
    started: bool = False
    stopped: bool = False

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> None:
        self.server.__enter__()
        self.started = True

    def stop(self) -> None:
        self.server.__exit__(None, None, None)
        self.started, self.stopped = False, True

    def enrol(self, location: str = "shop") -> DeviceIdentity:
        """A kiosk's identity, enrolled by the backend's service (the server may be down)."""
        with unit_of_work(self.context.sessions) as session:
            code, _ = identity_service.create_enrolment_code(session, location, timedelta(hours=1))
        with unit_of_work(self.context.sessions) as session:
            enrolment = identity_service.enrol_device(
                session, code, "sync-test", public_base_url=self.url
            )
        return DeviceIdentity(
            backend_url=self.url,
            device_id=enrolment.device_id,
            name="sync-test",
            token=enrolment.token,
            issuer=enrolment.issuer,
            location_code=enrolment.location_code,
            location_name=enrolment.location_name,
            tracking_url=enrolment.tracking_url,
            enrolled_at=datetime.now(UTC),
        )

    def staff_get(self, path: str, **params: Any) -> Any:
        with requests.Session() as http:
            login = http.post(
                f"{self.url}/api/v1/staff/login",
                json={"username": "jo", "password": DEMO_PASSWORD},
            )
            login.raise_for_status()
            headers = {"Authorization": f"Bearer {login.json()['token']}"}
            response = http.get(f"{self.url}/api/v1/{path}", headers=headers, params=params)
            response.raise_for_status()
            return response.json()


@pytest.fixture
def late_backend(backend_settings: BackendSettings) -> Iterator[LateBackend]:
    seed_demo_council(backend_settings.database_url)
    context = build_context(backend_settings)
    late = LateBackend(LiveServer(create_app(backend_settings, context)), context)
    try:
        yield late
    finally:
        if late.started:
            late.stop()
        elif not late.stopped:
            late.server._sock.close()  # bound for its port, never served
        # The app's lifespan disposes of the engine when it was served; this covers the rest.
        context.engine.dispose()


@pytest.fixture
def quick_settings(tmp_path: Path) -> KioskSettings:
    """Timers short enough for a test."""
    return kiosk_settings(
        tmp_path, sync_seconds=0.05, heartbeat_seconds=0.1, catalogue_refresh_seconds=60
    )


@pytest.fixture
def enrolled(late_backend: LateBackend, quick_settings: KioskSettings) -> DeviceIdentity:
    identity = late_backend.enrol()
    save_identity(quick_settings, identity)
    return identity
