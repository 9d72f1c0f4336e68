"""Request-scoped pieces: the backend context, one session per request, the caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from casebackend.context import BackendContext
from casebackend.identity import service as identity
from casebackend.identity.principal import Principal
from casebackend.identity.secrets import token_hash
from casebackend.notifications import service as notifications
from shared.errors import NotAuthenticated


def get_context(request: Request) -> BackendContext:
    context: BackendContext = request.app.state.context
    return context


Context = Annotated[BackendContext, Depends(get_context)]


def get_session(context: Context) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, else rolled back."""
    session = context.sessions()
    try:
        yield session
        session.commit()
        if session.info.pop(notifications.QUEUED, False):
            context.dispatcher.wake()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# "function" scope: the commit happens before the response is sent, so a client that
# has its answer can rely on the change being there on its next request.
DbSession = Annotated[Session, Depends(get_session, scope="function")]


# Declared as a security scheme so the OpenAPI document shows how to sign in; the
# errors stay ours (auto_error off) so a missing token gets a plain message.
_bearer_scheme = HTTPBearer(
    auto_error=False,
    description="A kiosk's device token (from enrolment) or a staff session token (from login).",
)
BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Security(_bearer_scheme)]


def _recognise(context: BackendContext, session: Session, token: str) -> Principal:
    return context.principals.get(
        token_hash(token), lambda: identity.principal_for_bearer(session, token)
    )


def get_principal(
    session: DbSession, context: Context, credentials: BearerCredentials
) -> Principal:
    if credentials is None:
        raise NotAuthenticated("Please sign in first: send 'Authorization: Bearer <token>'.")
    return _recognise(context, session, credentials.credentials)


def bearer_token(credentials: BearerCredentials) -> str | None:
    return credentials.credentials if credentials else None


Caller = Annotated[Principal, Depends(get_principal)]
