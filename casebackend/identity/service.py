"""Enrolling kiosks, signing staff in, issuing API keys, and recognising each on a request."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from casebackend.cases.models import ActorKind
from casebackend.cases.references import allocate_issuer
from casebackend.db.base import utcnow
from casebackend.identity import secrets
from casebackend.identity.models import (
    ApiKey,
    Device,
    EnrolmentCode,
    Role,
    StaffMember,
    StaffSession,
)
from casebackend.identity.principal import Principal
from casebackend.organisation.models import Location
from casebackend.organisation.service import get_location
from shared.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from shared.identity.schemas import Enrolment, LocationRead, StaffRead, StaffSessionRead

log = logging.getLogger(__name__)

# ``NotAuthenticated`` details ``reason`` for a kiosk token that was revoked (not unknown).
REVOKED = "revoked"
# Token hashes per kind checked in one query by ``still_signed_in``.
RECHECK_BATCH = 500


# Enrolment -------------------------------------------------------------------------------


def create_enrolment_code(
    session: Session, location_code: str, valid_for: timedelta
) -> tuple[str, datetime]:
    location = get_location(session, location_code)
    code = secrets.new_enrolment_code()
    expires_at = utcnow() + valid_for
    session.add(
        EnrolmentCode(
            code_hash=secrets.token_hash(code), location_id=location.id, expires_at=expires_at
        )
    )
    return code, expires_at


def enrol_device(session: Session, code: str, name: str, *, public_base_url: str) -> Enrolment:
    """Use a one-time code: a new device, with its own token and reference issuer.
    ``public_base_url`` is the backend's public address, for the kiosk's tracking link."""
    normalised = secrets.normalise_enrolment_code(code)
    enrolment = session.scalars(
        select(EnrolmentCode)
        .where(EnrolmentCode.code_hash == secrets.token_hash(normalised))
        .with_for_update()
    ).first()
    if enrolment is None:
        raise NotFound(
            "That enrolment code is not right. Check it against the code you were given.",
            reason="unknown_code",
        )
    if enrolment.used_at is not None:
        raise Conflict(
            "That enrolment code has already been used. Ask for a new one.", reason="used_code"
        )
    if enrolment.expires_at <= utcnow():
        raise Conflict("That enrolment code has expired. Ask for a new one.", reason="expired_code")
    enrolment.used_at = utcnow()
    location = session.get_one(Location, enrolment.location_id)
    token = secrets.new_token()
    issuer = allocate_issuer(session, ActorKind.DEVICE)
    device = Device(
        name=name.strip() or "kiosk",
        location_id=location.id,
        token_hash=secrets.token_hash(token),
        issuer=issuer.code,
    )
    session.add(device)
    session.flush()
    log.info("device %s enrolled at %s", device.id, location.code)
    return Enrolment(
        device_id=device.id,
        token=token,
        location_code=location.code,
        location_name=location.name,
        issuer=issuer.code,
        tracking_url=f"{public_base_url.rstrip('/')}/track/",
    )


# Staff ---------------------------------------------------------------------------------


def create_staff(
    session: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    roles: list[Role],
    location_codes: list[str],
) -> StaffMember:
    username = username.strip().lower()
    if not username:
        raise InvalidInput("A username is needed.")
    if len(password) < 8:
        raise InvalidInput("A password needs at least 8 characters.")
    if not roles:
        raise InvalidInput("Give at least one role: greeter, caseworker or admin.")
    if session.scalar(select(StaffMember.id).where(StaffMember.username == username)):
        raise Conflict(f"There is already a staff member called {username}.")
    staff = StaffMember(
        username=username,
        display_name=display_name.strip() or username,
        password_hash=secrets.hash_password(password),
        roles=sorted(r.value for r in roles),
        locations=[get_location(session, code) for code in location_codes],
    )
    session.add(staff)
    session.flush()
    return staff


def staff_read(staff: StaffMember) -> StaffRead:
    return StaffRead(
        id=staff.id,
        username=staff.username,
        display_name=staff.display_name,
        roles=list(staff.roles),
        locations=[
            LocationRead(code=loc.code, name=loc.name, kind=loc.kind) for loc in staff.locations
        ],
    )


def log_in(session: Session, username: str, password: str, lifetime: timedelta) -> StaffSessionRead:
    staff = session.scalars(
        select(StaffMember).where(StaffMember.username == username.strip().lower())
    ).first()
    valid = secrets.verify_password(staff.password_hash if staff else None, password)
    if staff is None or not valid or not staff.active:
        raise NotAuthenticated("That username and password do not match. Please try again.")
    token = secrets.new_token()
    record = StaffSession(
        staff_id=staff.id, token_hash=secrets.token_hash(token), expires_at=utcnow() + lifetime
    )
    session.add(record)
    return StaffSessionRead(token=token, expires_at=record.expires_at, staff=staff_read(staff))


def log_out(session: Session, token: str) -> None:
    record = session.scalars(
        select(StaffSession).where(StaffSession.token_hash == secrets.token_hash(token))
    ).first()
    if record is not None:
        record.revoked = True


# API keys ------------------------------------------------------------------------------


def create_api_key(session: Session, name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidInput("Give the API key a name, such as the client it is for.")
    if session.scalar(select(ApiKey.id).where(ApiKey.name == name)):
        raise Conflict(f"There is already an API key called {name}.")
    key = secrets.new_token()
    session.add(ApiKey(name=name, key_hash=secrets.token_hash(key)))
    return key


# Taking access away ------------------------------------------------------------------


def revoke_device(session: Session, device_id: int) -> Device:
    """A lost, stolen or replaced kiosk: its token stops working (a running backend notices
    within a few seconds: its live hub re-checks every token it holds)."""
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound(f"There is no kiosk number {device_id}. 'firststop admin fleet' lists them.")
    device.revoked = True
    return device


def revoke_api_key(session: Session, name: str) -> None:
    api_key = session.scalars(select(ApiKey).where(ApiKey.name == name.strip())).first()
    if api_key is None:
        raise NotFound(f"There is no API key called {name.strip()!r}.")
    api_key.revoked = True


def deactivate_staff(session: Session, username: str) -> None:
    """A leaver: signing in is refused and every open session ends."""
    staff = session.scalars(
        select(StaffMember).where(StaffMember.username == username.strip().lower())
    ).first()
    if staff is None:
        raise NotFound(f"There is no staff member called {username.strip()!r}.")
    staff.active = False
    for open_session in session.scalars(
        select(StaffSession).where(StaffSession.staff_id == staff.id)
    ):
        open_session.revoked = True


# Recognising callers -------------------------------------------------------------------


def principal_for_bearer(session: Session, token: str) -> Principal:
    """A staff session token or a kiosk's device token."""
    digest = secrets.token_hash(token)
    staff_session = session.scalars(
        select(StaffSession).where(StaffSession.token_hash == digest)
    ).first()
    if staff_session is not None:
        staff = staff_session.staff
        if staff_session.revoked or staff_session.expires_at <= utcnow() or not staff.active:
            raise NotAuthenticated("Your sign-in has ended. Please sign in again.")
        return Principal(
            ActorKind.STAFF,
            staff.id,
            staff.display_name,
            roles=frozenset(Role(r) for r in staff.roles),
            location_ids=frozenset(loc.id for loc in staff.locations),
            expires_at=staff_session.expires_at.timestamp(),
        )
    device = session.scalars(select(Device).where(Device.token_hash == digest)).first()
    if device is not None and device.revoked:
        # Said apart from an unknown token so a kiosk stops trying it (the live hub's 4410).
        raise NotAuthenticated(
            "This kiosk has been withdrawn from service. Ask staff to enrol it again.",
            reason=REVOKED,
        )
    if device is not None:
        return Principal(
            ActorKind.DEVICE,
            device.id,
            device.name,
            location_ids=frozenset({device.location_id}),
            issuer=device.issuer,
        )
    raise NotAuthenticated("This sign-in is not recognised. Please sign in again.")


def still_signed_in(
    session: Session, staff_tokens: Collection[str], device_tokens: Collection[str]
) -> set[str]:
    """Which of these token hashes still work: staff sessions not signed out, not expired,
    of staff still active; devices not revoked. One query, however many tokens (up to
    ``RECHECK_BATCH`` of each; more take one query per batch)."""
    valid: set[str] = set()
    staff, devices = sorted(staff_tokens), sorted(device_tokens)
    now = utcnow()
    for start in range(0, max(len(staff), len(devices)), RECHECK_BATCH):
        staff_batch = staff[start : start + RECHECK_BATCH]
        device_batch = devices[start : start + RECHECK_BATCH]
        query = union_all(
            select(StaffSession.token_hash)
            .join(StaffMember, StaffMember.id == StaffSession.staff_id)
            .where(
                StaffSession.token_hash.in_(staff_batch),
                StaffSession.revoked.is_(False),
                StaffSession.expires_at > now,
                StaffMember.active.is_(True),
            ),
            select(Device.token_hash).where(
                Device.token_hash.in_(device_batch), Device.revoked.is_(False)
            ),
        )
        valid.update(session.scalars(query))
    return valid


def principal_for_api_key(session: Session, key: str) -> Principal:
    api_key = session.scalars(
        select(ApiKey).where(ApiKey.key_hash == secrets.token_hash(key))
    ).first()
    if api_key is None or api_key.revoked:
        raise NotAuthenticated("The API key is not valid.")
    return Principal(ActorKind.API_KEY, api_key.id, api_key.name)
