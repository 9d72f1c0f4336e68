"""The outbox's rules: issue a real reference at once, keep the submission until the backend
has acknowledged it, and never lose it or send it as two cases; and the same for each
finished visit to the kiosk (with the customer's rating, if they gave one).

* ``submit`` takes the next local sequence number and stores the entry in one transaction,
  so the reference the customer is shown is always the one that will be sent.
* ``sync_once`` sends what is due, oldest first, each with the idempotency key it was given
  when stored: if the kiosk dies after the backend made the case but before the entry was
  deleted, the next send is answered with the same case, not a second one.
* An entry is deleted only once the backend has acknowledged it. A refusal holds it, with
  the error's code, for someone to look at; nothing here deletes an unacknowledged entry.
* ``record_visit`` stores a finished visit under its own id (the backend stores a visit
  once per id, so a resend after a lost acknowledgement is harmless). A pass sends the
  visits due after the cases due, so a visit's case normally arrives first; visits wait,
  back off and are held by the same rules as cases.
* No transaction stays open while the network is used, so ``submit`` on the UI thread
  never waits for a send in progress on the worker thread.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from kiosk.outbox import repository
from kiosk.outbox.database import Database
from kiosk.outbox.models import EntryState, Table
from shared.cases.schemas import CaseCreate, CaseRead
from shared.errors import (
    FirstStopError,
    InvalidInput,
    NotAuthenticated,
    RateLimited,
    Unavailable,
)
from shared.references import MAX_SEQUENCE, CaseReference
from shared.schema import SchemaError, convert, replace, to_builtins
from shared.visits.schemas import EARLIER_OUTCOME, VisitCreate, VisitRead

log = logging.getLogger(__name__)

# Failures about the backend or this kiosk, not about the entry: stop the pass and wait.
_NOT_NOW = (Unavailable, NotAuthenticated, RateLimited)
# The code an entry is held with when this version cannot read what an older one stored.
UNREADABLE_PAYLOAD = "unreadable_payload"
# 2**20 times the base is far beyond any sensible cap; it keeps the arithmetic bounded.
_MAX_DOUBLINGS = 20
# How each table's entries are named in a log line (by id, never by content).
_LABEL = {Table.CASES: "outbox entry", Table.VISITS: "outbox visit"}

_Answer = TypeVar("_Answer")


class Sender(Protocol):
    """What sends cases and visits to the backend; ``shared.client.BackendClient`` is one."""

    def create_case(self, data: CaseCreate, *, idempotency_key: str) -> CaseRead: ...

    def record_visit(self, visit: VisitCreate) -> VisitRead: ...


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one pass did."""

    # Cases and visits together.
    # Acknowledged by the backend (made, or answered again on a replay) and deleted.
    sent: int = 0
    # Refused by the backend in this pass and held.
    held: int = 0
    # To be tried again later.
    deferred: int = 0
    # The error code that ended the pass early (the backend is not answering), if any.
    stopped: str | None = None
    # Entries still waiting to be sent after the pass (held ones not counted).
    pending: int = 0


@dataclass(frozen=True, slots=True)
class HeldEntry:
    """A refused entry, as an installer may see it: no customer data."""

    reference: str
    error: str | None
    created_at: datetime
    attempts: int


@dataclass(frozen=True, slots=True)
class HeldVisit:
    """A refused visit, as an installer may see it: its id, never its comment."""

    id: str
    error: str | None
    created_at: datetime
    attempts: int


@dataclass
class _Tally:
    sent: int = 0
    held: int = 0
    deferred: int = 0
    stopped: str | None = None


class Outbox:
    """The kiosk's queue of submissions and finished visits, in the SQLite file at ``path``.

    ``issuer`` is the three-character issuer the kiosk was given at enrolment. Open it once
    per process; it may be used from the UI thread (``submit``) and one worker thread
    (``sync_once``) at once. ``close()`` it, or use it as a context manager.
    """

    def __init__(
        self,
        path: Path | str,
        issuer: str,
        *,
        retry_base: timedelta = timedelta(seconds=5),
        retry_cap: timedelta = timedelta(minutes=5),
    ) -> None:
        CaseReference.issue(issuer, 0)  # refuses anything that is not an issuer code
        if retry_base <= timedelta(0) or retry_cap < retry_base:
            raise ValueError("retry_base must be positive and no more than retry_cap")
        self.path = Path(path)
        self.issuer = issuer
        self._retry_base = retry_base
        self._retry_cap = retry_cap
        self._database = Database(self.path)
        self._sync_lock = threading.Lock()

    # Lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._database.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Submitting --------------------------------------------------------------------------

    def submit(self, data: CaseCreate, *, now: datetime | None = None) -> CaseReference:
        """Store a submission and answer its reference: the customer's, sent or not yet."""
        if data.reference is not None:
            raise ValueError("the outbox issues the reference itself")
        try:
            # Held to the schema's rules as the backend will hold it (a dataclass checks
            # nothing when built): refused here, a customer can still put it right.
            convert(CaseCreate, to_builtins(data))
        except SchemaError as error:
            log.warning("a submission does not fit its schema: %s", error)  # never values
            raise InvalidInput(
                "Some of your answers cannot be sent as they are. Please check them."
            ) from None
        at = _moment(now)
        with self._database.transaction() as connection:
            sequence = repository.take_sequence(connection, self.issuer)
            if sequence > MAX_SEQUENCE:
                # Some twenty million cases from one kiosk; rolled back, nothing stored.
                raise FirstStopError(
                    "This kiosk cannot issue any more references. "
                    "Please ask an installer to enrol it again."
                )
            reference = CaseReference.issue(self.issuer, sequence)
            payload = replace(data, reference=reference.compact)
            entry_id = repository.add_case(
                connection,
                reference=reference.compact,
                idempotency_key=uuid.uuid4().hex,
                payload=to_builtins(payload),
                at=at,
            )
        log.info("outbox entry %d stored", entry_id)
        return reference

    def record_visit(self, visit: VisitCreate, *, now: datetime | None = None) -> bool:
        """Store a finished visit until the backend has it; ``False`` if a visit with its
        id is stored already (nothing changes). A visit that breaks its schema's rules is
        refused (``SchemaError``), not stored: the backend would refuse it, and it would be
        held where nobody counts it (a dataclass checks nothing when built)."""
        convert(VisitCreate, to_builtins(visit))
        at = _moment(now)
        with self._database.transaction() as connection:
            stored = repository.add_visit(connection, visit.id, to_builtins(visit), at)
        if not stored:
            return False
        log.info("outbox visit %s stored", visit.id)
        return True

    # Looking -----------------------------------------------------------------------------

    def depth(self) -> int:
        """Everything the backend has not acknowledged, pending and held: cases and visits
        (the heartbeat's ``outbox_depth``)."""
        return self._count(None)

    def case_depth(self) -> int:
        """Cases the backend has not acknowledged, pending and held."""
        with self._database.transaction() as connection:
            return repository.count(connection, Table.CASES)

    def visit_depth(self) -> int:
        """Visits the backend has not acknowledged, pending and held."""
        with self._database.transaction() as connection:
            return repository.count(connection, Table.VISITS)

    def pending_count(self) -> int:
        return self._count(EntryState.PENDING)

    def held_count(self) -> int:
        return self._count(EntryState.HELD)

    def held(self) -> list[HeldEntry]:
        """The held cases, oldest first."""
        with self._database.transaction() as connection:
            return [
                HeldEntry(e.reference, e.last_error, e.created_at, e.attempts)
                for e in repository.in_state(connection, Table.CASES, EntryState.HELD)
            ]

    def held_visits(self) -> list[HeldVisit]:
        """The held visits, oldest first."""
        with self._database.transaction() as connection:
            return [
                HeldVisit(str(e.id), e.last_error, e.created_at, e.attempts)
                for e in repository.in_state(connection, Table.VISITS, EntryState.HELD)
            ]

    def pending_visits(self) -> list[VisitCreate]:
        """The visits waiting to be sent, oldest first (to look at: a visit may hold the
        customer's comment, so never log one)."""
        with self._database.transaction() as connection:
            payloads = [
                e.payload for e in repository.in_state(connection, Table.VISITS, EntryState.PENDING)
            ]
        return [convert(VisitCreate, p, known_only=True) for p in payloads]

    def next_attempt_at(self) -> datetime | None:
        """When the next pass has something to send (``None``: nothing is pending)."""
        with self._database.transaction() as connection:
            found = [repository.next_attempt_at(connection, table) for table in Table]
        return min((f for f in found if f is not None), default=None)

    def release_held(self, *, now: datetime | None = None) -> int:
        """Make every held entry (case or visit) pending again, due at once (after its
        cause is fixed)."""
        at = _moment(now)
        with self._database.transaction() as connection:
            released = sum(repository.release_held(connection, table, at) for table in Table)
        if released:
            log.info("outbox released %d held entries", released)
        return released

    def _count(self, state: EntryState | None) -> int:
        with self._database.transaction() as connection:
            return sum(repository.count(connection, table, state) for table in Table)

    # Sending -----------------------------------------------------------------------------

    def sync_once(
        self, sender: Sender, now: datetime | None = None, *, limit: int = 100
    ) -> SyncReport:
        """One pass: send up to ``limit`` due cases, oldest first, then up to ``limit`` due
        visits, oldest first (none if the cases' part stopped the pass).

        Acknowledged (a new case, or the same case again on a replay): deleted. The backend
        not answering (``Unavailable``), this kiosk not signed in, or too many requests: the
        entry is tried again after an exponential backoff (``retry_base`` doubling up to
        ``retry_cap``), nothing else pending is tried before then, and the pass stops. Any
        other refusal (4xx, including a replay with a different body): held, with the
        error's code, and the pass goes on. A server failure (other 5xx): that entry is
        tried again after its backoff, and the pass goes on.
        """
        at = _moment(now)
        tally = _Tally()
        due_visits: list[str] = []
        with self._sync_lock:
            with self._database.transaction() as connection:
                due = repository.due_ids(connection, Table.CASES, at, limit)
            for entry_id in due:
                if not self._send(sender, entry_id, at, tally):
                    break
            if tally.stopped is None:
                with self._database.transaction() as connection:
                    due_visits = repository.due_ids(connection, Table.VISITS, at, limit)
                for visit_id in due_visits:
                    if not self._send_visit(sender, visit_id, at, tally):
                        break
            pending = self.pending_count()
        if due or due_visits:
            log.info(
                "outbox pass: %d sent, %d held, %d deferred, %d pending%s",
                tally.sent,
                tally.held,
                tally.deferred,
                pending,
                f", stopped: {tally.stopped}" if tally.stopped else "",
            )
        return SyncReport(tally.sent, tally.held, tally.deferred, tally.stopped, pending)

    def _send(self, sender: Sender, entry_id: int, at: datetime, tally: _Tally) -> bool:
        """Send one entry; False when the pass should stop."""
        with self._database.transaction() as connection:
            entry = repository.get(connection, Table.CASES, entry_id)
        if entry is None or entry.state is not EntryState.PENDING:
            return True  # another process acknowledged or held it meanwhile
        key, reference, attempts = entry.idempotency_key, entry.reference, entry.attempts
        payload: dict[str, Any] = entry.payload
        try:
            data = convert(CaseCreate, payload, known_only=True)
        except SchemaError:
            self._hold(Table.CASES, entry_id, UNREADABLE_PAYLOAD)
            tally.held += 1
            return True
        case = self._call(
            Table.CASES,
            entry_id,
            attempts,
            at,
            tally,
            lambda: sender.create_case(data, idempotency_key=key),
        )
        if isinstance(case, FirstStopError):
            return not isinstance(case, _NOT_NOW)
        with self._database.transaction() as connection:
            repository.remove(connection, Table.CASES, entry_id)
        if case.reference != reference:
            log.warning("outbox entry %d was acknowledged under another reference", entry_id)
        log.info("outbox entry %d acknowledged", entry_id)
        tally.sent += 1
        return True

    def _send_visit(self, sender: Sender, visit_id: str, at: datetime, tally: _Tally) -> bool:
        """Send one visit; False when the pass should stop."""
        with self._database.transaction() as connection:
            entry = repository.get(connection, Table.VISITS, visit_id)
        if entry is None or entry.state is not EntryState.PENDING:
            return True  # another process acknowledged or held it meanwhile
        attempts = entry.attempts
        payload: dict[str, Any] = entry.payload
        try:
            visit = convert(VisitCreate, payload, known_only=True)
        except SchemaError:
            self._hold(Table.VISITS, visit_id, UNREADABLE_PAYLOAD)
            tally.held += 1
            return True
        answer = self._call(
            Table.VISITS, visit_id, attempts, at, tally, lambda: _record_visit(sender, visit)
        )
        if isinstance(answer, FirstStopError):
            return not isinstance(answer, _NOT_NOW)
        with self._database.transaction() as connection:
            repository.remove(connection, Table.VISITS, visit_id)
        if answer.id != visit_id:
            log.warning("outbox visit %s was acknowledged under another id", visit_id)
        # Stored now, or already stored by an earlier send whose answer was lost.
        log.info(
            "outbox visit %s acknowledged (%s)", visit_id, "new" if answer.recorded else "again"
        )
        tally.sent += 1
        return True

    def _call(
        self,
        table: Table,
        entry_id: int | str,
        attempts: int,
        at: datetime,
        tally: _Tally,
        send: Callable[[], _Answer],
    ) -> _Answer | FirstStopError:
        """The backend's answer to ``send``; or, if it failed, the error, once the entry
        has been deferred or held by the rules in :meth:`sync_once`."""
        try:
            return send()
        except _NOT_NOW as error:
            self._defer(table, entry_id, attempts, error.code, at, everything=True)
            tally.deferred += 1
            tally.stopped = error.code
            return error
        except FirstStopError as error:
            if error.status >= 500:
                self._defer(table, entry_id, attempts, error.code, at, everything=False)
                tally.deferred += 1
            else:
                self._hold(table, entry_id, error.code)
                tally.held += 1
            return error

    def _hold(self, table: Table, entry_id: int | str, code: str) -> None:
        with self._database.transaction() as connection:
            repository.hold(connection, table, entry_id, code[:40])
        log.warning("%s %s held: %s", _LABEL[table], entry_id, code)

    def _defer(
        self,
        table: Table,
        entry_id: int | str,
        attempts: int,
        code: str,
        at: datetime,
        *,
        everything: bool,
    ) -> None:
        tries = attempts + 1
        delay = min(self._retry_base * 2 ** min(tries - 1, _MAX_DOUBLINGS), self._retry_cap)
        until = at + delay
        with self._database.transaction() as connection:
            repository.defer(
                connection, table, entry_id, attempts=tries, until=until, code=code[:40]
            )
            if everything:
                repository.postpone_pending(connection, until)
        log.info("%s %s not sent (%s); next try in %s", _LABEL[table], entry_id, code, delay)


def _record_visit(sender: Sender, visit: VisitCreate) -> VisitRead:
    """Send a visit. A backend from before its outcome was added refuses the outcome (422,
    naming the field): the visit goes again as a kiosk from before reported it
    (``EARLIER_OUTCOME``), counted as it was then rather than held and never counted."""
    try:
        return sender.record_visit(visit)
    except InvalidInput as error:
        earlier = EARLIER_OUTCOME.get(visit.outcome)
        refused = error.details.get("errors")
        if earlier is None or not isinstance(refused, list):
            raise
        if not any(isinstance(e, dict) and e.get("field") == "outcome" for e in refused):
            raise
        log.info(
            "outbox visit %s sent as %s: the backend does not know %s",
            visit.id,
            earlier,
            visit.outcome,
        )
        return sender.record_visit(replace(visit, outcome=earlier))


def _moment(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now
