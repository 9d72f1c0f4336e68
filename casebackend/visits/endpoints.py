from __future__ import annotations

from fastapi import APIRouter, Response, status

from casebackend.api.dependencies import Caller, DbSession
from casebackend.visits import service
from shared.visits.schemas import SatisfactionCreate, SatisfactionRead, VisitCreate, VisitRead

router = APIRouter(tags=["visits"])


@router.post("/visits", status_code=status.HTTP_201_CREATED)
def record_visit(
    body: VisitCreate, caller: Caller, session: DbSession, response: Response
) -> VisitRead:
    """A kiosk's visit as it ended, with the customer's rating if they gave one. 201 when
    stored; 200 with ``recorded: false`` when this visit's id was stored already."""
    read = service.record_visit(session, caller, body)
    if not read.recorded:
        response.status_code = status.HTTP_200_OK
    return read


@router.post("/satisfaction", status_code=status.HTTP_201_CREATED)
def record_satisfaction(
    body: SatisfactionCreate, caller: Caller, session: DbSession
) -> SatisfactionRead:
    """A rating from another channel, recorded by staff for the customer (face to face, by
    phone, from the web's form), about a case or a service."""
    return service.record_satisfaction(session, caller, body)
