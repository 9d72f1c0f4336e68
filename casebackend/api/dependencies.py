"""Request-scoped pieces: the backend context, one session per request, the caller.

FastAPI runs each plain (``def``) dependency in the thread pool on its own, so a request
with a session and a caller crosses between threads several times. The cheap pieces are
``async`` here, and the busiest endpoint, case creation, does its whole transaction in one
hop with :func:`in_one_hop`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from casebackend.context import BackendContext
from casebackend.identity import service as identity
from casebackend.identity.principal import Principal
from casebackend.identity.secrets import token_hash
from casebackend.notifications import service as notifications
from shared.errors import NotAuthenticated


async def get_context(request: Request) -> BackendContext:
    context: BackendContext = request.app.state.context
    return context


Context = Annotated[BackendContext, Depends(get_context)]

# A create that is safe to send again (a case, a booking): the same key and body answer
# what the first made; the same key with another body is refused (docs/api.md).
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=100,
        pattern=r"^[A-Za-z0-9_\-.:]+$",
        description="Send the same key again to get the same answer back, never a second one.",
    ),
]


@contextmanager
def request_transaction(context: BackendContext) -> Iterator[Session]:
    """A request's one transaction: committed when the block ends, else rolled back."""
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


def get_session(context: Context) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, else rolled back."""
    with request_transaction(context) as session:
        yield session


# "function" scope: the commit happens before the response is sent, so a client that
# has its answer can rely on the change being there on its next request.
DbSession = Annotated[Session, Depends(get_session, scope="function")]


# Declared as a security scheme so the OpenAPI document shows how to sign in; the
# errors stay ours (auto_error off) so a missing token gets a plain message.
T = TypeVar("T")

_bearer_scheme = HTTPBearer(
    auto_error=False,
    description="A kiosk's device token (from enrolment) or a staff session token (from login).",
)
BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Security(_bearer_scheme)]


def _recognise(context: BackendContext, session: Session, token: str) -> Principal:
    return context.principals.get(
        token_hash(token), lambda: identity.principal_for_bearer(session, token)
    )


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None:
        raise NotAuthenticated("Please sign in first: send 'Authorization: Bearer <token>'.")
    return credentials.credentials


def get_principal(
    session: DbSession, context: Context, credentials: BearerCredentials
) -> Principal:
    return _recognise(context, session, _token(credentials))


async def in_one_hop(
    context: BackendContext,
    credentials: HTTPAuthorizationCredentials | None,
    work: Callable[[Session, Principal], T],
) -> T:
    """``work`` with the request's transaction and its caller, in one thread-pool hop.

    What ``DbSession`` and ``Caller`` give, without a hop for each: the caller is
    recognised in the transaction, and the transaction commits before the answer is sent.
    """
    token = _token(credentials)

    def run() -> T:
        with request_transaction(context) as session:
            return work(session, _recognise(context, session, token))

    return await run_in_threadpool(run)


def bearer_token(credentials: BearerCredentials) -> str | None:
    return credentials.credentials if credentials else None


Caller = Annotated[Principal, Depends(get_principal)]
