"""Handing out case references.

Kiosks get an issuer (a three-character prefix) at enrolment and count on their own, so an
offline kiosk still issues real references. Cases the backend makes itself (staff, Open311)
take the next number of one backend-wide counter — a PostgreSQL sequence, which never
locks, or a counter row on SQLite, whose writers are serialised anyway — and number N
becomes sequence ``N mod 29**5`` of the ``N div 29**5``-th backend issuer.
"""

from __future__ import annotations

from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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


def allocate_issuer(session: Session, kind: ActorKind) -> ReferenceIssuer:
    """A new issuer row (flushed in the caller's transaction)."""
    highest = session.scalar(select(func.max(ReferenceIssuer.number)))
    number = 0 if highest is None else highest + 1
    if number > references.MAX_ISSUER:
        raise RuntimeError("every case-reference issuer is in use")
    issuer = ReferenceIssuer(number=number, code=_issuer_code(number), kind=kind)
    session.add(issuer)
    session.flush()
    return issuer


def _next_number(session: Session) -> int:
    if session.get_bind().dialect.name == "postgresql":
        value = session.scalar(text(f"SELECT nextval('{POSTGRESQL_SEQUENCE}')"))
        return int(value) - 1
    value = session.scalar(
        update(Counter)
        .where(Counter.name == BACKEND_COUNTER)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    if value is None:
        session.add(Counter(name=BACKEND_COUNTER, value=1))
        session.flush()
        value = 1
    return int(value) - 1


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


# The backend's first issuer, per database, made (and committed) on start-up: it serves the
# first 29**5 cases without a query. Later issuers are always read from the database.
_first_issuer: dict[str, str] = {}


def _database(session: Session) -> str:
    return str(session.get_bind().engine.url)


def _backend_issuer(session: Session, index: int) -> str | None:
    if index == 0 and (code := _first_issuer.get(_database(session))) is not None:
        return code
    return session.scalars(
        select(ReferenceIssuer.code)
        .where(ReferenceIssuer.kind == ActorKind.SYSTEM)
        .order_by(ReferenceIssuer.number)
        .offset(index)
        .limit(1)
    ).first()


def ensure_backend_issuer(session: Session) -> None:
    """Give the backend its first issuer before any request needs it (on start-up)."""
    code = _backend_issuer(session, 0)
    if code is None:
        code = allocate_issuer(session, ActorKind.SYSTEM).code
    # Cached before the caller commits: if that commit fails, start-up fails with it.
    _first_issuer[_database(session)] = code
