from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from casebackend.api.dependencies import Caller, DbSession
from casebackend.api.ratelimits import per_caller
from casebackend.audit import service as audit
from casebackend.customers import service
from shared.customers.schemas import CustomerRead
from shared.errors import InvalidInput, NotFound

router = APIRouter(tags=["customers"])


@router.get("/customers", dependencies=[per_caller(lambda limits: limits.customer_lookup)])
def lookup(
    caller: Caller,
    session: DbSession,
    email: Annotated[str | None, Query(max_length=254)] = None,
    phone: Annotated[str | None, Query(max_length=20)] = None,
    first_name: Annotated[str | None, Query(max_length=100)] = None,
    last_name: Annotated[str | None, Query(max_length=100)] = None,
    postcode: Annotated[str | None, Query(max_length=10)] = None,
) -> CustomerRead:
    """Tell us once: find the customer's one record by email, phone, or name and postcode."""
    caller.require_staff()
    if not (email or phone or (last_name and postcode)):
        raise InvalidInput("Give an email, a phone number, or a last name and postcode.")
    customer = service.find_customer(
        session,
        email=email,
        phone=phone,
        first_name=first_name,
        last_name=last_name,
        postcode=postcode,
    )
    if customer is None:
        raise NotFound("No customer matches those details.")
    audit.record(session, caller, "customer_lookup", through="api", customer_id=customer.id)
    return service.customer_read(session, customer)
