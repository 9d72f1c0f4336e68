"""Book an appointment, from the kiosk's side: a tier-3 service's tile opens it.

The customer picks a day and a time from the free times the backend offers at this kiosk's
location, gives a name and, if they like, a mobile number and an email address for the
confirmation and the reminder, checks it all ("Check your booking", with Change links), and
books; the page then shows the ``AP-`` reference large with a QR code to the appointment's
public page. The details are checked here by the flow engine's own rules, so a mistyped
number or address is said before anything is sent, in the customer's language.

A booking needs a live answer, so nothing is queued in the outbox. A time taken by someone
else first (``SlotTaken``) brings the times back, fetched again, with a plain sentence;
nothing typed is lost. With the network down the page says so plainly; the ways on are the
bar's own Start again and Help me, on every screen. Every call runs off the UI thread
(:class:`kiosk.live_question.LiveQuestion`); what the customer typed stays in the page's
boxes and here until the visit ends, and is never logged. The page's state
(:class:`~shared.flow.book_screen.BookScreen`) is worded here for every change, and carries
no detail of the customer: the desk's mirror draws it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QTime, Signal

from kiosk.live_question import AskingPage, LiveQuestion
from shared.catalogue.schemas import Service
from shared.errors import FirstStopError, InvalidInput
from shared.flow import FieldKind
from shared.flow.book_screen import (
    EMAIL,
    MAX_TIMES,
    NAME,
    PHONE,
    Booked,
    BookField,
    BookRow,
    BookScreen,
    BookStage,
    SlotChoice,
)
from shared.flow.checks import check_field, is_mobile
from shared.flow.steps import FieldSpec
from shared.flow.texts import Problem, service_name, ui_text
from shared.schema import SchemaError, convert
from shared.ui.background import Background
from shared.ui.locale import customer_locale
from shared.ui.pages.book import BookView

if TYPE_CHECKING:
    # The appointments' wire schemas load with the first booking, not at start-up.
    from shared.appointments.schemas import AppointmentRead, Slot

log = logging.getLogger(__name__)

# How far ahead the picker looks: two weeks of a location's opening hours.
SLOT_DAYS = 14
# The details, checked by the flow engine's rules for a journey's contact fields.
DETAILS = (
    FieldSpec(NAME, FieldKind.NAME, sensitive=True, max_length=200),
    FieldSpec(PHONE, FieldKind.PHONE, sensitive=True, max_length=20),
    FieldSpec(EMAIL, FieldKind.EMAIL, sensitive=True, max_length=254),
)
_LABELS = {NAME: "book.name", PHONE: "book.phone", EMAIL: "book.email"}
_ROWS = {NAME: "book.row.name", PHONE: "book.row.phone", EMAIL: "book.row.email"}


class Booking(LiveQuestion):
    # The page changed (the kiosk shares it with a greeter who is helping).
    changed = Signal()
    # Back from choosing a time: the services again.
    left = Signal()
    # The appointment was booked (the visit's outcome).
    booked = Signal()

    def __init__(
        self,
        view: BookView,
        background: Background,
        say: Callable[[str], None],
        location: str = "",
    ) -> None:
        super().__init__(view, background, say)
        self._view = view
        # This kiosk's location (its enrolment's): where the times are, and the booking.
        self.location = location
        self._chosen_language = "en"
        self._service: Service | None = None
        self._forget()
        self._connect_signals()

    def _connect_signals(self) -> None:
        view = self._view
        view.day_chosen.connect(self._on_day_chosen)
        view.time_chosen.connect(self._on_time_chosen)
        view.answer_changed.connect(self._on_answer_changed)
        view.primary_requested.connect(self._on_primary_requested)
        view.back_requested.connect(self._on_back_requested)
        view.change_requested.connect(self._on_change_requested)

    def _forget(self) -> None:
        self._stage = BookStage.PICK
        self._slots: list[Slot] = []
        self._day: date | None = None
        self._slot: Slot | None = None
        self._answers = {spec.id: "" for spec in DETAILS}
        self._problems: dict[str, Problem] = {}
        self._details_checked = False
        # A sentence about the whole page (its id).
        self._message: str | None = None
        self._busy = False
        self._booked: AppointmentRead | None = None
        self._contact_given = False

    # The page LiveQuestion asks with: this presenter, which words the page ---------------

    def _page(self) -> AskingPage:
        return self

    @property
    def language(self) -> str:
        return self._chosen_language

    def reset(self) -> None:
        """The customer left: what they typed, the times and any answer on its way, gone."""
        self._asked += 1
        self._view.clear()
        self._service = None
        self._forget()

    def show_busy(self) -> None:
        self._busy = True
        self._render()

    def show_problem(self, text: str) -> None:
        # The sentence is kept by its id (set by the refusal), to word again in another
        # language; ``text`` is the same words, said aloud by the caller.
        del text
        self._render()

    # The kiosk's side ---------------------------------------------------------------------

    def start(self, service: Service, language: str) -> None:
        """A tier-3 tile was touched: the free times for ``service`` here."""
        self.reset()
        self._service = service
        self._chosen_language = language
        self._fetch_slots()
        self._say(self._view.spoken_text())

    def set_language(self, language: str) -> None:
        self._chosen_language = language
        self._render()

    @property
    def active(self) -> bool:
        return self._service is not None

    @property
    def service(self) -> Service | None:
        """The service being booked (none when no booking is under way)."""
        return self._service

    @property
    def stage(self) -> BookStage:
        return self._stage

    @property
    def has_answers(self) -> bool:
        """Something typed that Start again would lose."""
        return self._booked is None and any(self._view.typed(spec.id) for spec in DETAILS)

    # Times --------------------------------------------------------------------------------

    def _fetch_slots(self) -> None:
        service, location = self._service, self.location
        if service is None:
            return
        if not location:
            self.show_message("book.unavailable")
            return
        code = service.code
        self._ask(
            lambda client: client.appointment_slots(location, code, days=SLOT_DAYS),
            self.show_slots,
            self._slots_refused,
        )

    def show_slots(self, answer: object) -> None:
        """The backend's free times (a ``SlotList``): their days, the first day's times."""
        from shared.appointments.schemas import SlotList

        self._busy = False
        if not isinstance(answer, SlotList):
            return
        self._slots = [slot for slot in answer.slots if slot.free > 0]
        days = self._days()
        if self._day not in days:
            self._day = days[0] if days else None
        if not self._slots:
            self._message = "book.none"
        elif self._message != "book.taken":
            # Times came: whatever kept them away has passed (a time just taken still says so).
            self._message = None
        self._render()
        if not self._slots:
            self._say(self._view.spoken_text())

    def _slots_refused(self, error: FirstStopError) -> str:
        if error.code == "not_found":
            # Not offered here (or no longer): as good as no free times.
            return self.show_message("book.none")
        return self.show_message(_trouble(error))

    def _days(self) -> list[date]:
        return sorted({slot.day for slot in self._slots})

    def _on_day_chosen(self, key: str) -> None:
        self._day = date.fromisoformat(key)
        self._render()

    def _on_time_chosen(self, key: str) -> None:
        chosen = datetime.fromisoformat(key)
        self._slot = next((slot for slot in self._slots if slot.starts_at == chosen), None)
        if self._slot is None:
            return
        self._message = None
        # Details already given (a time changed, or the last one just went): straight back
        # to the check.
        self._go(BookStage.CHECK if self._details_checked else BookStage.DETAILS)

    # Details, the check, booking -----------------------------------------------------------

    def _on_answer_changed(self, field_id: str, text: str) -> None:
        self._answers[field_id] = text
        self._details_checked = False
        if self._problems.pop(field_id, None) is not None:
            self._render()

    def _on_primary_requested(self) -> None:
        if self._busy:
            return
        if self._stage is BookStage.DETAILS:
            if self._check_details() is not None:
                self._details_checked = True
                self._go(BookStage.CHECK)
            else:
                self._render()
                self._say(" ".join(p.words(self._chosen_language) for p in self._problems.values()))
        elif self._stage is BookStage.CHECK:
            self._book()

    def _on_back_requested(self) -> None:
        if self._stage is BookStage.PICK:
            self.left.emit()
        elif self._stage is BookStage.DETAILS:
            self._go(BookStage.PICK)
        elif self._stage is BookStage.CHECK:
            self._go(BookStage.DETAILS)

    def _on_change_requested(self, stage: str) -> None:
        self._go(BookStage(stage))

    def _go(self, stage: BookStage) -> None:
        self._stage = stage
        if stage is not BookStage.PICK:
            self._message = None
        self._render()
        self._say(self._view.spoken_text())

    def _check_details(self) -> dict[str, str] | None:
        """The details in their clean forms, or None with each problem kept."""
        self._problems = {}
        clean: dict[str, str] = {}
        for spec in DETAILS:
            try:
                value = check_field(spec, self._view.typed(spec.id))
            except InvalidInput as exc:
                self._problems[spec.id] = Problem.of(exc)
                continue
            if value is not None:
                clean[spec.id] = str(value)
        if NAME not in clean and NAME not in self._problems:
            self._problems[NAME] = Problem("book.name.required", NAME)
        phone = clean.get(PHONE)
        if phone is not None and not is_mobile(phone):
            # A text is what the number is for: a landline cannot take one.
            self._problems[PHONE] = Problem("contact.phone.not_mobile", PHONE)
        return None if self._problems else clean

    def _book(self) -> None:
        from shared.appointments.schemas import AppointmentCreate, NotifyBy

        service, slot, clean = self._service, self._slot, self._check_details()
        if service is None or slot is None:
            return
        if clean is None:
            self._go(BookStage.DETAILS)
            return
        notify = [NotifyBy.SMS] if PHONE in clean else []
        if EMAIL in clean:
            notify.append(NotifyBy.EMAIL)
        try:
            # Read, not built: a schema checks nothing when code builds one, and what was
            # typed must meet the backend's rules before it is sent.
            booking = convert(
                AppointmentCreate,
                {
                    "service_code": service.code,
                    "starts_at": slot.starts_at,
                    "customer": {
                        "name": clean[NAME],
                        "phone": clean.get(PHONE),
                        "email": clean.get(EMAIL),
                    },
                    "notify_by": notify,
                },
            )
        except SchemaError:
            self._tell(self.show_message("book.failed"))
            return
        self._contact_given = bool(notify)
        self._message = None
        self._ask(
            lambda client: client.book_appointment(booking),
            self.show_booked,
            self._booking_refused,
        )

    def show_booked(self, answer: object) -> None:
        """Booked (an ``AppointmentRead``): the reference large, and the QR code."""
        from shared.appointments.schemas import AppointmentRead

        self._busy = False
        if not isinstance(answer, AppointmentRead):
            return
        self._booked = answer
        # The customer's details go from the screen now: the backend has them.
        self._view.clear()
        self._answers = {spec.id: "" for spec in DETAILS}
        self._go(BookStage.BOOKED)
        self.booked.emit()

    def _booking_refused(self, error: FirstStopError) -> str:
        if error.code == "slot_taken":
            # The time went to someone else first: the times as they are now; the details
            # stay, so the next time chosen goes straight to the check.
            self._stage, self._slot, self._slots = BookStage.PICK, None, []
            taken = self.show_message("book.taken")
            self._fetch_slots()
            return taken
        return self.show_message(_trouble(error))

    def show_message(self, message_id: str) -> str:
        """Say ``message_id`` on the page; its words in the customer's language. The ways on
        are the bar's Start again and Help me."""
        self._busy = False
        self._message = message_id
        self._render()
        return ui_text(message_id, self._chosen_language)

    # Wording the page ----------------------------------------------------------------------

    def _render(self) -> None:
        service = self._service
        if service is None:
            return
        self._view.show_screen(
            self.screen(service),
            typed=self._answers,
            qr_link=self._booked.page_url if self._booked is not None else None,
        )
        self.changed.emit()

    def screen(self, service: Service) -> BookScreen:
        """The page as the customer sees it now, in their language; no detail of theirs."""
        language, stage = self._chosen_language, self._stage

        def words(message_id: str, **params: str) -> str:
            return ui_text(message_id, language, **params)

        message = words(self._message) if self._message is not None else None
        parts: dict[str, object] = {
            "stage": stage,
            "service": service_name(service, language),
            "message": message,
            "waiting": self._busy,
            "back": words("screen.back") if stage is not BookStage.BOOKED else None,
        }
        if stage is BookStage.PICK:
            parts |= self._pick_parts()
        elif stage is BookStage.DETAILS:
            parts |= {
                "title": words("book.details.title"),
                "body": words("book.details.body"),
                "fields": tuple(
                    BookField(
                        id=spec.id,
                        label=words(_LABELS[spec.id]),
                        given=bool(self._answers.get(spec.id)),
                        error=(
                            self._problems[spec.id].words(language)
                            if spec.id in self._problems
                            else None
                        ),
                    )
                    for spec in DETAILS
                ),
                "primary": words("screen.continue"),
            }
        elif stage is BookStage.CHECK:
            parts |= {
                "title": words("book.check.title"),
                "rows": self._check_rows(service),
                "primary": words("book.confirm"),
            }
        else:
            parts |= {
                "title": words("book.done.title"),
                "booked": self._booked_parts(),
                "primary": words("speak.done"),
            }
        return convert(BookScreen, parts)

    def _pick_parts(self) -> dict[str, object]:
        language = self._chosen_language
        day = self._day
        shown = [slot for slot in self._slots if slot.day == day][:MAX_TIMES]
        return {
            "title": ui_text("book.pick.title", language),
            "busy": ui_text("book.looking", language) if self._busy else None,
            "days": tuple(
                SlotChoice(key=d.isoformat(), words=_day(d, language, "ddd d MMM"), chosen=d == day)
                for d in self._days()
            ),
            "times_title": (
                ui_text("book.pick.times", language, day=_day(day, language, "dddd d MMMM"))
                if day is not None and shown
                else None
            ),
            "times": tuple(
                SlotChoice(
                    key=slot.starts_at.isoformat(),
                    words=_clock(slot.time, language),
                    chosen=slot is self._slot,
                )
                for slot in shown
            ),
        }

    def _check_rows(self, service: Service) -> tuple[BookRow, ...]:
        language = self._chosen_language
        change = ui_text("screen.change", language)
        not_given = ui_text("check.not_answered", language)
        slot = self._slot
        rows = [
            BookRow(
                label=ui_text("book.row.service", language),
                value=service_name(service, language),
            ),
            BookRow(
                label=ui_text("book.row.when", language),
                value=_when(slot.day, slot.time, language) if slot is not None else "",
                change=change,
                change_to=BookStage.PICK,
            ),
        ]
        rows.extend(
            BookRow(
                label=ui_text(_ROWS[spec.id], language),
                given=bool(self._view.typed(spec.id)),
                not_given=not_given,
                change=change,
                change_to=BookStage.DETAILS,
            )
            for spec in DETAILS
        )
        return tuple(rows)

    def _booked_parts(self) -> Booked | None:
        booked, language = self._booked, self._chosen_language
        if booked is None:
            return None
        when = _when(booked.day, booked.time, language)
        return Booked(
            title=ui_text("book.done.title", language),
            reference_label=ui_text("screen.reference.label", language),
            reference=booked.reference_display,
            when=ui_text("book.done.when", language, when=when, place=booked.location_name),
            # The mirror's code goes to the page without the secret that shows the booking.
            qr_url=(booked.page_url or "").partition("?")[0],
            qr_caption=ui_text("book.done.qr", language),
            next=ui_text("book.done.sent" if self._contact_given else "book.done.keep", language),
        )


def _trouble(error: FirstStopError) -> str:
    """The message for a call that failed: no network, or anything else."""
    return "book.unavailable" if error.code == "unavailable" else "book.failed"


def _day(day: date, language: str, pattern: str) -> str:
    return customer_locale(language).toString(QDate(day.year, day.month, day.day), pattern)


def _clock(hh_mm: str, language: str) -> str:
    """The backend's local ``09:30`` in the customer's language's way (``9:30 ص``)."""
    hour, _, minute = hh_mm.partition(":")
    locale = customer_locale(language)
    return locale.toString(
        QTime(int(hour), int(minute)), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )


def _when(day: date, hh_mm: str, language: str) -> str:
    """``Tuesday 8 December 2026, 10:30`` in the customer's language."""
    comma = "، " if language.split("-", maxsplit=1)[0] == "ar" else ", "
    return _day(day, language, "dddd d MMMM yyyy") + comma + _clock(hh_mm, language)
