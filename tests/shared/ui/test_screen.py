"""ScreenView draws a ScreenState: every step of every demo service, answers in and out,
errors, Change links, the reference and its QR code, and the read-only mirror."""

from __future__ import annotations

import pytest
import qrcode
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QLineEdit, QPlainTextEdit, QRadioButton

from kiosk.screenshots import answered_step
from shared.flow import MASK, FieldKind, Flow, StepKind
from shared.references import CaseReference
from shared.ui.fields import ChoiceField, DateField, LineField, NumberField, TextAreaField
from shared.ui.screen import ScreenView
from tests.shared.ui.conftest import NOW

WIDGETS = {
    FieldKind.SINGLEVALUELIST: ChoiceField,
    FieldKind.MULTIVALUELIST: ChoiceField,
    FieldKind.DATETIME: DateField,
    FieldKind.NUMBER: NumberField,
    FieldKind.TEXT: TextAreaField,
    FieldKind.ADDRESS: TextAreaField,
    FieldKind.STRING: LineField,
    FieldKind.POSTCODE: LineField,
    FieldKind.EMAIL: LineField,
    FieldKind.PHONE: LineField,
    FieldKind.NAME: LineField,
    FieldKind.UPRN: LineField,
}


@pytest.fixture
def view(qtbot, styled):
    widget = ScreenView()
    widget.tracking_url = "https://council.example/track/"
    widget.resize(1280, 800)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def walk(flow: Flow):
    """Every screen of a journey, answered as a customer would."""
    sequence = 0
    while not flow.finished:
        sequence += 1
        yield flow, sequence
        if flow.step.kind is StepKind.CHECK:
            flow = flow.submitted(CaseReference.issue("K2A", sequence).display, now=NOW)
            continue
        flow = answered_step(flow).next(NOW)
        assert not flow.errors, flow.errors


def test_every_step_of_every_demo_service_draws_its_fields(view, catalogue):
    for service in catalogue.services:
        view.clear()
        for flow, sequence in walk(Flow.start(service, now=NOW)):
            state = flow.screen_state(sequence)
            view.show_state(state, flow.unmasked_values())
            assert view.title_label.text() == state.title
            assert [f.field_id for f in view.fields()] == [f.id for f in state.fields]
            for field in view.fields():
                assert isinstance(field, WIDGETS[field.kind]), (service.code, field.field_id)
            # Back goes to the step before, or from the first one to the services.
            assert view.back_button.isVisible() == (state.can_go_back or state.can_leave)


def test_typing_reports_the_raw_answer_and_a_newer_state_keeps_the_cursor(view, qtbot, catalogue):
    flow = Flow.start(catalogue.service("pothole"), now=NOW)
    view.show_state(flow.screen_state(1))
    field = view.field("place.postcode")
    edit = field.control()
    assert isinstance(edit, QLineEdit)
    assert edit.property("keyboard") == "postcode"
    edit.setFocus()
    answers = []
    view.answer_changed.connect(lambda f, v: answers.append((f, v)))
    qtbot.keyClicks(edit, "ng1")
    assert answers[-1] == ("place.postcode", "ng1")
    # The engine's answer comes back as a newer state of the same step: nothing rebuilt.
    flow = flow.answer("place.postcode", "ng1")
    view.show_state(flow.screen_state(2))
    assert view.field("place.postcode") is field
    assert edit.hasFocus()
    assert edit.cursorPosition() == 3
    assert len(answers) == 3


def test_errors_show_beside_the_field_and_in_a_summary_that_leads_there(view, qtbot, catalogue):
    flow = Flow.start(catalogue.service("pothole"), now=NOW).next(NOW)
    view.show_state(flow.screen_state(1))
    address = view.field("place.address")
    assert address.error_text() == "Please type the address, or the nearest address."
    assert view.error_summary.isVisible()
    links = [b for b in view.error_summary.findChildren(type(view.back_button)) if b.isVisible()]
    view.field("place.postcode").control().setFocus()
    qtbot.mouseClick(links[0], Qt.MouseButton.LeftButton)
    assert address.control().hasFocus()
    # Answering clears the error.
    flow = flow.answer("place.address", "1 High Street")
    view.show_state(flow.screen_state(2))
    assert address.error_text() == ""
    assert not view.error_summary.isVisible()


def test_choices_are_big_buttons_that_report_option_keys(view, qtbot, catalogue):
    flow = Flow.start(catalogue.service("flytipping"), now=NOW)
    flow = answered_step(flow).next(NOW)  # the place
    view.show_state(flow.screen_state(1))
    what = view.field("what")
    assert isinstance(what, ChoiceField)
    assert what.multiple
    answers = []
    view.answer_changed.connect(lambda f, v: answers.append(v))
    first, second = list(what._buttons.values())[:2]
    assert isinstance(first, QCheckBox)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
    assert answers[-1] == (first.property("optionKey"), second.property("optionKey"))
    assert first.height() >= 44


def test_check_rows_have_change_links_to_their_step(view, qtbot, catalogue):
    flow = Flow.start(catalogue.service("missed_bin"), now=NOW)
    while flow.step.kind is not StepKind.CHECK:
        flow = answered_step(flow).next(NOW)
    view.show_state(flow.screen_state(1), flow.unmasked_values())
    with qtbot.waitSignal(view.change_requested) as changed:
        qtbot.mouseClick(view.change_button("bin"), Qt.MouseButton.LeftButton)
    assert changed.args == ["q:bin"]
    with qtbot.waitSignal(view.submit_requested):
        qtbot.mouseClick(view.primary_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("language", "start_date"),
    [("en", "2 November 2026"), ("pl", "2 listopada 2026"), ("ar", "2 نوفمبر 2026")],
)
def test_check_answers_words_dates_in_the_customers_language(view, catalogue, language, start_date):
    """Not 02/11/2026 in every language: the date as the customer's language writes it."""
    flow = Flow.start(catalogue.service("parking_permit"), language, now=NOW)
    while flow.step.kind is not StepKind.CHECK:
        flow = answered_step(flow).next(NOW)
    view.show_state(flow.screen_state(1), flow.unmasked_values())
    assert view.findChild(QLabel, "checkValue:start_date").text() == start_date
    assert view.findChild(QLabel, "checkValue:permits_needed").text() == "1"


def test_the_confirmation_shows_the_reference_and_a_qr_code_to_track_it(view, catalogue):
    flow = Flow.start(catalogue.service("missed_bin"), now=NOW)
    while flow.step.kind is not StepKind.CHECK:
        flow = answered_step(flow).next(NOW)
    reference = CaseReference.issue("K2A", 17)
    flow = flow.submitted(reference.display, now=NOW)
    view.show_state(flow.screen_state(1))
    assert view.reference_label.text() == reference.display
    expected = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    expected.add_data(f"https://council.example/track/{reference.compact}")
    expected.make(fit=True)
    assert view.qr_code.matrix() == expected.get_matrix()
    assert view.qr_code.text == f"https://council.example/track/{reference.compact}"


def test_the_qr_code_carries_the_cases_tracking_token(view, catalogue):
    flow = Flow.start(catalogue.service("missed_bin"), now=NOW)
    while flow.step.kind is not StepKind.CHECK:
        flow = answered_step(flow).next(NOW)
    reference = CaseReference.issue("K2A", 18)
    view.tracking_token = "q0hBD0C4-Wl_n6Jk9rTzEw"
    view.show_state(flow.submitted(reference.display, now=NOW).screen_state(1))
    link = f"https://council.example/track/{reference.compact}?t=q0hBD0C4-Wl_n6Jk9rTzEw"
    assert view.qr_code.text == link


@pytest.mark.parametrize(
    ("language", "heading", "reply"),
    [
        ("en", "What happens next", "We will reply within 2 working days."),
        ("pl", "Co dalej", "Odpowiemy w ciągu 2 dni roboczych."),
        ("ar", "ماذا سيحدث بعد ذلك", "سنرد عليك خلال 2 من أيام العمل."),
    ],
)
def test_the_confirmation_follows_the_gov_uk_pattern(view, catalogue, language, heading, reply):
    flow = Flow.start(catalogue.service("missed_bin"), language, now=NOW)
    while flow.step.kind is not StepKind.CHECK:
        flow = answered_step(flow).next(NOW)
    reference = CaseReference.issue("K2A", 17)
    view.show_state(flow.submitted(reference.display, now=NOW).screen_state(1))
    panel = view.findChild(QFrame, "confirmationPanel")
    assert panel is not None
    # The title and the reference sit in the panel; what happens next follows it.
    assert panel.isAncestorOf(view.title_label)
    assert panel.isAncestorOf(view.reference_label)
    assert view.findChild(QLabel, "nextTitle").text() == heading
    assert view.reply_label.text() == reply
    assert not panel.isAncestorOf(view.qr_code)


def test_one_working_day_is_said_in_the_singular(view, catalogue):
    flow = Flow.start(catalogue.service("streetlight"), now=NOW)
    while flow.step.kind is not StepKind.CHECK:
        flow = answered_step(flow)
        if flow.step.field("fault") is not None:
            flow = flow.answer("fault", "door_open_wires")
        flow = flow.next(NOW)
    view.show_state(flow.submitted(CaseReference.issue("K2A", 18).display, now=NOW).screen_state(1))
    assert view.reply_label.text() == "We will reply within 1 working day."


def test_the_mirror_shows_masks_and_cannot_be_typed_in(qtbot, styled, catalogue):
    flow = Flow.start(catalogue.service("parking_permit"), now=NOW)
    flow = flow.answer("vehicle_registration", "AB12 CDE")
    mirror = ScreenView(read_only=True)
    qtbot.addWidget(mirror)
    mirror.resize(1280, 800)
    mirror.show()
    qtbot.waitExposed(mirror)
    mirror.show_state(flow.screen_state(1))
    field = mirror.field("vehicle_registration")
    assert field is not None
    edit = field.control()
    assert isinstance(edit, QLineEdit)
    assert edit.text() == MASK
    assert edit.isReadOnly()
    answers = []
    mirror.answer_changed.connect(lambda *a: answers.append(a))
    with qtbot.waitSignal(mirror.field_tapped) as tapped:
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert tapped.args == ["vehicle_registration"]
    qtbot.keyClicks(edit, "x")
    assert answers == []
    assert edit.text() == MASK


def test_the_kiosk_shows_the_customers_own_sensitive_answer(view, catalogue):
    flow = Flow.start(catalogue.service("parking_permit"), now=NOW)
    flow = flow.answer("vehicle_registration", "AB12 CDE")
    view.show_state(flow.screen_state(1), flow.unmasked_values())
    assert view.field("vehicle_registration").control().text() == "AB12 CDE"


def test_an_older_state_is_ignored_and_a_highlight_marks_one_field(view, catalogue):
    flow = Flow.start(catalogue.service("complaint"), now=NOW)
    view.show_state(flow.screen_state(5))
    view.show_state(flow.start_again(now=NOW).answer("about", "service").screen_state(4))
    assert view.state.sequence == 5
    view.set_highlight("about")
    assert view.field("about").property("highlighted") is True
    view.set_highlight(None)
    assert view.field("about").property("highlighted") is False


def test_right_to_left_languages_draw_right_to_left(view, catalogue):
    flow = answered_step(Flow.start(catalogue.service("missed_bin"), "ar", now=NOW)).next(NOW)
    view.show_state(flow.screen_state(1))
    assert view.layoutDirection() is Qt.LayoutDirection.RightToLeft
    choice = view.field("bin").option_button(view.field("bin").state.options[0].key)
    assert isinstance(choice, QRadioButton)


def test_text_areas_report_what_is_typed(view, qtbot, catalogue):
    flow = Flow.start(catalogue.service("complaint"), now=NOW)
    while flow.step.id != "q:what_happened":
        flow = answered_step(flow).next(NOW)
    view.show_state(flow.screen_state(1))
    edit = view.field("what_happened").control()
    assert isinstance(edit, QPlainTextEdit)
    answers = []
    view.answer_changed.connect(lambda f, v: answers.append((f, v)))
    edit.setFocus()
    qtbot.keyClicks(edit, "Rude")
    assert answers[-1] == ("what_happened", "Rude")


def test_number_steppers_and_date_steppers_give_answers(view, qtbot, catalogue):
    flow = Flow.start(catalogue.service("parking_permit"), now=NOW)
    while flow.step.id != "q:permits_needed":
        flow = answered_step(flow).next(NOW)
    view.show_state(flow.screen_state(1))
    answers = []
    view.answer_changed.connect(lambda f, v: answers.append((f, v)))
    number = view.field("permits_needed")
    qtbot.mouseClick(number._more, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(number._more, Qt.MouseButton.LeftButton)
    assert answers[-1][1] == str(int((number.state.min_value or 0) + 1))
    flow = answered_step(flow).next(NOW)
    view.show_state(flow.screen_state(2))
    date_field = view.field("start_date")
    assert isinstance(date_field, DateField)
    # Shown to a customer, the date answers itself with today, then steps.
    qtbot.waitUntil(lambda: any(f == "start_date" for f, _ in answers))
    later = date_field.findChild(type(view.back_button), "date:day:later")
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    first, last = [v for f, v in answers if f == "start_date"][:1][0], answers[-1][1]
    assert first != last
    assert flow.answer("start_date", last).next(NOW).errors == ()
