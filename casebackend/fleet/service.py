"""Heartbeats in, fleet health out: is every kiosk really working?"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from casebackend.cases.models import ActorKind
from casebackend.db.base import utcnow
from casebackend.fleet.models import KioskHealth, KioskHour
from casebackend.identity.models import Device
from casebackend.identity.principal import Principal
from casebackend.organisation.models import Location
from casebackend.settings import BackendSettings
from shared.errors import Forbidden
from shared.fleet.schemas import Heartbeat, KioskState, KioskStatus


def record_heartbeat(
    session: Session, principal: Principal, beat: Heartbeat, *, stale_seconds: float
) -> None:
    """Keep the kiosk's latest heartbeat, and count it in its hour (healthy when its screen
    drew within ``stale_seconds``) for the figures' availability."""
    if principal.kind is not ActorKind.DEVICE or principal.id is None:
        raise Forbidden("Only a kiosk sends heartbeats.")
    now = utcnow()
    _count_hour(session, principal.id, now, healthy=beat.frame_age_s <= stale_seconds)
    health = session.get(KioskHealth, principal.id)
    if health is None:
        health = KioskHealth(device_id=principal.id)
        session.add(health)
    health.received_at = now
    health.version = beat.version
    health.outbox_depth = beat.outbox_depth
    health.outbox_held = beat.outbox_held
    health.screen = beat.screen
    health.frame_age_s = beat.frame_age_s
    health.touch_age_s = beat.touch_age_s
    device = session.get_one(Device, principal.id)
    device.last_seen_at = now


def _count_hour(session: Session, device_id: int, now: datetime, *, healthy: bool) -> None:
    """One more heartbeat in the kiosk's hour: one atomic UPSERT."""
    table: Table = KioskHour.__table__  # type: ignore[assignment]
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = insert.values(
        device_id=device_id,
        hour=now.replace(minute=0, second=0, microsecond=0),
        beats=1,
        healthy=int(healthy),
    ).on_conflict_do_update(
        index_elements=[table.c.device_id, table.c.hour],
        set_={"beats": table.c.beats + 1, "healthy": table.c.healthy + int(healthy)},
    )
    session.execute(statement)


def state_of(
    health: KioskHealth | None,
    now: datetime,
    settings: BackendSettings,
    *,
    linked: bool = False,
) -> tuple[KioskState, float | None]:
    """``linked``: the kiosk has been on the live hub's link. One that has, and has sent no
    heartbeat, was switched on and is not heard from: offline, not never seen (a greeter
    walks to it; nobody walks to one that was never switched on)."""
    if health is None:
        return (KioskState.OFFLINE if linked else KioskState.NEVER_SEEN), None
    # The kiosk's frame age was measured when it sent; it has aged since.
    age = (now - health.received_at).total_seconds()
    if age > settings.kiosk_offline_seconds:
        return KioskState.OFFLINE, age
    if health.frame_age_s + age > settings.kiosk_frame_stale_seconds:
        return KioskState.NOT_RENDERING, age
    return KioskState.ONLINE, age


def fleet(
    session: Session,
    principal: Principal,
    settings: BackendSettings,
    *,
    location_code: str | None = None,
) -> list[KioskStatus]:
    """Every kiosk the caller may see, with its state. Staff see their own locations;
    caseworkers and admins, and the system (the CLI), see all."""
    if principal.kind is not ActorKind.SYSTEM:
        principal.require_staff()
    query = (
        select(Device, Location.code, KioskHealth)
        .join(Location, Location.id == Device.location_id)
        .outerjoin(KioskHealth, KioskHealth.device_id == Device.id)
        .where(Device.revoked.is_(False))
        .order_by(Location.code, Device.name, Device.id)
    )
    if not principal.sees_every_location:
        query = query.where(Device.location_id.in_(principal.location_ids))
    if location_code:
        query = query.where(Location.code == location_code)
    now = utcnow()
    found = []
    for device, code, health in session.execute(query):
        state, age = state_of(health, now, settings, linked=device.live_seen_at is not None)
        found.append(
            KioskStatus(
                device_id=device.id,
                name=device.name,
                location_code=code,
                state=state,
                # Its last heartbeat; with none, its last time on the live link.
                last_seen_at=device.last_seen_at or device.live_seen_at,
                heartbeat_age_s=round(age, 1) if age is not None else None,
                version=health.version if health else None,
                outbox_depth=health.outbox_depth if health else None,
                outbox_held=health.outbox_held if health else None,
                screen=health.screen if health else None,
                frame_age_s=health.frame_age_s if health else None,
                touch_age_s=health.touch_age_s if health else None,
            )
        )
    return found
