"""FixMyStreet's service request updates: reading the history, posting updates back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.casebackend.open311.helpers import (
    UPDATE_FIELDS,
    W3C,
    change_status,
    create,
    errors,
    get,
    jo,
    json_body,
    post,
    xml,
)


def _update(backend, reference: str, status: str, description: str = "", **fields):
    return {
        "api_key": backend.api_key,
        "update_id": "fms-1",
        "service_request_id": reference,
        "status": status,
        "updated_datetime": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "description": description,
        "first_name": "Rhiannon",
        "last_name": "-",
        "email": "rhiannon@example.com",
    } | fields


def test_updates_are_status_changes_and_public_notes(backend):
    reference = create(backend)
    assert json_body(get(backend, "servicerequestupdates.json", api_key="")) == []
    change_status(backend, reference, "triaged", note="Only for staff", public=False)
    change_status(backend, reference, "in_progress", note="A crew is on the way")
    note = backend.http.post(
        f"{backend.api}/cases/{reference}/notes",
        json={"body": "Cones are out", "public": True},
        headers=jo(backend),
    )
    assert note.status_code == 201
    backend.http.post(
        f"{backend.api}/cases/{reference}/notes",
        json={"body": "Private: caller was cross", "public": False},
        headers=jo(backend),
    )
    change_status(backend, reference, "resolved", note="Filled")

    updates = json_body(get(backend, "servicerequestupdates.json", api_key=""))
    assert all(list(u) == UPDATE_FIELDS for u in updates)
    assert all(W3C.match(u["updated_datetime"]) for u in updates)
    assert all(u["service_request_id"] == reference for u in updates)
    assert [
        (u["status"], u["external_status_code"], u["description"], u["media_url"]) for u in updates
    ] == [
        ("INVESTIGATING", "triaged", None, None),
        ("IN_PROGRESS", "in_progress", "A crew is on the way", None),
        ("IN_PROGRESS", "in_progress", "Cones are out", None),
        ("FIXED", "resolved", "Filled", None),
    ]
    ids = [u["update_id"] for u in updates]
    assert len(set(ids)) == 4
    assert all(isinstance(i, str) for i in ids)
    assert "Private" not in get(backend, "servicerequestupdates.json").text

    root = xml(get(backend, "servicerequestupdates.xml", api_key=backend.api_key))
    assert root.tag == "service_request_updates"
    assert [u.tag for u in root] == ["request_update"] * 4
    assert [c.tag for c in root[0]] == UPDATE_FIELDS
    assert [u.findtext("update_id") for u in root] == ids
    assert root[0].findtext("description") == ""

    now = datetime.now(UTC).replace(microsecond=0)
    window = get(
        backend,
        "servicerequestupdates.json",
        start_date=(now - timedelta(hours=2)).isoformat(),
        end_date=(now + timedelta(minutes=5)).isoformat().replace("+00:00", "Z"),
    ).json()
    assert [u["update_id"] for u in window] == ids
    earlier = get(
        backend,
        "servicerequestupdates.json",
        start_date=(now - timedelta(days=3)).isoformat(),
        end_date=(now - timedelta(days=2)).isoformat(),
    ).json()
    assert earlier == []
    paged = get(backend, "servicerequestupdates.json", page="2", page_size="3").json()
    assert [u["update_id"] for u in paged] == ids[3:]
    naive = get(backend, "servicerequestupdates.json", start_date="2026-11-01T00:00:00")
    assert naive.status_code == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_posting_fixed_closes_an_open_request(backend, fmt):
    reference = create(backend)
    response = post(
        backend,
        f"servicerequestupdates.{fmt}",
        _update(backend, reference, "FIXED", "Filled in by the utility company — diolch"),
    )
    assert response.status_code == 200, response.text
    if fmt == "json":
        (created,) = json_body(response)
        assert list(created) == ["update_id"]
        update_id = created["update_id"]
    else:
        root = xml(response)
        assert root.tag == "service_request_updates"
        assert [(u.tag, [c.tag for c in u]) for u in root] == [("request_update", ["update_id"])]
        update_id = root.findtext("request_update/update_id")
    assert isinstance(update_id, str)

    (record,) = get(backend, f"requests/{reference}.json").json()
    assert record["status"] == "closed"
    assert record["status_notes"] == "Filled in by the utility company — diolch"
    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
    assert case["status"] == "resolved"
    assert case["history"][-1]["note"] == "Filled in by the utility company — diolch"
    # The update is listed under the id we answered with, so a client never imports it twice.
    updates = get(backend, "servicerequestupdates.json").json()
    assert [(u["update_id"], u["status"]) for u in updates] == [(update_id, "FIXED")]
    assert "Rhiannon" not in get(backend, "servicerequestupdates.json").text


def test_posting_open_on_an_open_request_adds_a_public_note(backend):
    reference = create(backend)
    response = post(
        backend,
        "servicerequestupdates.json",
        _update(
            backend,
            reference,
            "OPEN",
            "It is getting bigger",
            media_url="https://example.org/photos/2.jpg",
        ),
    )
    assert response.status_code == 200, response.text
    update_id = response.json()[0]["update_id"]
    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
    assert case["status"] == "submitted"
    public = [n["body"] for n in case["notes"] if n["public"]]
    assert public == ["It is getting bigger"]
    private = [n["body"] for n in case["notes"] if not n["public"]]
    assert any("https://example.org/photos/2.jpg" in body for body in private)
    updates = get(backend, "servicerequestupdates.json").json()
    assert [(u["update_id"], u["status"], u["description"]) for u in updates] == [
        (update_id, "OPEN", "It is getting bigger")
    ]
    nothing = post(backend, "servicerequestupdates.json", _update(backend, reference, "OPEN"))
    assert nothing.status_code == 400


def test_reopening_follows_the_workflow(backend):
    resolved = create(backend)
    change_status(backend, resolved, "resolved")
    response = post(
        backend,
        "servicerequestupdates.json",
        _update(backend, resolved, "REOPEN", "Still there"),
    )
    assert response.status_code == 200, response.text
    case = backend.http.get(f"{backend.api}/cases/{resolved}", headers=jo(backend)).json()
    assert case["status"] == "in_progress"

    closed = create(backend)
    change_status(backend, closed, "closed")
    response = post(
        backend, "servicerequestupdates.json", _update(backend, closed, "OPEN", "Not fixed!")
    )
    assert response.status_code == 200, response.text
    case = backend.http.get(f"{backend.api}/cases/{closed}", headers=jo(backend)).json()
    # A closed case cannot reopen, so only the words are kept.
    assert case["status"] == "closed"
    assert [n["body"] for n in case["notes"] if n["public"]] == ["Not fixed!"]


def test_posting_updates_checks_key_fields_and_request(backend):
    reference = create(backend)
    form = _update(backend, reference, "FIXED", "Done")
    missing_key = post(backend, "servicerequestupdates.xml", form | {"api_key": ""})
    assert missing_key.status_code == 403
    assert errors(missing_key, "xml") == [(403, "An api_key is required to do this.")]
    bad_key = post(backend, "servicerequestupdates.json", form | {"api_key": "nope"})
    assert bad_key.status_code == 403
    gaps = post(
        backend, "servicerequestupdates.json", form | {"update_id": "", "updated_datetime": ""}
    )
    assert errors(gaps) == [
        (400, "update_id is required."),
        (400, "updated_datetime is required."),
    ]
    naive = post(
        backend,
        "servicerequestupdates.json",
        form | {"updated_datetime": "2026-11-01T10:00:00"},
    )
    assert naive.status_code == 400
    status = post(backend, "servicerequestupdates.json", form | {"status": "EXPLODED"})
    assert status.status_code == 400
    assert errors(status)[0][1].startswith("status must be one of ")
    unknown = post(
        backend, "servicerequestupdates.json", form | {"service_request_id": "222-222-222"}
    )
    assert unknown.status_code == 404
    wrong_type = backend.http.post(f"{backend.open311}/servicerequestupdates.json", json=form)
    assert wrong_type.status_code == 400
    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=jo(backend)).json()
    assert case["status"] == "submitted"
