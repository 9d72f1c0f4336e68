"""The public tracking page a customer's phone opens from the kiosk's QR code."""

from __future__ import annotations

from shared.references import parse


def _pothole(backend):
    kiosk, _ = backend.enrol()
    service = backend.context.catalogue.service("pothole")
    answers = {a.code: a.values[0].key for a in service.attributes if a.values}
    body = {"service_code": "pothole", "answers": answers, "place": {"address": "1 High St"}}
    return backend.create_case(kiosk, body).json()["reference"]


def _pothole_and_token(backend):
    kiosk, _ = backend.enrol()
    service = backend.context.catalogue.service("pothole")
    answers = {a.code: a.values[0].key for a in service.attributes if a.values}
    body = {"service_code": "pothole", "answers": answers, "place": {"address": "1 High St"}}
    created = backend.create_case(kiosk, body).json()
    return created["reference"], created["tracking_token"]


def test_status_and_public_history_without_private_words(backend):
    reference, token = _pothole_and_token(backend)
    jo = backend.login("jo")
    backend.http.post(
        f"{backend.api}/cases/{reference}/status", json={"status": "in_progress"}, headers=jo
    ).raise_for_status()
    for body, public in (("A crew is booked for Thursday.", True), ("crew 4 internal", False)):
        backend.http.post(
            f"{backend.api}/cases/{reference}/notes",
            json={"body": body, "public": public},
            headers=jo,
        ).raise_for_status()
    page = backend.http.get(
        f"{backend.url}/track/{parse(reference).display.lower()}", params={"t": token}
    )
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    html = page.text
    assert parse(reference).display in html
    assert "Being worked on" in html
    assert "A crew is booked for Thursday." in html
    assert "crew 4 internal" not in html
    assert "1 High St" not in html  # no personal or place detail beyond the service

    api = backend.http.get(f"{backend.api}/track/{reference}", params={"t": token}).json()
    assert [u["text"] for u in api["updates"]] == ["A crew is booked for Thursday."]


def test_a_mistyped_reference_is_explained_with_a_box_to_try_again(backend):
    reference = _pothole(backend)
    typo = reference[:4] + ("3" if reference[4] != "3" else "4") + reference[5:]
    page = backend.http.get(f"{backend.url}/track/{typo}")
    assert page.status_code == 422
    assert "mistyped" in page.text
    assert 'name="reference"' in page.text
    assert "<script" not in page.text


def test_the_form_goes_to_the_reference_typed(backend):
    reference = _pothole(backend)
    typed = " " + parse(reference).display.lower() + " "
    response = backend.http.get(
        f"{backend.url}/track", params={"reference": typed}, allow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/track/{reference}"
    empty = backend.http.get(f"{backend.url}/track")
    assert empty.status_code == 200
    assert 'name="reference"' in empty.text
    assert '<a href="/performance">' in empty.text  # the council's figures, one step away


def test_each_look_up_that_finds_a_case_is_counted_for_the_figures(backend):
    """Progress chasing, counted without keeping what was looked up: by day, by where,
    and whether the case was still open."""
    from sqlalchemy import select

    from casebackend.cases.models import TrackLookup

    reference = _pothole(backend)
    assert backend.http.get(f"{backend.url}/track/{reference}").status_code == 200
    assert backend.http.get(f"{backend.api}/track/{reference}").status_code == 200
    assert backend.http.get(f"{backend.api}/track/{reference}").status_code == 200
    assert backend.http.get(f"{backend.url}/track/K2A-222-2KD").status_code != 200
    with backend.context.sessions() as session:
        rows = session.execute(
            select(TrackLookup.via, TrackLookup.open_case, TrackLookup.lookups)
        ).all()
    assert sorted((via, bool(still_open), count) for via, still_open, count in rows) == [
        ("api", True, 2),
        ("web", True, 1),
    ]
