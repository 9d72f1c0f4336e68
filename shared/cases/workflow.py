"""A case's status and the small state machine that moves it on."""

from __future__ import annotations

from enum import StrEnum

from shared.errors import InvalidTransition


class CaseStatus(StrEnum):
    SUBMITTED = "submitted"
    TRIAGED = "triaged"
    IN_PROGRESS = "in_progress"
    AWAITING_CUSTOMER = "awaiting_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"
    DUPLICATE = "duplicate"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self not in CLOSED_STATUSES

    @property
    def label(self) -> str:
        return _LABELS[self]


CLOSED_STATUSES = frozenset(
    {CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.DUPLICATE, CaseStatus.CANCELLED}
)

_LABELS = {
    CaseStatus.SUBMITTED: "Received",
    CaseStatus.TRIAGED: "Passed to the team",
    CaseStatus.IN_PROGRESS: "Being worked on",
    CaseStatus.AWAITING_CUSTOMER: "Waiting for you",
    CaseStatus.RESOLVED: "Done",
    CaseStatus.CLOSED: "Closed",
    CaseStatus.DUPLICATE: "Already reported",
    CaseStatus.CANCELLED: "Cancelled",
}

_S = CaseStatus
_ENDINGS = {_S.RESOLVED, _S.CLOSED, _S.DUPLICATE, _S.CANCELLED}
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    _S.SUBMITTED: frozenset({_S.TRIAGED, _S.IN_PROGRESS} | _ENDINGS),
    _S.TRIAGED: frozenset({_S.IN_PROGRESS, _S.AWAITING_CUSTOMER} | _ENDINGS),
    _S.IN_PROGRESS: frozenset({_S.AWAITING_CUSTOMER} | _ENDINGS),
    _S.AWAITING_CUSTOMER: frozenset({_S.IN_PROGRESS} | _ENDINGS),
    # A resolved case can be reopened, or closed for good.
    _S.RESOLVED: frozenset({_S.IN_PROGRESS, _S.CLOSED}),
    _S.CLOSED: frozenset(),
    _S.DUPLICATE: frozenset(),
    _S.CANCELLED: frozenset(),
}


def check_transition(current: CaseStatus, new: CaseStatus) -> None:
    if new not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none: it is finished"
        raise InvalidTransition(
            f"A case that is {current.label.lower()} cannot become {new.label.lower()}. "
            f"Next steps allowed: {allowed}.",
            current=current.value,
            requested=new.value,
        )
