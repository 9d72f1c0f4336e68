"""Kiosk faults closed on the triage list.

A fault's line comes from the live hub (the kiosk is out of order, or not answering), not
from a row of its own, so it would stay on the list however often a greeter pressed Done.
A greeter who fixed the kiosk, or reported it to IT, closes it with that outcome: the
closure is kept in the database (one per kiosk, with the hub's presence it was closed
against) and the fault stays off the list until the kiosk's state changes, when the hub
forgets the closure (:func:`reopen`) and a new fault shows again. Only a change forgets it:
a process that restarted, or joined, and sees the kiosk as it was closed keeps it. A
connected kiosk's stuck screen changes no presence: its closure lapses once the screen has
drawn again (the heartbeats say when it last drew), so a screen stuck again shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casebackend.audit import service as audit
from casebackend.db.base import utcnow
from casebackend.identity.models import Device
from casebackend.identity.principal import Principal
from casebackend.live import service as live
from casebackend.triage import service
from casebackend.triage.models import KioskFaultClosure
from casebackend.triage.news import News, tell
from casebackend.triage.service import THROUGH, TriageRules
from shared.errors import Conflict, InvalidInput
from shared.live.messages import KioskLive, TriageChanged
from shared.schema import replace
from shared.triage.schemas import FaultKind, TriageEntry, TriageOutcome, TriageState

# What a greeter can say of a kiosk fault (the other outcomes are a visitor's).
FAULT_OUTCOMES = frozenset({TriageOutcome.FIXED, TriageOutcome.REPORTED})


def open_faults(
    session: Session, kiosks: Sequence[KioskLive], location_code: str, rules: TriageRules
) -> list[TriageEntry]:
    """The location's kiosk faults that nobody has closed yet."""
    faults = service.fault_entries(kiosks, location_code, rules)
    if not faults:
        return faults
    closures = {
        row.device_id: row
        for row in session.scalars(
            select(KioskFaultClosure).where(
                KioskFaultClosure.device_id.in_([f.device_id for f in faults])
            )
        )
    }
    by_id = {kiosk.status.device_id: kiosk for kiosk in kiosks}
    return [
        f
        for f in faults
        if f.device_id is None
        or not _still_closed(closures.get(f.device_id), f, by_id[f.device_id])
    ]


def _still_closed(closure: KioskFaultClosure | None, fault: TriageEntry, kiosk: KioskLive) -> bool:
    """Whether a greeter's closing covers the fault now: the same fault and, for a stuck
    screen on a kiosk that stayed connected, no frame drawn since it was closed. A screen
    that drew again and then stuck again is a new fault, though no presence changed for
    the hub to forget the closing by."""
    if closure is None or closure.fault != fault.fault:
        return False
    status = kiosk.status
    if (
        fault.fault is not FaultKind.NOT_RESPONDING
        or not kiosk.connected
        or status.last_seen_at is None
        or status.frame_age_s is None
    ):
        return True
    # The kiosk's last heartbeat said how long before it its screen last drew.
    drawn_at = status.last_seen_at - timedelta(seconds=status.frame_age_s)
    return drawn_at <= closure.closed_at


def close(
    session: Session,
    principal: Principal,
    rules: TriageRules,
    entry_id: str,
    outcome: TriageOutcome,
    kiosks: Sequence[KioskLive],
    location_code: str,
) -> TriageEntry:
    """A greeter fixed the kiosk or reported it to IT: the fault leaves every desk's list,
    audited (which kiosk, what was wrong, the outcome: nothing of any customer)."""
    if outcome not in FAULT_OUTCOMES:
        raise InvalidInput("A kiosk fault is closed as fixed or reported to IT.")
    fault = next(
        (f for f in open_faults(session, kiosks, location_code, rules) if f.id == entry_id), None
    )
    if fault is None or fault.device_id is None or fault.fault is None:
        raise Conflict(
            "That kiosk no longer needs attention: it is back, or someone has dealt with it.",
            entry_id=entry_id,
        )
    row = session.get(KioskFaultClosure, fault.device_id) or KioskFaultClosure(
        device_id=fault.device_id
    )
    kiosk = next(k for k in kiosks if k.status.device_id == fault.device_id)
    presence = service.live_fault(connected=kiosk.connected, activity=kiosk.activity)
    row.fault = fault.fault.value
    row.live_fault = None if presence is None else presence.value
    row.outcome = outcome.value
    row.closed_by_id = principal.id
    row.closed_at = utcnow()
    session.add(row)
    audit.record(
        session,
        principal,
        "triage.fault_closed",
        through=THROUGH,
        detail=f"kiosk {fault.device_id}, {fault.fault.value}, outcome {outcome.value}",
    )
    ended = replace(fault, state=TriageState.ENDED, outcome=outcome, ended_at=utcnow())
    place = live.desk_place(session, principal, location_code)
    tell(
        session,
        News(
            message=TriageChanged(entry=ended, server_time=utcnow()), location_id=place.location_id
        ),
    )
    return ended


def reopen(session: Session, device_id: int, fault: FaultKind | None) -> tuple[str | None, bool]:
    """The hub's presence says the kiosk's fault is ``fault`` now (``None``: connected and
    working), and this process last knew another, or none (it has just started). A
    greeter's closing made against another presence is forgotten: the fault, if any, is
    news again. One made against this presence stands: the kiosk is as it was closed, and
    a restarted process must not show it again as new. The kiosk's name, for the news
    (``None``: no such kiosk), and whether a closing stands."""
    live = None if fault is None else fault.value
    session.execute(
        delete(KioskFaultClosure).where(
            KioskFaultClosure.device_id == device_id,
            KioskFaultClosure.live_fault.is_distinct_from(live),
        )
    )
    stands = session.get(KioskFaultClosure, device_id) is not None
    return session.scalar(select(Device.name).where(Device.id == device_id)), stands
