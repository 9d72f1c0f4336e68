"""Visits and satisfaction on the real backend (SQLite and PostgreSQL): a kiosk's visit is
stored once whatever the retries, its rating with it; staff record ratings from other
channels, at their own locations; nothing identifies a customer."""

from __future__ import annotations

import uuid
from typing import Any

import requests
from sqlalchemy import select

from casebackend.organisation.models import Location
from casebackend.visits.models import SatisfactionResponse, Visit
from tests.casebackend.privacy.helpers import streetlight
from tests.conftest import Backend


def visit(**changes: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex,
        "started_at": "2026-12-01T10:00:00Z",
        "ended_at": "2026-12-01T10:04:30Z",
        "language": "pl",
        "service_code": "streetlight",
        "outcome": "left",
        "help_requested": True,
        "helped": True,
    } | changes


def post(backend: Backend, headers: dict[str, str], body: dict[str, Any]) -> requests.Response:
    return backend.http.post(f"{backend.api}/visits", json=body, headers=headers)


def stored(backend: Backend) -> tuple[list[Visit], list[SatisfactionResponse]]:
    with backend.context.sessions() as session:
        visits = list(session.scalars(select(Visit).order_by(Visit.started_at)))
        ratings = list(
            session.scalars(select(SatisfactionResponse).order_by(SatisfactionResponse.id))
        )
        session.expunge_all()
    return visits, ratings


def shop_id(backend: Backend) -> int:
    with backend.context.sessions() as session:
        return session.scalars(select(Location.id).where(Location.code == "shop")).one()


def test_a_visit_with_its_rating_is_stored_once_however_often_it_is_sent(backend: Backend):
    kiosk, enrolment = backend.enrol("shop")
    case = streetlight(backend, kiosk)
    body = visit(
        outcome="submitted",
        case_reference=case["reference"],
        satisfaction={"rating": "average", "comment": "The map was hard to use"},
    )
    first = post(backend, kiosk, body)
    assert (first.status_code, first.json()) == (201, {"id": body["id"], "recorded": True})
    again = post(backend, kiosk, body)
    assert (again.status_code, again.json()) == (200, {"id": body["id"], "recorded": False})

    (saved,), (rating,) = stored(backend)
    assert saved.device_id == enrolment["device_id"]
    assert saved.location_id == shop_id(backend)
    assert (saved.outcome, saved.language, saved.helped) == ("submitted", "pl", True)
    # The compact form, as cases keep it, whichever way the kiosk wrote it.
    assert saved.case_reference == case["reference"].replace("-", "")
    assert (rating.rating, rating.comment, rating.visit_id) == (
        "average",
        "The map was hard to use",
        body["id"],
    )
    # Helped by a greeter: the channel is the assisted kiosk.
    assert rating.channel == "assisted_kiosk"
    assert rating.location_id == saved.location_id
    assert rating.service_code == "streetlight"


def test_a_visit_without_a_rating_stores_no_rating_and_a_self_served_one_is_the_kiosks(
    backend: Backend,
):
    kiosk, _ = backend.enrol("shop")
    assert post(backend, kiosk, visit()).status_code == 201
    assert (
        post(
            backend,
            kiosk,
            visit(help_requested=False, helped=False, satisfaction={"rating": "good"}),
        ).status_code
        == 201
    )
    visits, ratings = stored(backend)
    assert len(visits) == 2
    assert [(r.channel, r.rating, r.comment) for r in ratings] == [("kiosk", "good", None)]


def test_bad_visits_are_refused_plainly(backend: Backend):
    kiosk, _ = backend.enrol("shop")
    for bad in (
        visit(ended_at="2026-12-01T09:00:00Z"),  # before it started
        visit(help_requested=False),  # helped without asking
        visit(outcome="submitted"),  # submitted, but no reference
        visit(case_reference="K2A-222-2KD"),  # a reference on a visit that made no case
        visit(outcome="submitted", case_reference="K2A-222-2KD"),  # a wrong check character
        visit(id="not-a-visit-id"),
        visit(satisfaction={"rating": "superb"}),
    ):
        answer = post(backend, kiosk, bad)
        assert answer.status_code == 422, (bad, answer.text)
        assert answer.json()["message"]
    assert stored(backend) == ([], [])


def test_another_kiosk_cannot_take_a_visits_id_and_staff_cannot_post_visits(backend: Backend):
    one, _ = backend.enrol("shop")
    other, _ = backend.enrol("lib-central")
    body = visit()
    assert post(backend, one, body).status_code == 201
    assert post(backend, other, body).status_code == 409
    assert post(backend, backend.login("sam"), visit()).status_code == 403
    assert len(stored(backend)[0]) == 1


def test_staff_record_ratings_from_other_channels_at_their_own_locations(backend: Backend):
    kiosk, _ = backend.enrol("shop")
    case = streetlight(backend, kiosk)
    sam = backend.login("sam")
    answer = backend.http.post(
        f"{backend.api}/satisfaction",
        json={
            "channel": "face_to_face",
            "rating": "good",
            "case_reference": case["reference"],
            "comment": "Sam was lovely",
        },
        headers=sam,
    )
    assert answer.status_code == 201, answer.text
    read = answer.json()
    # The service and the place come from the case; the comment is not given back.
    assert (read["service_code"], read["location"], read["has_comment"]) == (
        "streetlight",
        "shop",
        True,
    )
    assert "Sam was lovely" not in answer.text
    phone = backend.http.post(
        f"{backend.api}/satisfaction",
        json={"channel": "phone", "rating": "poor", "service_code": "missed_bin"},
        headers=backend.login("jo"),
    )
    assert phone.status_code == 201, phone.text
    assert phone.json()["location"] is None
    # Priya works at Northgate library: not the shop's case.
    elsewhere = backend.http.post(
        f"{backend.api}/satisfaction",
        json={"channel": "face_to_face", "rating": "good", "case_reference": case["reference"]},
        headers=backend.login("priya"),
    )
    assert elsewhere.status_code == 403
    unknown = backend.http.post(
        f"{backend.api}/satisfaction",
        json={"channel": "phone", "rating": "good", "case_reference": "K2A-222-2KC"},
        headers=sam,
    )
    assert unknown.status_code in (404, 422)
    assert [r.channel for r in stored(backend)[1]] == ["face_to_face", "phone"]
