"""Appointments over the internal API (docs/api.md, "Opening hours and appointments")."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from casebackend.api.dependencies import (
    BearerCredentials,
    Caller,
    Context,
    DbSession,
    IdempotencyKey,
    get_principal,
)
from casebackend.appointments import service
from casebackend.cases.models import ActorKind
from casebackend.context import BackendContext
from casebackend.identity.principal import Principal
from shared.appointments.schemas import (
    AppointmentCancel,
    AppointmentCheck,
    AppointmentCreate,
    AppointmentList,
    AppointmentRead,
    AppointmentRebook,
    AppointmentStatus,
    Arrival,
    Offer,
    OfferUpdate,
    PublicAppointment,
    SlotList,
)
from shared.cases.tracking import TOKEN_PARAMETER

router = APIRouter(tags=["appointments"])

# Someone with no token: a customer cancelling or moving their own booking from its link.
PUBLIC = Principal(ActorKind.PUBLIC, None, "public")


def _caller_or_public(
    request: Request,
    session: DbSession,
    context: Context,
    credentials: BearerCredentials,
) -> Principal:
    """The caller if a token came; the public otherwise, counted on the tracking limit (a
    reference and a guessed phone number is a look-up). Counted before the session first
    touches the database: on SQLite a process has one connection, which the limit's own
    count needs too."""
    if credentials is None:
        _count(request, context)
        return PUBLIC
    return get_principal(session, context, credentials)


def _count(request: Request, context: BackendContext) -> None:
    context.track_limiter.check(request.client.host if request.client else "unknown")


@router.get("/appointments/offers")
def offers(
    session: DbSession,
    context: Context,
    location: Annotated[str | None, Query(max_length=40)] = None,
) -> list[Offer]:
    """The services bookable, everywhere or at one location."""
    return service.list_offers(session, context, location)


@router.put("/appointments/offers/{location}/{service_code}")
def set_offer(
    location: str,
    service_code: str,
    body: OfferUpdate,
    caller: Caller,
    session: DbSession,
    context: Context,
) -> Offer:
    return service.set_offer(session, context, caller, location, service_code, body, through="api")


@router.get("/appointments/slots")
def slots(
    session: DbSession,
    context: Context,
    location: Annotated[str, Query(max_length=40)],
    service_code: Annotated[str, Query(alias="service", max_length=64)],
    from_: Annotated[date | None, Query(alias="from")] = None,
    days: Annotated[int, Query(ge=1, le=service.MAX_SLOT_DAYS)] = 7,
    full: bool = False,
) -> SlotList:
    return service.list_slots(
        session,
        context,
        location_code=location,
        service_code=service_code,
        first_day=from_,
        days=days,
        include_full=full,
    )


@router.post(
    "/appointments",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "A replay: the booking made earlier with this key."}},
)
def book(
    body: AppointmentCreate,
    caller: Caller,
    session: DbSession,
    context: Context,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> AppointmentRead:
    booked = service.book(
        session, context, caller, body, through="api", idempotency_key=idempotency_key
    )
    if not booked.new:
        response.status_code = status.HTTP_200_OK
    return service.booked_read(session, context, booked)


@router.get("/appointments")
def list_day(
    caller: Caller,
    session: DbSession,
    context: Context,
    location: Annotated[str | None, Query(max_length=40)] = None,
    day: date | None = None,
    status_: Annotated[AppointmentStatus | None, Query(alias="status")] = None,
) -> AppointmentList:
    return service.list_day(
        session,
        context,
        caller,
        location_code=location,
        day=day,
        status=status_,
        through="api",
    )


@router.get("/appointments/{reference}")
def read(reference: str, caller: Caller, session: DbSession, context: Context) -> AppointmentRead:
    appointment = service.get_for_staff(session, caller, reference, through="api")
    return service.read(session, context, appointment)


@router.get("/appointments/{reference}/public")
def read_public(
    reference: str,
    request: Request,
    session: DbSession,
    context: Context,
    token: Annotated[str | None, Query(alias=TOKEN_PARAMETER, max_length=200)] = None,
) -> PublicAppointment:
    """Anyone with the link: when and where, never who."""
    _count(request, context)
    return service.public_read(session, context, service.public(session, reference, token))


@router.post("/appointments/{reference}/find")
def find_for_change(
    reference: str,
    body: AppointmentCheck,
    request: Request,
    session: DbSession,
    context: Context,
    credentials: BearerCredentials,
) -> PublicAppointment:
    """Before a cancel or a move, who may make it: the booking as it is (when and where,
    never who), or the refusal the change would meet. The contact is in the body, so it is
    in no address or access log."""
    caller = _caller_or_public(request, session, context, credentials)
    appointment = service.find_for_change(session, caller, reference, body, through="api")
    return service.public_read(session, context, appointment)


@router.post("/appointments/{reference}/cancel")
def cancel(
    reference: str,
    body: AppointmentCancel,
    request: Request,
    session: DbSession,
    context: Context,
    credentials: BearerCredentials,
) -> PublicAppointment:
    """Staff at its location, or anyone with the booking's phone number or email."""
    caller = _caller_or_public(request, session, context, credentials)
    appointment = service.cancel(session, context, caller, reference, body, through="api")
    return service.public_read(session, context, appointment)


@router.post("/appointments/{reference}/rebook")
def rebook(
    reference: str,
    body: AppointmentRebook,
    request: Request,
    session: DbSession,
    context: Context,
    credentials: BearerCredentials,
) -> PublicAppointment:
    """Another time, same service and place: staff, or anyone with the phone or email."""
    caller = _caller_or_public(request, session, context, credentials)
    appointment = service.rebook(session, context, caller, reference, body, through="api")
    return service.public_read(session, context, appointment)


@router.post("/appointments/{reference}/arrive")
def arrive(reference: str, caller: Caller, session: DbSession, context: Context) -> Arrival:
    return service.arrive(session, context, caller, reference, through="api")
