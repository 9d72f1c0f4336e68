"""What one triage entry says at the desk, in plain words: its kind, ticket or kiosk, need,
and a waiting timer against its kind's target. Pure Python, given ``now`` (tests drive the
clock by passing it; the desk passes the hub's time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.triage.order import waited_seconds
from shared.triage.schemas import (
    AccessNeed,
    Colleague,
    FaultKind,
    TriageEntry,
    TriageKind,
    TriageState,
)
from staffdesk.words import CONDITIONS, KioskCondition, duration

KINDS = {
    TriageKind.HELP: "Help at a kiosk",
    TriageKind.WALK_IN: "Walk-in",
    TriageKind.APPOINTMENT: "Appointment",
    TriageKind.KIOSK_FAULT: "Kiosk fault",
}

# Declared accessibility needs in a greeter's words (the backend's vocabulary, which puts
# an entry with any of them first): the walk-in panel's choices and an entry's priority line.
NEEDS = {
    AccessNeed.WHEELCHAIR: "Wheelchair",
    AccessNeed.HEARING: "Hard of hearing",
    AccessNeed.INTERPRETER: "Interpreter",
    AccessNeed.LARGE_TEXT: "Large text",
    AccessNeed.HIGH_CONTRAST: "High contrast",
    AccessNeed.SPEECH: "Reading aloud",
    AccessNeed.OTHER: "Another need",
}

# A kiosk fault in the board's own words: what is wrong (after "needs attention: "), and
# what the greeter might do about it.
FAULTS = {
    FaultKind.OUT_OF_ORDER: (
        "out of order",
        f"{CONDITIONS[KioskCondition.OUT_OF_ORDER][2]} Put it back in service from its "
        "More menu when it works.",
    ),
    FaultKind.NOT_RESPONDING: (
        "not responding",
        f"{CONDITIONS[KioskCondition.NOT_RESPONDING][2]} If its screen is stuck, restart it "
        "from its More menu.",
    ),
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
        return FAULTS[entry.fault or FaultKind.NOT_RESPONDING][1]
    parts = [entry.service_name or "", *entry.topics]
    if entry.appointment_reference:
        parts.append(f"Booking {entry.appointment_reference}")
    need = ", ".join(part for part in parts if part)
    return need or "Not said yet"


def colleague(found: Colleague) -> tuple[int, str]:
    """A colleague in the Pass on… chooser: ``(id, "Alex · on a desk now")``."""
    return found.id, f"{found.name} · {'on a desk now' if found.on_desk else 'not on a desk'}"


def _handed(entry: TriageEntry) -> str:
    """Who passed it on and their note, when it was ("from Sam: wants to discuss arrears")."""
    handover = entry.handover
    if handover is None:
        return ""
    note = f": {handover.note}" if handover.note else ""
    return f", from {handover.from_staff.name}{note}"


def _state(entry: TriageEntry, me: int | None = None) -> str:
    if entry.state is TriageState.CALLED:
        who = entry.called_by.name if entry.called_by is not None else "A greeter"
        return f"Called by {who}"
    if entry.state is TriageState.PARKED:
        return f"Parked: {entry.parked_reason}" if entry.parked_reason else "Parked"
    handed = _handed(entry)
    if entry.assigned_to is not None:
        whom = "you" if entry.assigned_to.id == me else entry.assigned_to.name
        return f"Passed to {whom}{handed}"
    if entry.for_advisor:
        return f"Waiting for an advisor{handed}"
    return "Waiting"


def passed_to_me(entry: TriageEntry) -> str:
    """The alert banner's words when a colleague passes a visitor to this greeter: the
    ticket and who passed it, not the visitor's name (the banner is the screen's largest
    words, seen from across the room)."""
    ticket = f"{KINDS[entry.kind]} {entry.ticket}" if entry.ticket else KINDS[entry.kind]
    handover = entry.handover
    return f"Passed to you: {ticket}" + (f", from {handover.from_staff.name}" if handover else "")


def _priority(entry: TriageEntry) -> str:
    if not entry.priority:
        return ""
    if not entry.needs:
        return "Priority: declared need"
    return "Priority: " + ", ".join(NEEDS[need].lower() for need in entry.needs)


def _title(entry: TriageEntry) -> str:
    """A ticket follows its kind ("Walk-in W014"); a fault says which kiosk and what is
    wrong ("Kiosk 4 needs attention: not responding"); help names its kiosk."""
    if entry.kind is TriageKind.KIOSK_FAULT:
        kiosk = entry.kiosk_name or "A kiosk"
        return f"{kiosk} needs attention: {FAULTS[entry.fault or FaultKind.NOT_RESPONDING][0]}"
    if entry.ticket:
        title = f"{KINDS[entry.kind]} {entry.ticket}"
    elif entry.kiosk_name:
        title = f"{KINDS[entry.kind]}: {entry.kiosk_name}"
    else:
        title = KINDS[entry.kind]
    return f"{title} — {entry.name}" if entry.name else title


def line(entry: TriageEntry, now: datetime, me: int | None = None) -> TriageLine:
    """``me``: the greeter's staff id, so an entry passed to them says "Passed to you"."""
    title = _title(entry)
    fault = entry.kind is TriageKind.KIOSK_FAULT
    return TriageLine(
        entry_id=entry.id,
        kind=entry.kind,
        title=title,
        need=_need(entry),
        state=_state(entry, me),
        timer=timer(entry, now),
        priority=_priority(entry),
        # A kiosk fault is neither called nor parked (the backend refuses both): it leaves
        # the list when the kiosk is back.
        can_call=entry.state is not TriageState.CALLED and not fault,
        can_park=entry.state is not TriageState.PARKED and not fault,
    )
