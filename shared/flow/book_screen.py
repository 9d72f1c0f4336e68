"""BookScreen: the kiosk's Book an appointment pages, worded, as one serialisable state;
and the same pages for Change or cancel my appointment (``kiosk/manage.py``), which finds a
booking, shows it, and cancels it or moves it with the booking's own time picker.

The kiosk's booking presenter (``kiosk/book.py``) builds one for every change and the page
(:class:`shared.ui.pages.book.BookView`) draws it; the staff desk's mirror draws the same
state with the same widgets, read-only. It rides in a
:class:`~shared.flow.kiosk_screen.KioskScreen` (``book``) beside the rest of the screen.

The customer's name, mobile number and email address (and, changing a booking, the phone
number or email that proves it is theirs, and the reference as typed) never travel in it: a
field says only whether something is typed (``given``), and a row of "Check your booking"
holds no ``value`` for them, so the mirror shows :data:`~shared.flow.screen_state.MASK`
as it does for a journey's sensitive answers. That is the schema's rule, not the sender's care: a
kiosk cannot put them in. The day and time, the service and the reference are not secret.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from shared.schema import length, schema

# The details page's boxes (also what the on-screen keyboard names as the box it types in).
NAME = "book_name"
PHONE = "book_phone"
EMAIL = "book_email"
# Change or cancel my appointment: the reference, and the phone or email booked with.
REFERENCE = "change_reference"
CONTACT = "change_contact"
# The most times one day shows (a day of 5-minute slots has more than fit a page).
MAX_TIMES = 200

Words = Annotated[str, *length(max=2000)]
Key = Annotated[str, *length(max=80)]


class BookStage(StrEnum):
    """Where the customer is: choosing a time, giving their details, checking, booked."""

    PICK = "pick"
    DETAILS = "details"
    CHECK = "check"
    BOOKED = "booked"
    # Change or cancel my appointment: find it, see it and choose, "Cancel it?", the new
    # time's check (after PICK), and the end of each.
    FIND = "find"
    FOUND = "found"
    CANCEL = "cancel"
    MOVE = "move"
    CANCELLED = "cancelled"
    MOVED = "moved"


# The stages that end with the reference large in the green panel, and Done.
FINISHED = frozenset({BookStage.BOOKED, BookStage.CANCELLED, BookStage.MOVED})
# The stages with boxes to type in, and with rows to read.
TYPING = frozenset({BookStage.DETAILS, BookStage.FIND})
READING = frozenset({BookStage.CHECK, BookStage.FOUND, BookStage.CANCEL, BookStage.MOVE})


@schema
class SlotChoice:
    """A day or a time to touch: its key (an ISO date, or the slot's start) and words."""

    key: Key
    words: Words
    chosen: bool = False


@schema
class BookField:
    """A box on the details page: its label, whether anything is typed (never what), and
    what is wrong with it."""

    id: Key
    label: Words
    given: bool = False
    error: Words | None = None


@schema
class BookRow:
    """A row of "Check your booking". ``value`` is None for the customer's own details
    (shown masked, or "Not answered" when not ``given``)."""

    label: Words
    value: Words | None = None
    given: bool = True
    # What a detail not given shows ("Not answered", in the customer's language).
    not_given: Words = ""
    # The Change link's words and where it goes (a stage), or none.
    change: Words | None = None
    change_to: BookStage | None = None


@schema
class Booked:
    """The confirmation: the reference large, when and where, the QR code's link (the
    public page without its secret token) and whether a message is on its way. Also the
    end of a change: cancelled, or moved (with no QR code: the kiosk has no page link)."""

    title: Words
    reference_label: Words
    reference: Annotated[str, *length(max=20)]
    when: Words
    qr_url: Annotated[str, *length(max=500)] = ""
    qr_caption: Words = ""
    next: Words


# ``actions`` is changing a booking's (its large choices): not sent on a booking's pages.
@schema(quiet=("actions",))
class BookScreen:
    stage: BookStage
    title: Words
    # The service being booked, in the customer's language.
    service: Words
    body: Words | None = None
    # Something the customer must know (the time just went; no network). The ways on are
    # the bar's own Start again and Help me, on every screen: not drawn twice.
    message: Words | None = None
    # Waiting for the backend (its main button is not to be pressed again meanwhile).
    waiting: bool = False
    # Choosing a time: "Looking for free times…", the days with free times, then the
    # chosen day's times.
    busy: Words | None = None
    days: Annotated[tuple[SlotChoice, ...], *length(max=60)] = ()
    times_title: Words | None = None
    times: Annotated[tuple[SlotChoice, ...], *length(max=MAX_TIMES)] = ()
    # The details page's boxes, and Check your booking's rows.
    fields: Annotated[tuple[BookField, ...], *length(max=5)] = ()
    rows: Annotated[tuple[BookRow, ...], *length(max=10)] = ()
    booked: Booked | None = None
    # Large choices under the rows (a found booking's "Change the time", "Cancel it"):
    # each a key the kiosk knows and its words.
    actions: Annotated[tuple[SlotChoice, ...], *length(max=4)] = ()
    # The footer's buttons (none where there is no such button).
    back: Words | None = None
    primary: Words | None = None
