from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from casebackend.addresses import service
from casebackend.api.dependencies import Caller, DbSession
from casebackend.api.ratelimits import per_caller
from shared.addresses.schemas import AddressMatches

router = APIRouter(tags=["addresses"])


@router.get("/addresses", dependencies=[per_caller(lambda limits: limits.address_lookup)])
def find_addresses(
    caller: Caller,
    session: DbSession,
    postcode: Annotated[str, Query(max_length=40)],
) -> AddressMatches:
    """The gazetteer's addresses at a postcode (either case, any spacing). A well-formed
    postcode the gazetteer does not hold answers an empty list, not 404."""
    return service.find(session, caller, postcode)
