"""Customer records and possible matches, read through the API as staff would."""

from __future__ import annotations

from typing import Any

from tests.conftest import Backend

STREETLIGHT = {"service_code": "streetlight", "place": {"address": "4 Angel Row"}}


def report(backend: Backend, headers: dict[str, str], **customer: Any) -> dict[str, Any]:
    """A kiosk (or staff) report of a broken streetlight, with these contact details."""
    service = backend.context.catalogue.service("streetlight")
    answers = {a.code: a.values[0].key for a in service.attributes if a.required and a.values}
    body = STREETLIGHT | {"answers": answers, "customer": customer}
    response = backend.create_case(headers, body)
    assert response.status_code == 201, response.text
    case: dict[str, Any] = response.json()
    return case


def customer(backend: Backend, customer_id: int, headers: dict[str, str]) -> dict[str, Any]:
    response = backend.http.get(f"{backend.api}/customers/{customer_id}", headers=headers)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def matches(
    backend: Backend, headers: dict[str, str], status: str = "pending"
) -> list[dict[str, Any]]:
    response = backend.http.get(
        f"{backend.api}/customers/matches", params={"status": status}, headers=headers
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def decide(
    backend: Backend, match_id: int, decision: str, headers: dict[str, str], **body: Any
) -> dict[str, Any]:
    response = backend.http.post(
        f"{backend.api}/customers/matches/{match_id}/{decision}", json=body or None, headers=headers
    )
    assert response.status_code == 200, response.text
    decided: dict[str, Any] = response.json()
    return decided


def audit(backend: Backend, action: str) -> list[dict[str, Any]]:
    """The audit log's entries for one action, oldest first (read as the admin)."""
    admin = backend.login("admin")
    response = backend.http.get(
        f"{backend.api}/audit", params={"action": action, "limit": "500"}, headers=admin
    )
    assert response.status_code == 200, response.text
    return list(reversed(response.json()["items"]))


def case_of(backend: Backend, reference: str, headers: dict[str, str]) -> dict[str, Any]:
    response = backend.http.get(f"{backend.api}/cases/{reference}", headers=headers)
    assert response.status_code == 200, response.text
    case: dict[str, Any] = response.json()
    return case
