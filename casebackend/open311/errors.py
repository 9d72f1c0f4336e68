"""GeoReport v2 error bodies, for every error on an ``/open311/...`` path.

The spec's statuses: 404 for a resource that does not exist, 403 for a missing or wrong
``api_key``, 400 for anything else the request got wrong; and 429 (with Retry-After) past
a rate limit. Our own failures stay 5xx. The
body is ``errors`` → ``error`` → ``code`` (the HTTP status) and ``description``, one
``error`` per problem, in JSON or XML as the path's suffix asks (XML when it asks neither,
XML being the format every GeoReport server must speak).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from casebackend.open311.render import format_of_path, respond
from casebackend.open311.schemas import ErrorOut, dump
from shared.errors import FirstStopError

# Set by this package on the errors it raises: the plain descriptions, one per problem.
PROBLEMS = "problems"


def status_of(exc: FirstStopError) -> int:
    if exc.status in (401, 403):
        return 403
    if exc.status in (404, 429):
        return exc.status
    if exc.status >= 500:
        return exc.status
    return 400


def descriptions(exc: FirstStopError) -> list[str]:
    problems = exc.details.get(PROBLEMS)
    if isinstance(problems, list) and problems:
        return [str(p) for p in problems]
    # FastAPI's own validation, as casebackend.api.errors words it.
    errors = exc.details.get("errors")
    if isinstance(errors, list) and errors:
        return [
            f"{e['field']}: {e['problem']}" if e.get("field") else str(e.get("problem"))
            for e in errors
            if isinstance(e, dict)
        ] or [exc.message]
    return [exc.message]


def render(request: Request, exc: FirstStopError) -> Response:
    status = status_of(exc)
    body = [ErrorOut(code=status, description=d) for d in descriptions(exc)]
    response = respond(format_of_path(request.url.path), "errors", dump(body), status)
    if "retry_after" in exc.details:
        response.headers["Retry-After"] = str(exc.details["retry_after"])
    return response
