"""A location's triage list: the rules for what is on it, in what order, and what greeters
do with each entry.

The list joins three sources: walk-ins and arrived appointments (``triage_entries``), the
live hub's help requests (``help_sessions``, the same ids) and kiosk faults (from the hub's
presence, passed in by the caller). Every action is a conditional ``UPDATE`` where two
greeters could race (calling the same visitor: exactly one wins), is audited, and tells
the desks through :mod:`casebackend.triage.news` once the caller's transaction commits.
Services never commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casebackend.appointments import repository as appointments
from casebackend.appointments.news import announce
from casebackend.audit import service as audit
from casebackend.db.base import utcnow
from casebackend.identity.models import Device, Role, StaffMember, staff_locations
from casebackend.identity.principal import SYSTEM, Principal
from casebackend.live import service as live
from casebackend.live.models import HelpSession
from casebackend.live.service import DESK_ROLES, DeskPlace
from casebackend.notifications.models import Notification, NotificationStatus
from casebackend.notifications.provider import NotificationChannel, NotificationTemplate
from casebackend.notifications.service import QUEUED
from casebackend.organisation import hours
from casebackend.organisation.models import Location, LocationKind
from casebackend.settings import BackendSettings
from casebackend.triage.models import TriageEntryRow
from casebackend.triage.news import News, tell
from shared.appointments.schemas import AppointmentStatus
from shared.catalogue.schemas import Catalogue, Tier
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from shared.fleet.schemas import KioskState
from shared.live.messages import (
    AppointmentChange,
    HelpClaimed,
    HelpContext,
    HelpEnded,
    HelpEndReason,
    HelpOutcome,
    HelpRequest,
    KioskActivity,
    KioskLive,
    StaffRef,
    TriageChanged,
)
from shared.live.notices import HelpNoticeKind
from shared.schema import convert, replace, to_builtins
from shared.triage.order import calling_order
from shared.triage.schemas import (
    AccessNeed,
    CallNext,
    Colleague,
    Colleagues,
    FaultKind,
    Handover,
    SpeakToSomeone,
    SpeakToSomeoneRead,
    StaffName,
    Transfer,
    TriageEntry,
    TriageKind,
    TriageList,
    TriageOutcome,
    TriageState,
    WalkInCreate,
)

THROUGH = "triage"
# The ticket's letter, by kind.
TICKET_LETTER = {TriageKind.WALK_IN: "W", TriageKind.APPOINTMENT: "A"}
# How a help request's closing outcome is recorded on the help session.
HELP_OUTCOME = {
    TriageOutcome.RESOLVED: HelpOutcome.RESOLVED_AT_KIOSK,
    TriageOutcome.SELF_SERVED: HelpOutcome.RESOLVED_AT_KIOSK,
    TriageOutcome.SIGNPOSTED: HelpOutcome.SIGNPOSTED,
    TriageOutcome.APPOINTMENT_MADE: HelpOutcome.APPOINTMENT_NEEDED,
    TriageOutcome.MOVED_TO_ADVISOR: HelpOutcome.MOVED_TO_ADVISOR,
}
# What an arrived appointment becomes when its entry ends on the list, with the desks' news
# and the audit entry's action.
_APPOINTMENT_ENDS = {
    TriageState.CLOSED: (AppointmentStatus.SEEN, AppointmentChange.SEEN, "appointment_seen"),
    TriageState.NO_SHOW: (
        AppointmentStatus.NO_SHOW,
        AppointmentChange.NO_SHOW,
        "appointment_no_show",
    ),
}
_FAULTS_LEAVE_BY_BOARD = (
    "A kiosk fault leaves the list by itself when the kiosk is back: use the kiosk's "
    "board to put it back in service."
)


@dataclass(frozen=True, slots=True)
class TriageRules:
    """What the rules read: the settings (targets, time zone) and the catalogue (service
    names). ``TriageRules(context.settings, context.catalogue.get())``."""

    settings: BackendSettings
    catalogue: Catalogue

    def target(self, kind: TriageKind) -> int:
        settings = self.settings
        minutes = {
            TriageKind.HELP: settings.triage_target_help_minutes,
            TriageKind.WALK_IN: settings.triage_target_walk_in_minutes,
            TriageKind.APPOINTMENT: settings.triage_target_appointment_minutes,
            TriageKind.KIOSK_FAULT: settings.triage_target_fault_minutes,
        }[kind]
        return round(minutes * 60)

    def service_name(self, code: str | None) -> str | None:
        if code is None:
            return None
        service = self.catalogue.service(code)
        return service.name if service is not None else None

    def today(self) -> date:
        return utcnow().astimezone(ZoneInfo(self.settings.timezone)).date()


# Building entries ------------------------------------------------------------------------


def _staff_names(session: Session, ids: Iterable[int | None]) -> dict[int, StaffName]:
    wanted = {staff_id for staff_id in ids if staff_id is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(StaffMember.id, StaffMember.display_name).where(StaffMember.id.in_(wanted))
    )
    return {staff_id: StaffName(id=staff_id, name=name) for staff_id, name in rows}


def _entry(
    row: TriageEntryRow,
    rules: TriageRules,
    location_code: str,
    names: dict[int, StaffName],
    kiosk_name: str | None = None,
) -> TriageEntry:
    kind = TriageKind(row.kind)
    return TriageEntry(
        id=row.id,
        kind=kind,
        location_code=location_code,
        state=TriageState(row.state),
        ticket=row.ticket,
        waiting_since=row.waiting_since,
        target_seconds=rules.target(kind),
        priority=row.priority,
        needs=tuple(AccessNeed(need) for need in row.needs),
        tier=Tier(row.tier) if row.tier is not None else None,
        service_code=row.service_code,
        service_name=rules.service_name(row.service_code),
        topics=tuple(row.topics),
        name=row.name,
        device_id=row.device_id,
        kiosk_name=kiosk_name,
        appointment_reference=row.appointment_reference,
        for_advisor=row.for_advisor,
        assigned_to=names.get(row.assigned_to_id) if row.assigned_to_id else None,
        called_by=names.get(row.called_by_id) if row.called_by_id else None,
        called_at=row.called_at,
        parked_reason=row.parked_reason,
        handover=convert(Handover, row.handover) if row.handover else None,
        sms_when_called=row.phone is not None and not row.sms_sent,
        outcome=TriageOutcome(row.outcome) if row.outcome else None,
        ended_at=row.ended_at,
    )


def entry_of(session: Session, rules: TriageRules, row: TriageEntryRow) -> TriageEntry:
    location = session.get_one(Location, row.location_id)
    names = _staff_names(session, (row.assigned_to_id, row.called_by_id))
    device = session.get(Device, row.device_id) if row.device_id else None
    return _entry(row, rules, location.code, names, device.name if device else None)


def _help_needs(request: HelpRequest) -> tuple[AccessNeed, ...]:
    accessibility = request.context.accessibility
    needs = []
    if accessibility.large_text:
        needs.append(AccessNeed.LARGE_TEXT)
    if accessibility.high_contrast:
        needs.append(AccessNeed.HIGH_CONTRAST)
    if accessibility.speech:
        needs.append(AccessNeed.SPEECH)
    return tuple(needs)


def help_entry(
    request: HelpRequest,
    rules: TriageRules,
    *,
    state: TriageState | None = None,
    ended_at: datetime | None = None,
) -> TriageEntry:
    """A help request as a line of the triage list (its priority from the accessibility
    the customer turned on at the kiosk)."""
    needs = _help_needs(request)
    context = request.context
    claimed = request.claimed_by
    return TriageEntry(
        id=request.id,
        kind=TriageKind.HELP,
        location_code=request.location_code,
        state=state or (TriageState.CALLED if claimed else TriageState.WAITING),
        waiting_since=request.raised_at,
        target_seconds=rules.target(TriageKind.HELP),
        priority=bool(needs),
        needs=needs,
        service_code=context.service_code,
        service_name=context.service_name,
        device_id=request.device_id,
        kiosk_name=request.kiosk_name,
        remote=request.remote,
        remote_from=request.remote_from,
        called_by=StaffName(id=claimed.id, name=claimed.name) if claimed else None,
        called_at=request.claimed_at,
        ended_at=ended_at,
    )


def help_entry_by_id(session: Session, rules: TriageRules, help_id: str) -> TriageEntry | None:
    """A help request's line as it is now, open or ended (for the news after a change)."""
    row = session.get(HelpSession, help_id)
    if row is None:
        return None
    device = session.get_one(Device, row.device_id)
    staff = session.get(StaffMember, row.claimed_by_id) if row.claimed_by_id else None
    request = live._request(row, device, staff)
    if row.ended_at is None:
        return help_entry(request, rules)
    reason = row.end_reason
    state = {
        HelpEndReason.CLOSED.value: TriageState.CLOSED,
        HelpEndReason.NO_SHOW.value: TriageState.NO_SHOW,
    }.get(reason or "", TriageState.ENDED)
    return help_entry(request, rules, state=state, ended_at=row.ended_at)


def help_rooms(session: Session, help_id: str) -> tuple[int, int | None] | None:
    """The location of a help request's kiosk, and the one serving it remotely if any."""
    row = session.get(HelpSession, help_id)
    return None if row is None else (row.location_id, row.served_at_id)


def fault_entries(
    kiosks: Sequence[KioskLive], location_code: str, rules: TriageRules
) -> list[TriageEntry]:
    """A location's kiosks that need someone: put out of order, or not answering (not
    connected to the hub, or its screen stuck)."""
    entries = []
    now = utcnow()
    for kiosk in kiosks:
        status = kiosk.status
        fault = live_fault(connected=kiosk.connected, activity=kiosk.activity)
        if fault is None and status.state is KioskState.NOT_RENDERING:
            fault = FaultKind.NOT_RESPONDING
        if fault is None:
            continue
        if fault is FaultKind.NOT_RESPONDING and status.state is KioskState.NEVER_SEEN:
            # Enrolled, never switched on: not a fault yet. One that has been on the live
            # link is not never seen (casebackend.fleet.service.state_of).
            continue
        entries.append(
            fault_entry(
                status.device_id,
                location_code,
                rules,
                fault=fault,
                since=status.last_seen_at or now,
                kiosk_name=status.name,
            )
        )
    return entries


def live_fault(*, connected: bool, activity: KioskActivity | None) -> FaultKind | None:
    """A kiosk's fault as the live hub's presence says it: put out of order, connected or
    not (switched off to be mended is no new fault: staff need to know it is out of order
    first), else off the link, else none (a stuck screen is the heartbeats' to say)."""
    if activity is KioskActivity.OUT_OF_ORDER:
        return FaultKind.OUT_OF_ORDER
    return None if connected else FaultKind.NOT_RESPONDING


def fault_id(device_id: int) -> str:
    """A kiosk fault's entry id: one per kiosk, the same in every process."""
    return f"{device_id:032x}"


def fault_entry(
    device_id: int,
    location_code: str,
    rules: TriageRules,
    *,
    fault: FaultKind | None,
    since: datetime,
    kiosk_name: str | None = None,
) -> TriageEntry:
    """A kiosk's fault line; ``fault=None`` is the news that it has gone (the kiosk is back)."""
    return TriageEntry(
        id=fault_id(device_id),
        kind=TriageKind.KIOSK_FAULT,
        location_code=location_code,
        state=TriageState.WAITING if fault is not None else TriageState.ENDED,
        waiting_since=since,
        target_seconds=rules.target(TriageKind.KIOSK_FAULT),
        device_id=device_id,
        kiosk_name=kiosk_name,
        fault=fault,
        ended_at=None if fault is not None else utcnow(),
    )


# Reading the list ------------------------------------------------------------------------


def open_entries(session: Session, rules: TriageRules, location_id: int) -> list[TriageEntry]:
    """A location's open walk-ins, appointments and help requests (faults are the hub's)."""
    location = session.get_one(Location, location_id)
    rows = session.scalars(
        select(TriageEntryRow).where(
            TriageEntryRow.location_id == location_id,
            TriageEntryRow.ended_at.is_(None),
            # A day's list is that day's: what is left at closing time is not carried over.
            TriageEntryRow.ticket_day == rules.today(),
        )
    ).all()
    names = _staff_names(session, [r.assigned_to_id for r in rows] + [r.called_by_id for r in rows])
    devices = {r.device_id for r in rows if r.device_id is not None}
    kiosk_names = (
        dict(session.execute(select(Device.id, Device.name).where(Device.id.in_(devices))).all())
        if devices
        else {}
    )
    entries = [
        _entry(row, rules, location.code, names, kiosk_names.get(row.device_id or 0))
        for row in rows
    ]
    entries += [help_entry(request, rules) for request in live.open_requests(session, location_id)]
    return entries


def triage_list(
    session: Session,
    rules: TriageRules,
    location_id: int,
    faults: Sequence[TriageEntry] = (),
) -> TriageList:
    location = session.get_one(Location, location_id)
    entries = calling_order([*open_entries(session, rules, location_id), *faults])
    return TriageList(location_code=location.code, entries=tuple(entries), server_time=utcnow())


# Adding to the list ----------------------------------------------------------------------


def _next_ticket(session: Session, location_id: int, day: date, letter: str) -> str:
    tickets = session.scalars(
        select(TriageEntryRow.ticket).where(
            TriageEntryRow.location_id == location_id,
            TriageEntryRow.ticket_day == day,
            TriageEntryRow.ticket.like(f"{letter}%"),
        )
    ).all()
    last = max((int(ticket[1:]) for ticket in tickets), default=0)
    return f"{letter}{last + 1:03d}"


def _end_earlier_days(session: Session, location_id: int, today: date) -> None:
    """Entries an earlier day left open (nobody closed them before going home) end with the
    day's first ticket; their phone numbers go with them."""
    for row in session.scalars(
        select(TriageEntryRow).where(
            TriageEntryRow.location_id == location_id,
            TriageEntryRow.ended_at.is_(None),
            TriageEntryRow.ticket_day < today,
        )
    ):
        row.state = TriageState.ENDED.value
        row.ended_at = utcnow()
        _forget_number(session, row)


def _add(session: Session, rules: TriageRules, row: TriageEntryRow) -> TriageEntryRow:
    """Store a new entry with the location's next ticket of the day. Two desks adding at
    once may pick the same number: the unique ticket refuses the second, which takes the
    next one."""
    day = rules.today()
    letter = TICKET_LETTER[TriageKind(row.kind)]
    _end_earlier_days(session, row.location_id, day)
    for _ in range(10):
        row.ticket = _next_ticket(session, row.location_id, day, letter)
        row.ticket_day = day
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            continue  # the savepoint is undone, the row is new again: the next number
        return row
    raise Conflict("Too many tickets were being given out at once. Please try again.")


def _new_row(
    kind: TriageKind,
    location_id: int,
    needs: Sequence[AccessNeed],
    **fields: object,
) -> TriageEntryRow:
    values: dict[str, object] = {"topics": [], "for_advisor": False, "sms_sent": False}
    return TriageEntryRow(
        id=uuid.uuid4().hex,
        kind=kind.value,
        location_id=location_id,
        state=TriageState.WAITING.value,
        waiting_since=utcnow(),
        priority=bool(needs),
        needs=[need.value for need in dict.fromkeys(needs)],
        **(values | fields),
    )


def _check_service(rules: TriageRules, code: str | None) -> None:
    if code is not None and rules.catalogue.service(code) is None:
        raise NotFound(f"There is no service with the code {code!r}.")


def _announce(session: Session, rules: TriageRules, row: TriageEntryRow) -> TriageEntry:
    session.flush()
    entry = entry_of(session, rules, row)
    tell(session, News(message=_changed(entry), location_id=row.location_id))
    return entry


def _changed(entry: TriageEntry) -> TriageChanged:
    return TriageChanged(entry=entry, server_time=utcnow())


def _place_of(session: Session, principal: Principal, location_code: str | None) -> DeskPlace:
    return live.desk_place(session, principal, location_code)


def _detail(row: TriageEntryRow, extra: str = "") -> str:
    # No customer data: the entry's id, kind and ticket only.
    detail = f"entry {row.id}, {row.kind} {row.ticket}"
    return f"{detail}, {extra}"[:400] if extra else detail


def add_walk_in(
    session: Session, principal: Principal, rules: TriageRules, body: WalkInCreate
) -> TriageEntry:
    """A greeter records a visitor at the door: a ticket, at the end of the list (or the
    head of it, with a declared need)."""
    place = _place_of(session, principal, body.location_code)
    if body.service_code is None and not body.topics:
        raise InvalidInput("Choose a service, or say in a few words what the visitor needs.")
    _check_service(rules, body.service_code)
    row = _add(
        session,
        rules,
        _new_row(
            TriageKind.WALK_IN,
            place.location_id,
            body.needs,
            tier=int(body.tier),
            service_code=body.service_code,
            name=body.name,
            for_advisor=body.for_advisor,
            topics=list(body.topics),
        ),
    )
    audit.record(session, principal, "triage.walk_in", through=THROUGH, detail=_detail(row))
    return _announce(session, rules, row)


def speak_to_someone(
    session: Session, principal: Principal, rules: TriageRules, body: SpeakToSomeone
) -> SpeakToSomeoneRead:
    """From a kiosk: the customer joins the advisors' queue at the kiosk's location."""
    if principal.is_staff or principal.id is None or principal.issuer is None:
        raise Forbidden("Only a kiosk can do this.")
    device = session.get_one(Device, principal.id)
    _check_service(rules, body.service_code)
    row = _add(
        session,
        rules,
        _new_row(
            TriageKind.WALK_IN,
            device.location_id,
            body.needs,
            tier=int(Tier.ASSISTED),
            service_code=body.service_code,
            device_id=device.id,
            phone=body.phone.replace(" ", "") if body.phone else None,
            for_advisor=True,
        ),
    )
    audit.record(
        session, principal, "triage.speak_to_someone", through=THROUGH, detail=_detail(row)
    )
    entry = _announce(session, rules, row)
    queue = [
        other.id
        for other in calling_order(open_entries(session, rules, device.location_id))
        if other.state is TriageState.WAITING
        and other.kind in (TriageKind.WALK_IN, TriageKind.APPOINTMENT)
    ]
    ahead = queue.index(entry.id) if entry.id in queue else 0
    return SpeakToSomeoneRead(
        id=row.id, ticket=row.ticket, ahead=ahead, sms_when_called=row.phone is not None
    )


def add_arrival(
    session: Session,
    rules: TriageRules,
    *,
    location_id: int,
    reference: str,
    service_code: str | None = None,
    name: str | None = None,
    needs: Sequence[AccessNeed] = (),
    device_id: int | None = None,
) -> TriageEntry:
    """An appointment's customer has arrived (scanned or typed at a kiosk or the desk):
    they join the location's list with an ``A`` ticket. The caller audits the arrival;
    the desks hear of it when the caller's transaction commits."""
    row = _add(
        session,
        rules,
        _new_row(
            TriageKind.APPOINTMENT,
            location_id,
            needs,
            tier=int(Tier.APPOINTMENT),
            service_code=service_code,
            name=name,
            appointment_reference=reference,
            device_id=device_id,
        ),
    )
    return _announce(session, rules, row)


# Acting on an entry ----------------------------------------------------------------------


def _row(session: Session, entry_id: str, place: DeskPlace) -> TriageEntryRow:
    row = session.get(TriageEntryRow, entry_id)
    if row is None or row.location_id != place.location_id:
        raise NotFound("That is not on your location's list.", entry_id=entry_id)
    if row.ended_at is not None:
        raise Conflict("That visitor has already been dealt with.", entry_id=entry_id)
    return row


def _is_help(session: Session, entry_id: str) -> bool:
    return session.get(HelpSession, entry_id) is not None


def _is_fault(entry_id: str) -> bool:
    # A fault's id is its kiosk's number in 32 hex digits; a uuid4's never starts so (its
    # 13th digit is always 4).
    return entry_id.startswith("0" * 16)


def _staff_ref(principal: Principal) -> StaffRef:
    return StaffRef(id=principal.id or 0, name=principal.label)


def _queue_sms(
    session: Session, rules: TriageRules, row: TriageEntryRow, location_name: str
) -> None:
    """The "you're being called" SMS, sent by the notification service after the commit."""
    if row.phone is None or row.sms_sent:
        return
    session.add(
        Notification(
            case_id=None,
            channel=NotificationChannel.SMS,
            template=NotificationTemplate.TICKET_CALLED,
            recipient=row.phone,
            personalisation={"ticket": row.ticket, "location": location_name},
            status=NotificationStatus.PENDING,
            attempts=0,
            created_at=utcnow(),
            next_attempt_at=utcnow(),
        )
    )
    row.sms_sent = True
    session.info[QUEUED] = True


def _call_row(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    row: TriageEntryRow,
    place: DeskPlace,
) -> TriageEntry:
    if row.assigned_to_id is not None and row.assigned_to_id != principal.id:
        names = _staff_names(session, (row.assigned_to_id,))
        who = names.get(row.assigned_to_id)
        raise Conflict(
            f"This visitor was passed to {who.name if who else 'a colleague'}.", entry_id=row.id
        )
    result = session.execute(
        update(TriageEntryRow)
        .where(
            TriageEntryRow.id == row.id,
            TriageEntryRow.state.in_((TriageState.WAITING.value, TriageState.PARKED.value)),
        )
        .values(
            state=TriageState.CALLED.value,
            called_by_id=principal.id,
            called_at=utcnow(),
            parked_reason=None,
        )
        .execution_options(synchronize_session=False)
    )
    session.refresh(row)
    if not getattr(result, "rowcount", 0):
        if row.called_by_id == principal.id and row.state == TriageState.CALLED.value:
            return entry_of(session, rules, row)
        names = _staff_names(session, (row.called_by_id,))
        who = names.get(row.called_by_id or 0)
        raise Conflict(
            f"{who.name if who else 'Someone'} has already called {row.ticket}.", entry_id=row.id
        )
    _queue_sms(session, rules, row, place.name)
    audit.record(session, principal, "triage.called", through=THROUGH, detail=_detail(row))
    return _announce(session, rules, row)


def _call_help(
    session: Session, principal: Principal, rules: TriageRules, help_id: str, place: DeskPlace
) -> TriageEntry:
    claimed_at, device_id = live.claim(session, principal, help_id, place)
    staff = _staff_ref(principal)
    claimed = HelpClaimed(help_id=help_id, staff=staff, claimed_at=claimed_at)
    # As the hub does for help.claim: every process learns of the claim, the desks and
    # the kiosk hear of it. The desk then sends help.claim itself to open the mirror.
    tell(session, News(share=("claim", {"h": help_id, "d": device_id, "s": staff.id})))
    tell(session, News(message=claimed, location_id=place.location_id))
    tell(session, News(message=claimed, device_id=device_id))
    entry = help_entry_by_id(session, rules, help_id)
    assert entry is not None  # noqa: S101 — just claimed
    return entry


def call(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    entry_id: str,
    location_code: str | None = None,
) -> TriageEntry:
    """Call one entry (from waiting or parked): this greeter is with the visitor now. For a
    walk-in who gave a phone number, the SMS is queued."""
    place = _place_of(session, principal, location_code)
    if _is_fault(entry_id):
        raise Conflict(_FAULTS_LEAVE_BY_BOARD, entry_id=entry_id)
    if _is_help(session, entry_id):
        return _call_help(session, principal, rules, entry_id, place)
    return _call_row(session, principal, rules, _row(session, entry_id, place), place)


def call_next(
    session: Session, principal: Principal, rules: TriageRules, body: CallNext
) -> TriageEntry:
    """The top of the list for this greeter: a declared need first, then the longest
    waiting; entries passed to a colleague are skipped. Another greeter calling the same
    one at the same moment makes this take the next."""
    place = _place_of(session, principal, body.location_code)
    for _ in range(20):
        candidates = [
            entry
            for entry in calling_order(open_entries(session, rules, place.location_id))
            if entry.state is TriageState.WAITING
            and (not body.kinds or entry.kind in body.kinds)
            and (entry.assigned_to is None or entry.assigned_to.id == principal.id)
        ]
        if not candidates:
            raise NotFound("Nobody is waiting just now.")
        top = candidates[0]
        try:
            with session.begin_nested():
                if top.kind is TriageKind.HELP:
                    return _call_help(session, principal, rules, top.id, place)
                return _call_row(session, principal, rules, _row(session, top.id, place), place)
        except Conflict:
            continue  # someone else called that one first: the next
    raise Conflict("The list is changing too fast. Please try again.")


def park(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    entry_id: str,
    reason: str,
    location_code: str | None = None,
) -> TriageEntry:
    """Set a called visitor aside with a reason (gone to fetch a document); calling them
    again takes them back."""
    place = _place_of(session, principal, location_code)
    if _is_fault(entry_id) or _is_help(session, entry_id):
        raise Conflict(
            "Only a walk-in or an appointment can be parked: give a help request back "
            "to the queue instead.",
            entry_id=entry_id,
        )
    row = _row(session, entry_id, place)
    if row.state != TriageState.CALLED.value:
        raise Conflict("Call this visitor before parking them.", entry_id=entry_id)
    row.state = TriageState.PARKED.value
    row.parked_reason = reason
    audit.record(session, principal, "triage.parked", through=THROUGH, detail=_detail(row))
    return _announce(session, rules, row)


def _colleague(session: Session, place: DeskPlace, staff_id: int) -> StaffMember:
    staff = session.get(StaffMember, staff_id)
    if (
        staff is None
        or not staff.active
        or place.location_id not in {location.id for location in staff.locations}
        or not {Role(role) for role in staff.roles} & DESK_ROLES
    ):
        raise NotFound("That colleague does not work on this location's desk.")
    return staff


def colleagues(session: Session, place: DeskPlace, on_desk: frozenset[int]) -> Colleagues:
    """Who works on the location's desk (active, a greeter or admin there), for passing a
    visitor on: ``on_desk`` holds the staff whose desk is connected here now (the hub's)."""
    found = []
    for staff in session.scalars(
        select(StaffMember)
        .join(staff_locations, staff_locations.c.staff_id == StaffMember.id)
        .where(staff_locations.c.location_id == place.location_id, StaffMember.active)
    ):
        roles = {Role(role) for role in staff.roles} & DESK_ROLES
        if roles:
            role = Role.GREETER if Role.GREETER in roles else Role.ADMIN
            found.append(
                Colleague(
                    id=staff.id,
                    name=staff.display_name,
                    role=role.value,
                    on_desk=staff.id in on_desk,
                )
            )
    found.sort(key=lambda colleague: (not colleague.on_desk, colleague.name.casefold()))
    return Colleagues(location_code=place.code, staff=tuple(found))


def _handover(
    principal: Principal,
    note: str | None,
    *,
    service_code: str | None,
    service_name: str | None,
    step_id: str | None = None,
    step_number: int | None = None,
    step_count: int = 0,
) -> Handover:
    return Handover(
        from_staff=StaffName(id=principal.id or 0, name=principal.label),
        note=note,
        service_code=service_code,
        service_name=service_name,
        step_id=step_id,
        step_number=step_number,
        step_count=step_count,
        at=utcnow(),
    )


def transfer(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    entry_id: str,
    body: Transfer,
    location_code: str | None = None,
) -> TriageEntry:
    """Pass an entry to a colleague at the location, or to the advisors, with a handover
    (the greeter's note; where the customer had got to). It waits for them at its place in
    the list."""
    place = _place_of(session, principal, location_code)
    if (body.staff_id is None) == (not body.to_advisor):
        raise InvalidInput("Choose either a colleague or the advisors.")
    if _is_fault(entry_id):
        raise Conflict(_FAULTS_LEAVE_BY_BOARD, entry_id=entry_id)
    if _is_help(session, entry_id):
        return _transfer_help(session, principal, rules, entry_id, body, place)
    row = _row(session, entry_id, place)
    colleague = _colleague(session, place, body.staff_id) if body.staff_id else None
    handover = _handover(
        principal,
        body.note,
        service_code=row.service_code,
        service_name=rules.service_name(row.service_code),
    )
    row.handover = to_builtins(handover)
    row.assigned_to_id = colleague.id if colleague else None
    row.for_advisor = row.for_advisor or body.to_advisor
    row.state = TriageState.WAITING.value
    row.called_by_id = None
    row.called_at = None
    row.parked_reason = None
    to = f"to staff {colleague.id}" if colleague else "to the advisors"
    audit.record(session, principal, "triage.transferred", through=THROUGH, detail=_detail(row, to))
    return _announce(session, rules, row)


def _transfer_help(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    help_id: str,
    body: Transfer,
    place: DeskPlace,
) -> TriageEntry:
    """A help request to a colleague: the claim becomes theirs (their desk opens the mirror
    with help.claim; this greeter's mirror closes). To the advisors: the help request ends,
    and the customer waits as a walk-in for an advisor, with the help's context."""
    row = live._claimed_row(session, principal, help_id)
    request = live.open_request_of(session, row.device_id)
    context = request.context if request is not None else None
    service_code = context.service_code if context else None
    service_name = context.service_name if context else None
    handover = _handover(
        principal,
        body.note,
        service_code=service_code,
        service_name=service_name,
        step_id=context.step_id if context else None,
        step_number=context.step_number if context else None,
        step_count=context.step_count if context else 0,
    )
    if body.staff_id is not None:
        colleague = _colleague(session, place, body.staff_id)
        row.claimed_by_id = colleague.id
        row.claimed_at = utcnow()
        audit.record(
            session,
            principal,
            "help.transferred",
            through=THROUGH,
            detail=f"help {help_id}, to staff {colleague.id}",
        )
        staff = StaffRef(id=colleague.id, name=colleague.display_name)
        claimed = HelpClaimed(help_id=help_id, staff=staff, claimed_at=row.claimed_at)
        tell(session, News(share=("unmirror", {"h": help_id, "s": principal.id or 0})))
        tell(session, News(share=("claim", {"h": help_id, "d": row.device_id, "s": colleague.id})))
        tell(session, News(message=claimed, location_id=place.location_id))
        tell(session, News(message=claimed, device_id=row.device_id))
        entry = help_entry_by_id(session, rules, help_id)
        assert entry is not None  # noqa: S101 — it is open
        return replace(entry, handover=handover)
    # To the advisors: a walk-in in the help request's place in the queue.
    needs = _help_needs(request) if request is not None else ()
    walk_in = _add(
        session,
        rules,
        _new_row(
            TriageKind.WALK_IN,
            row.location_id,
            needs,
            tier=int(Tier.ASSISTED),
            service_code=service_code if rules.service_name(service_code) else None,
            device_id=row.device_id,
            handover=to_builtins(handover),
            for_advisor=True,
        ),
    )
    walk_in.waiting_since = row.raised_at
    row.outcome = HelpOutcome.MOVED_TO_ADVISOR.value
    live._end(session, principal, row, HelpEndReason.TRANSFERRED)
    _help_ended(session, row, HelpEndReason.TRANSFERRED, HelpOutcome.MOVED_TO_ADVISOR)
    audit.record(
        session,
        principal,
        "triage.transferred",
        through=THROUGH,
        detail=_detail(walk_in, f"from help {help_id}, to the advisors"),
    )
    return _announce(session, rules, walk_in)


def _help_ended(
    session: Session, row: HelpSession, reason: HelpEndReason, outcome: HelpOutcome | None
) -> None:
    ended = HelpEnded(help_id=row.id, reason=reason, outcome=outcome)
    tell(session, News(share=("unclaim", {"h": row.id})))
    tell(session, News(message=ended, location_id=row.location_id))
    tell(session, News(message=ended, device_id=row.device_id))


def _forget_number(session: Session, row: TriageEntryRow) -> None:
    """The phone number was only for the "you're called" SMS: once the visitor has been
    seen it goes, from the entry and from the message once sent (one still waiting to be
    sent keeps it until the notification service has sent it or given up)."""
    if row.phone is None:
        return
    session.execute(
        update(Notification)
        .where(
            Notification.case_id.is_(None),
            Notification.template == NotificationTemplate.TICKET_CALLED,
            Notification.recipient == row.phone,
            Notification.status != NotificationStatus.PENDING,
        )
        .values(recipient="")
        .execution_options(synchronize_session=False)
    )
    row.phone = None


def _end_row(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    row: TriageEntryRow,
    state: TriageState,
    outcome: TriageOutcome | None,
) -> TriageEntry:
    row.state = state.value
    row.outcome = outcome.value if outcome else None
    row.ended_at = utcnow()
    _forget_number(session, row)
    action = "triage.no_show" if state is TriageState.NO_SHOW else "triage.closed"
    extra = f"outcome {outcome.value}" if outcome else ""
    audit.record(session, principal, action, through=THROUGH, detail=_detail(row, extra))
    if row.appointment_reference is not None:
        _end_appointment(session, principal, rules, row.appointment_reference, state)
    return _announce(session, rules, row)


def _end_appointment(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    reference: str,
    state: TriageState,
) -> None:
    """The booking follows its arrived customer's entry: closed with an outcome, it was
    seen; a no-show, it was missed (as the day's chores mark a booking nobody came to). In
    the same transaction as the entry, audited, and told to the desks' Bookings, so the
    day's list never says "Arrived" of someone who has gone."""
    status, change, action = _APPOINTMENT_ENDS[state]
    appointment = appointments.end_visit(session, reference, status)
    if appointment is None:
        return  # no longer "arrived": nothing to follow
    location = session.get_one(Location, appointment.location_id)
    audit.record(session, principal, action, through=THROUGH, detail=appointment.reference)
    announce(session, rules.settings, appointment, location, change)


def no_show(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    entry_id: str,
    location_code: str | None = None,
) -> TriageEntry:
    """The visitor was called and did not come (or nobody was at the kiosk)."""
    place = _place_of(session, principal, location_code)
    if _is_fault(entry_id):
        raise Conflict(_FAULTS_LEAVE_BY_BOARD, entry_id=entry_id)
    if _is_help(session, entry_id):
        help_row = live.end_by_staff(
            session,
            principal,
            entry_id,
            frozenset({place.location_id}),
            HelpEndReason.NO_SHOW,
        )
        audit.record(session, principal, "help.no_show", through=THROUGH, detail=f"help {entry_id}")
        _help_ended(session, help_row, HelpEndReason.NO_SHOW, None)
        entry = help_entry_by_id(session, rules, entry_id)
        assert entry is not None  # noqa: S101 — it exists
        return entry
    row = _row(session, entry_id, place)
    return _end_row(session, principal, rules, row, TriageState.NO_SHOW, None)


def close(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    entry_id: str,
    outcome: TriageOutcome,
    location_code: str | None = None,
) -> TriageEntry:
    """The visitor has been seen: the entry leaves the list with its outcome."""
    place = _place_of(session, principal, location_code)
    if _is_fault(entry_id):
        raise Conflict(_FAULTS_LEAVE_BY_BOARD, entry_id=entry_id)
    if _is_help(session, entry_id):
        help_outcome = HELP_OUTCOME.get(outcome)
        if help_outcome is None:
            raise InvalidInput("That outcome is for a kiosk fault, not a help request.")
        live.close(session, principal, entry_id, help_outcome)
        help_row = session.get_one(HelpSession, entry_id)
        _help_ended(session, help_row, HelpEndReason.CLOSED, help_outcome)
        entry = help_entry_by_id(session, rules, entry_id)
        assert entry is not None  # noqa: S101 — it exists
        return entry
    row = _row(session, entry_id, place)
    if row.state != TriageState.CALLED.value or row.called_by_id != principal.id:
        raise Conflict("Call this visitor before closing their ticket.", entry_id=entry_id)
    return _end_row(session, principal, rules, row, TriageState.CLOSED, outcome)


# Remote help -----------------------------------------------------------------------------


def central_location(session: Session, settings: BackendSettings) -> Location | None:
    """Where remote help is answered: ``triage_central_location``, or else the first shop."""
    if settings.triage_central_location is not None:
        return session.scalars(
            select(Location).where(Location.code == settings.triage_central_location)
        ).first()
    return session.scalars(
        select(Location).where(Location.kind == LocationKind.SHOP).order_by(Location.code)
    ).first()


def location_name(session: Session, location_id: int) -> str:
    return session.get_one(Location, location_id).name


def waiting_count(session: Session, location_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(TriageEntryRow)
            .where(
                TriageEntryRow.location_id == location_id,
                TriageEntryRow.state == TriageState.WAITING.value,
            )
        )
        or 0
    )


__all__ = [
    "HelpRoute",
    "TriageRules",
    "add_arrival",
    "add_walk_in",
    "call",
    "call_next",
    "close",
    "colleagues",
    "no_show",
    "park",
    "raise_help",
    "route_help",
    "speak_to_someone",
    "transfer",
    "triage_list",
]


@dataclass(frozen=True, slots=True)
class HelpRoute:
    """Where a kiosk's new help request goes, and what the kiosk is told."""

    served_at_id: int | None = None
    notice: HelpNoticeKind | None = None
    place_name: str = ""

    def text(self) -> str:
        if self.notice is HelpNoticeKind.REMOTE:
            return (
                "No one is at the desk here just now. A member of staff at "
                f"{self.place_name} will help you through this screen."
            )
        if self.notice is HelpNoticeKind.CLOSED:
            return (
                f"{self.place_name} is closed just now, so no one can come to help. "
                "You can carry on, or come back when we are open."
            )
        return ""


def route_help(
    session: Session, settings: BackendSettings, location_id: int, desks_at: frozenset[int]
) -> HelpRoute:
    """A greeter's desk is connected at the kiosk's location: help is answered there. If
    not, the central shop's desks answer it (remote help) when a desk is connected there or
    the shop is open; failing that, a closed location says so."""
    if location_id in desks_at:
        return HelpRoute()
    central = central_location(session, settings)
    if (
        central is not None
        and central.id != location_id
        and (central.id in desks_at or hours.is_open(session, settings, central.id))
    ):
        return HelpRoute(central.id, HelpNoticeKind.REMOTE, central.name)
    if not hours.is_open(session, settings, location_id):
        return HelpRoute(None, HelpNoticeKind.CLOSED, location_name(session, location_id))
    return HelpRoute()


def raise_help(
    session: Session,
    principal: Principal,
    help_id: str,
    context: HelpContext,
    settings: BackendSettings,
    desks_at: frozenset[int],
) -> tuple[HelpRequest, bool, list[str], HelpRoute]:
    """A kiosk's Help me, routed (:func:`route_help`) and recorded. A request raised again
    (after a dropped connection) keeps where it went; the kiosk is told again."""
    device = session.get(Device, principal.id) if principal.id is not None else None
    if device is None or principal.is_staff:
        raise Forbidden("Only a kiosk can ask for help.")
    found = live.find_raised(session, device.id, help_id)
    existing = found.row
    if existing is not None:
        route = HelpRoute()
        if existing.served_at_id is not None:
            name = location_name(session, existing.served_at_id)
            route = HelpRoute(existing.served_at_id, HelpNoticeKind.REMOTE, name)
    else:
        route = route_help(session, settings, device.location_id, desks_at)
    request, created, ended = live.raise_help(
        session, principal, device, help_id, context, found, served_at_id=route.served_at_id
    )
    if created and route.served_at_id is not None:
        audit.record(
            session,
            SYSTEM,
            "help.remote",
            through=THROUGH,
            detail=f"help {help_id}, device {device.id}, to location {route.served_at_id}",
        )
    return request, created, ended, route
