"""Visits from kiosks, and satisfaction from every channel: recorded, never identifying."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casebackend.cases.models import ActorKind, Case
from casebackend.db.base import utcnow
from casebackend.identity.models import Device
from casebackend.identity.principal import Principal
from casebackend.organisation.models import Location
from casebackend.visits.models import SatisfactionResponse, Visit
from shared import references
from shared.cases.schemas import Channel
from shared.errors import Conflict, Forbidden, NotFound
from shared.visits.schemas import (
    SatisfactionCreate,
    SatisfactionRead,
    VisitCreate,
    VisitRead,
)


def record_visit(session: Session, principal: Principal, body: VisitCreate) -> VisitRead:
    """Store a kiosk's visit, and its rating if it has one. The same visit sent again
    (its acknowledgement lost) is recognised by its id and stored once."""
    if principal.kind is not ActorKind.DEVICE or principal.id is None:
        raise Forbidden("Only a kiosk records its visits.")
    existing = session.get(Visit, body.id)
    if existing is not None:
        if existing.device_id != principal.id:
            raise Conflict("Another kiosk has already recorded a visit with this id.")
        return VisitRead(id=existing.id, recorded=False)
    device = session.get_one(Device, principal.id)
    reference = _compact(body.case_reference)
    visit = Visit(
        id=body.id,
        device_id=device.id,
        location_id=device.location_id,
        started_at=body.started_at,
        ended_at=body.ended_at,
        language=body.language,
        service_code=body.service_code,
        outcome=body.outcome,
        case_reference=reference,
        help_requested=body.help_requested,
        helped=body.helped,
    )
    session.add(visit)
    session.flush()  # the visit's row first: its rating refers to it
    if body.satisfaction is not None:
        session.add(
            SatisfactionResponse(
                at=body.ended_at,
                channel=Channel.ASSISTED_KIOSK if body.helped else Channel.KIOSK,
                rating=body.satisfaction.rating,
                comment=body.satisfaction.comment or None,
                location_id=device.location_id,
                service_code=body.service_code,
                case_reference=reference,
                visit_id=body.id,
            )
        )
    session.flush()
    return VisitRead(id=visit.id, recorded=True)


def record_satisfaction(
    session: Session, principal: Principal, body: SatisfactionCreate
) -> SatisfactionRead:
    """A rating given on another channel, recorded by staff for the customer (face to
    face, by phone, or from the web's form). Its service and place come from the case when
    it names one; a greeter records ratings at their own locations only."""
    if principal.kind is ActorKind.DEVICE:
        raise Forbidden("A kiosk sends its ratings with its visits.")
    principal.require_staff()
    reference = _compact(body.case_reference)
    service_code = body.service_code
    location_id: int | None = None
    location_code = body.location
    if reference is not None:
        case = session.scalars(select(Case).where(Case.reference == reference)).one_or_none()
        if case is None:
            raise NotFound("No case has that reference.", field="case_reference")
        service_code = service_code or case.service_code
        location_id = case.location_id
    if location_code is not None:
        location = session.scalars(
            select(Location).where(Location.code == location_code)
        ).one_or_none()
        if location is None:
            raise NotFound("No location has that code.", field="location")
        location_id = location.id
    elsewhere = location_id is not None and location_id not in principal.location_ids
    if principal.is_staff and elsewhere and not principal.sees_every_location:
        raise Forbidden("You can record ratings only at your own locations.")
    response = SatisfactionResponse(
        at=utcnow(),
        channel=body.channel,
        rating=body.rating,
        comment=body.comment or None,
        location_id=location_id,
        service_code=service_code,
        case_reference=reference,
    )
    session.add(response)
    session.flush()
    return _read(session, response)


def _read(session: Session, response: SatisfactionResponse) -> SatisfactionRead:
    location = session.get(Location, response.location_id) if response.location_id else None
    return SatisfactionRead(
        id=response.id,
        at=response.at,
        channel=response.channel,
        rating=response.rating,
        service_code=response.service_code,
        location=location.code if location is not None else None,
        case_reference=response.case_reference,
        has_comment=bool(response.comment),
    )


def _compact(reference: str | None) -> str | None:
    """The stored form of a reference (checked: a mistyped one is the caller's error)."""
    if reference is None:
        return None
    return str(references.parse(reference))
