"""The current customer's visit, noted as it happens and stored in the outbox when it ends.

A visit begins with the first touch that leaves the welcome screen (Start, Check on a
request) and ends with the return to it: the privacy wipe (finished, idle, staff, an error)
or Start again. A customer who never leaves the welcome screen makes no visit. The kiosk's
presenter (:class:`kiosk.app.Kiosk`) tells the recorder what happens; the recorder keeps
the facts and, at the end, decides the outcome:

* ``submitted`` when a case was made (the visit names its reference, also one issued
  offline): nothing else can follow a submission but its feedback and the end;
* otherwise ``booked`` when an appointment was booked (a tier-3 service's tile): nothing
  follows it but Done and the end;
* otherwise ``informed`` when the last service chosen was an information page read to its
  end (its feedback step reached);
* otherwise ``tracked`` when Check on a request found a case;
* otherwise ``timed_out`` when the idle wipe ended it, and ``left`` for any other end
  (Start again, staff's restart, an error).

So what the visit achieved wins over how it ended: a customer who reads their case's status
and walks away has tracked it, not timed out. A visit that goes back to the services and
on to another service is one visit, about the last service chosen: choosing a service
forgets whether an earlier one was read to its end.

Plain Python, no Qt. The only customer data a visit holds is the rating's optional
comment, typed by the customer; it is dropped from memory when the visit ends (stored or
not) and never logged: log lines name a visit by its id.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from shared import references
from shared.flow.kiosk_pages import HelpStatus
from shared.logsafe import describe
from shared.schema import SchemaError, convert
from shared.visits.schemas import SatisfactionIn, VisitCreate, VisitOutcome

if TYPE_CHECKING:
    from kiosk.outbox import Outbox

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return uuid.uuid4().hex


@dataclass(repr=False)
class _Visit:
    """What is known of the visit under way (no repr: it may hold the comment)."""

    id: str
    started_at: datetime
    service_code: str | None = None
    case_reference: str | None = None
    informed: bool = False
    tracked: bool = False
    booked: bool = False
    help_requested: bool = False
    helped: bool = False
    satisfaction: SatisfactionIn | None = None

    def outcome(self, *, timed_out: bool) -> VisitOutcome:
        if self.case_reference is not None:
            return VisitOutcome.SUBMITTED
        if self.booked:
            return VisitOutcome.BOOKED
        if self.informed:
            return VisitOutcome.INFORMED
        if self.tracked:
            return VisitOutcome.TRACKED
        return VisitOutcome.TIMED_OUT if timed_out else VisitOutcome.LEFT


class VisitRecorder:
    """One visit at a time: :meth:`begin` it, note what happens, :meth:`end` it."""

    def __init__(
        self,
        outbox: Outbox | None = None,
        *,
        clock: Clock = _now,
        new_id: Callable[[], str] = _new_id,
    ) -> None:
        """``outbox`` may come later (:meth:`attach`); a visit that ends before then is
        not stored (the first instant after start-up)."""
        self._outbox = outbox
        self._clock = clock
        self._new_id = new_id
        self._visit: _Visit | None = None

    def attach(self, outbox: Outbox) -> None:
        self._outbox = outbox

    def __repr__(self) -> str:
        # Never the comment: a repr can end up in a log line.
        return f"VisitRecorder(visit={self.visit_id!r})"

    # Reading ----------------------------------------------------------------------------

    @property
    def visit_id(self) -> str | None:
        """The current visit's id; ``None`` between visits."""
        return self._visit.id if self._visit is not None else None

    # What happens -------------------------------------------------------------------------

    def begin(self, help_status: HelpStatus = HelpStatus.NONE) -> None:
        """The customer left the welcome screen: a visit begins, unless one is under way.
        ``help_status``: help asked for on the welcome screen and still open counts."""
        if self._visit is not None:
            return
        self._visit = _Visit(id=self._new_id(), started_at=self._clock())
        self.help_changed(help_status)

    def service_chosen(self, code: str) -> None:
        if self._visit is not None:
            self._visit.service_code = code
            self._visit.informed = False

    def help_changed(self, status: HelpStatus) -> None:
        visit = self._visit
        if visit is None:
            return
        if status is not HelpStatus.NONE:
            visit.help_requested = True
        if status is HelpStatus.HELPED:
            visit.helped = True

    def submitted(self, reference: str) -> None:
        """A case was made and given ``reference`` (shown or compact)."""
        if self._visit is not None:
            self._visit.case_reference = references.parse(reference).compact

    def booked(self) -> None:
        """An appointment was booked (the backend answered with it)."""
        if self._visit is not None:
            self._visit.booked = True

    def informed(self) -> None:
        """The service's information was read to its end."""
        if self._visit is not None:
            self._visit.informed = True

    def tracked(self) -> None:
        """Check on a request found the customer's case."""
        if self._visit is not None:
            self._visit.tracked = True

    def rated(self, rating: str, comment: str | None) -> None:
        """The customer finished the feedback step with a rating (and maybe why)."""
        visit = self._visit
        if visit is None:
            return
        try:
            # Read, not built, so the schema's rules hold here (a comment too long is
            # dropped with its rating, not sent to be refused with the whole visit).
            visit.satisfaction = convert(
                SatisfactionIn, {"rating": rating, "comment": comment or None}
            )
        except SchemaError:
            # Not the error's text: it would quote the comment.
            log.warning("visit %s: a rating that cannot be kept was dropped", visit.id)

    # The end ----------------------------------------------------------------------------

    def end(self, language: str, *, timed_out: bool = False) -> str | None:
        """The visit is over: store it in the outbox and forget it. Answers the id of the
        visit stored; ``None`` if there was no visit or it could not be stored (logged).
        Never raises: the privacy wipe that calls it must go on whatever happens here."""
        visit, self._visit = self._visit, None
        if visit is None:
            return None
        try:
            ended_at = self._clock()
            record = VisitCreate(
                id=visit.id,
                started_at=visit.started_at,
                # A clock put back meanwhile makes a visit of no time, not an invalid one.
                ended_at=max(ended_at, visit.started_at),
                language=language,
                service_code=visit.service_code,
                outcome=visit.outcome(timed_out=timed_out),
                case_reference=visit.case_reference,
                help_requested=visit.help_requested,
                helped=visit.helped,
                satisfaction=visit.satisfaction,
            )
            if self._outbox is None:
                log.warning("visit %s not stored: the outbox is not open yet", visit.id)
                return None
            self._outbox.record_visit(record)
        except Exception as error:  # noqa: BLE001 - the wipe must go on
            # Not log.exception: the message may quote the comment.
            log.error("visit %s not stored: %s", visit.id, describe(error))  # noqa: TRY400
            return None
        return visit.id
