"""The queries behind the overdue list and digest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Row, exists, select
from sqlalchemy.orm import Session

from casebackend.cases.models import Case, CaseStatusChange
from casebackend.organisation.models import Team
from shared.cases.workflow import CLOSED_STATUSES


def open_cases_due_by(
    session: Session, due_by: date, as_of: datetime, team_id: int | None = None
) -> Sequence[Row[str, str, date | None, int | None]]:
    """Cases with a due date on or before ``due_by`` still open at ``as_of``: never resolved,
    closed or otherwise finished (the figures' definition: a case reopened after its first
    resolution is not open again). Oldest due first, then by reference."""
    finished = exists().where(
        CaseStatusChange.case_id == Case.id,
        CaseStatusChange.status.in_(CLOSED_STATUSES),
        CaseStatusChange.at < as_of,
    )
    query = (
        select(Case.reference, Case.service_code, Case.sla_due, Case.team_id)
        .where(
            Case.sla_due.is_not(None),
            Case.sla_due <= due_by,
            Case.created_at < as_of,
            ~finished,
        )
        .order_by(Case.sla_due, Case.reference)
    )
    if team_id is not None:
        query = query.where(Case.team_id == team_id)
    return session.execute(query).all()


def teams(session: Session) -> list[Team]:
    return list(session.scalars(select(Team).order_by(Team.code)))
