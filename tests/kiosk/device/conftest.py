"""Helpers for the kiosk's device tests: settings in a temporary folder, enrolment codes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from casebackend.db.engine import unit_of_work
from casebackend.identity import service as identity
from kiosk.settings import KioskSettings


def kiosk_settings(root: Path, **overrides: Any) -> KioskSettings:
    return KioskSettings(config_dir=root / "config", data_dir=root / "data", **overrides)


@pytest.fixture
def settings(tmp_path: Path) -> KioskSettings:
    return kiosk_settings(tmp_path)


def enrolment_code(backend: Any, location: str = "shop", hours: float = 1) -> str:
    with unit_of_work(backend.context.sessions) as session:
        code, _ = identity.create_enrolment_code(session, location, timedelta(hours=hours))
    return code
