"""What the desk says, in plain English for the greeter: durations, what a kiosk is doing,
the validation messages a customer met, how help ended. Pure Python, tested without Qt.

The board speaks only in plain words (:data:`CONDITIONS`: every state a kiosk can be in, as
a greeter would say it, with what to do about it); the engineering details (version, ages,
outbox) are for the fleet view (:func:`fleet_row`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from shared.fleet.schemas import KioskState
from shared.flow import texts
from shared.flow.screen_state import Accessibility
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

OUTCOMES: Final[dict[HelpOutcome, str]] = {
    HelpOutcome.RESOLVED_AT_KIOSK: "Resolved at the kiosk",
    HelpOutcome.MOVED_TO_ADVISOR: "Moved to an advisor",
    HelpOutcome.APPOINTMENT_NEEDED: "Appointment needed",
    HelpOutcome.SIGNPOSTED: "Signposted elsewhere",
}

ENDINGS: Final[dict[HelpEndReason, str]] = {
    HelpEndReason.CLOSED: "Help at {kiosk} is closed.",
    HelpEndReason.CANCELLED: "The customer at {kiosk} cancelled their request for help.",
    HelpEndReason.STOPPED_SHARING: "The customer at {kiosk} stopped sharing their screen.",
    HelpEndReason.SESSION_ENDED: (
        "The customer's session at {kiosk} ended (they left, or the kiosk started again)."
    ),
}

ACTIONS: Final[dict[MaintenanceAction, str]] = {
    MaintenanceAction.OUT_OF_ORDER: "Put out of order",
    MaintenanceAction.BACK_IN_SERVICE: "Back in service",
    MaintenanceAction.RESTART_SESSION: "Restart session",
    MaintenanceAction.ALLOW_INSTALLER_EXIT: "Allow installer exit",
}

# The question and what happens, for the confirm step.
CONFIRMS: Final[dict[MaintenanceAction, tuple[str, str]]] = {
    MaintenanceAction.OUT_OF_ORDER: (
        "Put {kiosk} out of order?",
        "Customers will see “This screen is out of order” until someone puts it back in "
        "service. Anyone using it now loses what they typed.",
    ),
    MaintenanceAction.BACK_IN_SERVICE: (
        "Put {kiosk} back in service?",
        "The kiosk shows its welcome screen and customers can use it again.",
    ),
    MaintenanceAction.RESTART_SESSION: (
        "Restart the session on {kiosk}?",
        "Whatever the customer there has typed is wiped and the welcome screen comes back.",
    ),
    MaintenanceAction.ALLOW_INSTALLER_EXIT: (
        "Allow the installer exit on {kiosk}?",
        "An installer at the kiosk can then leave the kiosk app with their PIN. Only do this "
        "when an installer is standing at it.",
    ),
}

_SCREENS: Final = {
    "welcome": "The customer is on the welcome screen",
    "services": "The customer is choosing a service",
    "track": "The customer is checking on a request they made",
    "languages": "The customer is choosing a language",
    "thanks": "The customer has finished",
}


def duration(seconds: float) -> str:
    """``45 s``, ``2 min 05 s``, ``1 h 02 min``: short enough to read at a glance."""
    whole = max(0, int(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def ago(seconds: float | None) -> str:
    return "never" if seconds is None else f"{duration(seconds)} ago"


def step(context: HelpContext) -> str:
    if context.step_number is None or not context.step_count:
        return screen(context.screen)
    return f"step {context.step_number} of {context.step_count}"


def screen(name: str) -> str:
    """A screen's name as a sentence about the customer (the mirror when there is no form)."""
    if name in _SCREENS:
        return _SCREENS[name]
    words = name.replace("_", " ").replace("-", " ").replace(":", " ").strip()
    return f"The customer is on the {words} screen" if words else "The customer is on a screen"


def error(message_id: str) -> str:
    """A validation message the customer met, in the greeter's English (its id, made
    readable, when it has no English words of its own)."""
    try:
        return texts.ui_text(message_id, "en")
    except (KeyError, IndexError, ValueError):
        words = message_id.replace("_", " ").split(".")
        return ": ".join(part.capitalize() for part in words if part)


def accessibility(settings: Accessibility) -> list[str]:
    found = []
    if settings.large_text:
        found.append("Large text")
    if settings.high_contrast:
        found.append("High contrast")
    if settings.speech:
        found.append("Reading aloud")
    return found


def language(code: str) -> str:
    """The customer's language by its own name, and English's name for it when different."""
    try:
        own = texts.language_name(code)
    except KeyError:
        return code
    return own if code == "en" else f"{own} ({code})"


class KioskCondition(StrEnum):
    """Every state a kiosk can be in on the board, most important first."""

    BEING_HELPED = "being_helped"
    NEEDS_HELP = "needs_help"
    SCREEN_FROZEN = "screen_frozen"
    OUT_OF_ORDER = "out_of_order"
    NEVER_CONNECTED = "never_connected"
    NOT_RESPONDING = "not_responding"
    IN_USE = "in_use"
    READY = "ready"
    NO_LIVE_VIEW = "no_live_view"


# What the board says (``{helper}``: who is helping), its tone for the card (``ok``,
# ``help``, ``warning``, ``alarm``, ``quiet``), and what the greeter might do ("" if nothing).
CONDITIONS: Final[dict[KioskCondition, tuple[str, str, str]]] = {
    KioskCondition.BEING_HELPED: ("Being helped by {helper}", "help", ""),
    KioskCondition.NEEDS_HELP: ("Needs help", "help", "A customer is waiting for you."),
    KioskCondition.SCREEN_FROZEN: (
        "Screen frozen",
        "alarm",
        "The screen has stopped changing. Restart it from More.",
    ),
    KioskCondition.OUT_OF_ORDER: ("Out of order", "warning", "Customers cannot use it."),
    KioskCondition.NEVER_CONNECTED: (
        "Not switched on yet",
        "quiet",
        "It has never been in touch. It may not be set up yet.",
    ),
    KioskCondition.NOT_RESPONDING: (
        "Not responding",
        "warning",
        "Check it is switched on and its network cable is plugged in.",
    ),
    KioskCondition.IN_USE: ("Working, in use", "ok", ""),
    KioskCondition.READY: ("Working, free", "ok", ""),
    KioskCondition.NO_LIVE_VIEW: (
        "Working, no live view",
        "quiet",
        "Customers can use it, but you cannot see its screen from here.",
    ),
}


def kiosk_condition(  # noqa: PLR0911 (one answer per state, in order of importance)
    kiosk: KioskLive, help_here: HelpRequest | None
) -> KioskCondition:
    status = kiosk.status
    if help_here is not None:
        if help_here.claimed_by is not None:
            return KioskCondition.BEING_HELPED
        return KioskCondition.NEEDS_HELP
    if status.state is KioskState.NOT_RENDERING:
        return KioskCondition.SCREEN_FROZEN
    if kiosk.activity is KioskActivity.OUT_OF_ORDER:
        return KioskCondition.OUT_OF_ORDER
    if not kiosk.connected and status.state is KioskState.NEVER_SEEN:
        return KioskCondition.NEVER_CONNECTED
    if not kiosk.connected and status.state is not KioskState.ONLINE:
        return KioskCondition.NOT_RESPONDING
    if kiosk.activity is KioskActivity.IN_JOURNEY:
        return KioskCondition.IN_USE
    if kiosk.connected or kiosk.activity is KioskActivity.IDLE:
        return KioskCondition.READY
    return KioskCondition.NO_LIVE_VIEW


def kiosk_doing(kiosk: KioskLive, help_here: HelpRequest | None) -> tuple[str, str]:
    """What a kiosk is doing in plain words, and its tone for the card."""
    condition = kiosk_condition(kiosk, help_here)
    text, tone, _ = CONDITIONS[condition]
    helper = help_here.claimed_by.name if help_here and help_here.claimed_by else ""
    return text.format(helper=helper), tone


@dataclass(frozen=True, slots=True)
class KioskCard:
    """One kiosk on the board, in plain words only."""

    device_id: int
    name: str
    doing: str
    tone: str
    advice: str
    out_of_order: bool


def kiosk_card(kiosk: KioskLive, help_here: HelpRequest | None) -> KioskCard:
    condition = kiosk_condition(kiosk, help_here)
    doing, tone = kiosk_doing(kiosk, help_here)
    return KioskCard(
        device_id=kiosk.status.device_id,
        name=kiosk.status.name,
        doing=doing,
        tone=tone,
        advice=CONDITIONS[condition][2],
        out_of_order=kiosk.activity is KioskActivity.OUT_OF_ORDER,
    )


# The fleet view's engineering words for the hub's states.
_STATES: Final[dict[KioskState, str]] = {
    KioskState.ONLINE: "online",
    KioskState.NOT_RENDERING: "not rendering (heartbeats, no frames)",
    KioskState.OFFLINE: "offline (no heartbeat)",
    KioskState.NEVER_SEEN: "never seen",
}


@dataclass(frozen=True, slots=True)
class FleetRow:
    """One kiosk on the fleet view: the engineering details, as (name, value) lines."""

    device_id: int
    name: str
    lines: tuple[tuple[str, str], ...]


def fleet_row(kiosk: KioskLive, since_s: float) -> FleetRow:
    """``since_s``: seconds since the board's ages were measured (added to each)."""
    status = kiosk.status

    def later(age: float | None) -> str:
        return ago(None if age is None else age + since_s)

    if status.outbox_depth is None:
        outbox = "unknown"
    else:
        outbox = "empty" if not status.outbox_depth else f"{status.outbox_depth} waiting"
        if status.outbox_held:
            outbox += f" ({status.outbox_held} held)"
    activity = kiosk.activity.value.replace("_", " ") if kiosk.activity else "unknown"
    lines = (
        ("State", _STATES[status.state]),
        ("Live link", "connected" if kiosk.connected else "not connected"),
        ("Activity", activity),
        ("Version", status.version or "unknown"),
        ("Heartbeat", later(status.heartbeat_age_s)),
        ("Last frame", later(status.frame_age_s)),
        ("Last touch", later(status.touch_age_s)),
        ("Outbox", outbox),
        ("Screen", status.screen or "unknown"),
        ("Device", str(status.device_id)),
    )
    return FleetRow(device_id=status.device_id, name=status.name, lines=lines)


@dataclass(frozen=True, slots=True)
class HelpEntry:
    """One open request in the queue, in words."""

    help_id: str
    kiosk: str
    waiting: str
    service: str
    errors: tuple[str, ...]
    on_step: str
    language: str
    access: str
    claimed_by: str | None
    mine: bool


def passed_help(request: HelpRequest, passer: StaffRef) -> str:
    """The alert banner's words when a colleague passes the help they were giving to this
    greeter: the kiosk and who passed it, as for a visitor passed on."""
    return f"Passed to you: help at {request.kiosk_name}, from {passer.name}"


def help_entry(request: HelpRequest, waiting_s: float, *, mine: bool) -> HelpEntry:
    context = request.context
    service = context.service_name or "No service chosen yet"
    flags = accessibility(context.accessibility)
    return HelpEntry(
        help_id=request.id,
        kiosk=request.kiosk_name,
        waiting=f"Waiting {duration(waiting_s)}",
        service=f"{service} — {step(context)}",
        errors=tuple(error(e) for e in context.errors),
        on_step=f"On this step {duration(context.seconds_on_step)} before asking",
        language=f"Language: {language(context.language)}",
        access=", ".join(flags) if flags else "",
        claimed_by=request.claimed_by.name if request.claimed_by is not None else None,
        mine=mine,
    )
