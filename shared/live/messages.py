"""What kiosks, staff desks and the live hub say to each other over the ``/live`` WebSocket.

Every message is one JSON object with a ``type`` and the protocol version ``v``; both ends
read them with :func:`read_message`, which refuses a version or type it does not know. The
same classes are used by the backend (the hub), the kiosk and the staff desk: a field added
here is added for all three at once.

Who sends what:

* a kiosk sends :class:`KioskHello`, :class:`HelpRaise`, :class:`HelpCancel`,
  :class:`ScreenUpdate`, :class:`KioskActivityChange` and :class:`FillConsent`;
* a desk sends :class:`HelpClaim`, :class:`HelpRelease`, :class:`HelpClose`,
  :class:`GuideHighlight`, :class:`GuideTip`, :class:`GuideComing`, :class:`FillAsk`,
  :class:`FillValue`, :class:`KioskMaintenance` and :class:`BoardRefresh`;
* the hub sends :class:`DeskWelcome` / :class:`KioskWelcome` on joining,
  :class:`HelpRaised`, :class:`HelpClaimed`, :class:`HelpReleased`, :class:`HelpEnded`,
  :class:`KioskPresence`, :class:`BoardUpdate`, and passes on screen updates (to the claiming
  desk only), guidance, fill asks and values and maintenance (to the kiosk only), and the
  customer's answer to a fill ask (to the claiming desk only). A refusal is :class:`LiveError`.
  Each change to the location's triage list (:mod:`shared.triage.schemas`) reaches its desks
  as one :class:`TriageChanged`, and each change to its bookings (booked, cancelled, moved,
  arrived, seen, missed) as one :class:`AppointmentsChanged`; a kiosk whose help went
  elsewhere (no one at its own desk) or cannot be answered (closed) is told by
  :class:`HelpNotice`.

Nothing here holds a customer's answer except :class:`ScreenUpdate`, whose
:class:`~shared.flow.screen_state.ScreenState` masks every sensitive one before it leaves the
kiosk, and :class:`FillValue`, which the greeter typed for the customer, with their consent.
A free-text tip is the greeter's words to the customer, never a customer's.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Final, Literal

from shared.errors import InvalidInput
from shared.fleet.schemas import KioskStatus
from shared.flow.kiosk_screen import KioskScreen
from shared.flow.screen_state import Accessibility, ScreenState
from shared.flow.steps import FieldKind
from shared.live.notices import HelpNoticeKind
from shared.schema import SchemaError, decode, encode, length, number, pattern, replace, schema
from shared.triage.schemas import TriageEntry

PROTOCOL_VERSION: Final = 1
# screen.update's own version: 2 carries the whole kiosk screen (see ScreenUpdate).
SCREEN_UPDATE_VERSION: Final = 2

# What a desk of this version reads that an earlier one refuses: it asks the hub for it with
# ``/live?reads=passes`` (a hub of an earlier version ignores the query), and only then does
# the hub send it: a pass marked on ``help.claimed`` (``passed_by``) and, in the welcome,
# that it marks them (``marks_passes``).
READS_PASSES: Final = "passes"

# A help request's id: made by the kiosk (``uuid4().hex``), so raising it again after a
# dropped connection is recognised as the same request.
HelpId = Annotated[str, *pattern(r"^[0-9a-f]{32}$")]
# Words a person reads; bounded so one message cannot flood a screen.
ShortText = Annotated[str, *length(1, 200)]
# A screen's name (welcome, services, journey, track…), as in a heartbeat: never its content.
ScreenName = Annotated[str, *length(max=60), *pattern(r"^[a-z0-9_:\-]*$")]


@schema
class LiveMessage:
    """What every message has: the protocol version (then its ``type``, first on the wire).

    A field added after desks and kiosks were in service is ``quiet`` (``shared.schema``):
    left off the wire while it holds its default, for a reader of an earlier version
    refuses a field it does not know, even ``null``. This version's readers ignore one."""

    v: Literal[1] = PROTOCOL_VERSION


# What the two ends agree on ---------------------------------------------------------------


class HelpOutcome(StrEnum):
    """How a greeter closed a help request (for the day's figures)."""

    RESOLVED_AT_KIOSK = "resolved_at_kiosk"
    MOVED_TO_ADVISOR = "moved_to_advisor"
    APPOINTMENT_NEEDED = "appointment_needed"
    SIGNPOSTED = "signposted"


class HelpEndReason(StrEnum):
    CLOSED = "closed"  # a greeter closed it with an outcome
    CANCELLED = "cancelled"  # the customer no longer wanted help
    STOPPED_SHARING = "stopped_sharing"  # the customer stopped sharing their screen
    SESSION_ENDED = "session_ended"  # the customer's session ended (wiped, restarted)
    TIMED_OUT = "timed_out"  # nobody answered in time (help_timeout_seconds)
    NO_SHOW = "no_show"  # the greeter went over and nobody was there
    TRANSFERRED = "transferred"  # moved to an advisor's queue (a triage walk-in now)


class KioskActivity(StrEnum):
    """What a kiosk is doing, for the greeters' board."""

    IDLE = "idle"  # the welcome screen: nobody using it
    IN_JOURNEY = "in_journey"
    OUT_OF_ORDER = "out_of_order"


class MaintenanceAction(StrEnum):
    """What staff may do to a kiosk from the board; each is audited."""

    OUT_OF_ORDER = "out_of_order"
    BACK_IN_SERVICE = "back_in_service"
    RESTART_SESSION = "restart_session"
    ALLOW_INSTALLER_EXIT = "allow_installer_exit"


@schema
class StaffRef:
    id: int
    # The name the customer is told ("Sam from the help desk…").
    name: str


@schema
class HelpContext:
    """What the greeter needs to know before walking over; no answers, no customer."""

    screen: ScreenName
    # The service in the staff's language (English), and where the customer is in it.
    service_code: Annotated[str, *length(max=60)] | None = None
    service_name: Annotated[str, *length(max=200)] | None = None
    step_id: Annotated[str, *length(max=60)] | None = None
    step_number: Annotated[int, *number(ge=0)] | None = None
    step_count: Annotated[int, *number(ge=0)] = 0
    # The ids of the validation messages the customer met on this step (not their values).
    errors: Annotated[tuple[Annotated[str, *length(max=80)], ...], *length(max=20)] = ()
    seconds_on_step: Annotated[float, *number(ge=0)] = 0
    language: Annotated[str, *length(2, 12)]
    accessibility: Accessibility = field(default_factory=Accessibility)


@schema
class HelpRequest:
    """An open help request as the desks see it."""

    id: HelpId
    device_id: int
    kiosk_name: str
    location_code: str
    raised_at: datetime
    context: HelpContext
    claimed_by: StaffRef | None = None
    claimed_at: datetime | None = None
    # Served by another location's desks (the central shop's): no desk was connected at
    # the kiosk's own location. ``remote_from`` names the kiosk's location for them.
    remote: bool = False
    remote_from: str | None = None


@schema
class KioskLive:
    """One kiosk on the board: its fleet health and what it is doing now."""

    status: KioskStatus
    connected: bool
    activity: KioskActivity | None = None


# Kiosk → hub ------------------------------------------------------------------------------


@schema
class HelpRaise(LiveMessage):
    type: Literal["help.raise"] = "help.raise"
    help_id: HelpId
    context: HelpContext


@schema
class KioskHello(LiveMessage):
    """Sent first on every connection: what the kiosk is doing, and its open help if any."""

    type: Literal["kiosk.hello"] = "kiosk.hello"
    activity: KioskActivity
    open_help: HelpRaise | None = None


@schema
class HelpCancel(LiveMessage):
    """The customer ended help: cancelled while waiting, stopped sharing, or left."""

    type: Literal["help.cancel"] = "help.cancel"
    help_id: HelpId
    reason: HelpEndReason = HelpEndReason.CANCELLED


@schema
class ScreenUpdate(LiveMessage):
    """The kiosk's screen, sent while a greeter is helping: a full state every time (it is
    small), numbered so a reader never draws an older one over a newer one.

    Version 2 adds ``kiosk``, the whole screen around the journey (every page, the bar, the
    banner, the overlays, the scroll position); the journey's own state stays in ``state``,
    as in version 1. A version 1 update (no ``kiosk``) is still read: the desk then draws
    the journey alone."""

    v: Literal[1, 2] = SCREEN_UPDATE_VERSION  # type: ignore[assignment]
    type: Literal["screen.update"] = "screen.update"
    help_id: HelpId
    sequence: Annotated[int, *number(ge=0)]
    screen: ScreenName
    # ``None`` on screens that are not part of a service (welcome, services list, track).
    state: ScreenState | None = None
    # Everything else the customer sees (version 2).
    kiosk: KioskScreen | None = None

    def __post_init__(self) -> None:
        if self.v == 1 and self.kiosk is not None:
            raise ValueError("a version 1 screen update has no kiosk screen")


@schema
class KioskActivityChange(LiveMessage):
    type: Literal["kiosk.activity"] = "kiosk.activity"
    activity: KioskActivity


@schema
class FillConsent(LiveMessage):
    """The customer's answer to a :class:`FillAsk`: ``allowed`` lets the claiming greeter
    type into the kiosk's fields until the help ends (released, closed, cancelled or the
    session wiped); ``False`` (No thanks) refuses. The hub audits it and passes it to the
    claiming desk only."""

    type: Literal["fill.consent"] = "fill.consent"
    help_id: HelpId
    allowed: bool


# Desk → hub -------------------------------------------------------------------------------


@schema
class HelpClaim(LiveMessage):
    type: Literal["help.claim"] = "help.claim"
    help_id: HelpId


@schema
class HelpRelease(LiveMessage):
    """Give a claimed request back to the queue (another greeter can take it)."""

    type: Literal["help.release"] = "help.release"
    help_id: HelpId


@schema
class HelpClose(LiveMessage):
    type: Literal["help.close"] = "help.close"
    help_id: HelpId
    outcome: HelpOutcome


@schema
class GuideHighlight(LiveMessage):
    """Point at a field on the customer's screen, by its id; ``None`` takes the mark away."""

    type: Literal["guide.highlight"] = "guide.highlight"
    help_id: HelpId
    field: Annotated[str, *length(max=80)] | None = None


@schema
class GuideTip(LiveMessage):
    """A short tip for the customer: a ready-made one by id (shown in the customer's
    language by the kiosk), or the greeter's own words."""

    type: Literal["guide.tip"] = "guide.tip"
    help_id: HelpId
    tip_id: Annotated[str, *length(max=60), *pattern(r"^[a-z0-9_.]+$")] | None = None
    text: ShortText | None = None


@schema
class GuideComing(LiveMessage):
    """ "I'm coming over": the customer is told someone is walking to them."""

    type: Literal["guide.coming"] = "guide.coming"
    help_id: HelpId


@schema
class FillAsk(LiveMessage):
    """Ask the customer whether the greeter may type for them: the kiosk marks ``field``
    and asks "<name> at the desk would like to type this for you — Allow / No thanks"."""

    type: Literal["fill.ask"] = "fill.ask"
    help_id: HelpId
    field: Annotated[str, *length(1, 80)]


# The fields a greeter may type into for the customer: those typed as words.
FILLABLE_KINDS: Final = frozenset(
    {
        FieldKind.STRING,
        FieldKind.TEXT,
        FieldKind.NAME,
        FieldKind.EMAIL,
        FieldKind.PHONE,
        FieldKind.POSTCODE,
        FieldKind.ADDRESS,
    }
)


@schema
class FillValue(LiveMessage):
    """What the greeter typed for ``field``, to be put in it on the kiosk, where the
    customer sees it appear (marked). Only after the customer allowed it
    (:class:`FillConsent`): the hub refuses it otherwise, and so does the kiosk. Audited as
    who and which field, never the value; never logged."""

    type: Literal["fill.value"] = "fill.value"
    help_id: HelpId
    field: Annotated[str, *length(1, 80)]
    value: Annotated[str, *length(max=4000)]


@schema
class KioskMaintenance(LiveMessage):
    type: Literal["kiosk.maintenance"] = "kiosk.maintenance"
    device_id: int
    action: MaintenanceAction


@schema
class BoardRefresh(LiveMessage):
    """Ask for the board again (kiosk health moves with heartbeats, not with messages)."""

    type: Literal["board.refresh"] = "board.refresh"


# Hub → desk and kiosk ---------------------------------------------------------------------


@schema(quiet=("marks_passes",))
class DeskWelcome(LiveMessage):
    """The whole picture on joining (and re-joining): every open request, every kiosk."""

    type: Literal["desk.welcome"] = "desk.welcome"
    location_code: str
    location_name: str
    staff: StaffRef
    help: tuple[HelpRequest, ...]
    kiosks: tuple[KioskLive, ...]
    server_time: datetime
    # The location's open triage list, in calling order (help requests included).
    triage: tuple[TriageEntry, ...] = ()
    # This hub marks a pass on ``help.claimed`` (``passed_by``); told only to a desk that
    # reads it (``READS_PASSES``). Without it (an earlier hub) the desk infers a pass.
    marks_passes: bool = False


@schema
class KioskWelcome(LiveMessage):
    """The kiosk's own help request as the hub knows it (after the kiosk re-raised it)."""

    type: Literal["kiosk.welcome"] = "kiosk.welcome"
    help: HelpRequest | None = None
    # Staff put this kiosk out of order (it stays so across restarts until put back).
    out_of_order: bool = False


@schema
class HelpRaised(LiveMessage):
    """A new request: every desk at the location alerts, once per request id."""

    type: Literal["help.raised"] = "help.raised"
    request: HelpRequest


@schema(quiet=("passed_by",))
class HelpClaimed(LiveMessage):
    type: Literal["help.claimed"] = "help.claimed"
    help_id: HelpId
    staff: StaffRef
    claimed_at: datetime
    # The greeter who passed the help they were giving to ``staff`` (Pass on… from the
    # mirror); ``None`` for a claim of a waiting request. Sent only to a desk that reads it
    # (``READS_PASSES``): a kiosk, and a desk of an earlier version, get the claim without.
    passed_by: StaffRef | None = None


@schema
class HelpReleased(LiveMessage):
    type: Literal["help.released"] = "help.released"
    help_id: HelpId


@schema
class HelpEnded(LiveMessage):
    type: Literal["help.ended"] = "help.ended"
    help_id: HelpId
    reason: HelpEndReason
    outcome: HelpOutcome | None = None


@schema
class KioskPresence(LiveMessage):
    """A kiosk joined, left, or changed what it is doing."""

    type: Literal["kiosk.presence"] = "kiosk.presence"
    device_id: int
    connected: bool
    activity: KioskActivity | None = None


@schema
class BoardUpdate(LiveMessage):
    type: Literal["board.update"] = "board.update"
    kiosks: tuple[KioskLive, ...]
    server_time: datetime


@schema
class TriageChanged(LiveMessage):
    """One entry of the location's triage list was added or changed. An entry whose
    ``state`` is no longer open (closed, no show, ended) leaves the list. Desks keep their
    own order with :func:`shared.triage.order.calling_order`."""

    type: Literal["triage.changed"] = "triage.changed"
    entry: TriageEntry
    server_time: datetime


class AppointmentChange(StrEnum):
    """What happened to a booking, for :class:`AppointmentsChanged`."""

    BOOKED = "booked"
    CANCELLED = "cancelled"
    REBOOKED = "rebooked"
    ARRIVED = "arrived"
    # Its customer was seen: the triage list's entry closed with an outcome.
    SEEN = "seen"
    NO_SHOW = "no_show"


@schema
class AppointmentsChanged(LiveMessage):
    """A booking at the location changed: which one, how, and the local day(s) whose list it
    changes (``previous_day`` too when a move changed its day). Nobody's name or contact:
    a desk showing that day's appointments reads them again."""

    type: Literal["appointments.changed"] = "appointments.changed"
    location_code: str
    reference: Annotated[str, *length(max=8)]
    change: AppointmentChange
    day: date
    previous_day: date | None = None
    server_time: datetime


@schema
class HelpNotice(LiveMessage):
    """To a kiosk: where its help request went. ``text`` is the plain English sentence; the
    kiosk shows its own translation of ``kind`` with ``place_name`` filled in."""

    type: Literal["help.notice"] = "help.notice"
    help_id: HelpId
    kind: HelpNoticeKind
    # The central shop's name (remote), or the kiosk's own location (closed).
    place_name: str
    text: str


@schema
class MaintenanceCommand(LiveMessage):
    """To a kiosk: staff at its location asked for this (the hub has checked and audited)."""

    type: Literal["kiosk.command"] = "kiosk.command"
    action: MaintenanceAction
    staff: StaffRef


@schema
class LiveError(LiveMessage):
    """A refusal, with a stable code and a sentence for the person in front of the app."""

    type: Literal["error"] = "error"
    code: str
    message: str
    help_id: str | None = None


KIOSK_MESSAGES: Final = (
    KioskHello,
    HelpRaise,
    HelpCancel,
    ScreenUpdate,
    KioskActivityChange,
    FillConsent,
)
DESK_MESSAGES: Final = (
    HelpClaim,
    HelpRelease,
    HelpClose,
    GuideHighlight,
    GuideTip,
    GuideComing,
    FillAsk,
    FillValue,
    KioskMaintenance,
    BoardRefresh,
)
HUB_MESSAGES: Final = (
    DeskWelcome,
    KioskWelcome,
    HelpRaised,
    HelpClaimed,
    HelpReleased,
    HelpEnded,
    KioskPresence,
    BoardUpdate,
    ScreenUpdate,
    GuideHighlight,
    GuideTip,
    GuideComing,
    FillAsk,
    FillValue,
    FillConsent,
    MaintenanceCommand,
    TriageChanged,
    AppointmentsChanged,
    HelpNotice,
    LiveError,
)

Sender = Literal["kiosk", "desk", "hub"]

# Each sender's messages by their ``type``: what one may send is all another reads.
_BY_TYPE: Final[dict[str, dict[str, type[LiveMessage]]]] = {
    sender: {kind.__dataclass_fields__["type"].default: kind for kind in kinds}
    for sender, kinds in (("kiosk", KIOSK_MESSAGES), ("desk", DESK_MESSAGES), ("hub", HUB_MESSAGES))
}


@schema(extra="ignore")
class _Envelope:
    """A message's ``type`` alone, read first to know which message to read it as."""

    type: str


def read_message(raw: str | bytes, sender: Sender) -> LiveMessage:
    """One message from ``sender``, checked; ``InvalidInput`` with a plain message if it is
    not one (unknown type or version, a missing or malformed field). A field this version
    does not know is ignored: a later version's additions."""
    try:
        kind = _BY_TYPE[sender].get(decode(_Envelope, raw).type)
        if kind is not None:
            return decode(kind, raw)
        problem = "a type this version does not know - at `$.type`"
    except SchemaError as error:
        problem = str(error)
    raise InvalidInput(f"That live message was not understood ({problem}).")


def write_message(message: LiveMessage) -> str:
    """The message's JSON, without a later field at its default (``quiet``): a plain claim
    or welcome reads the same to every version."""
    return encode(message).decode()


def without_passes(text: str) -> str:
    """A hub message as a desk that does not read passes gets it (``READS_PASSES``): a pass
    as the plain claim it also is. Any other message as it is."""
    if not text.startswith('{"v":1,"type":"help.claimed"') or '"passed_by":' not in text:
        return text
    return write_message(replace(decode(HelpClaimed, text), passed_by=None))
