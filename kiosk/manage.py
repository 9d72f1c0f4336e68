"""Change or cancel an appointment, from the kiosk's side: the welcome screen's button
under I have an appointment opens it.

The customer types the reference on their confirmation and the mobile number or email
address they booked with (what the backend asks of anyone who is not staff, docs/appointments.md
"Cancel, rebook, arrive"), and sees the booking plainly: what, when, where. Then **Cancel
it** (asked once more: "Cancel this appointment?") or **Change the time**, which is the
booking's own time picker (:class:`kiosk.book.Booking`, whose pages and logic this reuses)
at the appointment's location, then a check of the new time. Either ends with the reference
large and what happened, and Done (the privacy wipe).

Every refusal is said in the customer's words, never the backend's English: not found (a
wrong reference and a wrong phone or email alike), already cancelled, too late to change
(taken place, checked in, or its time has come), and the network down. What was typed stays
in its boxes. A change needs a live answer, so nothing is queued in the outbox. The phone or
email is held here only until the change is made or the customer leaves, never logged, and
the page's state for the desk's mirror says only whether each box is typed in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.book import SLOT_DAYS, Booking, _trouble, _when
from shared.appointments import references
from shared.errors import FirstStopError, InvalidReference
from shared.flow.book_screen import (
    CONTACT,
    FINISHED,
    REFERENCE,
    Booked,
    BookField,
    BookRow,
    BookScreen,
    BookStage,
    SlotChoice,
)
from shared.flow.texts import Problem, service_name, ui_text
from shared.schema import SchemaError, convert, replace
from shared.ui.background import Background
from shared.ui.pages.book import BookView

if TYPE_CHECKING:
    from shared.appointments.schemas import PublicAppointment
    from shared.catalogue.schemas import Service

# The found booking's two choices (their keys on the page).
MOVE = "move"
CANCEL = "cancel"
_LABELS = {REFERENCE: "manage.reference", CONTACT: "manage.contact"}
# Where Back goes from each page (from finding it: out, to the welcome screen).
_BACK = {
    BookStage.FOUND: BookStage.FIND,
    BookStage.CANCEL: BookStage.FOUND,
    BookStage.PICK: BookStage.FOUND,
    BookStage.MOVE: BookStage.PICK,
}


class ChangeBooking(Booking):
    def __init__(self, view: BookView, background: Background, say: Callable[[str], None]) -> None:
        super().__init__(view, background, say)
        view.action_chosen.connect(self._on_action_chosen)

    def _forget(self) -> None:
        super()._forget()
        self._stage = BookStage.FIND
        self._answers = {REFERENCE: "", CONTACT: ""}
        self._found: PublicAppointment | None = None
        # The phone or email that found it, for the change itself; gone once it is made.
        self._contact = ""
        self._open = False
        self._services: Callable[[str], Service | None] = lambda _code: None

    # The kiosk's side ---------------------------------------------------------------------

    def open(self, language: str, services: Callable[[str], Service | None]) -> None:
        """The welcome screen's button: the page to find the booking. ``services`` names a
        service by its code in the kiosk's catalogue (for its name in the language)."""
        self.reset()
        self._open = True
        self._services = services
        self._chosen_language = language
        self._render()
        self._say(self._view.spoken_text())

    @property
    def active(self) -> bool:
        return self._open

    @property
    def has_answers(self) -> bool:
        return (
            self._open
            and self._stage not in FINISHED
            and any(self._view.typed(box) for box in (REFERENCE, CONTACT))
        )

    # Finding it ---------------------------------------------------------------------------

    def _on_primary_requested(self) -> None:
        if self._busy:
            return
        if self._stage is BookStage.FIND:
            self._find()
        elif self._stage is BookStage.CANCEL:
            self._change(CANCEL)
        elif self._stage is BookStage.MOVE:
            self._change(MOVE)

    def _find(self) -> None:
        from shared.appointments.schemas import AppointmentCheck

        typed, contact = self._view.typed(REFERENCE), self._view.typed(CONTACT)
        self._problems = {}
        try:
            reference = references.parse(typed)
        except InvalidReference as exc:
            empty = exc.details.get("problem") == "empty"
            self._problems[REFERENCE] = Problem(
                "arrive.empty" if empty else "arrive.invalid", REFERENCE
            )
        if not contact:
            self._problems[CONTACT] = Problem("manage.contact.required", CONTACT)
        try:
            # Read, not built, so its limit is held to (a built schema checks nothing).
            check = convert(AppointmentCheck, {"contact": contact})
        except SchemaError:
            # Longer than any phone number or address: no booking was made with it.
            self._problems[CONTACT] = Problem("manage.not_found", CONTACT)
        if self._problems:
            self._message = None
            self._render()
            self._say(" ".join(p.words(self._chosen_language) for p in self._problems.values()))
            return
        self._message = None
        code = reference.compact
        self._ask(
            lambda client: client.find_appointment(code, check), self.show_found, self._refused
        )

    def show_found(self, answer: object) -> None:
        """The booking (a ``PublicAppointment``), plainly, with its two choices."""
        from shared.appointments.schemas import PublicAppointment

        self._busy = False
        if not isinstance(answer, PublicAppointment):
            return
        self._found = answer
        self._contact = self._view.typed(CONTACT)
        self._service = self._services(answer.service_code)
        self._go(BookStage.FOUND)

    def _on_action_chosen(self, key: str) -> None:
        if self._busy or self._found is None:
            return
        if key == CANCEL:
            self._go(BookStage.CANCEL)
        elif key == MOVE:
            self._stage, self._slot, self._slots, self._message = BookStage.PICK, None, [], None
            self._fetch_slots()
            self._say(self._view.spoken_text())

    def _on_back_requested(self) -> None:
        if self._busy and self._stage is not BookStage.PICK:
            return
        if self._stage is BookStage.FIND:
            self.left.emit()
            return
        back = _BACK.get(self._stage)
        if back is not None:
            self._asked += 1  # an answer still on its way is for a page left
            self._busy = False
            self._go(back)

    # Moving it: the booking's own picker, at the appointment's location -------------------

    def _fetch_slots(self) -> None:
        found = self._found
        if found is None:
            return
        location, code = found.location_code, found.service_code
        self._ask(
            lambda client: client.appointment_slots(location, code, days=SLOT_DAYS),
            self.show_slots,
            self._slots_refused,
        )

    def show_slots(self, answer: object) -> None:
        """The free times, but the booking's own (moving to it would change nothing)."""
        from shared.appointments.schemas import SlotList

        found = self._found
        if isinstance(answer, SlotList) and found is not None:
            answer = replace(
                answer, slots=[s for s in answer.slots if s.starts_at != found.starts_at]
            )
        super().show_slots(answer)

    def _slots_refused(self, error: FirstStopError) -> str:
        if error.code == "not_found":
            return self.show_message("book.none")
        return self.show_message(_words_for(error))

    def _on_time_chosen(self, key: str) -> None:
        chosen = datetime.fromisoformat(key)
        self._slot = next((slot for slot in self._slots if slot.starts_at == chosen), None)
        if self._slot is not None:
            self._message = None
            self._go(BookStage.MOVE)

    # Cancelling or moving -------------------------------------------------------------------

    def _change(self, what: str) -> None:
        from shared.appointments.schemas import AppointmentCancel, AppointmentRebook

        found, slot, contact = self._found, self._slot, self._contact
        if found is None:
            return
        reference = found.reference
        self._message = None
        if what == CANCEL:
            cancel = AppointmentCancel(contact=contact)
            self._ask(
                lambda client: client.cancel_appointment(reference, cancel),
                self.show_changed,
                self._refused,
            )
        elif slot is not None:
            rebook = AppointmentRebook(contact=contact, starts_at=slot.starts_at)
            self._ask(
                lambda client: client.rebook_appointment(reference, rebook),
                self.show_changed,
                self._refused,
            )

    def show_changed(self, answer: object) -> None:
        """Cancelled or moved (a ``PublicAppointment``): the reference large, and what
        happened. The phone or email goes from the screen and from here now."""
        from shared.appointments.schemas import AppointmentStatus, PublicAppointment

        self._busy = False
        if not isinstance(answer, PublicAppointment):
            return
        self._found = answer
        self._contact = ""
        self._view.clear()
        self._answers = {REFERENCE: "", CONTACT: ""}
        cancelled = answer.status is AppointmentStatus.CANCELLED
        self._go(BookStage.CANCELLED if cancelled else BookStage.MOVED)

    def _refused(self, error: FirstStopError) -> str:
        if error.code in ("slot_taken", "invalid_input") and self._stage is BookStage.MOVE:
            # The time went to someone else first (or is no longer one): the times as they
            # are now, the booking as it was.
            self._stage, self._slot, self._slots = BookStage.PICK, None, []
            taken = self.show_message("book.taken")
            self._fetch_slots()
            return taken
        return self.show_message(_words_for(error))

    # Wording the page ----------------------------------------------------------------------

    def _render(self) -> None:
        if not self._open:
            return
        self._view.show_screen(self.change_screen(), typed=self._answers)
        self.changed.emit()

    def change_screen(self) -> BookScreen:
        """The page as the customer sees it now, in their language; none of their details
        (the reference and the contact only as typed or not)."""
        language, stage, found = self._chosen_language, self._stage, self._found

        def words(message_id: str, **params: str) -> str:
            return ui_text(message_id, language, **params)

        parts: dict[str, object] = {
            "stage": stage,
            "service": self._service_words() if found is not None else words("manage.button"),
            "message": words(self._message) if self._message is not None else None,
            "waiting": self._busy,
            "back": words("screen.back") if stage not in FINISHED else None,
        }
        if stage is BookStage.FIND:
            parts |= {
                "service": words("manage.button"),
                "title": words("manage.find.title"),
                "body": words("manage.find.body"),
                "fields": tuple(
                    BookField(
                        id=box,
                        label=words(_LABELS[box]),
                        given=bool(self._answers.get(box)),
                        error=(
                            self._problems[box].words(language) if box in self._problems else None
                        ),
                    )
                    for box in (REFERENCE, CONTACT)
                ),
                "primary": words("manage.find"),
            }
        elif stage is BookStage.FOUND:
            parts |= {
                "title": words("manage.found.title"),
                "rows": self._rows(),
                "actions": (
                    SlotChoice(key=MOVE, words=words("manage.move")),
                    SlotChoice(key=CANCEL, words=words("manage.cancel")),
                ),
            }
        elif stage is BookStage.CANCEL:
            parts |= {
                "title": words("manage.cancel.title"),
                "body": words("manage.cancel.body"),
                "rows": self._rows(),
                "back": words("manage.cancel.no"),
                "primary": words("manage.cancel.yes"),
            }
        elif stage is BookStage.PICK:
            parts |= self._pick_parts()
        elif stage is BookStage.MOVE:
            parts |= {
                "title": words("manage.move.title"),
                "rows": self._rows(moving=True),
                "primary": words("manage.move.yes"),
            }
        else:
            parts |= {"title": words(f"manage.{stage.value}.title"), "booked": self._ended()}
            parts["primary"] = words("speak.done")
        return convert(BookScreen, parts)

    def _service_words(self) -> str:
        service, found = self._service, self._found
        if service is not None:
            return service_name(service, self._chosen_language)
        return found.service_name if found is not None else ""

    def _rows(self, *, moving: bool = False) -> tuple[BookRow, ...]:
        """What, when (and the new time, moving) and where. Not the reference: it was just
        typed, and a shorter page keeps the choices under it on the screen."""
        found, language = self._found, self._chosen_language
        if found is None:
            return ()
        when = _when(found.day, found.time, language)
        place = ", ".join(part for part in (found.location_name, found.location_address) if part)
        rows = [
            BookRow(label=ui_text("book.row.service", language), value=self._service_words()),
            BookRow(
                label=ui_text("manage.row.now" if moving else "book.row.when", language),
                value=when,
            ),
        ]
        slot = self._slot
        if moving and slot is not None:
            rows.append(
                BookRow(
                    label=ui_text("manage.row.new", language),
                    value=_when(slot.day, slot.time, language),
                    change=ui_text("screen.change", language),
                    change_to=BookStage.PICK,
                )
            )
        rows.append(BookRow(label=ui_text("manage.row.where", language), value=place))
        return tuple(rows)

    def _ended(self) -> Booked | None:
        found, language, stage = self._found, self._chosen_language, self._stage
        if found is None:
            return None
        when = _when(found.day, found.time, language)
        return Booked(
            title=ui_text(f"manage.{stage.value}.title", language),
            reference_label=ui_text("manage.row.reference", language),
            reference=found.reference_display,
            when=ui_text("book.done.when", language, when=when, place=found.location_name),
            next=ui_text(f"manage.{stage.value}.next", language),
        )


def _words_for(error: FirstStopError) -> str:
    """The message for a refusal: the backend's reasons, told apart by code and details."""
    if error.code == "not_found":
        return "manage.not_found"
    if error.code == "conflict":
        cancelled = error.details.get("status") == "cancelled"
        return "manage.already_cancelled" if cancelled else "manage.too_late"
    return "manage.unavailable" if _trouble(error) == "book.unavailable" else "book.failed"
