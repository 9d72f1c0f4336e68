"""Wire schemas for a location's triage list, used by the backend's API, the live hub's
messages (:mod:`shared.live.messages`), the staff desk and the kiosk.

One list per location holds everyone and everything waiting for a greeter:

* ``help`` — a customer pressed Help me at a kiosk (the live hub's help request, same id);
* ``walk_in`` — a visitor the greeter recorded at the door, or a customer who asked at a
  kiosk to speak to someone; each has a ticket (``W014``: per location, per day);
* ``appointment`` — a booked customer who has arrived (ticket ``A003``);
* ``kiosk_fault`` — a kiosk out of order or not answering, from the hub's presence.

Each entry shows how long it has waited against its kind's target (settings), and comes
first when the customer declared an accessibility need (then the longest waiting). What
an entry holds about a customer (a name they chose to give, their needs) is shown at the
desk only; it never goes into a log. A phone number given for the "you're called" SMS is
kept on the entry and never sent to a desk.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from shared.catalogue.schemas import Tier
from shared.schema import length, pattern, schema

# An entry's id: 32 hex digits (a help request keeps its own id).
ENTRY_ID_PATTERN = r"^[0-9a-f]{32}$"
EntryId = Annotated[str, *pattern(ENTRY_ID_PATTERN)]
# A ticket as called out and shown on the kiosk: a letter and three digits.
TICKET_PATTERN = r"^[A-Z][0-9]{3,4}$"
# A UK mobile, as typed (spaces allowed); only for the "you're called" SMS.
PHONE_PATTERN = r"^\+?[0-9 ]{10,16}$"
NeedText = Annotated[str, *length(1, 60)]


class TriageKind(StrEnum):
    HELP = "help"
    WALK_IN = "walk_in"
    APPOINTMENT = "appointment"
    KIOSK_FAULT = "kiosk_fault"


class TriageState(StrEnum):
    """Where an entry is. The first three are open (on the list); the rest have ended."""

    WAITING = "waiting"
    # A greeter called it (or claimed a help request) and is with the customer.
    CALLED = "called"
    # Set aside with a reason ("gone to fetch a document"); back to the list when called.
    PARKED = "parked"
    CLOSED = "closed"
    NO_SHOW = "no_show"
    # The customer left or cancelled; a help request that timed out or ended at the kiosk.
    ENDED = "ended"


OPEN_STATES = frozenset({TriageState.WAITING, TriageState.CALLED, TriageState.PARKED})


class TriageOutcome(StrEnum):
    """How a greeter closed an entry (for the day's figures)."""

    RESOLVED = "resolved"
    SIGNPOSTED = "signposted"
    SELF_SERVED = "self_served"
    APPOINTMENT_MADE = "appointment_made"
    MOVED_TO_ADVISOR = "moved_to_advisor"
    # A kiosk fault: fixed, or reported to IT.
    FIXED = "fixed"
    REPORTED = "reported"


class AccessNeed(StrEnum):
    """Declared needs that put an entry first (the kiosk's accessibility settings, or what
    the greeter ticked)."""

    WHEELCHAIR = "wheelchair"
    LARGE_TEXT = "large_text"
    HIGH_CONTRAST = "high_contrast"
    SPEECH = "speech"
    HEARING = "hearing"
    INTERPRETER = "interpreter"
    OTHER = "other"


class FaultKind(StrEnum):
    OUT_OF_ORDER = "out_of_order"  # staff put it out of order
    NOT_RESPONDING = "not_responding"  # its connection to the hub dropped


@schema
class StaffName:
    id: int
    name: str


@schema
class Colleague:
    """A member of staff a greeter can pass a visitor to: someone on the location's desk
    (greeter or admin), and whether their desk is connected to the hub just now. Nothing
    else about them (no username, no other locations)."""

    id: int
    name: str
    role: str
    on_desk: bool


@schema
class Colleagues:
    """The location's desk staff, those on a desk now first, then by name."""

    location_code: str
    staff: tuple[Colleague, ...]


@schema
class Handover:
    """What goes with a transfer: the greeter's note, and where the customer had got to
    (a help request's context, the service and step; never a typed answer)."""

    from_staff: StaffName
    note: Annotated[str, *length(max=500)] | None = None
    service_code: Annotated[str, *length(max=60)] | None = None
    service_name: Annotated[str, *length(max=200)] | None = None
    step_id: Annotated[str, *length(max=60)] | None = None
    step_number: int | None = None
    step_count: int = 0
    at: datetime


@schema
class TriageEntry:
    """One line of a location's triage list, as desks see it."""

    id: EntryId
    kind: TriageKind
    location_code: str
    state: TriageState
    # Walk-ins and appointments; None for help and faults.
    ticket: str | None = None
    waiting_since: datetime
    # The kind's target (settings), for the desk's amber/red timer.
    target_seconds: int
    # First on the list: a declared accessibility need.
    priority: bool = False
    needs: tuple[AccessNeed, ...] = ()
    tier: Tier | None = None
    service_code: str | None = None
    service_name: str | None = None
    # A short list of what the visitor came about, in the greeter's words.
    topics: tuple[NeedText, ...] = ()
    # The name the visitor gave (optional), shown at the desk only.
    name: str | None = None
    # A kiosk: where the help was raised, the kiosk a fault is about, or where a customer
    # asked to speak to someone.
    device_id: int | None = None
    kiosk_name: str | None = None
    fault: FaultKind | None = None
    # An arrived appointment's reference.
    appointment_reference: str | None = None
    # A help request served from another location's desks (an unstaffed library's).
    remote: bool = False
    remote_from: str | None = None
    # Whom it is for: anyone at the desk, an advisor (a walk-in for an advisor, or a
    # transfer), or one named colleague.
    for_advisor: bool = False
    assigned_to: StaffName | None = None
    called_by: StaffName | None = None
    called_at: datetime | None = None
    parked_reason: str | None = None
    handover: Handover | None = None
    # An SMS will be sent when called (the number itself stays on the backend).
    sms_when_called: bool = False
    outcome: TriageOutcome | None = None
    ended_at: datetime | None = None


@schema
class TriageList:
    """A location's open entries, in the order they should be called."""

    location_code: str
    entries: tuple[TriageEntry, ...]
    server_time: datetime


# Requests --------------------------------------------------------------------------------


@schema
class WalkInCreate:
    """A greeter records a visitor: a service or a few words of need, the tier, optionally a
    name, and their declared needs."""

    location_code: Annotated[str, *length(max=40)] | None = None
    service_code: Annotated[str, *length(max=60)] | None = None
    topics: Annotated[tuple[NeedText, ...], *length(max=5)] = ()
    tier: Tier = Tier.ASSISTED
    name: Annotated[str, *length(1, 80)] | None = None
    needs: Annotated[tuple[AccessNeed, ...], *length(max=7)] = ()
    for_advisor: bool = False


@schema
class SpeakToSomeone:
    """From a kiosk (device token): queue the customer for an advisor. With a phone number,
    an SMS tells them when they are called."""

    service_code: Annotated[str, *length(max=60)] | None = None
    language: Annotated[str, *length(2, 12)] = "en"
    needs: Annotated[tuple[AccessNeed, ...], *length(max=7)] = ()
    phone: Annotated[str, *pattern(PHONE_PATTERN)] | None = None


@schema
class SpeakToSomeoneRead:
    """What the kiosk shows: the ticket, and about how many are ahead."""

    id: EntryId
    ticket: str
    ahead: int
    sms_when_called: bool


@schema
class CallNext:
    location_code: Annotated[str, *length(max=40)] | None = None
    # Only entries of these kinds (none: any).
    kinds: tuple[TriageKind, ...] = ()


@schema
class Park:
    reason: Annotated[str, *length(1, 200)]


@schema
class Transfer:
    """To one colleague at the location (``staff_id``), or to the advisors (neither)."""

    staff_id: int | None = None
    to_advisor: bool = False
    note: Annotated[str, *length(max=500)] | None = None


@schema
class Close:
    outcome: TriageOutcome
