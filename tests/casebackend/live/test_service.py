"""The help requests' record: how few statements a raise and a claim take (an alert waits
for the raise's transaction, and on SQLite every other transaction waits for it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from casebackend.db.engine import unit_of_work
from casebackend.identity import service as identity
from casebackend.identity.principal import Principal
from casebackend.live import service
from casebackend.triage import service as triage
from shared.live.messages import HelpRequest
from tests.casebackend.test_live import _context
from tests.conftest import Backend


@contextmanager
def statements_of(session: Session) -> Iterator[list[str]]:
    """What the session's own connection runs on help requests (not the hub's other work)."""
    seen: list[str] = []
    connection = session.connection()

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "help_sessions" in statement:
            seen.append(statement.split(maxsplit=1)[0].upper())

    event.listen(connection, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(connection, "before_cursor_execute", note)


def _principal(backend: Backend, headers: dict[str, str]) -> Principal:
    token = headers["Authorization"].partition(" ")[2]
    with unit_of_work(backend.context.sessions) as session:
        return identity.principal_for_bearer(session, token)


def test_a_raise_reads_the_requests_once_and_a_claim_writes_once(backend: Backend) -> None:
    kiosk = _principal(backend, backend.enrol("shop")[0])
    greeter = _principal(backend, backend.login("sam"))
    location_id = next(iter(kiosk.location_ids))
    help_id = uuid.uuid4().hex

    def raise_it(session: Session) -> tuple[HelpRequest, bool, list[str]]:
        request, created, ended, _ = triage.raise_help(
            session,
            kiosk,
            help_id,
            _context(),
            backend.context.settings,
            desks_at=frozenset({location_id}),
        )
        return request, created, ended

    with unit_of_work(backend.context.sessions) as session, statements_of(session) as raised:
        place = service.desk_place(session, greeter, "shop")
        request, created, ended = raise_it(session)
    assert (request.id, created, ended) == (help_id, True, [])
    # The request by id and the kiosk's open ones in one read, then the insert.
    assert raised == ["SELECT", "INSERT"]

    with unit_of_work(backend.context.sessions) as session, statements_of(session) as claimed:
        claimed_at, device_id = service.claim(session, greeter, help_id, place)
    assert device_id == request.device_id
    # The row read once, claimed in one statement that answers what it wrote (no re-read).
    assert claimed == ["SELECT", "UPDATE"]
    with unit_of_work(backend.context.sessions) as session:
        again = service.open_request_of(session, device_id)
    assert again is not None
    assert again.claimed_by is not None
    assert (again.claimed_by.id, again.claimed_at) == (greeter.id, claimed_at)

    # A raise again (a kiosk reconnecting) changes nothing.
    with unit_of_work(backend.context.sessions) as session:
        _, created, _ = raise_it(session)
    assert not created
