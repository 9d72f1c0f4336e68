"""A kiosk of this version against a backend from before the ``booked`` outcome: the real
backend on loopback, its visits route reading the outcomes of then (what that backend's
FastAPI answered: 422 naming the field). The visit is sent again as a kiosk from before
reported it, and counted, not held where nobody counts it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import Body, Response, status
from sqlalchemy import select

from casebackend.api.dependencies import Caller, DbSession
from casebackend.app import build_context, create_app
from casebackend.db.engine import unit_of_work
from casebackend.visits import service
from casebackend.visits.models import Visit
from kiosk.outbox import Outbox
from shared.client import BackendClient
from shared.schema import schema
from shared.visits.schemas import VisitCreate, VisitOutcome, VisitRead
from tests.conftest import Backend, LiveServer
from tests.kiosk.outbox.conftest import T0, visit


@schema
class _EarlierVisitCreate(VisitCreate):
    """A visit as a backend from before ``booked`` read it."""

    outcome: Literal["submitted", "tracked", "informed", "left", "timed_out"]  # type: ignore[assignment]


@contextmanager
def earlier_backend(backend: Backend) -> Iterator[str]:
    """The real backend on ``backend``'s database, but for its visits route's outcomes."""
    settings = backend.context.settings
    app = create_app(settings, build_context(settings))

    def record_visit(
        body: Annotated[_EarlierVisitCreate, Body()],
        caller: Caller,
        session: DbSession,
        response: Response,
    ) -> VisitRead:
        read = service.record_visit(session, caller, body)
        if not read.recorded:
            response.status_code = status.HTTP_200_OK
        return read

    app.add_api_route(
        "/api/v1/visits", record_visit, methods=["POST"], status_code=status.HTTP_201_CREATED
    )
    # First, so it answers before the route of today's backend.
    app.router.routes.insert(0, app.router.routes.pop())
    with LiveServer(app) as server:
        yield server.url


def stored_outcomes(backend: Backend) -> dict[str, str]:
    with unit_of_work(backend.context.sessions) as session:
        return {row.id: row.outcome.value for row in session.scalars(select(Visit))}


def test_a_booked_visit_goes_as_left_to_a_backend_that_does_not_know_booked(
    backend: Backend, outbox: Outbox
) -> None:
    headers, _ = backend.enrol("shop")
    token = headers["Authorization"].removeprefix("Bearer ")
    booked = visit(outcome=VisitOutcome.BOOKED, service_code="appointment", satisfaction=None)
    left = visit(outcome=VisitOutcome.LEFT, ended_at=T0 + timedelta(minutes=5))
    outbox.record_visit(booked, now=T0)
    outbox.record_visit(left, now=T0)
    with earlier_backend(backend) as url, BackendClient(url, token=token, retries=0) as client:
        result = outbox.sync_once(client, now=T0)
    assert (result.sent, result.held, result.pending) == (2, 0, 0)
    assert stored_outcomes(backend) == {booked.id: "left", left.id: "left"}


def test_a_backend_that_knows_booked_gets_it_as_it_is(backend: Backend, outbox: Outbox) -> None:
    headers, _ = backend.enrol("shop")
    token = headers["Authorization"].removeprefix("Bearer ")
    booked = visit(outcome=VisitOutcome.BOOKED, service_code="appointment", satisfaction=None)
    outbox.record_visit(booked, now=T0)
    with BackendClient(backend.url, token=token, retries=0) as client:
        assert outbox.sync_once(client, now=T0).sent == 1
    assert stored_outcomes(backend) == {booked.id: "booked"}


def test_sent_again_and_refused_for_another_reason_it_is_held_for_that(
    backend: Backend, outbox: Outbox
) -> None:
    """Sent again as ``left``, a visit the backend refuses for a reason of its own (here,
    sent with a member of staff's sign-in, which records no visit) is held as any refused
    visit is, with that reason: not with the outcome's."""
    token = backend.login("sam")["Authorization"].removeprefix("Bearer ")
    booked = visit(outcome=VisitOutcome.BOOKED, service_code="appointment", satisfaction=None)
    outbox.record_visit(booked, now=T0)
    with earlier_backend(backend) as url, BackendClient(url, token=token, retries=0) as client:
        result = outbox.sync_once(client, now=T0)
    assert (result.sent, result.held) == (0, 1)
    assert [h.error for h in outbox.held_visits()] == ["forbidden"]
    assert stored_outcomes(backend) == {}
