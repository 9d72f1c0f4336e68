"""``firststop kiosk --screenshots DIR``: every screen of every demo journey, drawn offscreen.

Each service of the demo catalogue is walked from the welcome screen to the thank-you
screen with plausible answers, in every language and every mode (standard, large text,
high contrast); each screen is saved as ``<mode>/<language>/<service>-<nn>-<step>.png``,
and each screen with a text field again while typing, the keyboard showing; so are the
welcome screen with the language picker over it, the services with the idle warning over
them, and the track page, also while typing a reference. A tier-3 service's tile books an
appointment instead: its pages are drawn with sample times and a sample booking; so are
Change or cancel an appointment's, with the same sample booking found.
Nothing is sent anywhere: submissions go to a throwaway outbox.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, SignalInstance
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from kiosk.app import Kiosk, Mode
from kiosk.outbox import Outbox
from kiosk.settings import KioskSettings
from shared.appointments.references import AppointmentReference
from shared.appointments.schemas import (
    AppointmentCustomer,
    AppointmentRead,
    AppointmentStatus,
    PublicAppointment,
    Slot,
    SlotList,
)
from shared.cases.schemas import Channel
from shared.catalogue.schemas import Catalogue, Tier
from shared.flow import Accessibility, FieldKind, Flow, StepKind, texts
from shared.flow.book_screen import CONTACT, EMAIL, NAME, PHONE, REFERENCE, BookStage
from shared.flow.kiosk_pages import HelpStatus
from shared.flow.steps import FieldSpec
from shared.live.notices import HelpNoticeKind
from shared.references import check_character
from shared.resources import asset_path
from shared.schema import convert
from shared.ui.locale import datetime_words
from shared.ui.pages.services import kiosk_groups

WIDTH, HEIGHT = 1280, 800
# The panels a kiosk has: the short one (1280 by 800) and full HD.
SIZES = ((WIDTH, HEIGHT), (1920, 1080))
_SETTLE_ROUNDS = 10
DEMO_ISSUER = "222"

# Plausible answers for the engine's own fields, by kind.
_SAMPLES: dict[FieldKind, str] = {
    FieldKind.POSTCODE: "NG1 1AA",
    FieldKind.ADDRESS: "1 Example Street, Northgate",
    FieldKind.NAME: "Alex",
    FieldKind.EMAIL: "alex@example.com",
    FieldKind.PHONE: "07700 900123",
    FieldKind.STRING: "AB12 CDE",
    FieldKind.TEXT: "It has been like this for a week.",
    FieldKind.NUMBER: "2",
}


def sample_answer(spec: FieldSpec) -> object | None:
    """A valid answer for one field, or ``None`` to leave it (dates answer themselves)."""
    if spec.kind is FieldKind.UPRN:
        return None
    if spec.kind is FieldKind.DATETIME:
        return "2026-11-02T00:00+00:00"
    options = [v.key for v in spec.attribute.values] if spec.attribute else list(spec.choices)
    if spec.kind is FieldKind.SINGLEVALUELIST:
        return options[0]
    if spec.kind is FieldKind.MULTIVALUELIST:
        # Asking for a confirmation by text or email would need a number or address too.
        return () if spec.id == "contact.notify_by" else (options[0],)
    if spec.attribute is not None and spec.attribute.min_value is not None:
        return str(int(spec.attribute.min_value))
    return _SAMPLES.get(spec.kind, "Example")


def answered_step(flow: Flow) -> Flow:
    for spec in flow.step.fields:
        value = sample_answer(spec)
        if value is not None:
            flow = flow.answer(spec.id, value)
    return flow


def modes(languages: tuple[str, ...]) -> Iterator[tuple[str, str, bool, bool]]:
    """(folder, language, large text, high contrast): every language in every mode."""
    for folder, large, contrast in (
        ("standard", False, False),
        ("large-text", True, False),
        ("high-contrast", False, True),
    ):
        for language in languages:
            yield folder, language, large, contrast


def render_all(folder: Path, settings: KioskSettings) -> int:
    """Draw every screen to ``folder``, offscreen; answers how many were drawn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    count = 0
    for kiosk, mode, language, name in visit_all(settings):
        target = folder / mode / language
        target.mkdir(parents=True, exist_ok=True)
        kiosk.window.grab().save(str(target / f"{name}.png"))
        count += 1
    return count


def visit_all(
    settings: KioskSettings,
    *,
    typing: bool = True,
    size: tuple[int, int] = (WIDTH, HEIGHT),
    only_modes: Collection[str] | None = None,
) -> Iterator[tuple[Kiosk, str, str, str]]:
    """Show every screen of every demo journey in turn, in every mode: (kiosk, mode,
    language, screen name) as each is on the window, laid out and drawn. ``typing``: also
    each screen with a text field while typing in it (the keyboard showing); ``size``: the
    panel's; ``only_modes``: these modes' folders only ("standard", "large-text"…)."""
    app = QApplication.instance() or QApplication([])
    if not isinstance(app, QApplication):
        raise TypeError("screenshots need a QApplication, not a QCoreApplication")
    catalogue = Catalogue.load(asset_path("catalogue", "demo.json"))
    with (
        tempfile.TemporaryDirectory() as scratch,
        Outbox(Path(scratch) / "outbox.sqlite3", DEMO_ISSUER) as outbox,
    ):
        # No idle wipe in the middle of a long walk on a slow machine.
        quiet = replace(settings, speech_engine=None, locked=False, idle_seconds=24 * 3600)
        kiosk = Kiosk(
            quiet, catalogue, outbox, client=None, tracking_url="https://example.gov.uk/track/"
        )
        window = kiosk.window
        window.resize(*size)
        window.show()
        window.activateWindow()
        try:
            for mode, language, large, contrast in modes(catalogue.languages):
                if only_modes is not None and mode not in only_modes:
                    continue
                chosen = Mode(language, Accessibility(large_text=large, high_contrast=contrast))
                kiosk.wipe("screenshots")
                kiosk.set_mode(chosen)
                yield _shown(app, kiosk, mode, language, "00-welcome", size)
                # The overlays: the language picker over the welcome screen, the idle
                # warning and help's notices over the services.
                kiosk.languages.present()
                yield _shown(app, kiosk, mode, language, "00-welcome-languages", size)
                kiosk.languages.dismiss()
                window.welcome.start_requested.emit()
                yield _shown(app, kiosk, mode, language, "01-services", size)
                yield from _over_services(app, kiosk, mode, language, size)
                groups = [g for g, found in kiosk_groups(catalogue).items() if len(found) > 1]
                if groups:
                    window.services.show_group(groups[0])
                    yield _shown(app, kiosk, mode, language, "01-services-group", size)
                for name in _services(kiosk, catalogue, typing=typing):
                    yield _shown(app, kiosk, mode, language, name, size)
                if catalogue.service(FILL_SAMPLE[0]) is not None:
                    yield from _fill_consent(app, kiosk, mode, language, size)
                kiosk.end_journey()
                window.welcome.track_requested.emit()
                yield _shown(app, kiosk, mode, language, "track", size)
                if typing:
                    window.activateWindow()
                    window.track.reference_edit.setFocus()
                    yield _shown(app, kiosk, mode, language, "track-typing", size)
                    window.track.reference_edit.clearFocus()
                yield from _queue_pages(app, kiosk, mode, language, size, typing=typing)
                for name in _change(kiosk, catalogue, typing=typing):
                    yield _shown(app, kiosk, mode, language, name, size)
        finally:
            kiosk.wipe("screenshots")
            window.close()


def _walk(kiosk: Kiosk, code: str, *, typing: bool) -> Iterator[str]:
    journey = kiosk.journey
    for index in range(40):
        flow = journey.flow
        if flow is None or flow.finished:
            break
        name = f"{code}-{index:02d}-{_slug(flow.step_id)}"
        yield name
        editor = _first_editor(kiosk) if typing else None
        if editor is not None:
            # The same screen while typing: the on-screen keyboard docked below the field.
            # (Offscreen, a window loses its activation when pages change; take it back.)
            kiosk.window.activateWindow()
            editor.setFocus()
            yield f"{name}-typing"
            if shiboken6.isValid(editor):
                editor.clearFocus()
        kind = flow.step.kind
        if kind is StepKind.CHECK:
            journey.submit()
            continue
        if kind.asks or kind is StepKind.FEEDBACK:
            journey.flow = answered_step(flow)
        journey.next()
    yield f"{code}-zz-thanks"


def _services(kiosk: Kiosk, catalogue: Catalogue, *, typing: bool) -> Iterator[str]:
    """Each service from its tile: a journey walked, or an appointment booked."""
    window = kiosk.window
    for service in catalogue.services:
        kiosk.end_journey()
        window.welcome.start_requested.emit()
        window.services.service_chosen.emit(service.code)
        if service.tier is Tier.APPOINTMENT:
            yield from _book(kiosk, service.code, typing=typing)
        else:
            yield from _walk(kiosk, service.code, typing=typing)


def _book(kiosk: Kiosk, code: str, *, typing: bool) -> Iterator[str]:
    """Book an appointment: with no backend here, first the page saying it cannot book
    just now; then a week of sample times, the details (while typing a name and an
    e-mail address, and with a number that is not one), the check, a time just taken, and booked."""
    booking, view = kiosk.booking, kiosk.window.book
    yield f"{code}-00-unavailable"
    booking.show_slots(sample_slots(code))
    yield f"{code}-01-times"
    view.time_chosen.emit(next(iter(view.time_buttons)))
    yield f"{code}-02-details"
    if typing:
        kiosk.window.activateWindow()
        view.fields[NAME].focus()
        yield f"{code}-02-details-typing"
        view.fields[NAME].control().clearFocus()
        # The e-mail keyboard has a row more: its keys are squeezed to fit the window.
        view.fields[EMAIL].focus()
        yield f"{code}-02-details-typing-email"
        view.fields[EMAIL].control().clearFocus()
    for field_id, text in ((NAME, "Alex Example"), (PHONE, "12"), (EMAIL, "alex@example.com")):
        view.fields[field_id].set_value(text)
        view.answer_changed.emit(field_id, text)
    view.primary_requested.emit()
    yield f"{code}-03-details-problem"
    view.fields[PHONE].set_value("07700 900123")
    view.answer_changed.emit(PHONE, "07700 900123")
    view.primary_requested.emit()
    yield f"{code}-04-check"
    view.change_requested.emit(BookStage.PICK.value)
    booking.show_message("book.taken")
    yield f"{code}-05-taken"
    booking.show_booked(sample_booking(code))
    yield f"{code}-06-booked"
    booking.reset()


def _change(kiosk: Kiosk, catalogue: Catalogue, *, typing: bool) -> Iterator[str]:
    """Change or cancel an appointment: finding it (typing, a problem beside a box, not
    found), the sample booking found, Cancel it? and cancelled; then Change the time: the
    times, the new time's check and moved; and too late, on the finding page."""
    code = next((s.code for s in catalogue.services if s.tier is Tier.APPOINTMENT), None)
    if code is None:
        return
    window = kiosk.window
    changing, view = kiosk.changing, window.manage
    kiosk.show_welcome()
    window.welcome.manage_requested.emit()
    yield "manage-00-find"
    if typing:
        window.activateWindow()
        view.fields[REFERENCE].focus()
        yield "manage-00-find-typing"
        view.fields[REFERENCE].control().clearFocus()
    view.fields[REFERENCE].set_value("AP-K7M-2QY")
    view.primary_requested.emit()
    yield "manage-01-find-problems"
    # A reference whose check character is right (a mistyped one was said just before).
    body = "APK7M2Q"
    reference = AppointmentReference(body + check_character(body))
    typed = ((REFERENCE, reference.display), (CONTACT, "07700 900123"))
    for field_id, text in typed:
        view.fields[field_id].set_value(text)
        view.answer_changed.emit(field_id, text)
    view.primary_requested.emit()  # no backend here: cannot change just now
    yield "manage-02-unavailable"
    changing.show_message("manage.not_found")
    yield "manage-02-not-found"
    changing.show_found(sample_found(code))
    yield "manage-03-found"
    view.action_chosen.emit("cancel")
    yield "manage-04-cancel"
    changing.show_changed(sample_found(code, AppointmentStatus.CANCELLED))
    yield "manage-05-cancelled"
    window.welcome.manage_requested.emit()
    for field_id, text in typed:
        view.fields[field_id].set_value(text)
        view.answer_changed.emit(field_id, text)
    changing.show_found(sample_found(code))
    view.action_chosen.emit("move")
    changing.show_slots(sample_slots(code))
    yield "manage-06-times"
    view.time_chosen.emit(next(iter(view.time_buttons)))
    yield "manage-07-move"
    changing.show_changed(sample_found(code, starts_at=datetime(2026, 12, 7, 9, tzinfo=UTC)))
    yield "manage-08-moved"
    window.welcome.manage_requested.emit()
    changing.show_message("manage.too_late")
    yield "manage-09-too-late"
    changing.reset()


def sample_found(
    code: str,
    status: AppointmentStatus = AppointmentStatus.BOOKED,
    starts_at: datetime | None = None,
) -> PublicAppointment:
    """The sample booking as a customer's change finds it (when and where, never who)."""
    booking = sample_booking(code)
    starts_at = starts_at or booking.starts_at
    return convert(
        PublicAppointment,
        {each.name: getattr(booking, each.name) for each in fields(PublicAppointment)}
        | {
            "status": status,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=30),
            "day": starts_at.date(),
            "time": f"{starts_at:%H:%M}",
        },
    )


def sample_slots(code: str) -> SlotList:
    """A week of free times at the shop: Monday to Friday, 09:00 to 16:30 by half hours."""
    slots = []
    for day in range(7, 12):
        for half in range(16):
            starts_at = datetime(2026, 12, day, 9, tzinfo=UTC) + timedelta(minutes=30 * half)
            slots.append(
                Slot(
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=30),
                    day=starts_at.date(),
                    time=f"{starts_at:%H:%M}",
                    capacity=2,
                    free=1,
                )
            )
    return SlotList(
        location_code="shop",
        service_code=code,
        timezone="Europe/London",
        slot_minutes=30,
        slots=slots,
    )


def sample_booking(code: str) -> AppointmentRead:
    starts_at = datetime(2026, 12, 8, 10, 30, tzinfo=UTC)
    return AppointmentRead(
        reference="APK7M2QX",
        reference_display="AP-K7M-2QX",
        status=AppointmentStatus.BOOKED,
        service_code=code,
        service_name="Book an appointment with an advisor",
        location_code="shop",
        location_name="City Centre Customer Service Shop",
        location_address="1 Market Square, Northgate",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        day=starts_at.date(),
        time="10:30",
        id=1,
        customer=AppointmentCustomer(name="Alex Example", phone="07700900123"),
        answers={},
        access_needs=[],
        access_note="",
        priority=False,
        channel=Channel.KIOSK,
        created_at=starts_at,
        updated_at=starts_at,
        arrived_at=None,
        cancelled_at=None,
        reminded_at=None,
        page_url="https://example.gov.uk/appointment/APK7M2QX?token=sample",
    )


# A question a greeter may ask to type for the customer: the service, and its field.
FILL_SAMPLE = ("parking_permit", "vehicle_registration")


def _fill_consent(
    app: QApplication, kiosk: Kiosk, mode: str, language: str, size: tuple[int, int]
) -> Iterator[tuple[Kiosk, str, str, str]]:
    """The customer asked whether Sam at the desk may type in a box for them."""
    code, field_id = FILL_SAMPLE
    kiosk.end_journey()
    kiosk.window.welcome.start_requested.emit()
    kiosk.window.services.service_chosen.emit(code)
    field = kiosk.window.journey_view.field(field_id)
    kiosk.window.journey_view.set_highlight(field_id)
    kiosk.fill.prompt.ask("Sam", field.state.label if field else "", language)
    yield _shown(app, kiosk, mode, language, f"{code}-fill-consent", size)
    kiosk.fill.prompt.dismiss()


def _over_services(
    app: QApplication, kiosk: Kiosk, mode: str, language: str, size: tuple[int, int]
) -> Iterator[tuple[Kiosk, str, str, str]]:
    """Over the services: the idle warning; then Help me where nobody is at the desk (the
    help went to the central shop, or every place is closed), and help nobody answered."""
    kiosk.idle.warning.set_seconds_left(30)
    kiosk.idle.warning.present()
    yield _shown(app, kiosk, mode, language, "01-services-idle-warning", size)
    kiosk.idle.warning.dismiss()
    banner = kiosk.window.help_banner
    for kind, place, name in (
        (HelpNoticeKind.REMOTE, "City Centre Customer Service Shop", "help-remote"),
        (HelpNoticeKind.CLOSED, "Northgate Library", "help-closed"),
    ):
        banner.show_status(HelpStatus.WAITING, None, coming=False, where=(kind, place))
        yield _shown(app, kiosk, mode, language, f"01-services-{name}", size)
    banner.show_status(HelpStatus.NONE, None, coming=False)
    banner.show_notice(texts.ui_text("help.timed_out", language))
    yield _shown(app, kiosk, mode, language, "01-services-help-timed-out", size)
    banner.clear_notice()


def _queue_pages(
    app: QApplication,
    kiosk: Kiosk,
    mode: str,
    language: str,
    size: tuple[int, int],
    *,
    typing: bool,
) -> Iterator[tuple[Kiosk, str, str, str]]:
    """Speak to someone and I have an appointment: each asking (and typing in its box), a
    problem said, and the answer (the ticket; checked in)."""
    window = kiosk.window
    speak, arrive = window.speak, window.arrive
    when = datetime_words(datetime(2026, 12, 8, 10, 30, tzinfo=UTC), language)
    pages: tuple[
        tuple[str, SignalInstance, QWidget, Callable[[], None], Callable[[], None], str], ...
    ] = (
        (
            "speak",
            window.welcome.speak_requested,
            speak.phone_edit,
            speak.show_busy,
            lambda: speak.show_problem(texts.ui_text("speak.unavailable", language)),
            "unavailable",
        ),
        (
            "arrive",
            window.welcome.arrive_requested,
            arrive.reference_edit,
            arrive.show_busy,
            lambda: arrive.show_problem(texts.ui_text("arrive.other_day", language, when=when)),
            "other-day",
        ),
    )
    for name, requested, editor, show_busy, show_problem, problem in pages:
        kiosk.show_welcome()
        requested.emit()
        yield _shown(app, kiosk, mode, language, name, size)
        if typing:
            window.activateWindow()
            editor.setFocus()
            yield _shown(app, kiosk, mode, language, f"{name}-typing", size)
            editor.clearFocus()
        # Pressed, waiting for the backend's answer.
        show_busy()
        yield _shown(app, kiosk, mode, language, f"{name}-waiting", size)
        show_problem()
        yield _shown(app, kiosk, mode, language, f"{name}-{problem}", size)
    kiosk.show_welcome()
    window.welcome.speak_requested.emit()
    speak.show_ticket("W014", 3, texted=True)
    yield _shown(app, kiosk, mode, language, "speak-ticket", size)
    window.welcome.arrive_requested.emit()
    arrive.show_arrived()
    yield _shown(app, kiosk, mode, language, "arrive-thanks", size)
    kiosk.check_in.reset()
    kiosk.speak.reset()


def _first_editor(kiosk: Kiosk) -> QWidget | None:
    for field in kiosk.window.journey_view.fields():
        control = field.control()
        if field.isVisible() and isinstance(control, QLineEdit | QPlainTextEdit):
            return control
    return None


def _shown(
    app: QApplication, kiosk: Kiosk, mode: str, language: str, name: str, size: tuple[int, int]
) -> tuple[Kiosk, str, str, str]:
    # The panel's size, as a full-screen kiosk has (a window left alone grows to its content).
    kiosk.window.resize(*size)
    # The pages it replaced go now: outside an event loop, deleteLater() waits for ever, and
    # each screen would leave the last one's widgets behind, slowing every one after it.
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Until nothing moves: the keyboard's host fits the keys and scrolls the field into
    # view once the layout has settled. Twice still: a page whose parts were made again
    # (the booking's times and rows) is laid out in one turn and grown by its scroll area
    # in the next.
    still = 0
    for _ in range(_SETTLE_ROUNDS):
        before = _geometry(kiosk)
        app.processEvents()
        still = still + 1 if _geometry(kiosk) == before else 0
        if still == 2:
            break
    return kiosk, mode, language, name


def _geometry(kiosk: Kiosk) -> tuple[object, ...]:
    booking = kiosk.window.book.page_scroll.widget()
    changing = kiosk.window.manage.page_scroll.widget()
    scroll = kiosk.window.journey_view.scroll_area
    return (
        kiosk.keyboard.isVisible(),
        kiosk.keyboard.geometry(),
        scroll.viewport().geometry(),
        scroll.verticalScrollBar().value(),
        kiosk.window.track.page_scroll.verticalScrollBar().value(),
        kiosk.window.book.page_scroll.verticalScrollBar().value(),
        kiosk.window.manage.page_scroll.verticalScrollBar().value(),
        # A page whose parts were made again (the times, the check's rows) grows in turns.
        booking.geometry() if booking is not None else None,
        changing.geometry() if changing is not None else None,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
