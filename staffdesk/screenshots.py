"""``firststop desk --screenshots DIR``: every desk screen drawn from made-up states, in
landscape (1280 by 800), portrait (800 by 1280) and narrow (880 by 768: the demo's desk
beside a kiosk on one screen), to ``DIR/<size>/<nn>-<screen>.png``.
No backend and no network: the presenter is given hub messages as the live link would."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from shared.cases.schemas import Channel
from shared.catalogue.schemas import Catalogue
from shared.client import BackendClient
from shared.figures.schemas import FiguresReport
from shared.fleet.schemas import KioskState, KioskStatus
from shared.flow import texts
from shared.flow.book_screen import BookRow, BookScreen, BookStage
from shared.flow.kiosk_pages import KioskPage
from shared.flow.kiosk_screen import (
    BannerState,
    BarState,
    KioskDisplay,
    KioskScreen,
    ServicesScreen,
    Toggle,
)
from shared.flow.screen_state import MASK, Accessibility, ErrorText, FieldState, ScreenState
from shared.flow.steps import FieldKind, StepKind
from shared.live.messages import (
    DeskWelcome,
    HelpClaimed,
    HelpContext,
    HelpReleased,
    HelpRequest,
    KioskActivity,
    KioskLive,
    MaintenanceAction,
    ScreenUpdate,
    StaffRef,
)
from shared.resources import asset_path
from shared.schema import convert, replace
from shared.ui.pages.services import group_tiles
from staffdesk.app import build_desk
from staffdesk.assist.fill import Consent
from staffdesk.figures.summary import FAILED, Period
from staffdesk.lookup.samples import visit_lookup_and_assist
from staffdesk.settings import DeskSettings
from staffdesk.triage.samples import sample_triage, visit_triage
from staffdesk.window import DeskWindow, Page

ORIENTATIONS = {"landscape": (1280, 800), "portrait": (800, 1280)}
# The tablets' two orientations, and the demo's window beside a kiosk on one screen.
SIZES = ORIENTATIONS | {"narrow": (880, 768)}
SAM = StaffRef(id=1, name="Sam")
ALEX = StaffRef(id=2, name="Alex")
HELP_WAITING = "a" * 32
HELP_CLAIMED = "b" * 32


def sample_status(device_id: int, name: str, state: KioskState, **values: object) -> KioskStatus:
    fields: dict[str, object] = {
        "device_id": device_id,
        "name": name,
        "location_code": "shop",
        "state": state,
        "last_seen_at": None,
        "heartbeat_age_s": 12.0,
        "version": "1.4.0",
        "outbox_depth": 0,
        "outbox_held": 0,
        "screen": "welcome",
        "frame_age_s": 1.0,
        "touch_age_s": 40.0,
    }
    fields.update(values)
    return convert(KioskStatus, fields)


def sample_welcome(now: datetime | None = None) -> DeskWelcome:
    """The shop with four kiosks and two customers asking for help."""
    now = now or datetime.now(UTC)
    context = HelpContext(
        screen="journey",
        service_code="missed_bin",
        service_name="Report a missed bin collection",
        step_id="contact",
        step_number=2,
        step_count=4,
        errors=("contact.email.invalid",),
        seconds_on_step=41.5,
        language="pl",
        accessibility=Accessibility(large_text=True),
    )
    waiting = HelpRequest(
        id=HELP_WAITING,
        device_id=1,
        kiosk_name="Kiosk 1 (by the door)",
        location_code="shop",
        raised_at=now - timedelta(seconds=125),
        context=context,
    )
    claimed = HelpRequest(
        id=HELP_CLAIMED,
        device_id=2,
        kiosk_name="Kiosk 2",
        location_code="shop",
        raised_at=now - timedelta(seconds=200),
        context=replace(
            context, language="en", service_name="Apply for a parking permit", errors=()
        ),
        claimed_by=ALEX,
        claimed_at=now - timedelta(seconds=60),
    )
    kiosks = (
        KioskLive(
            status=sample_status(1, "Kiosk 1 (by the door)", KioskState.ONLINE),
            connected=True,
            activity=KioskActivity.IN_JOURNEY,
        ),
        KioskLive(
            status=sample_status(2, "Kiosk 2", KioskState.ONLINE),
            connected=True,
            activity=KioskActivity.IN_JOURNEY,
        ),
        KioskLive(
            status=sample_status(3, "Kiosk 3", KioskState.NOT_RENDERING, frame_age_s=95.0),
            connected=True,
            activity=KioskActivity.IDLE,
        ),
        KioskLive(
            status=sample_status(
                4, "Kiosk 4", KioskState.OFFLINE, heartbeat_age_s=3600.0, outbox_depth=2
            ),
            connected=False,
            activity=None,
        ),
    )
    return DeskWelcome(
        location_code="shop",
        location_name="Customer service shop",
        staff=SAM,
        help=(claimed, waiting),
        kiosks=kiosks,
        triage=sample_triage(now),
        server_time=now,
    )


def sample_screen(help_id: str = HELP_WAITING, sequence: int = 1) -> ScreenUpdate:
    """The contact step in Polish: an email with a problem, a masked phone number."""
    state = ScreenState(
        sequence=sequence,
        service_code="missed_bin",
        service_name="Zgłoś nieodebrane śmieci",
        step_id="contact",
        step_kind=StepKind.CONTACT,
        step_number=2,
        step_count=4,
        title="Jak możemy się z Tobą skontaktować?",
        language="pl",
        can_go_back=True,
        fields=(
            FieldState(
                id="contact.email",
                kind=FieldKind.EMAIL,
                label="Adres e-mail",
                value="jan@example",
            ),
            FieldState(
                id="contact.phone",
                kind=FieldKind.PHONE,
                label="Numer telefonu",
                value=MASK,
                masked=True,
            ),
        ),
        errors=(
            ErrorText(
                id="contact.email.invalid",
                text="Wpisz adres e-mail, na przykład imie@example.com.",
                field="contact.email",
            ),
        ),
    )
    kiosk = sample_kiosk(KioskPage.JOURNEY, banner=True)
    return ScreenUpdate(
        help_id=help_id, sequence=sequence, screen="journey", state=state, kiosk=kiosk
    )


def sample_kiosk(page: KioskPage, *, banner: bool = False, **content: object) -> KioskScreen:
    """The rest of a Polish customer's kiosk screen: the bar, and Sam's banner."""
    return convert(
        KioskScreen,
        {
            "page": page,
            "language": "pl",
            "display": KioskDisplay(width=1280, height=800),
            "sharing": True,
            "bar": BarState(
                start_again="Zacznij od nowa",
                language="Polski",
                large_text=Toggle(text="Większy tekst"),
                high_contrast=Toggle(text="Wysoki kontrast"),
                speech=Toggle(text="Czytaj na głos"),
                help="Pomocy",
            ),
            "banner": (
                BannerState(
                    helped=True,
                    title="Sam z punktu pomocy pomaga Ci",
                    body="Widzi ten ekran.",
                    action="Przestań udostępniać",
                )
                if banner
                else None
            ),
            **content,
        },
    )


def sample_services(help_id: str = HELP_WAITING, sequence: int = 2) -> ScreenUpdate:
    """The services page in Polish, as groups, from the demo catalogue."""
    catalogue = Catalogue.load(asset_path("catalogue", "demo.json"))
    services = ServicesScreen(title="Co chcesz zrobić?", tiles=group_tiles(catalogue, "pl"))
    kiosk = sample_kiosk(KioskPage.SERVICES, banner=True, services=services)
    return ScreenUpdate(help_id=help_id, sequence=sequence, screen="services", kiosk=kiosk)


def sample_booking(help_id: str = HELP_WAITING, sequence: int = 5) -> ScreenUpdate:
    """Booking an appointment in Polish, at Check your booking: the name and the mobile
    number there only as masks, no email given."""

    def words(message_id: str) -> str:
        return texts.ui_text(message_id, "pl")

    change, service = words("screen.change"), "Umów wizytę u doradcy"
    book = BookScreen(
        stage=BookStage.CHECK,
        title=words("book.check.title"),
        service=service,
        rows=(
            BookRow(label=words("book.row.service"), value=service),
            BookRow(
                label=words("book.row.when"),
                value="wtorek 8 grudnia 2026, 10:30",
                change=change,
                change_to=BookStage.PICK,
            ),
            *(
                BookRow(
                    label=words(row),
                    given=given,
                    not_given=words("check.not_answered"),
                    change=change,
                    change_to=BookStage.DETAILS,
                )
                for row, given in (
                    ("book.row.name", True),
                    ("book.row.phone", True),
                    ("book.row.email", False),
                )
            ),
        ),
        back=words("screen.back"),
        primary=words("book.confirm"),
    )
    kiosk = sample_kiosk(KioskPage.BOOK, banner=True, book=book)
    return ScreenUpdate(help_id=help_id, sequence=sequence, screen="book", kiosk=kiosk)


FIGURES_DAY = date(2026, 11, 18)


def sample_figures(first: date = date(2026, 11, 1), last: date = FIGURES_DAY) -> FiguresReport:
    """The shop's month so far: a busy shop, a few help requests, mostly good ratings."""
    by = [
        (Channel.KIOSK, "missed_bin", 41),
        (Channel.KIOSK, "pothole", 23),
        (Channel.ASSISTED_KIOSK, "council_tax", 12),
        (Channel.FACE_TO_FACE, "complaint", 7),
        (Channel.PHONE, "missed_bin", 4),
    ]
    rating = {"good": 38, "average": 9, "poor": 4}
    return convert(
        FiguresReport,
        {
            "period_from": first,
            "period_to": last,
            "location": "shop",
            "generated_at": datetime(2026, 11, 18, 10, 30, tzinfo=UTC),
            "cases": sum(n for _, _, n in by),
            "cases_by": [
                {"channel": c, "tier": 1, "service_code": code, "cases": n} for c, code, n in by
            ],
            "visits": {
                "visits": 112,
                "by_outcome": {
                    "submitted": 57,
                    "booked": 7,
                    "tracked": 18,
                    "informed": 9,
                    "left": 15,
                    "timed_out": 6,
                },
                "self_served": 77,
                "helped": 14,
                "first_contact_resolution": 0.8125,
            },
            "help": {
                "requests": 19,
                "claimed": 16,
                "unanswered": 3,
                "response_p50_s": 95.0,
                "response_p90_s": 240.0,
                "outcomes": {
                    "resolved_at_kiosk": 9,
                    "moved_to_advisor": 3,
                    "signposted": 2,
                    "appointment_needed": 1,
                    "cancelled": 3,
                },
            },
            "sla": [],
            "complaints": {
                "received": 7,
                "within_5_working_days": 3,
                "within_20_working_days": 5,
                "still_open": 2,
            },
            "avoidable_contact": {
                "track_visits": 18,
                "track_share": 0.1607,
                # A location's figures: look-ups have no place.
                "web_lookups": 0,
                "api_lookups": 0,
                "open_case_lookups": 0,
            },
            "satisfaction": {
                "responses": 51,
                "by_service": [],
                "by_channel": [],
                "by_location": [{"key": "shop", "responses": 51, **rating, "good_share": 0.745}],
            },
            "kiosk_availability": {
                "service_hours": 300,
                "available_hours": 291,
                "availability": 0.97,
                "by_kiosk": [
                    {
                        "kiosk": "Kiosk by the door",
                        "location": "shop",
                        "service_hours": 150,
                        "available_hours": 150,
                        "availability": 1.0,
                    },
                    {
                        "kiosk": "Kiosk by the stairs",
                        "location": "shop",
                        "service_hours": 150,
                        "available_hours": 141,
                        "availability": 0.94,
                    },
                ],
            },
        },
    )


def render_all(folder: Path) -> int:
    """Draw every screen to ``folder``, offscreen (no display needed, as the kiosk's)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    count = 0
    for orientation, (width, height) in SIZES.items():
        out = folder / orientation
        out.mkdir(parents=True, exist_ok=True)
        settings = DeskSettings(sound=False, windowed=True, width=width, height=height)
        # A client that is never called: every message below is made up.
        window = build_desk(settings, BackendClient("http://127.0.0.1:9"))
        try:
            window.show()
            for number, name in enumerate(visit(window, app), start=1):
                app.processEvents()
                window.grab().save(str(out / f"{number:02d}-{name}.png"))
                count += 1
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    return count


def visit(window: DeskWindow, app: QApplication) -> Iterator[str]:
    """Walk the window through every screen; yields each screen's name once drawn."""
    presenter = window.presenter
    window.sign_in_view.fill("sam", "")
    yield "sign-in"
    window.sign_in_view.show_message("That username and password do not match. Please try again.")
    yield "sign-in-wrong-password"
    window.sign_in_view.ask_location(
        [("lib-central", "Central Library"), ("shop", "Customer service shop")]
    )
    yield "sign-in-location"
    welcome = sample_welcome()
    presenter.apply(welcome)
    window.show_page(Page.BOARD)
    yield from visit_triage(window)
    window.set_reconnecting(True)
    yield "reconnecting"
    window.set_reconnecting(False)
    presenter.apply(HelpClaimed(help_id=HELP_WAITING, staff=SAM, claimed_at=datetime.now(UTC)))
    presenter.apply(sample_screen())
    app.processEvents()
    # As a tap does, without a hub to send the mark to.
    window.mirror.screen.set_highlight("contact.email")
    yield "mirror"
    presenter.apply(sample_services())
    yield "mirror-services"
    # An older kiosk says which page it is on, not what is on it.
    presenter.apply(
        ScreenUpdate(v=1, help_id=HELP_WAITING, sequence=3, screen="services", state=None)
    )
    yield "mirror-no-form"
    window.show_page(Page.BOARD)
    window.board.fleet_button.click()
    yield "fleet"
    window.fleet.back_button.click()
    window.board.cards[3].more.click()
    yield "board-menu"
    window.board.menu.buttons[MaintenanceAction.RESTART_SESSION].click()
    yield "confirm"
    window.confirm.cancel_button.click()
    # The figures without a backend: the page as the greeter sees it once they came.
    window.show_page(Page.FIGURES)
    presenter.figures.show(sample_figures(), Period.MONTH, FIGURES_DAY)
    yield "figures"
    # How kiosk visits ended, booked appointments among them.
    window.figures.scroll_area.ensureWidgetVisible(window.figures.charts["visits"], 0, 0)
    yield "figures-visits"
    window.figures.scroll_area.verticalScrollBar().setValue(
        window.figures.scroll_area.verticalScrollBar().maximum()
    )
    yield "figures-charts"
    window.figures.scroll_area.verticalScrollBar().setValue(0)
    window.figures.show_failed(FAILED)
    yield "figures-failed"
    window.figures.back_button.click()
    yield from visit_lookup_and_assist(window)
    yield from _mirror_again(window, app)


def _mirror_again(window: DeskWindow, app: QApplication) -> Iterator[str]:
    """The mirror again: the greeter may type in the marked box, as the customer allowed;
    then the customer booking an appointment; then Alex passes the help at Kiosk 2 to this
    greeter, who is alerted as for new help."""
    presenter = window.presenter
    presenter.apply(sample_screen(sequence=4))
    window.show_page(Page.MIRROR)
    window.mirror.fill.choose(window.mirror.screen.state, "contact.email")
    window.mirror.fill.show_consent(Consent.ALLOWED)
    # The wrapped words settle over a few turns of the loop before the panel is in view.
    for _ in range(3):
        app.processEvents()
    window.mirror.tools_scroll.ensureWidgetVisible(window.mirror.fill)
    yield "mirror-type-for-them"
    presenter.apply(sample_booking(sequence=5))
    # Its rows are made anew and grow over a few turns of the loop, as on the kiosk.
    for _ in range(3):
        app.processEvents()
    yield "mirror-booking"
    presenter.apply(HelpReleased(help_id=HELP_WAITING))
    presenter.apply(HelpClaimed(help_id=HELP_CLAIMED, staff=SAM, claimed_at=datetime.now(UTC)))
    presenter.apply(sample_screen(HELP_CLAIMED, sequence=1))
    for _ in range(3):
        app.processEvents()
    yield "mirror-passed-to-you"
