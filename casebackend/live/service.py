"""The help requests' record: raising, claiming, releasing and ending them, in the database.

The database is the arbiter: a claim is one conditional ``UPDATE`` that only the first
greeter's can satisfy, so exactly one wins however many desks (or backend workers) race.
Every mirror session (claim, release, end) and every maintenance action is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from casebackend.audit import service as audit
from casebackend.db.base import utcnow
from casebackend.fleet import service as fleet
from casebackend.identity.models import Device, Role, StaffMember
from casebackend.identity.principal import SYSTEM, Principal
from casebackend.live.models import HelpSession
from casebackend.organisation.models import Location
from casebackend.settings import BackendSettings
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from shared.live.messages import (
    HelpContext,
    HelpEndReason,
    HelpOutcome,
    HelpRequest,
    KioskActivity,
    KioskLive,
    MaintenanceAction,
    StaffRef,
)
from shared.schema import convert, to_builtins

THROUGH = "live"
# Who may see and claim a location's help requests (and use its board).
DESK_ROLES = frozenset({Role.GREETER, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class DeskPlace:
    """Where a desk is signed in: one location the member of staff works at."""

    location_id: int
    code: str
    name: str


def desk_place(session: Session, principal: Principal, location_code: str | None) -> DeskPlace:
    """The location a desk joins: one of the staff member's own, and only with a desk role."""
    principal.require_staff(*DESK_ROLES)
    query = select(Location).where(Location.id.in_(principal.location_ids)).order_by(Location.code)
    own = list(session.scalars(query))
    if not own:
        raise Forbidden("You are not set up for any location. Ask an administrator to add you.")
    if location_code is None:
        if len(own) > 1:
            names = ", ".join(location.code for location in own)
            raise InvalidInput(f"Choose which location you are at: {names}.")
        chosen = own[0]
    else:
        found = [location for location in own if location.code == location_code]
        if not found:
            raise Forbidden("You can only see the help desk of a location you work at.")
        chosen = found[0]
    return DeskPlace(chosen.id, chosen.code, chosen.name)


def _request(row: HelpSession, device: Device, staff: StaffMember | None) -> HelpRequest:
    remote = row.served_at_id is not None
    return HelpRequest(
        id=row.id,
        device_id=device.id,
        kiosk_name=device.name,
        location_code=device.location.code,
        raised_at=row.raised_at,
        context=convert(HelpContext, row.context),
        claimed_by=StaffRef(id=staff.id, name=staff.display_name) if staff else None,
        claimed_at=row.claimed_at,
        remote=remote,
        remote_from=device.location.name if remote else None,
    )


def _open_rows(session: Session, *conditions: object) -> list[HelpRequest]:
    query = (
        select(HelpSession, Device, StaffMember)
        .join(Device, Device.id == HelpSession.device_id)
        .outerjoin(StaffMember, StaffMember.id == HelpSession.claimed_by_id)
        .where(HelpSession.ended_at.is_(None), *conditions)  # type: ignore[arg-type]
        .order_by(HelpSession.raised_at)
    )
    return [_request(row, device, staff) for row, device, staff in session.execute(query)]


def _at(location_id: int) -> Any:
    """A request at the location's kiosks, or one its desks serve from elsewhere."""
    return or_(HelpSession.location_id == location_id, HelpSession.served_at_id == location_id)


def open_requests(session: Session, location_id: int) -> list[HelpRequest]:
    """A location's open requests, longest waiting first: its kiosks' own, and those of
    another location its desks serve (remote help)."""
    return _open_rows(session, _at(location_id))


def open_request_of(session: Session, device_id: int) -> HelpRequest | None:
    found = _open_rows(session, HelpSession.device_id == device_id)
    return found[-1] if found else None


def _device(principal: Principal) -> int:
    if principal.id is None or principal.is_staff:
        raise Forbidden("Only a kiosk can ask for help.")
    return principal.id


@dataclass(frozen=True, slots=True)
class Raised:
    """What a raise finds, in one read: the request with its id if it exists, and the
    kiosk's other open requests (usually none)."""

    row: HelpSession | None
    others: list[HelpSession]


def find_raised(session: Session, device_id: int, help_id: str) -> Raised:
    rows = session.scalars(
        select(HelpSession).where(
            or_(
                HelpSession.id == help_id,
                (HelpSession.device_id == device_id) & HelpSession.ended_at.is_(None),
            )
        )
    ).all()
    row = next((found for found in rows if found.id == help_id), None)
    return Raised(row, [found for found in rows if found.id != help_id])


def raise_help(
    session: Session,
    principal: Principal,
    device: Device,
    help_id: str,
    context: HelpContext,
    found: Raised,
    served_at_id: int | None = None,
) -> tuple[HelpRequest, bool, list[str]]:
    """Record a kiosk's request. Raising the same id again changes nothing (a kiosk re-sends
    it after a dropped connection). Answers the request, whether it is new, and the ids of
    the kiosk's older open requests, which a new one ends (one customer at a time).
    ``device`` and ``found`` (:func:`find_raised`): as the caller read them.
    ``served_at_id``: another location whose desks answer it (nobody is at this one's)."""
    device_id = _device(principal)
    row = found.row
    if row is not None:
        if row.device_id != device_id:
            raise Forbidden("That help request belongs to another kiosk.")
        if row.ended_at is not None:
            raise Conflict("That help request has already ended.", help_id=help_id)
        request = open_request_of(session, device_id)
        assert request is not None  # noqa: S101 — it is open, and this kiosk's
        return request, False, []
    ended = []
    for older in found.others:
        _end(session, principal, older, HelpEndReason.SESSION_ENDED)
        ended.append(older.id)
    raised_at = utcnow()
    # A Core insert: nothing reads the new row back in this transaction.
    session.execute(
        insert(HelpSession).values(
            id=help_id,
            device_id=device_id,
            location_id=device.location_id,
            served_at_id=served_at_id,
            raised_at=raised_at,
            context=to_builtins(context),
            claims=0,
        )
    )
    # Built from what was just written: the desks' alert waits for this transaction.
    request = HelpRequest(
        id=help_id,
        device_id=device_id,
        kiosk_name=device.name,
        location_code=device.location.code,
        raised_at=raised_at,
        context=context,
        remote=served_at_id is not None,
        remote_from=device.location.name if served_at_id is not None else None,
    )
    return request, True, ended


def _open_row(session: Session, help_id: str, location_ids: frozenset[int]) -> HelpSession:
    row = session.get(HelpSession, help_id)
    if row is None or not {row.location_id, row.served_at_id} & location_ids:
        raise NotFound("That help request is not at your location.", help_id=help_id)
    if row.ended_at is not None:
        raise Conflict("That help request has already ended.", help_id=help_id)
    return row


def staff_ref(session: Session, staff_id: int) -> StaffRef:
    """A member of staff as the desks name them (a pass's ``passed_by``)."""
    staff = session.get(StaffMember, staff_id)
    return StaffRef(id=staff_id, name=staff.display_name if staff else "Someone")


def _claimer_name(session: Session, row: HelpSession) -> str:
    staff = session.get(StaffMember, row.claimed_by_id) if row.claimed_by_id else None
    return staff.display_name if staff else "Someone"


def claim(
    session: Session, principal: Principal, help_id: str, place: DeskPlace
) -> tuple[datetime, int]:
    """Claim a request for this member of staff; ``Conflict`` naming who has it if another
    greeter got there first. Answers when it was claimed, and the kiosk it is at."""
    principal.require_staff(*DESK_ROLES)
    row = _open_row(session, help_id, frozenset({place.location_id}))
    if row.claimed_by_id == principal.id:
        assert row.claimed_at is not None  # noqa: S101 — claimed rows have a time
        return row.claimed_at, row.device_id
    now = utcnow()
    # One statement claims, counts and keeps the first claim's time, and answers what the
    # row now holds (``None``: another greeter's claim, or its end, got there first).
    claimed = session.execute(
        update(HelpSession)
        .where(
            HelpSession.id == help_id,
            HelpSession.claimed_by_id.is_(None),
            HelpSession.ended_at.is_(None),
        )
        .values(
            claimed_by_id=principal.id,
            claimed_at=now,
            claims=HelpSession.claims + 1,
            first_claimed_at=func.coalesce(HelpSession.first_claimed_at, now),
        )
        .returning(HelpSession.claims, HelpSession.first_claimed_at)
        .execution_options(synchronize_session=False)
    ).first()
    if claimed is None:
        session.refresh(row)
        raise Conflict(
            f"{_claimer_name(session, row)} is already helping at this kiosk.", help_id=help_id
        )
    # The row read above, as the statement left it (no second read).
    for name, value in (
        ("claimed_by_id", principal.id),
        ("claimed_at", now),
        ("claims", claimed.claims),
        ("first_claimed_at", claimed.first_claimed_at),
    ):
        set_committed_value(row, name, value)
    audit.record(session, principal, "help.claimed", through=THROUGH, detail=_detail(row))
    return now, row.device_id


def _claimed_row(session: Session, principal: Principal, help_id: str) -> HelpSession:
    principal.require_staff(*DESK_ROLES)
    row = _open_row(session, help_id, principal.location_ids)
    if row.claimed_by_id != principal.id:
        raise Conflict("You are not helping with this request: claim it first.", help_id=help_id)
    return row


def check_claimer(session: Session, principal: Principal, help_id: str) -> int:
    """The device a claimed request is at, if this member of staff holds the claim."""
    return _claimed_row(session, principal, help_id).device_id


def release(session: Session, principal: Principal, help_id: str) -> int:
    """Give a claimed request back to the queue; answers its device."""
    row = _claimed_row(session, principal, help_id)
    row.claimed_by_id = None
    row.claimed_at = None
    audit.record(session, principal, "help.released", through=THROUGH, detail=_detail(row))
    return row.device_id


def release_abandoned(session: Session, staff_id: int, location_id: int) -> list[tuple[str, int]]:
    """Give back every open claim a greeter holds at a location (their desk has been gone
    too long): (help id, device id) of each. Audited as the system's doing.

    Every backend process may try at once: each claim is given back by one conditional
    ``UPDATE``, so exactly one process gives back (and audits, and announces) each."""
    rows = session.scalars(
        select(HelpSession).where(
            _at(location_id),
            HelpSession.claimed_by_id == staff_id,
            HelpSession.ended_at.is_(None),
        )
    ).all()
    given_back = []
    for row in rows:
        result = session.execute(
            update(HelpSession)
            .where(
                HelpSession.id == row.id,
                HelpSession.claimed_by_id == staff_id,
                HelpSession.ended_at.is_(None),
            )
            .values(claimed_by_id=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            continue
        detail = f"{_detail(row)}, the greeter's desk was gone"
        audit.record(session, SYSTEM, "help.released", through=THROUGH, detail=detail)
        given_back.append((row.id, row.device_id))
    return given_back


def close(session: Session, principal: Principal, help_id: str, outcome: HelpOutcome) -> int:
    """End a request with its outcome (by its claimer); answers its device."""
    row = _claimed_row(session, principal, help_id)
    row.outcome = outcome.value
    _end(session, principal, row, HelpEndReason.CLOSED)
    return row.device_id


def cancel(
    session: Session, principal: Principal, help_id: str, reason: HelpEndReason
) -> HelpSession | None:
    """The customer ended it at the kiosk. ``None`` when it had already ended."""
    device_id = _device(principal)
    row = session.get(HelpSession, help_id)
    if row is None or row.device_id != device_id:
        raise NotFound("This kiosk has no such help request.", help_id=help_id)
    if row.ended_at is not None:
        return None
    _end(session, principal, row, reason)
    return row


def end_by_staff(
    session: Session,
    principal: Principal,
    help_id: str,
    location_ids: frozenset[int],
    reason: HelpEndReason,
) -> HelpSession:
    """A greeter ends an open request at one of their locations without an outcome of its
    own (nobody was there; moved to an advisor's queue)."""
    principal.require_staff(*DESK_ROLES)
    row = _open_row(session, help_id, location_ids)
    _end(session, principal, row, reason)
    return row


def time_out(session: Session, raised_before: datetime) -> list[tuple[str, int, int]]:
    """End every request nobody has claimed that was raised before this: the customer is
    told, so their kiosk can wipe. One conditional ``UPDATE`` each, so one process ends
    (and announces) each however many try. Answers (help id, device id, location id)."""
    rows = session.scalars(
        select(HelpSession).where(
            HelpSession.ended_at.is_(None),
            HelpSession.claimed_by_id.is_(None),
            HelpSession.raised_at < raised_before,
        )
    ).all()
    ended = []
    for row in rows:
        result = session.execute(
            update(HelpSession)
            .where(
                HelpSession.id == row.id,
                HelpSession.ended_at.is_(None),
                HelpSession.claimed_by_id.is_(None),
            )
            .values(ended_at=utcnow(), end_reason=HelpEndReason.TIMED_OUT.value)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0):
            ended.append((row.id, row.device_id, row.location_id))
    return ended


def _end(session: Session, principal: Principal, row: HelpSession, reason: HelpEndReason) -> None:
    row.ended_at = utcnow()
    row.end_reason = reason.value
    if row.first_claimed_at is not None:
        audit.record(session, principal, "help.ended", through=THROUGH, detail=_detail(row))


def record_fill(
    session: Session, principal: Principal, help_id: str, action: str, field: str | None = None
) -> None:
    """Audit a step of filling a field for the customer: their consent (``fill.allowed`` or
    ``fill.refused``, by the kiosk) or a field typed (``fill.typed``, by its greeter). Which
    field, never what was typed."""
    if principal.is_staff:
        row = _claimed_row(session, principal, help_id)
    else:
        row = _open_row(session, help_id, principal.location_ids)
        if row.device_id != principal.id:
            raise NotFound("That help request is not this kiosk's.", help_id=help_id)
    detail = _detail(row) + (f", field {field}" if field else "")
    audit.record(session, principal, action, through=THROUGH, detail=detail)


def _detail(row: HelpSession) -> str:
    parts = [f"help {row.id}", f"device {row.device_id}"]
    if row.end_reason:
        parts.append(f"ended {row.end_reason}")
    if row.outcome:
        parts.append(f"outcome {row.outcome}")
    return ", ".join(parts)


# The board ---------------------------------------------------------------------------------


def board(
    session: Session,
    principal: Principal,
    settings: BackendSettings,
    place: DeskPlace,
    activities: dict[int, KioskActivity],
) -> list[KioskLive]:
    """The location's kiosks: fleet health from heartbeats, and what the live hub knows of
    each one now (connected, and doing what)."""
    statuses = fleet.fleet(session, principal, settings, location_code=place.code)
    out_of_order = set(
        session.scalars(
            select(Device.id).where(
                Device.location_id == place.location_id, Device.out_of_order.is_(True)
            )
        )
    )
    kiosks = []
    for status in statuses:
        activity = activities.get(status.device_id)
        if status.device_id in out_of_order:
            activity = KioskActivity.OUT_OF_ORDER
        kiosks.append(
            KioskLive(
                status=status,
                connected=status.device_id in activities,
                activity=activity,
            )
        )
    return kiosks


def maintain(
    session: Session,
    principal: Principal,
    place: DeskPlace,
    device_id: int,
    action: MaintenanceAction,
) -> None:
    """Check and audit a maintenance action on one of the location's kiosks."""
    principal.require_staff(*DESK_ROLES)
    device = session.get(Device, device_id)
    if device is None or device.revoked or device.location_id != place.location_id:
        raise NotFound("That kiosk is not at your location.", device_id=device_id)
    if action is MaintenanceAction.OUT_OF_ORDER:
        device.out_of_order = True
    elif action is MaintenanceAction.BACK_IN_SERVICE:
        device.out_of_order = False
    audit.record(
        session,
        principal,
        f"kiosk.{action.value}",
        through=THROUGH,
        detail=f"device {device_id} ({device.name})"[:400],
    )


def is_out_of_order(session: Session, device_id: int) -> bool:
    device = session.get(Device, device_id)
    return bool(device and device.out_of_order)


def kiosk_joined(session: Session, device_id: int) -> bool:
    """A kiosk said hello: it has been on the live link (kept, so that every process, and
    this one after a restart, lists it not responding once it drops off, heartbeat or
    not). Whether staff have put it out of order."""
    device = session.get(Device, device_id)
    if device is None:
        return False
    if device.live_seen_at is None:
        device.live_seen_at = utcnow()
    return device.out_of_order


def kiosk_left(session: Session, device_id: int) -> None:
    """A kiosk dropped off the live link: since when it has not answered, for a kiosk
    that sent no heartbeat (``GET /triage``'s line waits from then, as the hub's does)."""
    device = session.get(Device, device_id)
    if device is not None:
        device.live_seen_at = utcnow()


def claims_of(session: Session, principal: Principal, place: DeskPlace) -> list[tuple[str, int]]:
    """The open requests this member of staff holds at the place: (help id, device id)."""
    rows = session.execute(
        select(HelpSession.id, HelpSession.device_id).where(
            _at(place.location_id),
            HelpSession.claimed_by_id == principal.id,
            HelpSession.ended_at.is_(None),
        )
    )
    return [(help_id, device_id) for help_id, device_id in rows]


def open_claims(session: Session) -> list[tuple[str, int, int]]:
    """Every open claimed request: (help id, device id, staff id)."""
    rows = session.execute(
        select(HelpSession.id, HelpSession.device_id, HelpSession.claimed_by_id).where(
            HelpSession.claimed_by_id.is_not(None), HelpSession.ended_at.is_(None)
        )
    )
    return [(help_id, device_id, staff_id) for help_id, device_id, staff_id in rows if staff_id]
