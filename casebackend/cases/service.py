"""The rules for cases. Every face (internal API, Open311, admin) goes through here.

Functions take the caller's session and never commit: the request scope owns the
transaction, so a case, its history, its audit entry and its queued messages land together.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import CTE, Connection, Executable, Table, bindparam, func, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casebackend.addresses import service as addresses
from casebackend.audit import service as audit
from casebackend.audit.models import AuditEvent
from casebackend.cases.models import ActorKind, Case, CaseNote, CaseStatusChange, TrackLookup
from casebackend.cases.references import next_backend_reference
from casebackend.cases.sla import due_date
from casebackend.context import BackendContext
from casebackend.customers import service as customers
from casebackend.db.base import utcnow
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.identity.secrets import token_hash
from casebackend.notifications import service as notifications
from casebackend.notifications.models import Notification
from casebackend.notifications.provider import NotificationChannel, NotificationTemplate
from casebackend.organisation.models import Location
from casebackend.organisation.service import get_location, normalise_postcode
from shared import references
from shared.cases.schemas import (
    CaseCreate,
    CasePage,
    CaseRead,
    CaseSummary,
    Channel,
    Note,
    NoteCreate,
    NotificationRead,
    Place,
    PublicCase,
    PublicUpdate,
    StatusChange,
    StatusEvent,
)
from shared.cases.tracking import TOKEN_PARAMETER, new_tracking_token, tracking_link
from shared.cases.workflow import CaseStatus, check_transition
from shared.catalogue.answers import check_answers
from shared.errors import Conflict, FirstStopError, Forbidden, InvalidInput, NotFound
from shared.schema import replace, to_builtins

log = logging.getLogger(__name__)

_CHANNELS_BY_ACTOR = {
    ActorKind.DEVICE: {Channel.KIOSK, Channel.ASSISTED_KIOSK},
    ActorKind.STAFF: {Channel.FACE_TO_FACE, Channel.PHONE, Channel.ASSISTED_KIOSK, Channel.WEB},
    ActorKind.API_KEY: {Channel.OPEN311, Channel.WEB},
}


@dataclass(frozen=True, slots=True)
class Created:
    case: Case
    # False when an idempotency key replayed a case made earlier.
    new: bool
    changes: list[CaseStatusChange] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    # The case's tracking token, for the creator's answer only (the case keeps its hash).
    tracking_token: str | None = None


def fingerprint(data: CaseCreate) -> str:
    canonical = json.dumps(to_builtins(data), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def create_case(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    data: CaseCreate,
    *,
    through: str,
    idempotency_key: str | None = None,
) -> Created:
    """A new case, with its first history row and its audit row; or, when the idempotency key
    was used before for the same request, the case made then (``new`` False).

    The rows are written with Core statements, and a replay is found by the case insert
    itself (``ON CONFLICT DO NOTHING`` on the idempotency key) instead of a query first.
    """
    scope = f"{principal.kind}:{principal.id}" if idempotency_key else None
    digest = fingerprint(data) if idempotency_key else None
    if idempotency_key and data.customer:
        # A replay must not resolve (and perhaps make) its customer again: look first.
        earlier = _replayed(session, scope, idempotency_key, digest)
        if earlier is not None:
            return Created(earlier, new=False)
    try:
        service = ctx.catalogue.service(data.service_code)
        answers = check_answers(service, data.answers)
        place = data.place or Place()
        _check_place(place, required=service.location_required)
        channel = _channel(principal, data.channel)
        if data.assisted:
            principal.require_staff()
        location_id = _case_location(session, principal, data.location_code)
        reference = _reference(session, ctx, principal, data.reference)
    except FirstStopError:
        # A replay gets the case made earlier even if its request would not pass now.
        if idempotency_key:
            earlier = _replayed(session, scope, idempotency_key, digest)
            if earlier is not None:
                return Created(earlier, new=False)
        raise
    # Submitted details are unverified: they make a new customer, or flag a possible match
    # with an existing one for staff, and never change an existing record.
    resolution = (
        customers.resolve_submission(session, data.customer)
        if data.customer
        else customers.Resolution()
    )
    customer = resolution.customer
    # The place's own postcode, else the gazetteer's for its UPRN, else the customer's.
    postcode = normalise_postcode(
        place.postcode
        or (addresses.postcode_for(session, place.uprn) if place.uprn else None)
        or (data.customer.postcode if data.customer else None)
    )
    now = datetime.now().astimezone()
    working_days = service.sla_working_days(answers)
    tracking_token = data.tracking_token or new_tracking_token()

    case = Case(
        reference=reference,
        service_code=service.code,
        status=CaseStatus.SUBMITTED,
        channel=channel,
        tier=int(service.tier),
        description=data.description.strip(),
        answers=answers,
        address=place.address,
        postcode=postcode,
        uprn=place.uprn,
        lat=place.lat,
        long=place.long,
        location_id=location_id,
        customer_id=customer.id if customer else None,
        submitted_contact=customers.submitted_contact(data.customer) if data.customer else None,
        team_id=ctx.router.team_for(service.code, postcode),
        sla_due=(
            due_date(now, working_days, ctx.settings.timezone, ctx.settings.bank_holiday_region)
            if working_days
            else None
        ),
        created_at=now,
        updated_at=now,
        source_kind=principal.kind,
        source_id=principal.id,
        idempotency_scope=scope,
        idempotency_key=idempotency_key,
        request_fingerprint=digest,
        tracking_token_hash=token_hash(tracking_token),
        purged_at=None,
        assisted_by_id=principal.id if data.assisted else None,
        assisted_by_label=principal.label[:100] if data.assisted else None,
    )
    first = _status_change(case, CaseStatus.SUBMITTED, principal, channel, now)
    entry = audit.row(principal, "create", through=through)
    case_id = _write_rows(session.connection(), case, first, entry)
    if case_id is None:
        # The idempotency key was used before (perhaps by a request racing this one).
        earlier = _replayed(session, scope, idempotency_key or "", digest)
        if earlier is None:
            raise Conflict("This idempotency key was already used.")
        return Created(earlier, new=False)
    case.id = first.case_id = case_id
    queued: list[Notification] = []
    if data.customer and data.customer.notify_by:
        queued = notifications.queue(
            session,
            case,
            NotificationTemplate.CASE_CREATED,
            _recipients(data.customer.notify_by, data.customer.email, data.customer.phone),
            _personalisation(ctx, case, service.name, tracking_token),
        )
    if resolution.possible is not None:
        customers.flag_match(session, principal, case, *resolution.possible, through=through)
    log.debug("case %s created through %s", case_id, through)
    return Created(
        case, new=True, changes=[first], notifications=queued, tracking_token=tracking_token
    )


_CASES: Table = Case.__table__  # type: ignore[assignment]
_HISTORY: Table = CaseStatusChange.__table__  # type: ignore[assignment]
_AUDIT: Table = AuditEvent.__table__  # type: ignore[assignment]
_CASE_COLUMNS = tuple(c.key for c in _CASES.columns if c.key != "id")
_HISTORY_COLUMNS = tuple(c.key for c in _HISTORY.columns if c.key != "id")
_FIRST_HISTORY_COLUMNS = tuple(k for k in _HISTORY_COLUMNS if k != "case_id")
_AUDIT_COLUMNS = tuple(c.key for c in _AUDIT.columns if c.key not in ("id", "case_id"))
_HISTORY_INSERT = insert(_HISTORY)
_AUDIT_INSERT = insert(_AUDIT)
# The case row, or nothing when its idempotency key was used before. Built once.
_SQLITE_CASE_INSERT = (
    sqlite.insert(_CASES)
    .on_conflict_do_nothing(index_elements=[_CASES.c.idempotency_scope, _CASES.c.idempotency_key])
    .returning(_CASES.c.id)
)


def _then_insert(table: Table, new_case: CTE, prefix: str, columns: tuple[str, ...]) -> CTE:
    """A CTE inserting one row into ``table`` for the case ``new_case`` made, if it made one."""
    values = [bindparam(f"{prefix}_{k}", type_=table.c[k].type) for k in columns]
    chosen = select(new_case.c.id, *values)
    return insert(table).from_select(["case_id", *columns], chosen).cte(f"new_{prefix}")


def _postgresql_case_rows() -> Executable:
    new_case = (
        postgresql.insert(_CASES)
        .values({k: bindparam(k, type_=_CASES.c[k].type) for k in _CASE_COLUMNS})
        .on_conflict_do_nothing(
            index_elements=[_CASES.c.idempotency_scope, _CASES.c.idempotency_key]
        )
        .returning(_CASES.c.id)
        .cte("new_case")
    )
    return select(new_case.c.id).add_cte(
        _then_insert(_HISTORY, new_case, "history", _FIRST_HISTORY_COLUMNS),
        _then_insert(_AUDIT, new_case, "audit", _AUDIT_COLUMNS),
    )


# WITH new_case AS (INSERT … ON CONFLICT DO NOTHING RETURNING id), new_history AS (INSERT …
# SELECT FROM new_case), new_audit AS (…) SELECT id FROM new_case: nothing when a replay.
_POSTGRESQL_CASE_ROWS = _postgresql_case_rows()


def _write_rows(
    connection: Connection, case: Case, first: CaseStatusChange, entry: dict[str, Any]
) -> int | None:
    """The case, its first history row and its audit entry, and the case's id; or nothing
    written and None when the case's idempotency key was used before."""
    try:
        if connection.dialect.name == "postgresql":
            # The three rows in one round trip.
            return connection.execute(
                _POSTGRESQL_CASE_ROWS,
                _row(case, _CASE_COLUMNS)
                | {f"history_{k}": v for k, v in _row(first, _FIRST_HISTORY_COLUMNS).items()}
                | {f"audit_{k}": entry[k] for k in _AUDIT_COLUMNS},
            ).scalar()
        case_id = connection.execute(_SQLITE_CASE_INSERT, _row(case, _CASE_COLUMNS)).scalar()
    except IntegrityError:
        # A kiosk reused a reference.
        raise Conflict(
            "A case with this reference already exists.", reference=case.reference
        ) from None
    if case_id is not None:
        connection.execute(_HISTORY_INSERT, _row(first, _HISTORY_COLUMNS) | {"case_id": case_id})
        connection.execute(_AUDIT_INSERT, entry | {"case_id": case_id})
    return case_id


def _row(instance: Case | CaseStatusChange, columns: tuple[str, ...]) -> dict[str, Any]:
    return {key: getattr(instance, key) for key in columns}


def _status_change(
    case: Case,
    status: CaseStatus,
    principal: Principal,
    channel: Channel,
    at: datetime,
    public_note: str = "",
) -> CaseStatusChange:
    return CaseStatusChange(
        case_id=case.id,
        status=status,
        at=at,
        actor_kind=principal.kind,
        actor_id=principal.id,
        actor_label=principal.label[:100],
        channel=channel,
        public_note=public_note,
    )


def _replayed(session: Session, scope: str | None, key: str, digest: str | None) -> Case | None:
    earlier = session.scalars(
        select(Case).where(Case.idempotency_scope == scope, Case.idempotency_key == key)
    ).first()
    if earlier is not None and earlier.request_fingerprint != digest:
        raise Conflict(
            "This idempotency key was already used for a different request.",
            reference=earlier.reference,
        )
    return earlier


def _check_place(place: Place, *, required: bool) -> None:
    if (place.lat is None) != (place.long is None):
        raise InvalidInput("A map point needs both a latitude and a longitude.", field="place")
    has_place = bool(place.address or place.uprn or place.lat is not None)
    if required and not has_place:
        raise InvalidInput(
            "Please tell us where this is: an address, a property number or a map point.",
            field="place",
        )


def _channel(principal: Principal, asked: Channel | None) -> Channel:
    allowed = _CHANNELS_BY_ACTOR.get(principal.kind, set())
    channel = asked or principal.default_channel()
    if channel not in allowed:
        raise Forbidden(f"A {principal.kind.value} cannot record a case as {channel.value}.")
    return channel


def _case_location(session: Session, principal: Principal, code: str | None) -> int | None:
    if principal.kind is ActorKind.DEVICE:
        return next(iter(principal.location_ids))
    if principal.kind is not ActorKind.STAFF:
        return None
    if code is None:
        if len(principal.location_ids) == 1:
            return next(iter(principal.location_ids))
        return None
    location = get_location(session, code)
    if location.id not in principal.location_ids and not principal.sees_every_location:
        raise Forbidden("You can only record cases at your own locations.")
    return location.id


def _reference(
    session: Session, ctx: BackendContext, principal: Principal, given: str | None
) -> str:
    if given is None:
        return next_backend_reference(session).compact
    reference = references.parse(given)
    if principal.kind is not ActorKind.DEVICE or reference.issuer != principal.issuer:
        raise Forbidden(
            "Only the kiosk that issued a reference may submit a case with it.",
            field="reference",
        )
    return reference.compact


def _recipients(
    channels: list[str], email: str | None, phone: str | None
) -> dict[NotificationChannel, str]:
    recipients: dict[NotificationChannel, str] = {}
    if NotificationChannel.EMAIL in channels:
        if not email:
            raise InvalidInput("To send an email we need an email address.", field="email")
        recipients[NotificationChannel.EMAIL] = email
    if NotificationChannel.SMS in channels:
        if not phone:
            raise InvalidInput("To send a text we need a mobile number.", field="phone")
        recipients[NotificationChannel.SMS] = phone
    unknown = set(channels) - set(NotificationChannel)
    if unknown:
        raise InvalidInput("We can confirm by text (sms) or email only.", field="notify_by")
    return recipients


def _personalisation(
    ctx: BackendContext, case: Case, service_name: str, token: str | None
) -> dict[str, str]:
    reference = references.parse(case.reference)
    return {
        "reference": reference.display,
        "service_name": service_name,
        "status": case.status.label,
        "track_url": tracking_url(ctx, case.reference, token),
    }


def tracking_url(ctx: BackendContext, reference: str, token: str | None = None) -> str:
    """The tracking page's link for a case: with its token, the full public view."""
    return tracking_link(f"{ctx.settings.public_base_url.rstrip('/')}/track/", reference, token)


def _link_for_update(session: Session, ctx: BackendContext, case: Case) -> str:
    """The tracking link for a later message: the one the customer was first sent.

    The backend keeps only the token's hash, so it reuses the link its first message to
    this customer carried. A case from before tracking tokens has none: it is given one
    now, and its customer's messages carry it from then on.
    """
    sent = notifications.first_tracking_link(session, case.id)
    if sent is not None and f"?{TOKEN_PARAMETER}=" in sent:
        return sent
    if case.tracking_token_hash is None:
        token = new_tracking_token()
        case.tracking_token_hash = token_hash(token)
        return tracking_url(ctx, case.reference, token)
    return tracking_url(ctx, case.reference)


def _count_lookup(session: Session, ctx: BackendContext, *, via: str, open_case: bool) -> None:
    """One more look-up on today's (local) count: one atomic UPSERT."""
    table: Table = TrackLookup.__table__  # type: ignore[assignment]
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    today = utcnow().astimezone(ZoneInfo(ctx.settings.timezone)).date()
    session.execute(
        insert.values(day=today, via=via, open_case=open_case, lookups=1).on_conflict_do_update(
            index_elements=[table.c.day, table.c.via, table.c.open_case],
            set_={"lookups": table.c.lookups + 1},
        )
    )


def token_opens(case: Case, token: str | None) -> bool:
    """Whether ``token`` is this case's tracking token (compared in constant time)."""
    if not token or case.tracking_token_hash is None:
        return False
    return hmac.compare_digest(token_hash(token), case.tracking_token_hash)


# Reading -----------------------------------------------------------------------------


def find_case(session: Session, reference: str) -> Case:
    compact = references.parse(reference).compact
    case = session.scalars(select(Case).where(Case.reference == compact)).first()
    if case is None:
        raise NotFound("We cannot find a case with that reference.", reference=compact)
    return case


def get_case(
    session: Session, ctx: BackendContext, principal: Principal, reference: str, *, through: str
) -> Case:
    case = find_case(session, reference)
    _check_may_read(ctx, principal, case)
    audit.record(session, principal, "read", through=through, case_id=case.id)
    return case


def _check_may_read(ctx: BackendContext, principal: Principal, case: Case) -> None:
    if principal.kind is ActorKind.DEVICE:
        recent = datetime.now().astimezone() - timedelta(
            minutes=ctx.settings.kiosk_case_read_minutes
        )
        mine = case.source_kind is ActorKind.DEVICE and case.source_id == principal.id
        if not mine or case.created_at < recent:
            # A kiosk reads back only its own current cases; others do not exist for it.
            raise NotFound("We cannot find a case with that reference.")
        return
    principal.require_staff()
    if principal.sees_every_location:
        return
    if case.location_id is None or case.location_id not in principal.location_ids:
        raise Forbidden("This case belongs to another location, so you cannot open it.")


def search_cases(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    *,
    status: CaseStatus | None = None,
    service_code: str | None = None,
    location_code: str | None = None,
    text: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> CasePage:
    principal.require_staff()
    query = select(Case)
    if not principal.sees_every_location:
        query = query.where(Case.location_id.in_(principal.location_ids))
    if status is not None:
        query = query.where(Case.status == status)
    if service_code:
        query = query.where(Case.service_code == service_code)
    if location_code:
        query = query.join(Location, Case.location_id == Location.id).where(
            Location.code == location_code
        )
    if text:
        pattern = f"%{text.strip()}%"
        compact = references.normalise(text)
        query = query.where(
            or_(
                Case.reference == compact,
                Case.description.ilike(pattern),
                Case.address.ilike(pattern),
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(
        session.scalars(
            query.order_by(Case.created_at.desc(), Case.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        )
    )
    items = [
        CaseSummary(
            reference=c.reference,
            reference_display=references.parse(c.reference).display,
            service_code=c.service_code,
            status=c.status,
            channel=c.channel,
            location_code=ctx.directory.location_code(session, c.location_id),
            team_code=_team_code(session, ctx, c.team_id),
            created_at=c.created_at,
            sla_due=c.sla_due,
        )
        for c in rows
    ]
    return CasePage(items=items, page=page, page_size=page_size, total=total)


def _team_code(session: Session, ctx: BackendContext, team_id: int | None) -> str | None:
    team = ctx.directory.team(session, team_id)
    return team.code if team else None


def history(session: Session, case: Case) -> list[CaseStatusChange]:
    return list(
        session.scalars(
            select(CaseStatusChange)
            .where(CaseStatusChange.case_id == case.id)
            .order_by(CaseStatusChange.id)
        )
    )


def public_case(
    session: Session,
    ctx: BackendContext,
    case: Case,
    *,
    changes: list[CaseStatusChange] | None = None,
    notes: list[CaseNote] | None = None,
) -> PublicCase:
    service = ctx.catalogue.any_service(session, case.service_code)
    if notes is None:
        notes = _notes(session, case)
    return PublicCase(
        reference=case.reference,
        reference_display=references.parse(case.reference).display,
        full=True,
        service_code=case.service_code,
        service_name=service.name if service else case.service_code,
        status=case.status,
        status_label=case.status.label,
        created_at=case.created_at,
        sla_due=case.sla_due,
        history=[
            StatusEvent(status=h.status, at=h.at, note=h.public_note)
            for h in (history(session, case) if changes is None else changes)
        ],
        updates=[PublicUpdate(at=n.at, text=n.body) for n in notes if n.public],
    )


def _notes(session: Session, case: Case) -> list[CaseNote]:
    return list(
        session.scalars(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.id))
    )


def case_read(session: Session, ctx: BackendContext, case: Case) -> CaseRead:
    sent = session.scalars(
        select(Notification).where(Notification.case_id == case.id).order_by(Notification.id)
    )
    return _case_read(session, ctx, case, history(session, case), _notes(session, case), list(sent))


def created_case_read(session: Session, ctx: BackendContext, created: Created) -> CaseRead:
    """The answer to a create: built from what was just written, without reading it back."""
    if not created.new:
        return case_read(session, ctx, created.case)
    read = _case_read(session, ctx, created.case, created.changes, [], created.notifications)
    return replace(read, tracking_token=created.tracking_token)


def _case_read(
    session: Session,
    ctx: BackendContext,
    case: Case,
    changes: list[CaseStatusChange],
    notes: list[CaseNote],
    sent: list[Notification],
) -> CaseRead:
    public = public_case(session, ctx, case, changes=changes, notes=notes)
    team = ctx.directory.team(session, case.team_id)
    has_place = case.address or case.uprn or case.lat is not None or case.postcode
    return CaseRead(
        **{
            f.name: getattr(public, f.name)
            for f in fields(public)
            if f.name not in ("service_code", "service_name")
        },
        service_code=case.service_code,
        service_name=public.service_name or case.service_code,
        id=case.id,
        description=case.description,
        answers=case.answers,
        place=Place(
            address=case.address,
            postcode=case.postcode,
            uprn=case.uprn,
            lat=case.lat,
            long=case.long,
        )
        if has_place
        else None,
        channel=case.channel,
        tier=case.tier,
        location_code=ctx.directory.location_code(session, case.location_id),
        team_code=team.code if team else None,
        team_name=team.name if team else None,
        customer_id=case.customer_id,
        updated_at=case.updated_at,
        assisted_by=case.assisted_by_label,
        notes=[Note(body=n.body, public=n.public, at=n.at, author=n.actor_label) for n in notes],
        notifications=[
            NotificationRead(
                channel=n.channel,
                template=n.template,
                status=n.status,
                attempts=n.attempts,
                created_at=n.created_at,
            )
            for n in sent
        ],
    )


def track(
    session: Session,
    ctx: BackendContext,
    reference: str,
    token: str | None = None,
    *,
    via: str = "api",
) -> PublicCase:
    """Anonymous tracking. With the case's tracking token: the full public view (service,
    status, public history and updates). With the reference alone, or a wrong token (the
    two are told apart by nothing): its status and dates only. Each look-up that finds a
    case is counted (``via`` ``web`` or ``api``), for the figures' avoidable contact."""
    case = find_case(session, reference)
    _count_lookup(session, ctx, via=via, open_case=case.status.is_open)
    if token_opens(case, token):
        return public_case(session, ctx, case)
    return PublicCase(
        reference=case.reference,
        reference_display=references.parse(case.reference).display,
        full=False,
        status=case.status,
        status_label=case.status.label,
        created_at=case.created_at,
        sla_due=case.sla_due,
        history=[StatusEvent(status=h.status, at=h.at) for h in history(session, case)],
    )


# Changing ----------------------------------------------------------------------------


def change_status(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    reference: str,
    change: StatusChange,
    *,
    through: str,
    channel: Channel | None = None,
    at: datetime | None = None,
) -> Case:
    if principal.kind is not ActorKind.API_KEY:
        principal.require_staff(Role.CASEWORKER, Role.ADMIN)
    case = find_case(session, reference)
    if principal.is_staff:
        _check_may_read(ctx, principal, case)
    check_transition(case.status, change.status)
    now = at or datetime.now().astimezone()
    case.status = change.status
    case.updated_at = now
    session.add(
        _status_change(
            case,
            change.status,
            principal,
            channel or principal.default_channel(),
            now,
            public_note=change.note if change.public else "",
        )
    )
    if not change.public and change.note:
        _add_note(session, principal, case, change.note, public=False, at=now)
    recipients = notifications.recipients_of(session, case.id)
    if recipients:
        service = ctx.catalogue.any_service(session, case.service_code)
        notifications.queue(
            session,
            case,
            NotificationTemplate.STATUS_CHANGED,
            recipients,
            {
                **_personalisation(ctx, case, service.name if service else case.service_code, None),
                "track_url": _link_for_update(session, ctx, case),
            },
        )
    audit.record(
        session, principal, "status", through=through, case_id=case.id, detail=change.status
    )
    return case


def add_note(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    reference: str,
    note: NoteCreate,
    *,
    through: str,
) -> Case:
    if note.public and principal.kind is not ActorKind.API_KEY:
        # Public words are shown on the tracking page as the council's: staff who handle
        # cases write them (an Open311 client, on the requests it sent), never a kiosk.
        principal.require_staff(Role.CASEWORKER, Role.ADMIN)
    case = find_case(session, reference)
    if principal.kind is not ActorKind.API_KEY:
        _check_may_read(ctx, principal, case)
    _add_note(session, principal, case, note.body, public=note.public)
    case.updated_at = datetime.now().astimezone()
    audit.record(session, principal, "note", through=through, case_id=case.id)
    return case


def _add_note(
    session: Session,
    principal: Principal,
    case: Case,
    body: str,
    *,
    public: bool,
    at: datetime | None = None,
) -> CaseNote:
    note = CaseNote(
        case_id=case.id,
        body=body.strip(),
        public=public,
        at=at or datetime.now().astimezone(),
        actor_kind=principal.kind,
        actor_id=principal.id,
        actor_label=principal.label[:100],
    )
    session.add(note)
    return note
