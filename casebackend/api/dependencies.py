"""Request-scoped pieces: the backend context, one session per request, the caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from casebackend.context import BackendContext
from casebackend.identity import service as identity
from casebackend.identity.principal import PUBLIC, Principal
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


def _bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("Send the sign-in token as 'Authorization: Bearer <token>'.")
    return token.strip()


def _recognise(context: BackendContext, session: Session, token: str) -> Principal:
    return context.principals.get(
        token_hash(token), lambda: identity.principal_for_bearer(session, token)
    )


def get_principal(
    session: DbSession, context: Context, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    token = _bearer(authorization)
    if token is None:
        raise NotAuthenticated("Please sign in first.")
    return _recognise(context, session, token)


def get_optional_principal(
    session: DbSession, context: Context, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    token = _bearer(authorization)
    return PUBLIC if token is None else _recognise(context, session, token)


def bearer_token(authorization: Annotated[str | None, Header()] = None) -> str | None:
    return _bearer(authorization)


Caller = Annotated[Principal, Depends(get_principal)]
OptionalCaller = Annotated[Principal, Depends(get_optional_principal)]
