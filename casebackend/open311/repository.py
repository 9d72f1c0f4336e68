"""The queries behind the GeoReport v2 face: requests, their public notes, and updates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from casebackend.cases.models import ActorKind, Case, CaseNote, CaseStatusChange
from casebackend.organisation.models import Team
from shared.cases.workflow import CaseStatus

# A private note an API client's media URLs are kept in, one URL a line after this line.
MEDIA_NOTE = "Photo or video sent through Open311:"


def find_requests(
    session: Session,
    *,
    references: Collection[str] | None = None,
    service_codes: Collection[str],
    start: datetime | None = None,
    end: datetime | None = None,
    statuses: Collection[CaseStatus] | None = None,
    offset: int = 0,
    limit: int = 1000,
) -> list[Case]:
    """Newest first, only of ``service_codes``; ``references``, when given, is the only
    other filter."""
    query = select(Case).where(Case.service_code.in_(service_codes))
    if references is not None:
        query = query.where(Case.reference.in_(references))
    else:
        if start is not None:
            query = query.where(Case.created_at >= start)
        if end is not None:
            query = query.where(Case.created_at <= end)
        if statuses is not None:
            query = query.where(Case.status.in_(statuses))
    query = query.order_by(Case.created_at.desc(), Case.id.desc()).offset(offset).limit(limit)
    return list(session.scalars(query))


def find_request(session: Session, reference: str) -> Case | None:
    return session.scalars(select(Case).where(Case.reference == reference)).first()


def team_names(session: Session, team_ids: Collection[int]) -> dict[int, str]:
    if not team_ids:
        return {}
    rows = session.execute(select(Team.id, Team.name).where(Team.id.in_(team_ids)))
    return {row.id: row.name for row in rows}


def latest_public_notes(session: Session, case_ids: Collection[int]) -> dict[int, str]:
    """Per case, the newest words meant for the public: a status change's note or a note."""
    if not case_ids:
        return {}
    changes = session.execute(
        select(CaseStatusChange.case_id, CaseStatusChange.at, CaseStatusChange.public_note).where(
            CaseStatusChange.case_id.in_(case_ids), CaseStatusChange.public_note != ""
        )
    )
    notes = session.execute(
        select(CaseNote.case_id, CaseNote.at, CaseNote.body).where(
            CaseNote.case_id.in_(case_ids), CaseNote.public.is_(True)
        )
    )
    latest: dict[int, tuple[datetime, str]] = {}
    for case_id, at, text in [*changes, *notes]:
        if case_id not in latest or at >= latest[case_id][0]:
            latest[case_id] = (at, text)
    return {case_id: text for case_id, (_, text) in latest.items()}


def media_urls(session: Session, case_ids: Collection[int]) -> dict[int, str]:
    """Per case, the first media URL an API client sent with the request."""
    if not case_ids:
        return {}
    notes = session.execute(
        select(CaseNote.case_id, CaseNote.body)
        .where(
            CaseNote.case_id.in_(case_ids),
            CaseNote.public.is_(False),
            CaseNote.actor_kind == ActorKind.API_KEY,
            CaseNote.body.startswith(MEDIA_NOTE),
        )
        .order_by(CaseNote.id)
    )
    found: dict[int, str] = {}
    for case_id, body in notes:
        urls = body.removeprefix(MEDIA_NOTE).split()
        if urls and case_id not in found:
            found[case_id] = urls[0]
    return found


@dataclass(frozen=True, slots=True)
class UpdateRow:
    """A status change or a public note, as one update of one request."""

    kind: str  # "status" or "note"
    id: int
    reference: str
    at: datetime
    # The case's status after the change, or when the note was written.
    status: CaseStatus
    text: str


def find_updates(
    session: Session,
    *,
    start: datetime,
    end: datetime,
    service_codes: Collection[str],
    offset: int = 0,
    limit: int = 1000,
) -> list[UpdateRow]:
    """Status changes after the first and public notes, oldest first.

    The first status of every case is its creation, not an update, and it is the only
    ``submitted`` one: no transition leads back there.
    """
    earlier = aliased(CaseStatusChange)
    status_then = (
        select(earlier.status)
        .where(earlier.case_id == CaseNote.case_id, earlier.at <= CaseNote.at)
        .order_by(earlier.at.desc(), earlier.id.desc())
        .limit(1)
        .correlate(CaseNote)
        .scalar_subquery()
    )
    changes = select(
        literal("status", String(10)).label("kind"),
        CaseStatusChange.id.label("row_id"),
        CaseStatusChange.case_id.label("case_id"),
        CaseStatusChange.at.label("at"),
        CaseStatusChange.status.label("status"),
        CaseStatusChange.public_note.label("text"),
    ).where(
        CaseStatusChange.status != CaseStatus.SUBMITTED,
        CaseStatusChange.at >= start,
        CaseStatusChange.at <= end,
    )
    notes = select(
        literal("note", String(10)),
        CaseNote.id,
        CaseNote.case_id,
        CaseNote.at,
        status_then,
        CaseNote.body,
    ).where(CaseNote.public.is_(True), CaseNote.at >= start, CaseNote.at <= end)
    both = union_all(changes, notes).subquery()
    rows = session.execute(
        select(
            both.c.kind,
            both.c.row_id,
            Case.reference,
            both.c.at,
            both.c.status,
            Case.status,
            both.c.text,
        )
        .join(Case, Case.id == both.c.case_id)
        .where(Case.service_code.in_(service_codes))
        .order_by(both.c.at, both.c.kind.desc(), both.c.row_id)
        .offset(offset)
        .limit(limit)
    )
    return [
        UpdateRow(kind, row_id, reference, at, CaseStatus(status or now), text or "")
        for kind, row_id, reference, at, status, now, text in rows
    ]


def latest_own_change(session: Session, case: Case, actor_id: int | None) -> int:
    """The id of the newest status change an API key made on a case (just flushed)."""
    session.flush()
    found = session.scalar(
        select(CaseStatusChange.id)
        .where(
            CaseStatusChange.case_id == case.id,
            CaseStatusChange.actor_kind == ActorKind.API_KEY,
            CaseStatusChange.actor_id == actor_id,
        )
        .order_by(CaseStatusChange.id.desc())
        .limit(1)
    )
    if found is None:
        raise LookupError(f"no status change by API key {actor_id} on case {case.id}")
    return found


def latest_own_note(session: Session, case: Case, actor_id: int | None) -> int:
    """The id of the newest public note an API key wrote on a case (just flushed)."""
    session.flush()
    found = session.scalar(
        select(CaseNote.id)
        .where(
            CaseNote.case_id == case.id,
            CaseNote.public.is_(True),
            CaseNote.actor_kind == ActorKind.API_KEY,
            CaseNote.actor_id == actor_id,
        )
        .order_by(CaseNote.id.desc())
        .limit(1)
    )
    if found is None:
        raise LookupError(f"no note by API key {actor_id} on case {case.id}")
    return found
