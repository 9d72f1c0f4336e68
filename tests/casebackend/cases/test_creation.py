"""Case creation's fast path, on SQLite and PostgreSQL: references reserved in blocks stay
unique across processes (here two engines on one database, as two processes would have),
many requests at once each make one whole case, and a replay is answered as before."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from casebackend.audit.models import AuditEvent
from casebackend.cases.models import ActorKind, Case, CaseStatusChange, ReferenceIssuer
from casebackend.cases.references import BLOCK, ensure_backend_issuer, next_backend_reference
from casebackend.db import migrate
from casebackend.db.engine import make_engine, make_session_factory, unit_of_work
from shared.references import CaseReference
from tests.casebackend.cases.test_api import pothole
from tests.conftest import wait_until


@pytest.fixture
def two_engines(database_url: str) -> Iterator[list[sessionmaker[Session]]]:
    engines: list[Engine] = [make_engine(database_url) for _ in range(2)]
    migrate.upgrade(engines[0])
    factories = [make_session_factory(engine) for engine in engines]
    with unit_of_work(factories[0]) as session:
        ensure_backend_issuer(session)
    yield factories
    for engine in engines:
        engine.dispose()


def _issue(factory: sessionmaker[Session], count: int) -> list[str]:
    issued = []
    for _ in range(count):
        with unit_of_work(factory) as session:
            issued.append(next_backend_reference(session).compact)
    return issued


def test_reference_blocks_never_overlap_across_engines(two_engines):
    # Two threads on each engine, each past two blocks: every reservation races another.
    count = 2 * BLOCK + 5
    with ThreadPoolExecutor(4) as pool:
        batches = list(pool.map(_issue, two_engines * 2, [count] * 4))
    issued = [reference for batch in batches for reference in batch]
    assert len(issued) == 4 * count
    assert len(set(issued)) == len(issued)


def test_a_block_reserved_in_a_rolled_back_transaction_is_never_handed_out(two_engines):
    first, second = two_engines
    with first() as session:
        next_backend_reference(session)
        session.rollback()
    # On SQLite the counter did not move: the second engine reserves the same numbers, so
    # the first must not hand out what is left of the block it reserved and lost.
    from_second = _issue(second, 3)
    from_first = _issue(first, 3)
    assert not set(from_first) & set(from_second)
    assert len(set(from_first)) == len(set(from_second)) == 3


def test_cases_created_at_once_each_get_a_reference_history_and_audit(backend):
    kiosk, _ = backend.enrol()
    body = pothole(backend)
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: backend.create_case(kiosk, body), range(BLOCK + 16)))
    assert {r.status_code for r in responses} == {201}, [r.text for r in responses[:3]]
    references = [r.json()["reference"] for r in responses]
    assert len(set(references)) == len(references)
    with backend.context.sessions() as session:
        ids = set(session.scalars(select(Case.id).where(Case.reference.in_(references))))
        history = session.execute(
            select(CaseStatusChange.case_id, func.count()).group_by(CaseStatusChange.case_id)
        ).all()
        audited = session.execute(
            select(AuditEvent.case_id, func.count())
            .where(AuditEvent.action == "create")
            .group_by(AuditEvent.case_id)
        ).all()
    assert len(ids) == len(references)
    assert dict(history) == dict.fromkeys(ids, 1)
    assert dict(audited) == dict.fromkeys(ids, 1)


def test_a_replay_is_answered_as_the_case_was_made(backend):
    kiosk, enrolment = backend.enrol()
    # A kiosk's own reference too: the replay must be found by its key, not fail on it.
    reference = CaseReference.issue(enrolment["issuer"], 7).compact
    key = uuid.uuid4().hex
    body = pothole(backend, reference=reference)
    first = backend.create_case(kiosk, body, key)
    again = backend.create_case(kiosk, body, key)
    assert (first.status_code, again.status_code) == (201, 200), again.text
    made, replayed = first.json(), again.json()
    # Only the creator's answer carries the tracking token: the case keeps its hash alone.
    assert made.pop("tracking_token")
    assert replayed.pop("tracking_token") is None
    assert replayed == made
    with backend.context.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        assert session.scalar(select(func.count()).select_from(CaseStatusChange)) == 1


def test_a_reference_used_again_under_a_new_key_is_a_conflict(backend):
    kiosk, enrolment = backend.enrol()
    body = pothole(backend, reference=CaseReference.issue(enrolment["issuer"], 9).compact)
    assert backend.create_case(kiosk, body).status_code == 201
    again = backend.create_case(kiosk, body)
    assert again.status_code == 409, again.text
    assert again.json()["code"] == "conflict"
    with backend.context.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1
        creates = select(func.count()).where(AuditEvent.action == "create")
        assert session.scalar(creates) == 1


@pytest.mark.postgresql
def test_backends_starting_at_once_share_the_first_issuer(postgresql_url: str) -> None:
    """Two processes starting on one new PostgreSQL database: the second waits for the
    first's issuer instead of failing on the same issuer number (it did, one start in a
    few). SQLite's writers take turns already."""
    first, second = (make_engine(postgresql_url) for _ in range(2))
    try:
        migrate.upgrade(first)
        started = make_session_factory(first)()
        ensure_backend_issuer(started)  # made, not committed yet
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(_start, make_session_factory(second))
            wait_until(lambda: _waiting_for_a_lock(first), what="the second start to wait")
            started.commit()
            started.close()
            waiting.result(timeout=30)
        with Session(first) as session:
            kinds = session.scalars(select(ReferenceIssuer.kind)).all()
        assert kinds.count(ActorKind.SYSTEM) == 1
    finally:
        first.dispose()
        second.dispose()


def _start(factory: sessionmaker[Session]) -> None:
    with unit_of_work(factory) as session:
        ensure_backend_issuer(session)


def _waiting_for_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(
            connection.scalar(
                select(func.count()).select_from(text("pg_locks")).where(text("not granted"))
            )
        )
