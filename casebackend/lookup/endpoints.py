from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from casebackend.api.dependencies import Caller, Context, DbSession
from casebackend.api.ratelimits import per_caller
from casebackend.lookup import service
from shared.lookup.schemas import CaseLookup, LookupKind

router = APIRouter(tags=["cases"])


# Counted with the customer look-ups: each finds people's cases by their details.
@router.get("/lookup/cases", dependencies=[per_caller(lambda limits: limits.customer_lookup)])
def lookup_cases(
    caller: Caller,
    session: DbSession,
    context: Context,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    by: Annotated[LookupKind | None, Query()] = None,
) -> CaseLookup:
    """Staff: the cases a reference, email, phone number, postcode or name finds (``by``
    says which; without it the backend reads ``q`` the way the desk's search box does),
    newest first, at most 50. A greeter finds their own locations' cases only. Audited:
    who searched and by what kind of detail, never what was typed."""
    return service.lookup_cases(session, context, caller, q, by, through="api")
