"""Cases written straight into the database with the dates a test needs (received, resolved,
closed), for the figures, the overdue digest and the public performance page."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from casebackend.cases.models import ActorKind, Case, CaseStatusChange
from shared.cases.schemas import Channel
from shared.cases.workflow import CaseStatus


def add_case(
    session: Session,
    reference: str,
    service: str,
    *,
    created: datetime,
    channel: Channel = Channel.WEB,
    tier: int = 1,
    location_id: int | None = None,
    team_id: int | None = None,
    due: date | None = None,
    resolved: datetime | None = None,
    closed: datetime | None = None,
    status: CaseStatus | None = None,
) -> Case:
    """A case received at ``created`` with its history: submitted then, resolved at
    ``resolved`` and closed at ``closed`` when given; its status the last of these unless
    ``status`` says otherwise."""
    changes = [(CaseStatus.SUBMITTED, created)]
    if resolved is not None:
        changes.append((CaseStatus.RESOLVED, resolved))
    if closed is not None:
        changes.append((CaseStatus.CLOSED, closed))
    row = Case(
        reference=reference,
        service_code=service,
        status=status or changes[-1][0],
        channel=channel,
        tier=tier,
        answers={},
        location_id=location_id,
        team_id=team_id,
        sla_due=due,
        created_at=created,
        updated_at=changes[-1][1],
        source_kind=ActorKind.SYSTEM,
    )
    session.add(row)
    session.flush()
    for state, moment in changes:
        session.add(
            CaseStatusChange(
                case_id=row.id,
                status=state,
                at=moment,
                actor_kind=ActorKind.SYSTEM,
                actor_label="system",
                channel=channel,
            )
        )
    return row
