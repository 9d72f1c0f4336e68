"""Helpers for the outbox tests: submissions, visits, a fake sender, and a client that finds
no one."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.outbox import Outbox
from shared.cases.schemas import CaseCreate, CaseRead, Channel
from shared.client import BackendClient
from shared.errors import FirstStopError
from shared.schema import convert
from shared.visits.schemas import VisitCreate, VisitRead

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
    return convert(CaseCreate, body | changes)


def visit(**changes: Any) -> VisitCreate:
    """A finished visit, as the kiosk would store it: a pothole report, rated Good."""
    body: dict[str, Any] = {
        "id": uuid.uuid4().hex,
        "started_at": T0,
        "ended_at": T0 + timedelta(minutes=4),
        "language": "en",
        "service_code": "pothole",
        "outcome": "left",
        "help_requested": True,
        "helped": False,
        "satisfaction": {"rating": "good", "comment": "Ada found it easy"},
    }
    return convert(VisitCreate, body | changes)


class FakeSender:
    """Answers each create_case with the next scripted outcome: an error to raise, or
    None for "made it" (a CaseRead echoing the reference); and each record_visit with the
    next of ``visits``: an error, True or None for "stored", False for "stored already".
    Records what it was sent, and in ``calls`` in what order (case references, visit ids)."""

    def __init__(
        self,
        *outcomes: FirstStopError | None,
        visits: Sequence[FirstStopError | bool | None] = (),
    ) -> None:
        self.outcomes = list(outcomes)
        self.visit_outcomes = list(visits)
        self.sent: list[tuple[str, str]] = []
        self.visits: list[VisitCreate] = []
        self.calls: list[str] = []

    def create_case(self, data: CaseCreate, *, idempotency_key: str) -> CaseRead:
        assert data.reference is not None
        self.sent.append((data.reference, idempotency_key))
        self.calls.append(data.reference)
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome
        return _case_read(data.reference)

    def record_visit(self, visit: VisitCreate) -> VisitRead:
        self.visits.append(visit)
        self.calls.append(visit.id)
        outcome = self.visit_outcomes.pop(0) if self.visit_outcomes else None
        if isinstance(outcome, FirstStopError):
            raise outcome
        return VisitRead(id=visit.id, recorded=outcome is not False)


def _case_read(reference: str) -> CaseRead:
    from shared.references import parse

    return convert(
        CaseRead,
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
        },
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
