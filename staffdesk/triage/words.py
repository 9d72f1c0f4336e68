"""What one triage entry says at the desk, in plain words: its kind, ticket or kiosk, need,
and a waiting timer against its kind's target. Pure Python, given ``now`` (tests drive the
clock by passing it; the desk passes the hub's time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.triage.order import waited_seconds
from shared.triage.schemas import TriageEntry, TriageKind, TriageState
from staffdesk.words import duration

KINDS = {
    TriageKind.HELP: "Help at a kiosk",
    TriageKind.WALK_IN: "Walk-in",
    TriageKind.APPOINTMENT: "Appointment",
    TriageKind.KIOSK_FAULT: "Kiosk fault",
}

# The timer turns amber at this share of the target, red past it.
DUE_SOON_SHARE = 0.8


@dataclass(frozen=True)
class Timer:
    text: str
    # ``ok``, ``amber`` (due soon) or ``alarm`` (over its target): the word says it too.
    tone: str


@dataclass(frozen=True)
class TriageLine:
    entry_id: str
    kind: TriageKind
    title: str
    need: str
    state: str
    timer: Timer
    priority: str
    # Which actions make sense now.
    can_call: bool
    can_park: bool


def timer(entry: TriageEntry, now: datetime) -> Timer:
    waited = waited_seconds(entry, now)
    text = f"Waiting {duration(waited)}"
    if waited > entry.target_seconds:
        return Timer(f"{text} · over time", "alarm")
    if waited >= entry.target_seconds * DUE_SOON_SHARE:
        return Timer(f"{text} · due soon", "amber")
    return Timer(text, "ok")


def _need(entry: TriageEntry) -> str:
    if entry.kind is TriageKind.KIOSK_FAULT:
        return "Out of order" if entry.fault == "out_of_order" else "Not responding"
    parts = [entry.service_name or "", *entry.topics]
    if entry.appointment_reference:
        parts.append(f"Booking {entry.appointment_reference}")
    need = ", ".join(part for part in parts if part)
    return need or "Not said yet"


def _state(entry: TriageEntry) -> str:
    if entry.state is TriageState.CALLED:
        who = entry.called_by.name if entry.called_by is not None else "A greeter"
        return f"Called by {who}"
    if entry.state is TriageState.PARKED:
        return f"Parked: {entry.parked_reason}" if entry.parked_reason else "Parked"
    if entry.for_advisor:
        return "Waiting for an advisor"
    return "Waiting"


def line(entry: TriageEntry, now: datetime) -> TriageLine:
    # A ticket follows its kind ("Walk-in W014"); a kiosk is named after it.
    if entry.ticket:
        title = f"{KINDS[entry.kind]} {entry.ticket}"
    elif entry.kiosk_name:
        title = f"{KINDS[entry.kind]}: {entry.kiosk_name}"
    else:
        title = KINDS[entry.kind]
    if entry.name:
        title = f"{title} — {entry.name}"
    return TriageLine(
        entry_id=entry.id,
        kind=entry.kind,
        title=title,
        need=_need(entry),
        state=_state(entry),
        timer=timer(entry, now),
        priority="Priority: declared need" if entry.priority else "",
        can_call=entry.state is not TriageState.CALLED,
        can_park=entry.state is not TriageState.PARKED,
    )
