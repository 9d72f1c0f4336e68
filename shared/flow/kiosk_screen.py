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

from pydantic import Field, field_validator

from shared.flow.book_screen import BookScreen
from shared.flow.kiosk_pages import KioskPage
from shared.flow.screen_part import ScreenPart
from shared.flow.screen_state import MASK, Accessibility

KIOSK_SCREEN_VERSION: Final = 1

# Words drawn on the screen: bounded, so one message cannot flood a desk.
Words = Annotated[str, Field(max_length=2000)]
Name = Annotated[str, Field(max_length=120)]


class _State(ScreenPart):
    """A part of the screen (frozen, strict; later fields off the wire at their default)."""


class LanguageChoice(_State):
    code: Name
    # The language's name in itself ("Polski").
    name: Name
    chosen: bool = False


class WelcomeScreen(_State):
    LATER_FIELDS = frozenset({"manage"})

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
    languages: tuple[LanguageChoice, ...] = Field(default=(), max_length=60)


class TileKind(StrEnum):
    SERVICE = "service"
    GROUP = "group"


class Tile(_State):
    kind: TileKind = TileKind.SERVICE
    # A service's code, or a group's key.
    id: Name
    name: Words
    description: Words = ""


class ServicesScreen(_State):
    title: Words
    # The group being shown (its name), or None for the list of groups.
    group: Words | None = None
    # "All services" or the like: the way back to the groups, when in a group.
    back: Words | None = None
    tiles: tuple[Tile, ...] = Field(default=(), max_length=200)


class TrackResult(_State):
    heading: Words
    status: Words
    due: Words | None = None
    history_title: Words
    events: tuple[Words, ...] = Field(default=(), max_length=100)


class TrackScreen(_State):
    title: Words
    hint: Words
    # The reference as typed so far (a case reference, not a secret).
    reference: Annotated[str, Field(max_length=40)] = ""
    reference_invalid: bool = False
    check: Words
    message: Words | None = None
    message_role: Literal["error", "hint"] = "error"
    result: TrackResult | None = None


class EntryResult(_State):
    """The answer, in place of the question: shown large, with lines under it."""

    headline: Words
    lines: tuple[Words, ...] = Field(default=(), max_length=10)


class EntryScreen(_State):
    """A page that asks for one thing typed in a box (Speak to someone, I have an
    appointment): its words, what is typed, a problem said, and the answer when it came."""

    title: Words
    # The box's label, and the hint and the words under it.
    label: Words
    hint: Words
    body: Words | None = None
    typed: Annotated[str, Field(max_length=40)] = ""
    # The button beside the box; ``busy`` while the kiosk waits for the backend.
    action: Words
    busy: bool = False
    message: Words | None = None
    result: EntryResult | None = None
    done: Words


class SpeakScreen(EntryScreen):
    """Speak to someone. The mobile number typed is the customer's: only the mask of it
    ever leaves the kiosk, and a state carrying anything else is refused wherever it is
    read (the hub too)."""

    @field_validator("typed")
    @classmethod
    def _masked(cls, typed: str) -> str:
        if typed not in ("", MASK):
            raise ValueError("a phone number is shared masked, or not at all")
        return typed


class ArriveScreen(EntryScreen):
    """I have an appointment. The reference as typed, like a case reference on the track
    page: not a secret (it opens nothing without the booking's phone number or email, or
    its link's token, which never reaches the box)."""


class ThanksScreen(_State):
    text: Words


class Toggle(_State):
    text: Words
    on: bool = False


class BarState(_State):
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


class BannerState(_State):
    """The help banner under the bar, and a tip in it."""

    helped: bool = False
    title: Words
    body: Words | None = None
    action: Words
    tip: Words | None = None
    tip_done: Words = ""


class IdleWarningState(_State):
    title: Words
    body: Words
    countdown: Words
    seconds_left: int = Field(ge=0)
    more_time: Words


class LanguagePickerState(_State):
    title: Words
    choices: tuple[LanguageChoice, ...] = Field(default=(), max_length=60)
    close: Words


class ConfirmState(_State):
    """A question the kiosk asks over the page ("Start again?"), with its two answers."""

    title: Words
    body: Words | None = None
    yes: Words
    no: Words


class KeyboardState(_State):
    """The on-screen keyboard, up: its board and page, and the words on its keys."""

    layout: Name
    language: Name
    page: Name
    shifted: bool = False
    caps: bool = False
    enter_mode: Name = "done"
    # Each key's label as shown, in the board's order.
    keys: tuple[Annotated[str, Field(max_length=60)], ...] = Field(default=(), max_length=120)
    # The field it types into: a journey field's id, or the page's box ("referenceInput").
    field: Name | None = None


class AddressLookupState(_State):
    """The addresses found for a postcode, under it on a journey's page, as the customer
    sees them: the words over them, one line per address to tap, and the way to type it
    instead. None found (or the look-up failed): ``heading`` says so and there are no
    ``choices``. Addresses come from the gazetteer, not from the customer."""

    heading: Words
    found: bool = True
    choices: tuple[Words, ...] = Field(default=(), max_length=200)
    manual: Words | None = None


class KioskDisplay(_State):
    """The kiosk's window, so the mirror lays the screen out as the kiosk did."""

    width: int = Field(gt=0, le=10_000)
    height: int = Field(gt=0, le=10_000)
    dpi: float = Field(default=96.0, gt=0, le=1000)
    viewing_distance_mm: float = Field(default=600.0, gt=0, le=5000)


class KioskScreen(_State):
    # Off the wire but on its own page: a desk of an earlier version mirrors every other.
    LATER_FIELDS = frozenset({"manage"})

    v: Literal[1] = KIOSK_SCREEN_VERSION
    page: KioskPage
    language: Name
    direction: Literal["ltr", "rtl"] = "ltr"
    accessibility: Accessibility = Accessibility()
    display: KioskDisplay
    # The public tracking page the confirmation's QR code points at (not a secret).
    tracking_url: Annotated[str, Field(max_length=500)] = ""
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
    scroll: float = Field(default=0.0, ge=0.0, le=1.0)
