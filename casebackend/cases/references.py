"""Handing out case references.

Kiosks get an issuer (a three-character prefix) at enrolment and count on their own, so an
offline kiosk still issues real references. Cases the backend makes itself (staff, Open311)
take the next number of one backend-wide counter — a PostgreSQL sequence, which never
locks, or a counter row on SQLite, whose writers are serialised anyway — and number N
becomes sequence ``N mod 29**5`` of the ``N div 29**5``-th backend issuer.

Each process reserves numbers from the counter in blocks of :data:`BLOCK` and hands them
out from memory, so a case costs no counter statement. Numbers stay unique across processes
and machines on one database: a block is the counter's own (PostgreSQL's ``nextval`` is
never handed out twice, even when its transaction rolls back; SQLite's counter row is
advanced in the request's transaction, and the rest of the block is used only once that
transaction has committed). The numbers a process had not used when it stopped are never
used: references have gaps, of at most a block per process and restart.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque

from sqlalchemy import Engine, event, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, SessionTransaction

from casebackend.cases.models import ActorKind, Counter, ReferenceIssuer
from shared import references
from shared.references import CaseReference

BACKEND_COUNTER = "backend_reference"
POSTGRESQL_SEQUENCE = "backend_reference_seq"
_PER_ISSUER = references.MAX_SEQUENCE + 1
# Issuer numbers are spread over the space so neighbouring kiosks' references differ.
_STRIDE = 7919  # prime, coprime with 29**3


def _issuer_code(number: int) -> str:
    return references.encode_issuer((number * _STRIDE + 1000) % (references.MAX_ISSUER + 1))


# Issuers are numbered one past the highest. On PostgreSQL two processes allocating at
# once (two backends starting on one database, two kiosks enrolling through two machines)
# would read the same highest number, and the second's insert would fail; this lock, held
# until the transaction ends, makes them take turns. SQLite's writers take turns already.
_ISSUER_LOCK = 0x4653_5249


def _take_turns_with_issuers(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_ISSUER_LOCK)))


def allocate_issuer(session: Session, kind: ActorKind) -> ReferenceIssuer:
    """A new issuer row (flushed in the caller's transaction)."""
    _take_turns_with_issuers(session)
    highest = session.scalar(select(func.max(ReferenceIssuer.number)))
    number = 0 if highest is None else highest + 1
    if number > references.MAX_ISSUER:
        raise RuntimeError("every case-reference issuer is in use")
    issuer = ReferenceIssuer(number=number, code=_issuer_code(number), kind=kind)
    session.add(issuer)
    session.flush()
    return issuer


# Numbers reserved per process: enough that the counter is touched once in a while, few
# enough that a restart leaves a small gap.
BLOCK = 64


def _reserve_from_sequence(session: Session, count: int) -> list[int]:
    """``count`` numbers of the PostgreSQL sequence: each ``nextval`` is never given twice."""
    values = session.scalars(
        select(func.nextval(POSTGRESQL_SEQUENCE)).select_from(func.generate_series(1, count)),
    )
    return sorted(int(value) - 1 for value in values)


def _reserve_from_counter(session: Session, count: int) -> list[int]:
    """``count`` numbers of SQLite's counter row, advanced in the caller's transaction."""
    value = session.scalar(
        update(Counter)
        .where(Counter.name == BACKEND_COUNTER)
        .values(value=Counter.value + count)
        .returning(Counter.value)
    )
    if value is None:
        session.add(Counter(name=BACKEND_COUNTER, value=count))
        session.flush()
        value = count
    return list(range(int(value) - count, int(value)))


class _Numbers:
    """One database's reserved numbers in this process, handed out one at a time."""

    def __init__(self) -> None:
        self._free: deque[int] = deque()
        self._lock = threading.Lock()

    def take(self, session: Session) -> int:
        with self._lock:
            if self._free:
                return self._free.popleft()
        if session.get_bind().dialect.name == "postgresql":
            first, *rest = _reserve_from_sequence(session, BLOCK)
            self._give(rest)
            return first
        first, *rest = _reserve_from_counter(session, BLOCK)
        self._after_commit(session, rest)
        return first

    def _give(self, numbers: list[int]) -> None:
        with self._lock:
            self._free.extend(numbers)

    def _after_commit(self, session: Session, numbers: list[int]) -> None:
        """The rest of a block is ours only once the counter's advance has committed; if the
        transaction rolls back the counter has not moved, and the numbers are dropped."""
        pending = [numbers]
        root = session.get_transaction()

        def committed(_session: Session) -> None:
            # Also called when a savepoint is released: only the outermost commit counts.
            if pending and root is not None and not root.is_active:
                self._give(pending.pop())

        def ended(_session: Session, transaction: SessionTransaction) -> None:
            if transaction is root:
                pending.clear()  # rolled back or closed: never ours

        event.listen(session, "after_commit", committed)
        event.listen(session, "after_transaction_end", ended)


# Per engine: one per process in service; two in one process act as two processes would.
_numbers: weakref.WeakKeyDictionary[Engine, _Numbers] = weakref.WeakKeyDictionary()
_numbers_lock = threading.Lock()


def _next_number(session: Session) -> int:
    engine = session.get_bind().engine
    numbers = _numbers.get(engine)
    if numbers is None:
        with _numbers_lock:
            numbers = _numbers.setdefault(engine, _Numbers())
    return numbers.take(session)


def next_backend_reference(session: Session) -> CaseReference:
    """The next reference for a case the backend itself creates, in the caller's transaction."""
    index, sequence = divmod(_next_number(session), _PER_ISSUER)
    while (code := _backend_issuer(session, index)) is None:
        # Every 29**5 backend cases a new issuer is needed; two workers may race for it.
        try:
            with session.begin_nested():
                allocate_issuer(session, ActorKind.SYSTEM)
        except IntegrityError:
            continue
    return CaseReference.issue(code, sequence)


# The backend's first issuer, per engine, made (and committed) on start-up: it serves the
# first 29**5 cases without a query. Later issuers are always read from the database.
_first_issuer: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def _backend_issuer(session: Session, index: int) -> str | None:
    if index == 0 and (code := _first_issuer.get(session.get_bind().engine)) is not None:
        return code
    return session.scalars(
        select(ReferenceIssuer.code)
        .where(ReferenceIssuer.kind == ActorKind.SYSTEM)
        .order_by(ReferenceIssuer.number)
        .offset(index)
        .limit(1)
    ).first()


def ensure_backend_issuer(session: Session) -> None:
    """Give the backend its first issuer before any request needs it (on start-up). Of
    several processes starting at once on one database, the first makes it and the others,
    waiting their turn, find it."""
    _take_turns_with_issuers(session)
    code = _backend_issuer(session, 0)
    if code is None:
        code = allocate_issuer(session, ActorKind.SYSTEM).code
    # Cached before the caller commits: if that commit fails, start-up fails with it.
    _first_issuer[session.get_bind().engine] = code
