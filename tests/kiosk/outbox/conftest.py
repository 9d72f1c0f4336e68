"""Helpers for the outbox tests: submissions, a fake sender, and a client that finds no one."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.outbox import Outbox
from shared.cases.schemas import CaseCreate, CaseRead, Channel
from shared.client import BackendClient
from shared.errors import FirstStopError

ISSUER = "K7M"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def report(**changes: Any) -> CaseCreate:
    """A pothole report, as the kiosk's flow would hand it over."""
    body: dict[str, Any] = {
        "service_code": "pothole",
        "description": "Deep hole by the bus stop",
        "answers": {"size": "plate_to_tyre", "in_road_or_pavement": "road", "hazard_now": "no"},
        "place": {"address": "12 Mansfield Road", "postcode": "NG5 2AB"},
        "customer": {"first_name": "Ada", "email": "ada@example.com"},
        "channel": Channel.KIOSK,
    }
    return CaseCreate.model_validate(body | changes)


class FakeSender:
    """Answers each create_case with the next scripted outcome: an error to raise, or
    None for "made it" (a CaseRead echoing the reference). Records what it was sent."""

    def __init__(self, *outcomes: FirstStopError | None) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[tuple[str, str]] = []

    def create_case(self, data: CaseCreate, *, idempotency_key: str) -> CaseRead:
        assert data.reference is not None
        self.sent.append((data.reference, idempotency_key))
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome
        return _case_read(data.reference)


def _case_read(reference: str) -> CaseRead:
    from shared.references import parse

    return CaseRead.model_validate(
        {
            "reference": reference,
            "reference_display": parse(reference).display,
            "service_code": "pothole",
            "service_name": "Report a pothole",
            "status": "submitted",
            "status_label": "Received",
            "created_at": T0,
            "sla_due": None,
            "history": [],
            "id": 1,
            "description": "",
            "answers": {},
            "place": None,
            "channel": "kiosk",
            "tier": 1,
            "location_code": "shop",
            "team_code": None,
            "team_name": None,
            "customer_id": None,
            "updated_at": T0,
        }
    )


@pytest.fixture
def outbox_path(tmp_path: Path) -> Path:
    return tmp_path / "kiosk" / "outbox.sqlite3"


@pytest.fixture
def outbox(outbox_path: Path) -> Iterator[Outbox]:
    with Outbox(outbox_path, ISSUER) as box:
        yield box


@pytest.fixture
def nobody() -> Iterator[BackendClient]:
    """A client whose backend is not there: a loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with BackendClient(f"http://127.0.0.1:{port}", retries=1, backoff=0.001) as client:
        yield client
