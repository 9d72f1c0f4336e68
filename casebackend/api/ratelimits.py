"""Rate limits and lockouts at the HTTP edge: who the client is, and the guards the faces
put around their endpoints.

The client's address is the socket's peer. Only a peer in ``trusted_proxies`` may say
otherwise, through ``X-Forwarded-For``: uvicorn's own ``ProxyHeadersMiddleware``, which
``casebackend.app`` installs from that setting, rewrites the peer before any of this runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from casebackend.api.dependencies import BearerCredentials, Context
from casebackend.context import BackendContext
from casebackend.identity.secrets import token_hash
from casebackend.ratelimit.service import Attempt, AttemptKind, Guard, RateLimits
from shared.errors import FirstStopError


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def per_caller(pick: Callable[[RateLimits], Guard]) -> Any:
    """A dependency counting a request against a limit per bearer token (hashed) and per
    address. Put it in the route's ``dependencies`` so it runs before the caller is looked
    up, while the request's session holds no transaction."""

    def check(request: Request, context: Context, credentials: BearerCredentials) -> None:
        guard = pick(context.limits)
        if credentials is not None:
            guard.check("caller", token_hash(credentials.credentials)[:32])
        guard.check("address", client_address(request))

    return Depends(check)


@contextmanager
def guarded_attempt(
    session: Session,
    context: BackendContext,
    attempt: Attempt,
    wrong: type[FirstStopError],
) -> Iterator[None]:
    """Around a try at a secret: the per-address limit and any lockout first; a ``wrong``
    answer counted (after the request's own transaction has rolled back, so it stays
    counted) and perhaps locking; a right one clearing its count in the request's
    transaction."""
    guard = context.limits.login if attempt.kind is AttemptKind.LOGIN else context.limits.enrol
    guard.check("address", attempt.address)
    context.lockouts.refuse_if_locked(attempt)
    try:
        yield
    except wrong:
        session.rollback()
        context.lockouts.record_failure(attempt)
        raise
    context.lockouts.forgive(session, attempt)
