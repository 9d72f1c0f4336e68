"""GET /api/v1/audit: admins read who saw or changed what, filtered and paged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.casebackend.customers.helpers import report


def test_admins_read_the_log_filtered_and_paged(backend):
    kiosk, _ = backend.enrol()
    references = [report(backend, kiosk, email=f"p{i}@example.com")["reference"] for i in range(3)]
    jo = backend.login("jo")
    for reference in references:
        assert backend.http.get(f"{backend.api}/cases/{reference}", headers=jo).status_code == 200
    admin = backend.login("admin")
    url = f"{backend.api}/audit"

    reads = backend.http.get(url, params={"action": "read", "actor": "JO"}, headers=admin).json()
    assert [e["action"] for e in reads["items"]] == ["read"] * 3
    assert {e["actor_label"] for e in reads["items"]} == {"Jo"}
    ids = [e["id"] for e in reads["items"]]
    assert ids == sorted(ids, reverse=True)
    assert reads["next_before"] is None

    first = backend.http.get(url, params={"action": "create", "limit": 2}, headers=admin).json()
    assert len(first["items"]) == 2
    assert first["items"][0]["actor_kind"] == "device"
    rest = backend.http.get(
        url, params={"action": "create", "limit": 2, "before": first["next_before"]}, headers=admin
    ).json()
    assert len(rest["items"]) == 1
    assert rest["next_before"] is None
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in rest["items"])

    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert backend.http.get(url, params={"from": later}, headers=admin).json()["items"] == []
    earlier = (datetime.now(UTC) - timedelta(hours=1)).replace(tzinfo=None).isoformat()
    recent = backend.http.get(
        url, params={"from": earlier, "to": later, "limit": 500}, headers=admin
    )
    assert recent.status_code == 200
    assert len(recent.json()["items"]) >= 6
    backwards = backend.http.get(url, params={"from": later, "to": earlier}, headers=admin)
    assert backwards.status_code == 422
    # Reading the log is itself recorded.
    seen = backend.http.get(url, params={"action": "audit_read"}, headers=admin).json()
    assert len(seen["items"]) >= 5


def test_only_admins_read_the_log(backend):
    kiosk, _ = backend.enrol()
    url = f"{backend.api}/audit"
    for username in ("sam", "jo"):
        assert backend.http.get(url, headers=backend.login(username)).status_code == 403
    assert backend.http.get(url, headers=kiosk).status_code == 403
    assert backend.http.get(url).status_code == 401
    assert (
        backend.http.get(url, params={"limit": 0}, headers=backend.login("admin")).status_code
        == 422
    )
