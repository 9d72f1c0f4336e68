"""The kiosk end to end: real widgets offscreen, a real backend on loopback, a real outbox.

Every demo journey is driven by touches, from the welcome screen to the thank-you screen,
and the case it made is read back from the backend. Also: offline submission then sync,
the privacy wipe, tracking a case, each visit and its rating as the backend stored them,
and the accessibility of every screen in every mode.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from casebackend.app import build_context, create_app
from casebackend.db.engine import unit_of_work
from casebackend.demo import seed_demo
from casebackend.identity import service as identity_service
from kiosk.app import Kiosk
from kiosk.device import enrol, open_outbox
from kiosk.screenshots import sample_answer, visit_all
from kiosk.settings import KioskSettings
from kiosk.sync.background import BackgroundSync
from kiosk.window import Page
from shared.catalogue.schemas import Catalogue, Tier
from shared.client import BackendClient
from shared.flow import StepKind
from shared.resources import asset_path
from shared.schema import replace
from shared.ui import theme
from shared.ui.audit import audit
from shared.ui.fields import ChoiceField, DateField, FieldWidget
from shared.ui.pages.services import kiosk_services
from tests.conftest import LiveServer, make_settings
from tests.shared.ui.drag import finger_tap

DEMO = Catalogue.load(asset_path("catalogue", "demo.json"))
# The journeys (a tier-3 tile books an appointment instead: tests/test_book_end_to_end.py).
KIOSK_SERVICES = [s.code for s in kiosk_services(DEMO) if s.tier < Tier.APPOINTMENT]


@dataclass
class Running:
    kiosk: Kiosk
    sync: BackgroundSync
    url: str
    staff: dict[str, str]
    client: BackendClient
    context: Any


@pytest.fixture
def kiosk_settings(tmp_path: Path) -> KioskSettings:
    return KioskSettings(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        locked=False,
        sync_seconds=0.2,
        heartbeat_seconds=60,
        idle_seconds=600,
        speech_engine="mock",
        screen_dpi=96,
    )


@pytest.fixture
def backend_app(tmp_path: Path):
    settings = make_settings(f"sqlite:///{tmp_path / 'backend.sqlite3'}")
    context = build_context(settings)
    with unit_of_work(context.sessions) as session:
        seed_demo(session)
    context.reload()
    return create_app(settings, context), context


def enrolment_code(context) -> str:
    from datetime import timedelta

    with unit_of_work(context.sessions) as session:
        code, _ = identity_service.create_enrolment_code(session, "shop", timedelta(hours=1))
    return code


# Every kiosk a test starts, wiped when it ends: the privacy wipe puts the language back,
# so the next test's screens (a crash screen, say) are not in this customer's language.
_KIOSKS: list[Kiosk] = []


@pytest.fixture(autouse=True)
def _wipe_kiosks(qtbot) -> Iterator[None]:
    yield
    while _KIOSKS:
        _KIOSKS.pop().wipe("test over")


def start_kiosk(qtbot, settings: KioskSettings, url: str, context) -> tuple[Kiosk, BackgroundSync]:
    identity = enrol(settings, enrolment_code(context), url, "k1")
    outbox = open_outbox(settings, identity)
    client = BackendClient(identity.backend_url, token=identity.token, retries=0)
    kiosk = Kiosk(
        settings,
        DEMO,
        outbox,
        client=client,
        tracking_url=identity.tracking_url,
        dpi=96,
    )
    kiosk._thanks_timer.setInterval(10)
    _KIOSKS.append(kiosk)
    window = kiosk.window
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    sync = BackgroundSync(settings, identity, outbox, kiosk.vitals)
    sync.online_changed.connect(kiosk.set_online)
    kiosk.journey.submitted.connect(lambda _ref: sync.sync_now())
    kiosk.visit_ended.connect(lambda _visit_id: sync.sync_now())
    sync.start()
    return kiosk, sync


@pytest.fixture
def running(qtbot, kiosk_settings, backend_app) -> Iterator[Running]:
    app, context = backend_app
    with LiveServer(app) as server:
        kiosk, sync = start_kiosk(qtbot, kiosk_settings, server.url, context)
        import requests

        staff = requests.post(
            f"{server.url}/api/v1/staff/login",
            json={"username": "jo", "password": "firststop-demo"},
            timeout=10,
        ).json()["token"]
        client = BackendClient(server.url, token=staff)
        try:
            yield Running(
                kiosk, sync, server.url, {"Authorization": f"Bearer {staff}"}, client, context
            )
        finally:
            sync.stop()
            kiosk.background.close()
            client.close()


def outbox_depth(kiosk: Kiosk) -> int:
    outbox = kiosk.journey._outbox
    assert outbox is not None
    return outbox.depth()


def stored_visits(context) -> list[tuple[Any, Any]]:
    """Every visit the backend stored, oldest first, each with its rating (or None)."""
    from sqlalchemy import select

    from casebackend.visits.models import SatisfactionResponse, Visit

    with unit_of_work(context.sessions) as session:
        visits = session.scalars(select(Visit).order_by(Visit.started_at)).all()
        rated = {r.visit_id: r for r in session.scalars(select(SatisfactionResponse)).all()}
        session.expunge_all()
    return [(v, rated.get(v.id)) for v in visits]


def visits_arrived(qtbot, running: Running, count: int) -> list[tuple[Any, Any]]:
    """Wait until the kiosk's outbox is empty and the backend has ``count`` visits."""
    qtbot.waitUntil(
        lambda: outbox_depth(running.kiosk) == 0 and len(stored_visits(running.context)) == count,
        timeout=10000,
    )
    return stored_visits(running.context)


def click(qtbot, widget: QWidget | None) -> None:
    """A finger's tap: scrolled into view first, pressed where nothing covers it (the
    keyboard's Hide tapped first when Back and Continue stepped aside for it)."""
    assert widget is not None, "no such control on the screen"
    finger_tap(qtbot, widget)


def choose_service(qtbot, window, code: str) -> None:
    """Tap a service on the services page: its own tile, or its group's and then it."""
    services = window.services
    tile = services.scroll_area.widget().findChild(QWidget, f"service:{code}")
    if tile is None:
        service = DEMO.service(code)
        assert service is not None
        group = next(
            found
            for g in service.groups
            if (found := services.scroll_area.widget().findChild(QWidget, f"group:{g}"))
        )
        click(qtbot, group)
        tile = services.scroll_area.widget().findChild(QWidget, f"service:{code}")
    click(qtbot, tile)


def fill_screen(qtbot, kiosk: Kiosk) -> None:
    """Answer the current screen by touch and typing, as a customer would."""
    flow = kiosk.journey.flow
    assert flow is not None
    view = kiosk.window.journey_view
    for spec in flow.step.fields:
        widget: FieldWidget | None = view.field(spec.id)
        value = sample_answer(spec)
        if widget is None or value is None or not widget.isVisible():
            continue
        if isinstance(widget, DateField):
            continue  # shown to a customer, a date answers itself with today
        if isinstance(widget, ChoiceField):
            keys = value if isinstance(value, tuple) else (value,)
            for key in keys:
                click(qtbot, widget.option_button(key))
            continue
        control = widget.control()
        assert isinstance(control, QLineEdit | QPlainTextEdit)
        control.setFocus()
        qtbot.keyClicks(control, str(value))


def walk_journey(qtbot, kiosk: Kiosk, code: str, *, rate: bool = True) -> str | None:
    """From the welcome screen to the thank-you screen; answers the reference, if any.
    The feedback step is answered (Good, and a reason) unless ``rate`` is false."""
    return walk_journey_with_link(qtbot, kiosk, code, rate=rate)[0]


def walk_journey_with_link(
    qtbot, kiosk: Kiosk, code: str, *, rate: bool = True
) -> tuple[str | None, str | None]:
    """As walk_journey, and the tracking link the confirmation's QR code carried."""
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, code)
    reference = link = None
    for _ in range(30):
        flow = kiosk.journey.flow
        assert flow is not None
        kind = flow.step.kind
        if kind is StepKind.CONFIRMATION:
            reference = window.journey_view.reference_label.text()
            link = window.journey_view.qr_code.text
        elif kind.asks or (kind is StepKind.FEEDBACK and rate):
            fill_screen(qtbot, kiosk)
        before = flow.step_id
        click(qtbot, window.journey_view.primary_button)
        if kind is StepKind.FEEDBACK:
            break
        flow = kiosk.journey.flow
        assert flow is not None
        assert flow.step_id != before, (code, before, [e.text for e in flow.errors])
    qtbot.waitUntil(lambda: window.current_page() is Page.WELCOME)
    return reference, link


class _WindowsShown(QObject):
    """Every native window shown while it watches: a widget shown before it has a parent
    becomes one, flashing up and taking the focus (and the on-screen keyboard) from the
    kiosk's own window."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() is QEvent.Type.Show and isinstance(watched, QWindow):
            self.shown.append(watched.objectName())
        return False


def test_a_journey_never_opens_a_second_window(qtbot, running):
    watcher = _WindowsShown()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        # A report with a hint, a postcode and a multi-line address: labels shown and hidden.
        assert walk_journey(qtbot, running.kiosk, "pothole")
    finally:
        app.removeEventFilter(watcher)
    assert watcher.shown == []


@pytest.mark.parametrize("code", KIOSK_SERVICES)
def test_every_demo_journey_end_to_end(qtbot, running, code):
    reference = walk_journey(qtbot, running.kiosk, code)
    service = DEMO.service(code)
    assert service is not None
    if service.kind.value == "information":
        assert reference is None
        return
    assert reference
    qtbot.waitUntil(lambda: outbox_depth(running.kiosk) == 0, timeout=10000)
    case = running.client.get_case(reference)
    assert case.service_code == code
    assert case.channel.value == "kiosk"
    # The wipe left nothing behind.
    assert running.kiosk.journey.flow is None
    assert running.kiosk.window.journey_view.fields() == ()


def customer_text(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QLabel):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            found.append(widget.toPlainText())
    return found


def test_after_a_wipe_no_customer_text_remains_in_any_widget(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "complaint")
    fill_screen(qtbot, kiosk)  # the first question: a choice
    click(qtbot, window.journey_view.primary_button)
    fill_screen(qtbot, kiosk)
    click(qtbot, window.journey_view.primary_button)
    edit = window.journey_view.field("what_happened").control()
    edit.setFocus()
    qtbot.keyClicks(edit, "Zebedee was rude to me")
    assert any("Zebedee" in text for text in customer_text(window))
    with qtbot.waitSignal(kiosk.wiped):
        kiosk.wipe("idle")
    QApplication.processEvents()
    assert not any("Zebedee" in text for text in customer_text(window))
    assert kiosk.journey.flow is None
    assert window.current_page() is Page.WELCOME


def test_offline_submission_gets_a_reference_and_syncs_when_the_backend_returns(
    qtbot, kiosk_settings, backend_app
):
    app, context = backend_app
    server = LiveServer(app)
    port = server.port
    with server:
        kiosk, sync = start_kiosk(qtbot, kiosk_settings, server.url, context)
    try:
        qtbot.waitUntil(lambda: kiosk.journey.online is False, timeout=15000)
        reference, link = walk_journey_with_link(qtbot, kiosk, "missed_bin")
        assert reference
        assert link
        # The QR code's link carries the tracking token the kiosk made, offline.
        query = parse_qs(urlsplit(link).query)
        (token,) = query["t"]
        assert len(token) >= 22
        outbox = kiosk.journey._outbox
        assert outbox is not None
        # The case, and the visit that made it.
        assert (outbox.case_depth(), outbox.visit_depth()) == (1, 1)
        with LiveServer(app, port=port) as back:
            qtbot.waitUntil(lambda: outbox_depth(kiosk) == 0, timeout=20000)
            client = BackendClient(back.url)
            assert client.track(reference, token).service_code == "missed_bin"
            assert client.track(reference).service_code is None  # the reference alone
            client.close()
        assert kiosk.journey.tracking_token is None  # forgotten with the customer
        # Exactly one case: the reference is the idempotency anchor.
        with unit_of_work(context.sessions) as session:
            from sqlalchemy import func, select

            from casebackend.cases.models import Case

            count = session.scalar(select(func.count()).select_from(Case))
        assert count == 1
        # Its visit names the reference the kiosk issued offline.
        [(visit, rating)] = stored_visits(context)
        assert (visit.outcome, visit.case_reference) == ("submitted", reference.replace("-", ""))
        assert rating is not None
    finally:
        sync.stop()
        kiosk.background.close()


def test_tracking_a_case_and_a_mistyped_reference(qtbot, running):
    kiosk = running.kiosk
    reference = walk_journey(qtbot, kiosk, "pothole")
    assert reference is not None
    qtbot.waitUntil(lambda: outbox_depth(kiosk) == 0, timeout=10000)
    window = kiosk.window
    click(qtbot, window.welcome.track_button)
    track = window.track
    # Two characters swapped: caught on the kiosk by the check character.
    compact = reference.replace("-", "")
    i = next(i for i in range(8) if compact[i] != compact[i + 1])
    swapped = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :]
    track.reference_edit.setFocus()
    qtbot.keyClicks(track.reference_edit, swapped.lower())
    click(qtbot, track.check_button)
    assert "not quite right" in track.message.text()
    # A letter O where references only ever have a zero-like 2-9: named, in plain words.
    track.reference_edit.clear()
    qtbot.keyClicks(track.reference_edit, "O" + compact[1:])
    click(qtbot, track.check_button)
    assert "never use the character O" in track.message.text()
    track.reference_edit.clear()
    qtbot.keyClicks(track.reference_edit, compact.lower())
    click(qtbot, track.check_button)
    qtbot.waitUntil(lambda: track.case_status() is not None, timeout=10000)
    status = track.case_status()
    assert "Submitted" in status.text() or "Status" in status.text()
    # A typed reference shows status and dates only: not what the case is about.
    assert track.findChild(QLabel, "trackHeading").text() == reference
    assert not any("pothole" in text.lower() for text in customer_text(track))


def test_every_screen_in_every_mode_passes_the_accessibility_checks(qtbot, kiosk_settings):
    failures: list[str] = []
    screens = 0
    for kiosk, mode, language, name in visit_all(kiosk_settings, typing=False):
        large = kiosk.mode.accessibility.large_text
        needed = theme.required_cap_height_px(96.0, kiosk_settings.viewing_distance_mm)
        found = audit(kiosk.window, min_cap_height_px=needed if large else None)
        failures.extend(f"{mode}/{language}/{name}: {problem}" for problem in found)
        screens += 1
    assert screens > 600
    assert failures == []


def test_the_postcode_finds_addresses_and_choosing_one_answers_the_place(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "pothole")
    view = window.journey_view
    postcode = view.field("place.postcode").control()
    postcode.setFocus()
    qtbot.keyClicks(postcode, "ng1 2fx")
    click(qtbot, view.findChild(QWidget, "address:find"))
    qtbot.waitUntil(lambda: view.findChild(QWidget, "address:manual") is not None, timeout=10000)
    choices = [w for w in view.findChildren(QWidget) if w.property("choiceRole") == "address"]
    assert choices
    chosen = choices[0]
    uprn = chosen.objectName().split(":", 1)[1]
    click(qtbot, chosen)
    flow = kiosk.journey.flow
    assert flow is not None
    assert flow.answers["place.uprn"] == uprn
    assert flow.answers["place.address"] == chosen.text()
    assert view.field("place.address").control().toPlainText() == chosen.text()
    click(qtbot, view.primary_button)
    assert kiosk.journey.flow.step_id == "q:size"


def test_a_postcode_that_cannot_be_one_is_said_beside_the_field(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "pothole")
    view = window.journey_view
    postcode = view.field("place.postcode")
    assert postcode is not None
    postcode.control().setFocus()
    qtbot.keyClicks(postcode.control(), "hello")
    click(qtbot, view.findChild(QWidget, "address:find"))
    qtbot.waitUntil(lambda: "UK postcode" in postcode.error_text(), timeout=10000)


def test_an_unknown_postcode_leaves_the_customer_to_type_the_address(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "pothole")
    view = window.journey_view
    postcode = view.field("place.postcode").control()
    postcode.setFocus()
    qtbot.keyClicks(postcode, "ZZ9 9ZZ")
    click(qtbot, view.findChild(QWidget, "address:find"))
    qtbot.waitUntil(lambda: any("could not find" in t for t in customer_text(view)), timeout=10000)
    address = view.field("place.address").control()
    assert address.isVisible()
    address.setFocus()
    qtbot.keyClicks(address, "Behind the library")
    click(qtbot, view.primary_button)
    assert kiosk.journey.flow.step_id == "q:size"


def test_spoken_prompts_say_the_screen_its_errors_and_the_reference(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    click(qtbot, window.speech_button)
    assert kiosk.mode.accessibility.speech
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "missed_bin")
    assert "Where is it?" in kiosk.speaker.last_text
    click(qtbot, window.journey_view.primary_button)  # nothing typed: an error
    assert "Please type the address" in kiosk.speaker.last_text
    for _ in range(10):
        flow = kiosk.journey.flow
        assert flow is not None
        if flow.step.kind is StepKind.CHECK:
            break
        fill_screen(qtbot, kiosk)
        click(qtbot, window.journey_view.primary_button)
    click(qtbot, window.journey_view.primary_button)
    reference = window.journey_view.reference_label.text()
    assert " ".join(reference.replace("-", "")) in kiosk.speaker.last_text


def test_the_idle_timeout_wipes_through_the_real_wiring(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "feedback")
    fill_screen(qtbot, kiosk)
    assert kiosk.idle.armed
    with qtbot.waitSignal(kiosk.wiped) as wiped:
        kiosk.idle.timed_out.emit("journey")
    assert wiped.args == ["idle"]
    assert window.current_page() is Page.WELCOME
    assert not kiosk.idle.armed
    assert kiosk.vitals.snapshot().touch_age_s is not None


def test_a_submission_that_cannot_be_stored_says_so_and_keeps_the_answers(qtbot, kiosk_settings):
    # A kiosk whose outbox is not open yet (the first instant after start-up).
    kiosk = Kiosk(kiosk_settings, DEMO, None, client=None, dpi=96)
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    qtbot.waitExposed(kiosk.window)
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "feedback")
    for _ in range(10):
        flow = kiosk.journey.flow
        assert flow is not None
        if flow.step.kind is StepKind.CHECK:
            break
        fill_screen(qtbot, kiosk)
        click(qtbot, window.journey_view.primary_button)
    flow = kiosk.journey.flow
    assert flow is not None
    answers = dict(flow.answers)
    click(qtbot, window.journey_view.primary_button)
    message = window.journey_view.findChild(QLabel, "screenMessage")
    assert message is not None
    assert message.isVisible()
    assert "still starting" in message.text()
    after = kiosk.journey.flow
    assert after is not None
    assert after.step.kind is StepKind.CHECK
    assert dict(after.answers) == answers


def offline_kiosk(qtbot, kiosk_settings) -> Kiosk:
    """A kiosk with no backend and no outbox yet: enough for screens that send nothing."""
    kiosk = Kiosk(kiosk_settings, DEMO, None, client=None, dpi=96)
    kiosk._thanks_timer.setInterval(10)
    _KIOSKS.append(kiosk)
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    qtbot.waitExposed(kiosk.window)
    return kiosk


def test_finish_without_a_rating_ends_the_visit(qtbot, kiosk_settings):
    kiosk = offline_kiosk(qtbot, kiosk_settings)
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "bulky_waste_info")
    click(qtbot, window.journey_view.primary_button)  # past the information page
    assert kiosk.journey.flow is not None
    assert kiosk.journey.flow.step.kind is StepKind.FEEDBACK
    with qtbot.waitSignal(kiosk.wiped):
        click(qtbot, window.journey_view.primary_button)  # Finish, nothing chosen
    assert window.current_page() is Page.WELCOME


def test_start_again_asks_first_then_keeps_the_language_and_accessibility(qtbot, kiosk_settings):
    kiosk = offline_kiosk(qtbot, kiosk_settings)
    window = kiosk.window
    click(qtbot, window.large_text_button)
    kiosk._on_language_chosen("pl")
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "complaint")
    fill_screen(qtbot, kiosk)  # a choice: there is an answer to lose
    confirm = kiosk.start_again_confirm
    click(qtbot, window.start_again_button)
    assert confirm.isVisible()
    # No: nothing is lost.
    click(qtbot, confirm.keep_button)
    assert not confirm.isVisible()
    assert kiosk.journey.has_answers
    assert window.current_page() is Page.JOURNEY
    # Yes: the answers go; the customer's choices stay.
    click(qtbot, window.start_again_button)
    with qtbot.waitSignal(confirm.confirmed):
        click(qtbot, confirm.clear_button)
    assert kiosk.journey.flow is None
    assert window.journey_view.fields() == ()
    assert window.current_page() is Page.WELCOME
    kept = kiosk.mode
    assert kept.language == "pl"
    assert kept.accessibility.large_text
    assert window.large_text_button.isChecked()
    # The welcome screen in a customer's choices still counts idle time: the idle wipe
    # resets everything, language and accessibility too.
    assert kiosk.idle.armed
    with qtbot.waitSignal(kiosk.wiped):
        kiosk.idle.timed_out.emit("welcome")
    reset = kiosk.mode
    assert reset.language == "en"
    assert not reset.accessibility.large_text
    assert not kiosk.idle.armed


def test_start_again_with_nothing_answered_needs_no_question(qtbot, kiosk_settings):
    kiosk = offline_kiosk(qtbot, kiosk_settings)
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "complaint")
    click(qtbot, window.start_again_button)
    assert not kiosk.start_again_confirm.isVisible()
    assert window.current_page() is Page.WELCOME
    assert kiosk.journey.flow is None


def test_back_on_the_first_question_goes_to_the_services(qtbot, kiosk_settings):
    kiosk = offline_kiosk(qtbot, kiosk_settings)
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "complaint")
    back = window.journey_view.back_button
    assert back.isVisible()
    click(qtbot, back)
    assert window.current_page() is Page.SERVICES
    assert kiosk.journey.flow is None


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
@pytest.mark.parametrize("mode", ["standard", "large_text", "high_contrast"])
def test_the_start_again_question_passes_the_accessibility_audit(
    qtbot, kiosk_settings, language, mode
):
    kiosk = offline_kiosk(qtbot, kiosk_settings)
    accessibility = replace(
        kiosk.mode.accessibility,
        high_contrast=mode == "high_contrast",
        large_text=mode == "large_text",
    )
    kiosk.set_mode(kiosk.mode.__class__(language, accessibility))
    try:
        window = kiosk.window
        click(qtbot, window.welcome.start_button)
        choose_service(qtbot, window, "complaint")
        fill_screen(qtbot, kiosk)
        click(qtbot, window.start_again_button)
        assert kiosk.start_again_confirm.isVisible()
        needed = theme.required_cap_height_px(96.0, kiosk_settings.viewing_distance_mm)
        card = kiosk.start_again_confirm.card
        problems = audit(card, min_cap_height_px=needed if mode == "large_text" else None)
        assert problems == []
    finally:
        # The wipe takes the language's translator out of the application again.
        kiosk.wipe("test over")


# Visits -------------------------------------------------------------------------------------

REASON = "It has been like this for a week."  # what fill_screen types as the reason


def test_a_rated_journey_is_recorded_as_a_visit_with_its_case_and_rating(qtbot, running, caplog):
    caplog.set_level(logging.DEBUG)
    reference = walk_journey(qtbot, running.kiosk, "pothole")
    assert reference
    [(visit, rating)] = visits_arrived(qtbot, running, 1)
    assert visit.outcome == "submitted"
    assert visit.case_reference == reference.replace("-", "")
    assert (visit.service_code, visit.language) == ("pothole", "en")
    assert (visit.help_requested, visit.helped) == (False, False)
    assert visit.started_at < visit.ended_at
    assert rating is not None
    assert (rating.rating, rating.comment, rating.channel) == ("good", REASON, "kiosk")
    # The reason is the customer's own words: in no log line, and not kept by the kiosk.
    assert REASON not in caplog.text
    assert running.kiosk.visits.visit_id is None
    assert visit.id in caplog.text


def test_an_information_page_finished_without_a_rating_is_a_visit_without_one(qtbot, running):
    assert walk_journey(qtbot, running.kiosk, "bulky_waste_info", rate=False) is None
    [(visit, rating)] = visits_arrived(qtbot, running, 1)
    assert (visit.outcome, visit.service_code, visit.case_reference) == (
        "informed",
        "bulky_waste_info",
        None,
    )
    assert rating is None


def test_start_again_ends_the_visit_as_left(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "pothole")
    click(qtbot, window.journey_view.back_button)  # back to the services: the same visit
    choose_service(qtbot, window, "complaint")
    fill_screen(qtbot, kiosk)
    click(qtbot, window.start_again_button)
    click(qtbot, kiosk.start_again_confirm.clear_button)
    assert window.current_page() is Page.WELCOME
    [(visit, rating)] = visits_arrived(qtbot, running, 1)
    assert (visit.outcome, visit.service_code, rating) == ("left", "complaint", None)


def test_the_idle_wipe_ends_the_visit_as_timed_out(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    # A language chosen on the welcome screen, then the idle wipe: no visit at all.
    kiosk._on_language_chosen("pl")
    with qtbot.waitSignal(kiosk.wiped):
        kiosk.idle.timed_out.emit("welcome")
    click(qtbot, window.welcome.start_button)
    choose_service(qtbot, window, "feedback")
    fill_screen(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.visit_ended):
        kiosk.idle.timed_out.emit("journey")
    [(visit, rating)] = visits_arrived(qtbot, running, 1)
    assert (visit.outcome, visit.service_code, visit.language) == ("timed_out", "feedback", "en")
    assert rating is None


def test_checking_on_a_request_is_a_visit_of_its_own(qtbot, running):
    kiosk = running.kiosk
    window = kiosk.window
    reference = walk_journey(qtbot, kiosk, "missed_bin")
    assert reference
    visits_arrived(qtbot, running, 1)
    click(qtbot, window.welcome.track_button)
    track = window.track
    track.reference_edit.setFocus()
    qtbot.keyClicks(track.reference_edit, reference.replace("-", ""))
    click(qtbot, track.check_button)
    qtbot.waitUntil(lambda: track.case_status() is not None, timeout=10000)
    with qtbot.waitSignal(kiosk.visit_ended):
        click(qtbot, window.start_again_button)
    made, tracked = visits_arrived(qtbot, running, 2)
    assert made[0].outcome == "submitted"
    assert (tracked[0].outcome, tracked[0].service_code, tracked[0].case_reference) == (
        "tracked",
        None,
        None,
    )
    assert tracked[1] is None
