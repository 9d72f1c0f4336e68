"""The rules for appointments: offers, slots from opening hours, booking, cancel, rebook,
arrival. Functions take the caller's session and never commit (the request owns the
transaction), so a booking, its seat, its audit entry and its messages land together.

Who may do what: a kiosk books and marks arrivals at its own location; staff book, read,
cancel, move and mark arrivals at the locations they act for (a greeter's own, any for
caseworkers and admins); a customer (a kiosk, or anyone with the link) cancels or moves
their own booking with the phone number or email it was made with. Admins set offers.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casebackend.appointments import repository
from casebackend.appointments.models import Appointment, AppointmentOffer
from casebackend.appointments.news import announce
from casebackend.audit import service as audit
from casebackend.cases.models import ActorKind
from casebackend.catalogue.service import CatalogueCache
from casebackend.db.base import utcnow
from casebackend.identity.models import Role
from casebackend.identity.principal import Principal
from casebackend.identity.secrets import token_hash
from casebackend.notifications import service as notifications
from casebackend.notifications.provider import NotificationChannel, NotificationTemplate
from casebackend.organisation import hours as opening
from casebackend.organisation.models import Location
from casebackend.organisation.service import get_location
from casebackend.settings import BackendSettings
from casebackend.triage import service as triage
from shared.appointments import references
from shared.appointments.schemas import (
    AppointmentCancel,
    AppointmentCheck,
    AppointmentCreate,
    AppointmentCustomer,
    AppointmentList,
    AppointmentRead,
    AppointmentRebook,
    AppointmentStatus,
    AppointmentSummary,
    Arrival,
    NotifyBy,
    Offer,
    OfferUpdate,
    PublicAppointment,
    Slot,
    SlotList,
)
from shared.cases.schemas import Channel
from shared.cases.tracking import new_tracking_token, tracking_link
from shared.catalogue.schemas import Tier
from shared.errors import (
    Conflict,
    FirstStopError,
    Forbidden,
    InvalidInput,
    NotFound,
    SlotTaken,
)
from shared.live.messages import AppointmentChange
from shared.schema import replace, to_builtins
from shared.triage.schemas import AccessNeed

if TYPE_CHECKING:
    # Only a type here: the context holds this module's scheduler.
    from casebackend.context import BackendContext

log = logging.getLogger(__name__)

MAX_SLOT_DAYS = 62
SLOT_TAKEN = "That time has just been taken — please choose another."
NOT_FOUND = "We cannot find an appointment with that reference."
NOT_A_SLOT = "That time cannot be booked. Please choose one of the times shown."
TOO_LATE = "It is too late to change this appointment. Please ask at the desk."

_CHANNELS = {
    ActorKind.DEVICE: {Channel.KIOSK, Channel.ASSISTED_KIOSK},
    ActorKind.STAFF: {Channel.FACE_TO_FACE, Channel.PHONE, Channel.ASSISTED_KIOSK, Channel.WEB},
}


@dataclass(frozen=True, slots=True)
class Booked:
    appointment: Appointment
    # The public page's token, for the booker's answer only (the row keeps its hash); None
    # for a replay, whose answer repeats the link of the booking's first message if any.
    page_token: str | None
    # False when an idempotency key replayed a booking made earlier.
    new: bool = True


# Offers --------------------------------------------------------------------------------


def list_offers(session: Session, ctx: BackendContext, location_code: str | None) -> list[Offer]:
    location_id = get_location(session, location_code).id if location_code else None
    return [_offer(session, ctx, o) for o in repository.active_offers(session, location_id)]


def set_offer(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    location_code: str,
    service_code: str,
    update: OfferUpdate,
    *,
    through: str,
) -> Offer:
    principal.require_staff(Role.ADMIN)
    location = get_location(session, location_code)
    service = ctx.catalogue.service(service_code)
    if service.tier is not Tier.APPOINTMENT:
        raise InvalidInput(
            f"{service.name} is not a service people book an appointment for (tier 3).",
            field="service",
        )
    offer = repository.offer(session, location.id, service.code)
    if offer is None:
        offer = AppointmentOffer(location_id=location.id, service_code=service.code)
        session.add(offer)
    for each in fields(update):
        setattr(offer, each.name, getattr(update, each.name))
    session.flush()
    audit.record(
        session,
        principal,
        "appointment_offer",
        through=through,
        detail=f"{location.code} {service.code}",
    )
    return _offer(session, ctx, offer)


def _offer(session: Session, ctx: BackendContext, offer: AppointmentOffer) -> Offer:
    service = ctx.catalogue.any_service(session, offer.service_code)
    return Offer(
        location_code=ctx.directory.location_code(session, offer.location_id) or "",
        service_code=offer.service_code,
        service_name=service.name if service else offer.service_code,
        slot_minutes=offer.slot_minutes,
        capacity=offer.capacity,
        horizon_days=offer.horizon_days,
        lead_minutes=offer.lead_minutes,
        active=offer.active,
    )


def _active_offer(session: Session, location: Location, service_code: str) -> AppointmentOffer:
    offer = repository.offer(session, location.id, service_code)
    if offer is None or not offer.active:
        raise NotFound(
            f"Appointments for this service cannot be booked at {location.name}.",
            field="service_code",
        )
    return offer


# Slots ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Window:
    """Where bookable slots may start: from the lead time on, up to the horizon's last day."""

    earliest: datetime
    last_day: date


def _window(hours: opening.LocationHours, offer: AppointmentOffer, now: datetime) -> _Window:
    return _Window(
        earliest=now + timedelta(minutes=offer.lead_minutes),
        last_day=hours.local_day(now) + timedelta(days=offer.horizon_days),
    )


def _slot_times(
    hours: opening.LocationHours, offer: AppointmentOffer, day: date
) -> list[tuple[datetime, datetime]]:
    """The day's slots, from each opening span's start; none runs past its span's end."""
    if not hours.configured:
        # No hours entered: nothing to make slots from (an "open all day" default would
        # offer midnight appointments).
        return []
    length = timedelta(minutes=offer.slot_minutes)
    slots = []
    for opens, closes in hours.intervals(day):
        start = opens
        while start + length <= closes:
            slots.append((start, start + length))
            start += length
    return slots


def list_slots(
    session: Session,
    ctx: BackendContext,
    *,
    location_code: str,
    service_code: str,
    first_day: date | None = None,
    days: int = 7,
    include_full: bool = False,
    now: datetime | None = None,
) -> SlotList:
    now = (now or utcnow()).astimezone(UTC)
    location = get_location(session, location_code)
    offer = _active_offer(session, location, service_code)
    hours = opening.load(session, ctx.settings, location)
    window = _window(hours, offer, now)
    first = max(first_day or hours.local_day(now), hours.local_day(now))
    last = min(first + timedelta(days=min(max(days, 1), MAX_SLOT_DAYS) - 1), window.last_day)
    found: list[tuple[datetime, datetime]] = []
    day = first
    while day <= last:
        found += [s for s in _slot_times(hours, offer, day) if s[0] >= window.earliest]
        day += timedelta(days=1)
    taken = (
        repository.seats_taken(session, location.id, offer.service_code, found[0][0], found[-1][1])
        if found
        else {}
    )
    slots = []
    for start, end in found:
        free = max(offer.capacity - taken.get(start, 0), 0)
        if free or include_full:
            local = start.astimezone(hours.zone)
            slots.append(
                Slot(
                    starts_at=start,
                    ends_at=end,
                    day=local.date(),
                    time=f"{local:%H:%M}",
                    capacity=offer.capacity,
                    free=free,
                )
            )
    return SlotList(
        location_code=location.code,
        service_code=offer.service_code,
        timezone=ctx.settings.timezone,
        slot_minutes=offer.slot_minutes,
        slots=slots,
    )


def _check_slot(
    hours: opening.LocationHours, offer: AppointmentOffer, starts_at: datetime, now: datetime
) -> datetime:
    """The end of the slot starting at ``starts_at``, if it is one that can be booked now."""
    starts_at = starts_at.astimezone(UTC) if starts_at.tzinfo else starts_at.replace(tzinfo=UTC)
    window = _window(hours, offer, now)
    day = hours.local_day(starts_at)
    if starts_at >= window.earliest and day <= window.last_day:
        for start, end in _slot_times(hours, offer, day):
            if start == starts_at:
                return end
    raise InvalidInput(NOT_A_SLOT, field="starts_at")


# Booking -------------------------------------------------------------------------------


def book(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    data: AppointmentCreate,
    *,
    through: str,
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> Booked:
    """One seat for the customer; or, when ``idempotency_key`` was used before by this
    caller for the same request, the booking made then (``new`` False), and ``Conflict``
    for a different request.

    Two requests racing with one key: on SQLite writers take turns, so the second finds
    the first's booking; on PostgreSQL the second waits on the slot's row (and finds it
    full) or on the key's unique index, and then finds the first's booking, committed."""
    if idempotency_key is None:
        return _book(session, ctx, principal, data, through=through, now=now)
    scope = f"{principal.kind}:{principal.id}"
    digest = fingerprint(data)
    earlier = _replayed(session, scope, idempotency_key, digest)
    if earlier is not None:
        return Booked(earlier, None, new=False)
    try:
        # A savepoint: a clash on the key undoes this attempt's seat and messages too.
        with session.begin_nested():
            return _book(
                session,
                ctx,
                principal,
                data,
                through=through,
                now=now,
                key=(scope, idempotency_key, digest),
            )
    except (FirstStopError, IntegrityError):
        # The same key's booking committed meanwhile: that one, even if this request
        # would not pass now (its seat was the last).
        earlier = _replayed(session, scope, idempotency_key, digest)
        if earlier is not None:
            return Booked(earlier, None, new=False)
        raise


def fingerprint(data: AppointmentCreate) -> str:
    # As the earlier versions hashed it (their pydantic models' JSON): a key kept from then
    # must still match its booking sent again.
    canonical = json.dumps(to_builtins(data), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replayed(session: Session, scope: str, key: str, digest: str) -> Appointment | None:
    earlier = repository.by_idempotency_key(session, scope, key)
    if earlier is not None and earlier.request_fingerprint != digest:
        raise Conflict(
            "This idempotency key was already used for a different request.",
            reference=earlier.reference,
        )
    return earlier


def _book(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    data: AppointmentCreate,
    *,
    through: str,
    now: datetime | None,
    key: tuple[str, str, str] | None = None,
) -> Booked:
    now = (now or utcnow()).astimezone(UTC)
    _check_contact(data)
    channel = _channel(principal, data.channel)
    location = _booking_location(session, principal, data.location_code)
    offer = _active_offer(session, location, data.service_code)
    hours = opening.load(session, ctx.settings, location)
    ends_at = _check_slot(hours, offer, data.starts_at, now)
    starts_at = ends_at - timedelta(minutes=offer.slot_minutes)
    slot_id = repository.take_seat(
        session, location.id, offer.service_code, starts_at, offer.capacity
    )
    if slot_id is None:
        raise SlotTaken(SLOT_TAKEN, starts_at=starts_at.isoformat())
    token = new_tracking_token()
    scope, idempotency_key, digest = key or (None, None, None)
    appointment = Appointment(
        reference=_new_reference(session),
        location_id=location.id,
        service_code=offer.service_code,
        slot_id=slot_id,
        starts_at=starts_at,
        ends_at=ends_at,
        status=AppointmentStatus.BOOKED,
        channel=channel,
        name=data.customer.name.strip(),
        phone=data.customer.phone,
        email=str(data.customer.email) if data.customer.email else None,
        notify_by=[str(n) for n in data.notify_by],
        answers=data.answers,
        access_needs=[str(n) for n in data.access_needs],
        access_note=data.access_note.strip(),
        priority=bool(data.access_needs),
        source_kind=principal.kind,
        source_id=principal.id,
        page_token_hash=token_hash(token),
        created_at=now,
        updated_at=now,
        idempotency_scope=scope,
        idempotency_key=idempotency_key,
        request_fingerprint=digest,
    )
    session.add(appointment)
    session.flush()
    tell_customer(
        session,
        ctx.catalogue,
        ctx.settings,
        appointment,
        location,
        NotificationTemplate.APPOINTMENT_BOOKED,
        token,
    )
    audit.record(
        session, principal, "appointment_book", through=through, detail=appointment.reference
    )
    announce(session, ctx.settings, appointment, location, AppointmentChange.BOOKED)
    log.debug("appointment %s booked through %s", appointment.id, through)
    return Booked(appointment, token)


def _check_contact(data: AppointmentCreate) -> None:
    if NotifyBy.SMS in data.notify_by and not data.customer.phone:
        raise InvalidInput("To send a text we need a mobile number.", field="phone")
    if NotifyBy.EMAIL in data.notify_by and not data.customer.email:
        raise InvalidInput("To send an email we need an email address.", field="email")
    if not data.customer.name.strip():
        raise InvalidInput("Please give a name for the appointment.", field="name")


def _new_reference(session: Session) -> str:
    # 29**5 references: a clash is rare, and the unique constraint is the last word.
    for _ in range(10):
        reference = references.new_reference().compact
        if not repository.reference_used(session, reference):
            return reference
    raise Conflict("We could not make a reference just now. Please try again.")


def _channel(principal: Principal, asked: Channel | None) -> Channel:
    channel = asked or principal.default_channel()
    if channel not in _CHANNELS.get(principal.kind, set()):
        raise Forbidden(f"A {principal.kind.value} cannot book an appointment as {channel.value}.")
    return channel


def _booking_location(session: Session, principal: Principal, code: str | None) -> Location:
    if principal.kind is ActorKind.DEVICE:
        own = session.get_one(Location, next(iter(principal.location_ids)))
        if code is not None and code != own.code:
            raise Forbidden("A kiosk books appointments at its own location only.")
        return own
    principal.require_staff()
    if code is None:
        if len(principal.location_ids) != 1:
            raise InvalidInput(
                "Please say which location the appointment is at.", field="location_code"
            )
        return session.get_one(Location, next(iter(principal.location_ids)))
    location = get_location(session, code)
    _check_staff_location(principal, location)
    return location


def _check_staff_location(principal: Principal, location: Location) -> None:
    principal.require_staff()
    if not principal.sees_every_location and location.id not in principal.location_ids:
        raise Forbidden(
            f"You can only deal with appointments at your own locations, not {location.name}."
        )


# Reading -------------------------------------------------------------------------------


def find(session: Session, reference: str) -> Appointment:
    appointment = repository.by_reference(session, references.parse(reference).compact)
    if appointment is None:
        raise NotFound(NOT_FOUND)
    return appointment


def get_for_staff(
    session: Session, principal: Principal, reference: str, *, through: str
) -> Appointment:
    appointment = find(session, reference)
    _check_staff_location(principal, session.get_one(Location, appointment.location_id))
    audit.record(
        session, principal, "appointment_read", through=through, detail=appointment.reference
    )
    return appointment


def public(session: Session, reference: str, token: str | None) -> Appointment:
    """The appointment the link's token opens; any other token is an unknown reference."""
    appointment = find(session, reference)
    if not token or not hmac.compare_digest(token_hash(token), appointment.page_token_hash):
        raise NotFound(NOT_FOUND)
    return appointment


def list_day(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    *,
    location_code: str | None,
    day: date | None,
    status: AppointmentStatus | None,
    through: str,
) -> AppointmentList:
    principal.require_staff()
    if location_code is None:
        if len(principal.location_ids) != 1:
            raise InvalidInput(
                "Please say which location's appointments to list.", field="location"
            )
        location = session.get_one(Location, next(iter(principal.location_ids)))
    else:
        location = get_location(session, location_code)
    _check_staff_location(principal, location)
    hours = opening.load(session, ctx.settings, location)
    day = day or hours.local_day(utcnow())
    start = datetime.combine(day, time(0), hours.zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), hours.zone).astimezone(UTC)
    items = []
    for a in repository.between(session, location.id, start, end, status):
        local = a.starts_at.astimezone(hours.zone)
        items.append(
            AppointmentSummary(
                reference=a.reference,
                reference_display=references.AppointmentReference(a.reference).display,
                status=a.status,
                service_code=a.service_code,
                location_code=location.code,
                starts_at=a.starts_at,
                day=local.date(),
                time=f"{local:%H:%M}",
                name=a.name,
                priority=a.priority,
                arrived_at=a.arrived_at,
            )
        )
    audit.record(
        session,
        principal,
        "appointment_list",
        through=through,
        detail=f"{location.code} {day.isoformat()}",
    )
    return AppointmentList(items=items)


# Changes by the customer or staff ----------------------------------------------------------


def _authorise_change(
    session: Session, principal: Principal, appointment: Appointment, check: AppointmentCheck
) -> None:
    """Staff at the appointment's location may; anyone else needs the booking's own phone
    number or email, and a wrong one is answered as an unknown reference."""
    if principal.is_staff:
        _check_staff_location(principal, session.get_one(Location, appointment.location_id))
        return
    if not _contact_matches(appointment, check.contact):
        raise NotFound(NOT_FOUND)


def _contact_matches(appointment: Appointment, given: str | None) -> bool:
    if not given or appointment.purged_at is not None:
        return False
    given = given.strip()
    if appointment.email and "@" in given:
        return hmac.compare_digest(given.lower(), appointment.email.lower())
    if appointment.phone:
        digits = _digits(given)
        return len(digits) >= 6 and hmac.compare_digest(digits, _digits(appointment.phone))
    return False


def _digits(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    # +44 7700 … and 07700 … are one number.
    return "0" + digits[2:] if digits.startswith("44") else digits


def _require_changeable(principal: Principal, appointment: Appointment, now: datetime) -> None:
    """Still booked, and for a customer not yet begun: once its time has come, a change is
    for the desk (the customer may be on their way, or the advisor waiting)."""
    _require_booked(appointment)
    if not principal.is_staff and appointment.starts_at.astimezone(UTC) <= now:
        raise Conflict(TOO_LATE, status=appointment.status.value, too_late=True)


def find_for_change(
    session: Session,
    principal: Principal,
    reference: str,
    check: AppointmentCheck,
    *,
    through: str,
    now: datetime | None = None,
) -> Appointment:
    """The appointment a customer (or staff) is about to cancel or move, checked as the
    change itself will be: the same answers for an unknown reference or a wrong contact,
    one already cancelled, or one too late to change. So a kiosk shows what, where and
    when before asking which, and says a refusal before the customer chooses anything."""
    now = (now or utcnow()).astimezone(UTC)
    appointment = find(session, reference)
    _authorise_change(session, principal, appointment, check)
    _require_changeable(principal, appointment, now)
    audit.record(
        session, principal, "appointment_read", through=through, detail=appointment.reference
    )
    return appointment


def _require_booked(appointment: Appointment) -> None:
    if appointment.status is AppointmentStatus.BOOKED:
        return
    raise Conflict(
        {
            AppointmentStatus.CANCELLED: "This appointment has already been cancelled.",
            AppointmentStatus.ARRIVED: "The customer has already arrived for this appointment.",
            AppointmentStatus.SEEN: "This appointment has already taken place.",
            AppointmentStatus.NO_SHOW: "This appointment was marked as missed.",
        }[appointment.status],
        status=appointment.status.value,
    )


def cancel(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    reference: str,
    body: AppointmentCancel,
    *,
    through: str,
    now: datetime | None = None,
) -> Appointment:
    now = (now or utcnow()).astimezone(UTC)
    appointment = find(session, reference)
    _authorise_change(session, principal, appointment, body)
    _require_changeable(principal, appointment, now)
    repository.give_back_seat(session, appointment.slot_id)
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = now
    appointment.updated_at = now
    session.flush()
    location = session.get_one(Location, appointment.location_id)
    tell_customer(
        session,
        ctx.catalogue,
        ctx.settings,
        appointment,
        location,
        NotificationTemplate.APPOINTMENT_CANCELLED,
    )
    audit.record(
        session,
        principal,
        "appointment_cancel",
        through=through,
        detail=f"{appointment.reference} {body.reason}".strip(),
    )
    announce(session, ctx.settings, appointment, location, AppointmentChange.CANCELLED)
    return appointment


def rebook(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    reference: str,
    body: AppointmentRebook,
    *,
    through: str,
    now: datetime | None = None,
) -> Appointment:
    """Moves the booking to another slot: the new seat is taken before the old one is
    given back, in the caller's transaction, so a 409 leaves the booking as it was."""
    now = (now or utcnow()).astimezone(UTC)
    appointment = find(session, reference)
    _authorise_change(session, principal, appointment, body)
    _require_changeable(principal, appointment, now)
    location = session.get_one(Location, appointment.location_id)
    offer = _active_offer(session, location, appointment.service_code)
    hours = opening.load(session, ctx.settings, location)
    ends_at = _check_slot(hours, offer, body.starts_at, now)
    starts_at = ends_at - timedelta(minutes=offer.slot_minutes)
    if starts_at == appointment.starts_at:
        return appointment
    slot_id = repository.take_seat(
        session, location.id, offer.service_code, starts_at, offer.capacity
    )
    if slot_id is None:
        raise SlotTaken(SLOT_TAKEN, starts_at=starts_at.isoformat())
    repository.give_back_seat(session, appointment.slot_id)
    moved_from = appointment.starts_at
    appointment.slot_id = slot_id
    appointment.starts_at = starts_at
    appointment.ends_at = ends_at
    appointment.reminded_at = None
    appointment.updated_at = now
    session.flush()
    tell_customer(
        session,
        ctx.catalogue,
        ctx.settings,
        appointment,
        location,
        NotificationTemplate.APPOINTMENT_REBOOKED,
    )
    audit.record(
        session, principal, "appointment_rebook", through=through, detail=appointment.reference
    )
    announce(session, ctx.settings, appointment, location, AppointmentChange.REBOOKED, moved_from)
    return appointment


# Arrival -------------------------------------------------------------------------------


def arrive(
    session: Session,
    ctx: BackendContext,
    principal: Principal,
    reference: str,
    *,
    through: str,
    now: datetime | None = None,
) -> Arrival:
    """The customer is here: marked arrived (once) and put on the location's triage list."""
    now = (now or utcnow()).astimezone(UTC)
    appointment = find(session, reference)
    location = session.get_one(Location, appointment.location_id)
    if principal.kind is ActorKind.DEVICE:
        if appointment.location_id not in principal.location_ids:
            raise Forbidden(f"This appointment is at {location.name}.", location=location.code)
    else:
        _check_staff_location(principal, location)
    hours = opening.load(session, ctx.settings, location)
    if appointment.status is AppointmentStatus.CANCELLED:
        raise Conflict("This appointment was cancelled.", status=appointment.status.value)
    if hours.local_day(appointment.starts_at) != hours.local_day(now):
        local = appointment.starts_at.astimezone(hours.zone)
        raise Conflict(
            f"This appointment is for {local:%A} {local.day} {local:%B} at {local:%H:%M}.",
            status=appointment.status.value,
            starts_at=appointment.starts_at.isoformat(),
        )
    if appointment.status is AppointmentStatus.BOOKED:
        appointment.status = AppointmentStatus.ARRIVED
        appointment.arrived_at = now
        appointment.updated_at = now
        session.flush()
        on_arrival(session, ctx, principal, appointment)
        audit.record(
            session, principal, "appointment_arrive", through=through, detail=appointment.reference
        )
        announce(session, ctx.settings, appointment, location, AppointmentChange.ARRIVED)
    elif appointment.status is not AppointmentStatus.ARRIVED:
        _require_booked(appointment)
    return Arrival(
        appointment=public_read(session, ctx, appointment),
        minutes_from_start=round((now - appointment.starts_at).total_seconds() / 60),
    )


def on_arrival(
    session: Session, ctx: BackendContext, principal: Principal, appointment: Appointment
) -> None:
    """Tell the location's triage list: an "arrived appointment" entry with an ``A``
    ticket, its priority from the needs declared when booking; the desks hear of it when
    the caller's transaction commits."""
    triage.add_arrival(
        session,
        triage.TriageRules(ctx.settings, ctx.catalogue.get()),
        location_id=appointment.location_id,
        reference=appointment.reference,
        service_code=appointment.service_code,
        name=appointment.name or None,
        needs=[AccessNeed(need) for need in appointment.access_needs],
        device_id=principal.id if principal.kind is ActorKind.DEVICE else None,
    )


# Messages ------------------------------------------------------------------------------


def tell_customer(
    session: Session,
    catalogue: CatalogueCache,
    settings: BackendSettings,
    appointment: Appointment,
    location: Location,
    template: NotificationTemplate,
    token: str | None = None,
) -> int:
    """Queue a message about the appointment on each channel the customer chose; how many
    messages that is (none when they chose none)."""
    recipients: dict[NotificationChannel, str] = {}
    if NotifyBy.SMS in appointment.notify_by and appointment.phone:
        recipients[NotificationChannel.SMS] = appointment.phone
    if NotifyBy.EMAIL in appointment.notify_by and appointment.email:
        recipients[NotificationChannel.EMAIL] = appointment.email
    if not recipients:
        return 0
    words = personalisation(session, catalogue, settings, appointment, location, token)
    notifications.queue_about_appointment(session, appointment.id, template, recipients, words)
    return len(recipients)


def personalisation(
    session: Session,
    catalogue: CatalogueCache,
    settings: BackendSettings,
    appointment: Appointment,
    location: Location,
    token: str | None = None,
) -> dict[str, str]:
    """What a message about an appointment may say: GOV.UK Notify fills its template with
    these. The page link carries its token only from the booking's answer and first
    message (the backend keeps the hash alone); later messages repeat that first link."""
    service = catalogue.any_service(session, appointment.service_code)
    local = appointment.starts_at.astimezone(ZoneInfo(settings.timezone))
    link = (
        page_url(settings, appointment.reference, token)
        if token
        else repository.first_page_link(session, appointment.id)
        or page_url(settings, appointment.reference)
    )
    return {
        "name": appointment.name,
        "reference": references.AppointmentReference(appointment.reference).display,
        "service_name": service.name if service else appointment.service_code,
        "location_name": location.name,
        "location_address": location.address,
        "day": f"{local:%A} {local.day} {local:%B}",
        "time": f"{local:%H:%M}",
        "page_url": link,
    }


def page_url(settings: BackendSettings, reference: str, token: str | None = None) -> str:
    """The public appointment page's link: with its token, the page shows the booking."""
    base = f"{settings.public_base_url.rstrip('/')}/{references.PAGE_SEGMENT}/"
    return tracking_link(base, reference, token)


# Wire ----------------------------------------------------------------------------------


def public_read(
    session: Session, ctx: BackendContext, appointment: Appointment
) -> PublicAppointment:
    location = session.get_one(Location, appointment.location_id)
    service = ctx.catalogue.any_service(session, appointment.service_code)
    local = appointment.starts_at.astimezone(ZoneInfo(ctx.settings.timezone))
    return PublicAppointment(
        reference=appointment.reference,
        reference_display=references.AppointmentReference(appointment.reference).display,
        status=appointment.status,
        service_code=appointment.service_code,
        service_name=service.name if service else appointment.service_code,
        location_code=location.code,
        location_name=location.name,
        location_address=location.address,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        day=local.date(),
        time=f"{local:%H:%M}",
    )


def booked_read(session: Session, ctx: BackendContext, booked: Booked) -> AppointmentRead:
    """The answer to a booking. A replay's has no token to give (the backend keeps its hash
    only): its ``page_url`` is the link the booking's first message carried, if one went."""
    if booked.new:
        return read(session, ctx, booked.appointment, booked.page_token)
    return replace(
        read(session, ctx, booked.appointment),
        page_url=repository.first_page_link(session, booked.appointment.id),
    )


def read(
    session: Session, ctx: BackendContext, appointment: Appointment, token: str | None = None
) -> AppointmentRead:
    public = public_read(session, ctx, appointment)
    return AppointmentRead(
        **{each.name: getattr(public, each.name) for each in fields(public)},
        id=appointment.id,
        # As stored, not checked again: built, not read (a schema checks nothing then).
        customer=AppointmentCustomer(
            name=appointment.name, phone=appointment.phone, email=appointment.email
        ),
        answers=appointment.answers,
        access_needs=[AccessNeed(need) for need in appointment.access_needs],
        access_note=appointment.access_note,
        priority=appointment.priority,
        channel=appointment.channel,
        created_at=appointment.created_at,
        updated_at=appointment.updated_at,
        arrived_at=appointment.arrived_at,
        cancelled_at=appointment.cancelled_at,
        reminded_at=appointment.reminded_at,
        page_url=page_url(ctx.settings, appointment.reference, token) if token else None,
    )
