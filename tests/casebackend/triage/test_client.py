"""The apps' client speaks every triage route, and a refusal arrives as the backend's own
plain error (SQLite only: the routes are the same on both databases)."""

from __future__ import annotations

import pytest

from shared.client.backend import BackendClient
from shared.errors import Conflict, Forbidden, NotFound
from shared.triage.schemas import (
    SpeakToSomeone,
    Transfer,
    TriageKind,
    TriageOutcome,
    TriageState,
    WalkInCreate,
)
from tests.conftest import Backend


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


def test_a_greeter_and_a_kiosk_work_the_list_through_the_client(backend: Backend) -> None:
    headers, _ = backend.enrol("shop")
    kiosk_token = headers["Authorization"].removeprefix("Bearer ")
    sam_token = backend.login("sam")["Authorization"].removeprefix("Bearer ")
    with (
        BackendClient(backend.url, token=sam_token) as sam,
        BackendClient(backend.url, token=kiosk_token) as kiosk,
    ):
        walk_in = sam.add_walk_in(WalkInCreate(topics=("Council tax",)))
        ticket = kiosk.speak_to_someone(SpeakToSomeone(service_code="missed_bin"))
        assert (walk_in.ticket, ticket.ticket, ticket.ahead) == ("W001", "W002", 1)
        with pytest.raises(Forbidden):
            sam.speak_to_someone(SpeakToSomeone())
        listed = sam.triage_list()
        assert [entry.ticket for entry in listed.entries] == ["W001", "W002"]

        called = sam.call_next()
        assert (called.id, called.state) == (walk_in.id, TriageState.CALLED)
        parked = sam.park(walk_in.id, "Fetching a bill")
        assert parked.state is TriageState.PARKED
        sam.triage_action(walk_in.id, "call")
        closed = sam.close_entry(walk_in.id, TriageOutcome.RESOLVED)
        assert closed.state is TriageState.CLOSED
        with pytest.raises(Conflict, match="already been dealt with"):
            sam.triage_action(walk_in.id, "no-show")

        moved = sam.transfer(ticket.id, Transfer(to_advisor=True, note="Bins"))
        assert (moved.kind, moved.for_advisor) == (TriageKind.WALK_IN, True)
        sam.triage_action(ticket.id, "call")
        assert sam.triage_action(ticket.id, "no-show").state is TriageState.NO_SHOW
        with pytest.raises(NotFound, match="Nobody is waiting"):
            sam.call_next()
