"""The desk against the real backend: a greeter serves a customer at the desk (a whole
journey on the kiosk's own widgets, by touch and typing), the case is recorded face to
face and assisted by them; then they find it by the customer's name, open it and add a
note, which shows in its history."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.screenshots import sample_answer
from shared.flow.steps import StepKind
from shared.ui.fields import ChoiceField, DateField
from staffdesk.window import DeskWindow, Page
from tests.conftest import Backend
from tests.shared.ui.drag import finger_tap
from tests.staffdesk.conftest import sign_in

NAMES = {"contact.first_name": "Ceri", "contact.last_name": "Jones"}


def answer_screen(qtbot: QtBot, desk: DeskWindow) -> None:
    """Answer the desk's journey screen by touch and typing, as the greeter would."""
    flow = desk.presenter.assist.flow
    assert flow is not None
    view = desk.assist.journey
    for spec in flow.step.fields:
        widget = view.field(spec.id)
        value = NAMES.get(spec.id, sample_answer(spec))
        if widget is None or value is None or not widget.isVisible():
            continue
        if isinstance(widget, DateField):
            continue
        if isinstance(widget, ChoiceField):
            for key in value if isinstance(value, tuple) else (value,):
                finger_tap(qtbot, widget.option_button(key))
            continue
        control = widget.control()
        assert isinstance(control, QLineEdit | QPlainTextEdit)
        control.setFocus()
        qtbot.keyClicks(control, str(value))


def test_a_journey_served_at_the_desk_is_recorded_assisted_and_found_again(
    backend: Backend, make_desk: Any, qtbot: QtBot
) -> None:
    desk = make_desk(backend.url)
    sign_in(qtbot, desk, "sam")
    finger_tap(qtbot, desk.assist_button)
    assert desk.current_page() is Page.ASSIST
    services = desk.assist.services
    qtbot.waitUntil(
        lambda: services.findChild(QWidget, "group:Complaints and feedback") is not None,
        timeout=10_000,
    )
    finger_tap(qtbot, services.findChild(QWidget, "group:Complaints and feedback"))
    finger_tap(qtbot, services.findChild(QWidget, "service:feedback"))

    recorded: list[str] = []
    desk.presenter.assist.recorded.connect(recorded.append)
    journey = desk.assist.journey
    for _ in range(10):
        flow = desk.presenter.assist.flow
        assert flow is not None
        if flow.step.kind is StepKind.CONFIRMATION:
            break
        if flow.step.kind.asks:
            answer_screen(qtbot, desk)
        finger_tap(qtbot, journey.primary_button)
        if flow.step.kind is StepKind.CHECK:
            qtbot.waitUntil(lambda: bool(recorded), timeout=10_000)
    assert recorded, desk.assist.status.text()
    reference = recorded[0]
    assert "assisted by you" in desk.assist.status.text()
    assert journey.reference_label.text()

    case = backend.http.get(f"{backend.api}/cases/{reference}", headers=backend.login("jo"))
    assert (case.json()["channel"], case.json()["assisted_by"]) == ("face_to_face", "Sam")
    assert case.json()["location_code"] == "shop"

    # Found again by the customer's name, opened, and a note added to its history.
    finger_tap(qtbot, desk.assist.back_button)
    finger_tap(qtbot, desk.lookup_button)
    assert desk.current_page() is Page.LOOKUP
    lookup = desk.lookup
    lookup.query.setText("ceri jones")
    finger_tap(qtbot, lookup.search_button)
    qtbot.waitUntil(lambda: reference in lookup.hit_buttons, timeout=10_000)
    assert lookup.status.text() == "1 case found by name."
    hit = lookup.hit_buttons[reference].text()
    assert "Ceri Jones" in hit
    assert "(assisted)" in hit
    finger_tap(qtbot, lookup.hit_buttons[reference])
    qtbot.waitUntil(lambda: lookup.shown_reference == reference, timeout=10_000)
    assert "assisted by Sam" in lookup.facts.text()
    lookup.note.setPlainText("Will bring the form back on Monday")
    finger_tap(qtbot, lookup.add_note_button)
    qtbot.waitUntil(lambda: "Note by Sam: Will bring the form back" in lookup.history.text())
    assert lookup.status.text() == "The note is added."

    # Signing out forgets the search and the case.
    finger_tap(qtbot, desk.sign_out_button)
    assert lookup.hit_buttons == {}
    assert lookup.shown_reference is None
    assert desk.presenter.assist.flow is None
