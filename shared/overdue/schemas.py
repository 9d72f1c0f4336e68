"""The overdue list's wire schema: what ``GET /api/v1/cases/overdue`` answers. The same
cases, grouped by team, make the daily overdue digest (docs/figures.md)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class SlaState(StrEnum):
    # Due before today.
    OVERDUE = "overdue"
    # Due today or within the next two working days.
    DUE_SOON = "due_soon"


class OverdueCase(BaseModel):
    """An open case past or near its due date: references and services only, never the
    customer's details."""

    model_config = ConfigDict(extra="forbid")

    reference: str
    service_code: str
    service_name: str
    team: str | None
    due: date
    state: SlaState
    # Working days since the due date (0 for a case due soon).
    days_overdue: int


class OverdueList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The council's local day the list is for.
    day: date
    overdue: int
    due_soon: int
    cases: list[OverdueCase]
