"""ScreenState: complete enough to draw, in the customer's language, never holding a secret."""

from __future__ import annotations

import dataclasses
import json
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from shared.flow import MASK, Accessibility, Flow, ScreenState, StepKind
from shared.flow.screen_state import SCHEMA_VERSION
from shared.references import CaseReference
from shared.schema import SchemaError, convert, decode, encode
from tests.shared.flow.helpers import NOW, demo_catalogue, good_answers, service_of, walk_to

REFERENCE = CaseReference.issue("K7M", 42)


def appearances(value: str, state: ScreenState) -> bool:
    """Whether ``value`` shows anywhere in the state's JSON, raw or JSON-escaped."""
    text = encode(state).decode()
    return value in text or json.dumps(value)[1:-1] in text


# Drawing without the catalogue ------------------------------------------------------------


def test_a_question_screen_has_its_words_options_and_position(pothole):
    flow = walk_to(Flow.start(pothole), StepKind.QUESTION)
    state = flow.answer("size", "plate_to_tyre").screen_state(3)
    assert state.v == SCHEMA_VERSION == 1
    assert state.sequence == 3
    assert (state.service_code, state.service_name) == ("pothole", "Report a pothole")
    assert (state.step_id, state.step_kind) == ("q:size", StepKind.QUESTION)
    assert (state.step_number, state.step_count) == (2, 7)
    assert state.title == "How big is the pothole?"
    assert state.can_go_back
    (size,) = state.fields
    assert size.label == "How big is the pothole?"
    assert size.hint == "Choose the closest size. A guess is fine."
    assert size.required
    first = size.options[0]
    assert (first.key, first.label) == ("smaller_than_plate", "Smaller than a dinner plate")
    assert size.value == "plate_to_tyre"
    assert not size.masked
    assert state.focus == "size"


def test_a_number_question_carries_its_limits(pothole):
    flow = walk_to(Flow.start(pothole), StepKind.QUESTION).answer("size", "plate_to_tyre")
    (depth,) = flow.next(NOW).screen_state(0).fields
    assert (depth.kind, depth.min_value, depth.max_value) == ("number", 0, 100)


def test_errors_are_in_the_state_beside_their_fields(pothole):
    state = Flow.start(pothole).answer("place.postcode", "nonsense").next(NOW).screen_state(1)
    assert {(e.field, e.id) for e in state.errors} == {
        ("place.postcode", "place.postcode.invalid"),
        ("place.address", "place.address.required"),
    }
    assert state.focus == "place.postcode"


def test_the_check_screen_lists_each_answer_in_words_with_its_change_link(pothole):
    state = walk_to(Flow.start(pothole), StepKind.CHECK).screen_state(9)
    rows = {row.field: row for row in state.check_rows}
    assert rows["size"].value == "Bigger than a car tyre"
    assert rows["size"].change_step == "q:size"
    assert rows["depth"].value == "1"
    assert rows["place.postcode"].value == "NG5 2AB"
    assert rows["place.postcode"].change_step == "place"
    assert "place.uprn" not in rows
    assert rows["contact.notify_by"].value == "By text message, By email"
    name = rows["contact.first_name"]
    assert (name.label, name.value, name.masked) == ("Name", MASK, True)
    assert "contact.last_name" not in rows
    assert state.fields == ()


def test_unanswered_rows_say_so(pothole):
    answers = good_answers(pothole) | {
        "depth": "",
        "contact.email": "",
        "contact.notify_by": ["sms"],
    }
    state = walk_to(Flow.start(pothole), StepKind.CHECK, answers).screen_state(0)
    rows = {row.field: row for row in state.check_rows}
    assert (rows["depth"].value, rows["depth"].answered) == ("Not answered", False)
    assert rows["contact.email"].value == "Not answered"


def test_dates_and_many_choices_read_plainly(catalogue):
    service = service_of(catalogue, "parking_permit")
    state = walk_to(Flow.start(service), StepKind.CHECK).screen_state(0)
    rows = {row.field: row.value for row in state.check_rows}
    assert rows["start_date"] == "19/11/2026 09:00"
    assert rows["permits_needed"] == "2"
    # The values too, for a screen to word in the customer's language.
    typed = {row.field: row for row in state.check_rows}
    assert typed["start_date"].moment is not None
    assert typed["start_date"].moment.isoformat().startswith("2026-11-19T09:00")
    assert not typed["start_date"].whole_day
    assert typed["permits_needed"].number == 2
    assert (typed["contact.email"].moment, typed["contact.email"].number) == (None, None)


def test_the_confirmation_screen_shows_the_reference(pothole):
    check = walk_to(Flow.start(pothole), StepKind.CHECK)
    state = check.submitted(REFERENCE.display, offline=True).screen_state(10)
    assert state.step_kind is StepKind.CONFIRMATION
    assert state.reference == REFERENCE.display
    assert state.offline
    assert state.body is not None
    assert "offline" in state.body
    assert state.step_number is None


def test_the_state_round_trips_through_json_and_refuses_what_it_does_not_know(pothole):
    state = walk_to(Flow.start(pothole, "ar"), StepKind.CHECK).screen_state(5)
    assert decode(ScreenState, encode(state)) == state
    raw = json.loads(encode(state))
    with pytest.raises(SchemaError):
        convert(ScreenState, raw | {"v": 2})
    # The hub reads a shared state with pydantic, which refuses a field it does not know;
    # a kiosk or desk asked to read only what it knows refuses it too.
    edge = TypeAdapter(ScreenState)
    assert edge.validate_python(raw) == state
    with pytest.raises(ValidationError):
        edge.validate_python(raw | {"v": 2})
    with pytest.raises(ValidationError, match="answers"):
        edge.validate_python(raw | {"answers": {}})
    with pytest.raises(SchemaError, match="answers"):
        convert(ScreenState, raw | {"answers": {}}, known_only=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.sequence = 6  # type: ignore[misc]


def test_accessibility_and_focus_travel_with_the_state(pothole):
    flow = Flow.start(pothole, accessibility=Accessibility(large_text=True))
    state = flow.set_accessibility(speech=True).focus("place.address").screen_state(0)
    assert state.accessibility == Accessibility(large_text=True, speech=True)
    assert state.focus == "place.address"


# Languages --------------------------------------------------------------------------------


def test_arabic_is_right_to_left_with_arabic_words(pothole):
    flow = walk_to(Flow.start(pothole, "ar"), StepKind.QUESTION)
    state = flow.screen_state(0)
    arabic = pothole.translations["ar"]
    size = pothole.attribute("size")
    assert size is not None
    assert state.language == "ar"
    assert state.direction == "rtl"
    assert state.service_name == arabic.name
    assert state.title == size.translations["ar"].description
    assert state.fields[0].hint == size.translations["ar"].hint
    assert [o.label for o in state.fields[0].options] == [
        size.translations["ar"].values[v.key] for v in size.values
    ]


def test_a_regional_code_uses_its_languages_words(pothole):
    state = Flow.start(pothole, "ar-EG").screen_state(0)
    assert state.direction == "rtl"
    assert state.service_name == pothole.translations["ar"].name


def test_polish_is_left_to_right_and_switching_language_redraws_in_it(pothole):
    flow = walk_to(Flow.start(pothole), StepKind.QUESTION).answer("size", "plate_to_tyre")
    polish = flow.set_language("pl").screen_state(0)
    assert polish.direction == "ltr"
    assert polish.title == "Jak duża jest dziura?"
    assert polish.fields[0].value == "plate_to_tyre"
    polish_rows = walk_to(flow.set_language("pl"), StepKind.CHECK).screen_state(0).check_rows
    assert polish_rows[2].value == "Większa niż opona samochodowa"


def test_an_untranslated_language_falls_back_to_english(pothole):
    state = walk_to(Flow.start(pothole, "cy"), StepKind.QUESTION).screen_state(0)
    assert state.title == "How big is the pothole?"
    assert state.direction == "ltr"


# Sensitive answers never leave in a state ---------------------------------------------------

SENSITIVE_QUESTIONS = [
    ("parking_permit", "vehicle_registration"),
    ("change_of_address", "previous_address"),
    ("change_of_address", "new_address"),
    ("flytipping", "who_description"),
    ("complaint", "what_happened"),
]


def _at_field(catalogue, code: str, field_id: str) -> Flow:
    service = service_of(catalogue, code)
    answers = good_answers(service)
    flow = Flow.start(service)
    while flow.step.field(field_id) is None:
        for spec in flow.step.fields:
            if spec.id in answers:
                flow = flow.answer(spec.id, answers[spec.id])
        flow = flow.next(NOW)
    return flow


@pytest.mark.parametrize(("code", "field_id"), SENSITIVE_QUESTIONS)
def test_demo_sensitive_questions_are_masked(catalogue, code, field_id):
    flow = _at_field(catalogue, code, field_id).answer(field_id, "SECRET-42")
    state = flow.screen_state(0)
    (masked,) = [f for f in state.fields if f.id == field_id]
    assert (masked.value, masked.masked) == (MASK, True)
    assert flow.unmasked_values() == {field_id: "SECRET-42"}
    assert not appearances("SECRET-42", state)


SENSITIVE_FIELDS = [
    *SENSITIVE_QUESTIONS,
    ("pothole", "contact.first_name"),
    ("pothole", "contact.email"),
    ("parking_permit", "contact.phone"),
]


# Any text at all, fenced by markers no screen wording contains, so that finding it in a
# state can only mean the answer leaked (a bare "non" would match "None" in a label).
secrets = st.text(min_size=1, max_size=2500).map(lambda text: f"Qz7{text}7zQ")


@given(where=st.sampled_from(SENSITIVE_FIELDS), secret=secrets)
def test_any_sensitive_answer_is_absent_from_the_state_even_when_refused(where, secret):
    code, field_id = where
    flow = _at_field(demo_catalogue(), code, field_id)
    answered = flow.answer(field_id, secret)
    for state in (answered.screen_state(1), answered.next(NOW).screen_state(2)):
        assert not appearances(secret, state)


safe_text = st.text(alphabet=string.ascii_letters + string.digits, min_size=4, max_size=8)


@given(
    registration=safe_text,
    first=st.text(alphabet=st.characters(categories=["L"]), min_size=4, max_size=30),
    last=st.text(alphabet=st.characters(categories=["L"]), min_size=4, max_size=30),
    mailbox=st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=20),
    digits=st.text(alphabet=string.digits, min_size=9, max_size=9),
)
def test_sensitive_answers_are_absent_from_the_check_screen(
    registration, first, last, mailbox, digits
):
    service = service_of(demo_catalogue(), "parking_permit")
    secrets = {
        "vehicle_registration": registration,
        "contact.first_name": first,
        "contact.last_name": last,
        "contact.email": f"{mailbox}@example.com",
        "contact.phone": f"07{digits}",
    }
    baseline = walk_to(Flow.start(service), StepKind.CHECK).screen_state(0)
    assume(not any(appearances(v, baseline) for v in secrets.values()))
    check = walk_to(Flow.start(service), StepKind.CHECK, good_answers(service) | secrets)
    state = check.screen_state(0)
    for value in secrets.values():
        assert not appearances(value, state)
    # The kiosk can still show its customer what they typed.
    unmasked = check.unmasked_values()
    assert unmasked["vehicle_registration"] == registration
    assert unmasked["contact.first_name"] == f"{first} {last}"
    # And the submission has them all.
    case = check.to_case_create()
    assert case.answers["vehicle_registration"] == registration
    assert case.customer is not None
    assert case.customer.first_name == first
