"""KioskScreen: everything a customer sees on a kiosk, worded, as one serialisable state.

The journey's own screen is a :class:`~shared.flow.screen_state.ScreenState`; this is the
rest of the kiosk around it: which page is up, the words of the pages that are not a
journey (welcome, services, track a case, speak to someone, I have an appointment,
thanks), the bar, the help banner, the overlays open over the page (the idle warning with
its countdown, the language picker, a confirmation, the on-screen keyboard and the field
it types into), and how far the page is scrolled. The kiosk builds it from what its own
widgets show; the staff desk's mirror draws it with the same widgets, read-only, so the
greeter reads the customer's words, in the customer's language, word for word (on a
journey's page too: the addresses found for a postcode and a message about the whole
screen are here, not in the ScreenState).

A ``screen.update`` message carries a ``KioskScreen`` beside the journey's ``ScreenState``
(which stays where it was, so whatever masks or checks it keeps doing so). Nothing here
is an answer to a question. Outside a journey a customer types a case reference (track)
or an appointment's (I have an appointment), neither a secret, and a mobile number for a
text when called (Speak to someone), which is: :class:`SpeakScreen` carries only its mask.
Booking an appointment, they type their name, a mobile number and an email address, and
changing or cancelling one its reference and the phone or email booked with:
:class:`~shared.flow.book_screen.BookScreen` says only whether each is typed.

``v`` is the schema version; readers refuse versions they do not know.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Literal

from shared.flow.book_screen import BookScreen
from shared.flow.kiosk_pages import KioskPage
from shared.flow.screen_state import MASK, Accessibility, VersionOne
from shared.schema import length, number, schema

KIOSK_SCREEN_VERSION: Final = 1

# Words drawn on the screen: bounded, so one message cannot flood a desk.
Words = Annotated[str, *length(max=2000)]
Name = Annotated[str, *length(max=120)]


@schema
class LanguageChoice:
    code: Name
    # The language's name in itself ("Polski").
    name: Name
    chosen: bool = False


@schema(quiet=("manage",))
class WelcomeScreen:
    title: Words
    subtitle: Words
    start: Words
    track: Words
    # Speak to someone's button (none from a kiosk older than it).
    speak: Words | None = None
    arrive: Words | None = None
    # Change or cancel my appointment (none from a kiosk older than it).
    manage: Words | None = None
    languages_label: Words
    languages: Annotated[tuple[LanguageChoice, ...], *length(max=60)] = ()


class TileKind(StrEnum):
    SERVICE = "service"
    GROUP = "group"


@schema
class Tile:
    kind: TileKind = TileKind.SERVICE
    # A service's code, or a group's key.
    id: Name
    name: Words
    description: Words = ""


@schema
class ServicesScreen:
    title: Words
    # The group being shown (its name), or None for the list of groups.
    group: Words | None = None
    # "All services" or the like: the way back to the groups, when in a group.
    back: Words | None = None
    tiles: Annotated[tuple[Tile, ...], *length(max=200)] = ()


@schema
class TrackResult:
    heading: Words
    status: Words
    due: Words | None = None
    history_title: Words
    events: Annotated[tuple[Words, ...], *length(max=100)] = ()


@schema
class TrackScreen:
    title: Words
    hint: Words
    # The reference as typed so far (a case reference, not a secret).
    reference: Annotated[str, *length(max=40)] = ""
    reference_invalid: bool = False
    check: Words
    message: Words | None = None
    message_role: Literal["error", "hint"] = "error"
    result: TrackResult | None = None


@schema
class EntryResult:
    """The answer, in place of the question: shown large, with lines under it."""

    headline: Words
    lines: Annotated[tuple[Words, ...], *length(max=10)] = ()


@schema
class EntryScreen:
    """A page that asks for one thing typed in a box (Speak to someone, I have an
    appointment): its words, what is typed, a problem said, and the answer when it came."""

    title: Words
    # The box's label, and the hint and the words under it.
    label: Words
    hint: Words
    body: Words | None = None
    typed: Annotated[str, *length(max=40)] = ""
    # The button beside the box; ``busy`` while the kiosk waits for the backend.
    action: Words
    busy: bool = False
    message: Words | None = None
    result: EntryResult | None = None
    done: Words


@schema
class SpeakScreen(EntryScreen):
    """Speak to someone. The mobile number typed is the customer's: only the mask of it
    ever leaves the kiosk, and a state carrying anything else is refused wherever it is
    read (the hub too)."""

    def __post_init__(self) -> None:
        if self.typed not in ("", MASK):
            raise ValueError("a phone number is shared masked, or not at all")


@schema
class ArriveScreen(EntryScreen):
    """I have an appointment. The reference as typed, like a case reference on the track
    page: not a secret (it opens nothing without the booking's phone number or email, or
    its link's token, which never reaches the box)."""


@schema
class ThanksScreen:
    text: Words


@schema
class Toggle:
    text: Words
    on: bool = False


@schema
class BarState:
    # None when the button is not shown (on the welcome page).
    start_again: Words | None = None
    offline: Words | None = None
    language: Words
    large_text: Toggle
    high_contrast: Toggle
    speech: Toggle
    help: Words
    # True while typing on a short screen: the language and the options step aside.
    compact: bool = False


@schema
class BannerState:
    """The help banner under the bar, and a tip in it."""

    helped: bool = False
    title: Words
    body: Words | None = None
    action: Words
    tip: Words | None = None
    tip_done: Words = ""


@schema
class IdleWarningState:
    title: Words
    body: Words
    countdown: Words
    seconds_left: Annotated[int, *number(ge=0)]
    more_time: Words


@schema
class LanguagePickerState:
    title: Words
    choices: Annotated[tuple[LanguageChoice, ...], *length(max=60)] = ()
    close: Words


@schema
class ConfirmState:
    """A question the kiosk asks over the page ("Start again?"), with its two answers."""

    title: Words
    body: Words | None = None
    yes: Words
    no: Words


@schema
class KeyboardState:
    """The on-screen keyboard, up: its board and page, and the words on its keys."""

    layout: Name
    language: Name
    page: Name
    shifted: bool = False
    caps: bool = False
    enter_mode: Name = "done"
    # Each key's label as shown, in the board's order.
    keys: Annotated[tuple[Annotated[str, *length(max=60)], ...], *length(max=120)] = ()
    # The field it types into: a journey field's id, or the page's box ("referenceInput").
    field: Name | None = None


@schema
class AddressLookupState:
    """The addresses found for a postcode, under it on a journey's page, as the customer
    sees them: the words over them, one line per address to tap, and the way to type it
    instead. None found (or the look-up failed): ``heading`` says so and there are no
    ``choices``. Addresses come from the gazetteer, not from the customer."""

    heading: Words
    found: bool = True
    choices: Annotated[tuple[Words, ...], *length(max=200)] = ()
    manual: Words | None = None


@schema
class KioskDisplay:
    """The kiosk's window, so the mirror lays the screen out as the kiosk did."""

    width: Annotated[int, *number(gt=0, le=10_000)]
    height: Annotated[int, *number(gt=0, le=10_000)]
    dpi: Annotated[float, *number(gt=0, le=1000)] = 96.0
    viewing_distance_mm: Annotated[float, *number(gt=0, le=5000)] = 600.0


# ``manage`` is off the wire but on its own page: a desk of an earlier version mirrors
# every other.
@schema(quiet=("manage",))
class KioskScreen:
    v: VersionOne = KIOSK_SCREEN_VERSION
    page: KioskPage
    language: Name
    direction: Literal["ltr", "rtl"] = "ltr"
    accessibility: Accessibility = Accessibility()
    display: KioskDisplay
    # The public tracking page the confirmation's QR code points at (not a secret).
    tracking_url: Annotated[str, *length(max=500)] = ""
    # A greeter can see the screen (the kiosk draws a border all round).
    sharing: bool = False
    bar: BarState
    banner: BannerState | None = None
    # The page's own words (the journey's are the ScreenState beside this one).
    welcome: WelcomeScreen | None = None
    services: ServicesScreen | None = None
    track: TrackScreen | None = None
    thanks: ThanksScreen | None = None
    speak: SpeakScreen | None = None
    arrive: ArriveScreen | None = None
    book: BookScreen | None = None
    manage: BookScreen | None = None
    # On a journey's page, beside its ScreenState: the addresses found for its postcode,
    # and a problem about the whole screen no field can fix (a submission not stored).
    lookup: AddressLookupState | None = None
    message: Words | None = None
    # Over the page.
    idle_warning: IdleWarningState | None = None
    languages: LanguagePickerState | None = None
    confirm: ConfirmState | None = None
    keyboard: KeyboardState | None = None
    # How far down the page is scrolled: 0 at the top, 1 at the bottom.
    scroll: Annotated[float, *number(ge=0.0, le=1.0)] = 0.0
