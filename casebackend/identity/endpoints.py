from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from casebackend.api.dependencies import Caller, Context, DbSession, bearer_token
from casebackend.api.ratelimits import client_address, guarded_attempt
from casebackend.identity import service
from casebackend.identity.models import StaffMember
from casebackend.identity.secrets import token_hash
from casebackend.ratelimit.service import Attempt
from shared.errors import NotAuthenticated, NotFound
from shared.identity.schemas import (
    Enrolment,
    EnrolRequest,
    LoginRequest,
    StaffRead,
    StaffSessionRead,
)

router = APIRouter(tags=["identity"])


@router.post("/devices/enrol", status_code=status.HTTP_201_CREATED)
def enrol(body: EnrolRequest, request: Request, session: DbSession, context: Context) -> Enrolment:
    """Exchange a one-time enrolment code for a kiosk's device token (shown once)."""
    attempt = Attempt.enrol(client_address(request))
    with guarded_attempt(session, context, attempt, wrong=NotFound):
        return service.enrol_device(
            session, body.code, body.name, public_base_url=context.settings.public_base_url
        )


@router.post("/staff/login")
def login(
    body: LoginRequest, request: Request, session: DbSession, context: Context
) -> StaffSessionRead:
    lifetime = timedelta(hours=context.settings.staff_session_hours)
    attempt = Attempt.login(body.username, client_address(request))
    with guarded_attempt(session, context, attempt, wrong=NotAuthenticated):
        return service.log_in(session, body.username, body.password, lifetime)


@router.post("/staff/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(
    caller: Caller,
    session: DbSession,
    context: Context,
    token: Annotated[str | None, Depends(bearer_token)],
) -> None:
    caller.require_staff()
    if token is not None:
        service.log_out(session, token)
        # At once for this process: the cache forgets it, the live hub closes its sockets.
        context.principals.revoke(token_hash(token))


@router.get("/staff/me")
def me(caller: Caller, session: DbSession) -> StaffRead:
    caller.require_staff()
    return service.staff_read(session.get_one(StaffMember, caller.id))
