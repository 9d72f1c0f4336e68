"""A help request passed on from the mirror (Pass on…, ``/api/v1/triage/{id}/transfer`` to a
colleague) is marked as a pass on the hub's claim (``HelpClaimed.passed_by``): to desks of
this version (``/live?reads=passes``), on SQLite and PostgreSQL, and across two backend
processes sharing the PostgreSQL broker. A plain claim is not marked; a kiosk, and a desk of
the previous version, get every claim as that version reads it (it refuses a field it does
not know)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict
from websockets.sync.client import connect

from shared.live.messages import (
    READS_PASSES,
    DeskWelcome,
    HelpClaim,
    HelpClaimed,
    HelpRaise,
    HelpRaised,
    KioskWelcome,
    StaffRef,
)
from tests.casebackend.live.test_across_processes import Process, processes  # noqa: F401
from tests.casebackend.test_live import Peer, _context, _ws_url, desk, kiosk_socket
from tests.conftest import Backend


class _PreviousHelpClaimed(BaseModel):
    """``help.claimed`` as the previous version of the desk and kiosk read it."""

    model_config = ConfigDict(extra="forbid")

    v: int
    type: str
    help_id: str
    staff: StaffRef
    claimed_at: datetime


@contextmanager
def new_desk(backend: Backend, username: str, location: str | None = None) -> Iterator[Peer]:
    """A desk of this version: it asks for passes to be marked."""
    url = _ws_url(backend, location)
    url += ("&" if "?" in url else "?") + f"reads={READS_PASSES}"
    with connect(url, additional_headers=backend.login(username)) as socket:
        yield Peer(socket)


def claimed_raw(peer: Peer) -> dict[str, Any]:
    """The next ``help.claimed`` as it came over the wire (nothing else is looked at)."""
    while True:
        raw: dict[str, Any] = json.loads(peer.socket.recv(timeout=5))
        if raw["type"] == "help.claimed":
            return raw


def pass_to(backend: Backend, help_id: str, colleague: int, *, by: str = "sam") -> None:
    answered = backend.http.post(
        f"{backend.api}/triage/{help_id}/transfer",
        json={"staff_id": colleague, "note": "Stuck on the address"},
        headers=backend.login(by),
    )
    assert answered.status_code == 200, answered.text


def claim_and_pass(here: Backend, there: Backend) -> None:
    """A kiosk, Alex's desk of this version and Alex's desk of the previous version on
    ``here``, Sam's desk on ``there``: raised at the kiosk, claimed by Sam (a plain claim),
    passed by Sam to Alex through ``there``'s API (a pass). What each of the four is told."""
    headers, _ = here.enrol("shop")
    with (
        kiosk_socket(here, headers) as kiosk,
        new_desk(there, "sam") as sam,
        new_desk(here, "alex", "shop") as alex,
        desk(here, "alex", "shop") as old,
    ):
        kiosk.expect(KioskWelcome)
        told(there, kiosk, sam, alex, old)


def told(there: Backend, kiosk: Peer, sam: Peer, alex: Peer, old: Peer) -> None:
    sam_id = sam.expect(DeskWelcome).staff.id
    welcome = alex.expect(DeskWelcome)
    assert welcome.marks_passes
    old_welcome = json.loads(old.socket.recv(timeout=5))
    assert old_welcome["type"] == "desk.welcome"
    assert "marks_passes" not in old_welcome, "the previous desk refuses a field it does not know"
    help_id = uuid.uuid4().hex
    kiosk.send(HelpRaise(help_id=help_id, context=_context()))
    for peer in (sam, alex):
        assert peer.expect(HelpRaised).request.id == help_id

    sam.send(HelpClaim(help_id=help_id))
    plain = sam.expect(HelpClaimed)
    assert plain.passed_by is None
    assert alex.expect(HelpClaimed).passed_by is None
    for peer in (kiosk, old):
        raw = claimed_raw(peer)
        assert "passed_by" not in raw
        # As the previous version read it: a field it does not know refused.
        _PreviousHelpClaimed.model_validate(raw)

    pass_to(there, help_id, welcome.staff.id)
    passed = alex.expect(HelpClaimed)
    assert passed.staff.id == welcome.staff.id
    assert passed.passed_by == StaffRef(id=sam_id, name="Sam")
    # Every desk of this version hears who passed it; only the colleague's alerts.
    assert sam.expect(HelpClaimed).passed_by == passed.passed_by
    for peer in (kiosk, old):
        raw = claimed_raw(peer)
        assert "passed_by" not in raw
        assert _PreviousHelpClaimed.model_validate(raw).staff.id == welcome.staff.id


def test_a_pass_is_marked_on_the_claim_and_a_plain_claim_is_not(backend: Backend) -> None:
    claim_and_pass(backend, backend)


@pytest.mark.postgresql
def test_a_pass_is_marked_across_processes(
    processes: tuple[Process, Process],  # noqa: F811
) -> None:
    """The kiosk and Alex's desks on one, Sam's desk on two, the pass made through two's
    API: Alex's desk on one hears it marked through the broker."""
    claim_and_pass(processes[0].backend, processes[1].backend)
