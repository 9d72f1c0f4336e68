from __future__ import annotations

from fastapi import APIRouter

from casebackend.api.dependencies import Context, DbSession
from casebackend.organisation.service import list_locations
from shared.catalogue import Catalogue
from shared.identity.schemas import LocationRead

router = APIRouter(tags=["catalogue"])


@router.get("/catalogue")
def catalogue(context: Context) -> Catalogue:
    """Every active service with its questions, kiosk metadata and translations."""
    return context.catalogue.get()


@router.get("/locations")
def locations(session: DbSession) -> list[LocationRead]:
    return [
        LocationRead(code=loc.code, name=loc.name, kind=loc.kind) for loc in list_locations(session)
    ]
