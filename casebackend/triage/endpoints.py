"""The triage list's routes. Desks hear of every change through the live hub
(``triage.changed``); these answer the one who acted."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, status

from casebackend.api.dependencies import Caller, Context, DbSession
from casebackend.context import BackendContext
from casebackend.live import service as live
from casebackend.live.hub import LiveHub
from casebackend.triage import faults, service
from casebackend.triage.service import TriageRules
from shared.triage.schemas import (
    ENTRY_ID_PATTERN,
    CallNext,
    Close,
    Colleagues,
    Park,
    SpeakToSomeone,
    SpeakToSomeoneRead,
    Transfer,
    TriageEntry,
    TriageList,
    WalkInCreate,
)

router = APIRouter(prefix="/triage", tags=["triage"])

EntryPath = Annotated[str, Path(pattern=ENTRY_ID_PATTERN)]
LocationQuery = Annotated[str | None, Query(max_length=40)]


def _rules(context: BackendContext) -> TriageRules:
    return TriageRules(context.settings, context.catalogue.get())


@router.get("")
def triage_list(
    request: Request,
    caller: Caller,
    session: DbSession,
    context: Context,
    location: LocationQuery = None,
) -> TriageList:
    """The location's open list in calling order, kiosk faults included (a desk gets the
    same in its ``desk.welcome``)."""
    hub: LiveHub = request.app.state.live
    place = live.desk_place(session, caller, location)
    activities = hub.activities_at(place.location_id)
    kiosks = live.board(session, caller, context.settings, place, activities)
    rules = _rules(context)
    listed = faults.open_faults(session, kiosks, place.code, rules)
    return service.triage_list(session, rules, place.location_id, listed)


@router.get("/staff")
def colleagues(
    request: Request, caller: Caller, session: DbSession, location: LocationQuery = None
) -> Colleagues:
    """Who a visitor can be passed to at the location: its desk staff (greeters and admins),
    those on a desk now first."""
    hub: LiveHub = request.app.state.live
    place = live.desk_place(session, caller, location)
    return service.colleagues(session, place, hub.staff_on_desk_at(place.location_id))


@router.post("/walk-ins", status_code=status.HTTP_201_CREATED)
def add_walk_in(
    body: WalkInCreate, caller: Caller, session: DbSession, context: Context
) -> TriageEntry:
    """A greeter records a visitor: the entry, with its ticket."""
    return service.add_walk_in(session, caller, _rules(context), body)


@router.post("/speak-to-someone", status_code=status.HTTP_201_CREATED)
def speak_to_someone(
    body: SpeakToSomeone, caller: Caller, session: DbSession, context: Context
) -> SpeakToSomeoneRead:
    """From a kiosk: the customer joins the advisors' queue; the ticket to show them."""
    return service.speak_to_someone(session, caller, _rules(context), body)


@router.post("/next")
def call_next(body: CallNext, caller: Caller, session: DbSession, context: Context) -> TriageEntry:
    """Call the top of the list (404 when nobody is waiting). A help request is claimed:
    the desk then sends ``help.claim`` on the live hub to open the mirror."""
    return service.call_next(session, caller, _rules(context), body)


@router.post("/{entry_id}/call")
def call(
    entry_id: EntryPath,
    caller: Caller,
    session: DbSession,
    context: Context,
    location: LocationQuery = None,
) -> TriageEntry:
    return service.call(session, caller, _rules(context), entry_id, location)


@router.post("/{entry_id}/park")
def park(
    entry_id: EntryPath,
    body: Park,
    caller: Caller,
    session: DbSession,
    context: Context,
    location: LocationQuery = None,
) -> TriageEntry:
    return service.park(session, caller, _rules(context), entry_id, body.reason, location)


@router.post("/{entry_id}/transfer")
def transfer(
    entry_id: EntryPath,
    body: Transfer,
    caller: Caller,
    session: DbSession,
    context: Context,
    location: LocationQuery = None,
) -> TriageEntry:
    """To a colleague at the location, or to the advisors, with a handover. A help request
    passed to the advisors becomes a walk-in: the answer is that new entry."""
    return service.transfer(session, caller, _rules(context), entry_id, body, location)


@router.post("/{entry_id}/no-show")
def no_show(
    entry_id: EntryPath,
    caller: Caller,
    session: DbSession,
    context: Context,
    location: LocationQuery = None,
) -> TriageEntry:
    return service.no_show(session, caller, _rules(context), entry_id, location)


@router.post("/{entry_id}/close")
def close(
    entry_id: EntryPath,
    body: Close,
    request: Request,
    caller: Caller,
    session: DbSession,
    context: Context,
    location: LocationQuery = None,
) -> TriageEntry:
    """A visitor seen, with how it ended; or a kiosk fault fixed or reported to IT, which
    then stays off the list until the kiosk's state changes."""
    rules = _rules(context)
    hub: LiveHub = request.app.state.live
    place = live.desk_place(session, caller, location)
    kiosks = live.board(
        session, caller, context.settings, place, hub.activities_at(place.location_id)
    )
    if any(service.fault_id(kiosk.status.device_id) == entry_id for kiosk in kiosks):
        return faults.close(session, caller, rules, entry_id, body.outcome, kiosks, place.code)
    return service.close(session, caller, rules, entry_id, body.outcome, location)
