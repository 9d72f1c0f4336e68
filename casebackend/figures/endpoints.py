from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from casebackend.api.dependencies import Caller, Context, DbSession
from casebackend.figures import export, service
from shared.figures.schemas import FiguresReport

router = APIRouter(tags=["figures"])


@router.get("/figures", response_model=FiguresReport)
def figures(
    caller: Caller,
    session: DbSession,
    context: Context,
    first: Annotated[date, Query(alias="from")],
    last: Annotated[date, Query(alias="to")],
    location: Annotated[str | None, Query(max_length=40)] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",  # noqa: A002 (the API's word)
) -> FiguresReport | Response:
    """The council's figures for whole days ``from`` to ``to`` (inclusive, in the council's
    timezone), for one location or all: managers and admins any, other staff their own
    locations'. ``format=csv`` answers one row a figure (docs/figures.md)."""
    service.require_figures_reader(session, caller, location)
    found = service.report(
        session,
        context.settings,
        context.catalogue.get(),
        first=first,
        last=last,
        location_code=location,
    )
    if format == "csv":
        name = f"figures-{first.isoformat()}-{last.isoformat()}.csv"
        return Response(
            export.to_csv(found),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return found
