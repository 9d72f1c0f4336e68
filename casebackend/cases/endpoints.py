from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy.orm import Session

from casebackend.api.dependencies import (
    BearerCredentials,
    Caller,
    Context,
    DbSession,
    IdempotencyKey,
    in_one_hop,
)
from casebackend.cases import service
from casebackend.identity.principal import Principal
from shared.cases.schemas import (
    CaseCreate,
    CasePage,
    CaseRead,
    NoteCreate,
    PublicCase,
    StatusChange,
)
from shared.cases.tracking import TOKEN_PARAMETER
from shared.cases.workflow import CaseStatus

router = APIRouter(tags=["cases"])


@router.post(
    "/cases",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "A replay: the case made earlier with this key."}},
)
async def create_case(
    body: CaseCreate,
    context: Context,
    credentials: BearerCredentials,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CaseRead:
    # The busiest endpoint: its transaction, caller and answer in one thread-pool hop.
    def create(session: Session, caller: Principal) -> tuple[bool, CaseRead]:
        created = service.create_case(
            session, context, caller, body, through="api", idempotency_key=idempotency_key
        )
        return created.new, service.created_case_read(session, context, created)

    new, read = await in_one_hop(context, credentials, create)
    if not new:
        response.status_code = status.HTTP_200_OK
    return read


@router.get("/cases")
def search_cases(
    caller: Caller,
    session: DbSession,
    context: Context,
    status_: Annotated[CaseStatus | None, Query(alias="status")] = None,
    service_code: Annotated[str | None, Query(max_length=64)] = None,
    location: Annotated[str | None, Query(max_length=40)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> CasePage:
    return service.search_cases(
        session,
        context,
        caller,
        status=status_,
        service_code=service_code,
        location_code=location,
        text=q,
        page=page,
        page_size=page_size,
    )


@router.get("/cases/{reference}")
def read_case(reference: str, caller: Caller, session: DbSession, context: Context) -> CaseRead:
    case = service.get_case(session, context, caller, reference, through="api")
    return service.case_read(session, context, case)


@router.post("/cases/{reference}/status")
def change_status(
    reference: str, body: StatusChange, caller: Caller, session: DbSession, context: Context
) -> CaseRead:
    case = service.change_status(session, context, caller, reference, body, through="api")
    return service.case_read(session, context, case)


@router.post("/cases/{reference}/notes", status_code=status.HTTP_201_CREATED)
def add_note(
    reference: str, body: NoteCreate, caller: Caller, session: DbSession, context: Context
) -> CaseRead:
    case = service.add_note(session, context, caller, reference, body, through="api")
    return service.case_read(session, context, case)


TrackingToken = Annotated[
    str | None,
    Query(
        alias=TOKEN_PARAMETER,
        max_length=200,
        description="The case's tracking token, from its QR code or confirmation link.",
    ),
]


@router.get("/track/{reference}")
def track(
    reference: str,
    request: Request,
    session: DbSession,
    context: Context,
    token: TrackingToken = None,
) -> PublicCase:
    """Anyone with a reference: its status and dates. With the case's tracking token too:
    the full public view (service, public history, updates). No personal data either way.
    Rate-limited."""
    context.track_limiter.check(request.client.host if request.client else "unknown")
    return service.track(session, context, reference, token)
