"""Opening hours: anyone may read them; admins change them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from casebackend.api.dependencies import Caller, Context, DbSession
from casebackend.organisation import hours
from shared.appointments.schemas import (
    HoursExceptionUpdate,
    OpeningHours,
    OpeningHoursUpdate,
    OpenState,
)

router = APIRouter(tags=["opening hours"])


@router.get("/locations/{code}/hours")
def read_hours(code: str, session: DbSession, context: Context) -> OpeningHours:
    """The week's hours, the exceptions from today on, and the next 14 days as they will be."""
    return hours.opening_hours(session, context.settings, code)


@router.put("/locations/{code}/hours")
def set_hours(
    code: str, body: OpeningHoursUpdate, caller: Caller, session: DbSession, context: Context
) -> OpeningHours:
    """Admins: the whole week at once; weekdays not named are closed."""
    return hours.set_week(session, context.settings, caller, code, body, through="api")


@router.put("/locations/{code}/hours/exceptions/{day}")
def set_exception(
    code: str,
    day: date,
    body: HoursExceptionUpdate,
    caller: Caller,
    session: DbSession,
    context: Context,
) -> OpeningHours:
    """Admins: one day's own hours (no spans: closed all day)."""
    return hours.set_exception(session, context.settings, caller, code, day, body, through="api")


@router.delete("/locations/{code}/hours/exceptions/{day}", status_code=status.HTTP_204_NO_CONTENT)
def delete_exception(code: str, day: date, caller: Caller, session: DbSession) -> Response:
    hours.delete_exception(session, caller, code, day, through="api")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/locations/{code}/open")
def open_now(
    code: str,
    session: DbSession,
    context: Context,
    at: Annotated[datetime | None, Query(description="ISO 8601; now when absent")] = None,
) -> OpenState:
    return hours.open_state(session, context.settings, code, at)
