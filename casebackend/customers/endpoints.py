from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from casebackend.api.dependencies import Caller, DbSession
from casebackend.api.ratelimits import per_caller
from casebackend.audit import service as audit
from casebackend.customers import service
from shared.customers.schemas import (
    CustomerMerge,
    CustomerRead,
    CustomerUpdate,
    MatchConfirm,
    MatchPage,
    MatchRead,
    MatchStatus,
)
from shared.errors import InvalidInput, NotFound

router = APIRouter(tags=["customers"])

# Record numbers fit a 32-bit integer column on every database.
RecordId = Annotated[int, Path(ge=1, le=2_147_483_647)]


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


@router.get("/customers/matches")
def list_matches(
    caller: Caller,
    session: DbSession,
    status: Annotated[MatchStatus | None, Query()] = MatchStatus.PENDING,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> MatchPage:
    """Possible matches for caseworkers and admins to decide, oldest first."""
    return service.list_matches(
        session, caller, status=status, page=page, page_size=page_size, through="api"
    )


@router.post("/customers/matches/{match_id}/confirm")
def confirm_match(
    match_id: RecordId, caller: Caller, session: DbSession, body: MatchConfirm | None = None
) -> MatchRead:
    """The same person: the case is linked to the record; ``apply_details`` also takes the
    submitted details onto it as a staff-verified change."""
    match = service.confirm_match(
        session,
        caller,
        match_id,
        apply_details=body.apply_details if body else False,
        through="api",
    )
    return service.match_read(session, match)


@router.post("/customers/matches/{match_id}/reject")
def reject_match(match_id: RecordId, caller: Caller, session: DbSession) -> MatchRead:
    """Not the same person: the case's submitted details become a new customer."""
    match = service.reject_match(session, caller, match_id, through="api")
    return service.match_read(session, match)


@router.post("/customers/merge")
def merge(body: CustomerMerge, caller: Caller, session: DbSession) -> CustomerRead:
    survivor = service.merge_customers(
        session, caller, body.survivor_id, body.merged_id, through="api"
    )
    return service.customer_read(session, survivor)


# Reading a record by its number counts as a look-up too: record numbers are sequential,
# so an unlimited read would let a session walk through every customer.
@router.get(
    "/customers/{customer_id}", dependencies=[per_caller(lambda limits: limits.customer_lookup)]
)
def read_customer(customer_id: RecordId, caller: Caller, session: DbSession) -> CustomerRead:
    caller.require_staff()
    customer = service.get_customer(session, customer_id)
    audit.record(session, caller, "customer_read", through="api", customer_id=customer.id)
    return service.customer_read(session, customer)


@router.patch("/customers/{customer_id}")
def update_customer(
    customer_id: RecordId, body: CustomerUpdate, caller: Caller, session: DbSession
) -> CustomerRead:
    """A change a greeter or caseworker has checked with the customer: it updates the
    record and links the service accounts named."""
    customer = service.update_customer(session, caller, customer_id, body, through="api")
    return service.customer_read(session, customer)
