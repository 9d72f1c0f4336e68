"""Known data for the data-protection tests: customers, cases, notes, messages, closures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from casebackend.cases.models import CaseStatusChange
from casebackend.catalogue.service import store_catalogue
from casebackend.db.base import utcnow
from casebackend.db.engine import unit_of_work
from casebackend.demo import load_demo_catalogue
from shared.schema import replace
from tests.casebackend.customers.helpers import report
from tests.conftest import Backend

MOVE_ANSWERS = {
    "moved_on": "2026-11-01T00:00:00Z",
    "previous_address": "5 Old Road, NG1 2FX",
    "new_address": "1 New Street, NG5 4WJ",
    "services_to_update": ["council_tax"],
    "people_moving": 2,
}


def keep_moves_for(backend: Backend, days: int) -> None:
    """The council's catalogue, with change of address kept ``days`` after closing."""
    catalogue = load_demo_catalogue()
    services = tuple(
        replace(s, retention_days=days) if s.code == "change_of_address" else s
        for s in catalogue.services
    )
    with unit_of_work(backend.context.sessions) as session:
        store_catalogue(session, replace(catalogue, services=services))
    backend.context.reload()


def move(backend: Backend, kiosk: dict[str, str], **customer: Any) -> dict[str, Any]:
    response = backend.create_case(
        kiosk,
        {
            "service_code": "change_of_address",
            "description": "Moving in with my sister",
            "answers": MOVE_ANSWERS,
            "customer": customer | {"notify_by": ["email"]},
        },
    )
    assert response.status_code == 201, response.text
    case: dict[str, Any] = response.json()
    return case


def annotate(backend: Backend, reference: str, staff: dict[str, str]) -> None:
    for body, public in (("Rang Ceri on 07700 900123", False), ("Your records are updated", True)):
        response = backend.http.post(
            f"{backend.api}/cases/{reference}/notes",
            json={"body": body, "public": public},
            headers=staff,
        )
        assert response.status_code == 201, response.text


def close(backend: Backend, reference: str, staff: dict[str, str], days_ago: float) -> None:
    """Close the case, as if it had been closed ``days_ago`` days ago."""
    response = backend.http.post(
        f"{backend.api}/cases/{reference}/status",
        json={"status": "closed", "note": "Done, Ceri", "public": True},
        headers=staff,
    )
    assert response.status_code == 200, response.text
    case_id = response.json()["id"]
    with unit_of_work(backend.context.sessions) as session:
        session.execute(
            update(CaseStatusChange)
            .where(CaseStatusChange.case_id == case_id)
            .values(at=utcnow() - timedelta(days=days_ago))
        )


def streetlight(backend: Backend, kiosk: dict[str, str], **customer: Any) -> dict[str, Any]:
    return report(backend, kiosk, **customer)
