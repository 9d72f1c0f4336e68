"""The flow engine: moving through a service, refusing bad answers, Back, Change, submit."""

from __future__ import annotations

from datetime import datetime

import pytest

from shared.cases.schemas import CaseCreate, Channel
from shared.catalogue.answers import check_answers
from shared.catalogue.schemas import ServiceKind
from shared.errors import Conflict, InvalidInput, InvalidReference
from shared.flow import Accessibility, Flow, ScreenState, StepKind
from shared.references import CaseReference
from shared.schema import decode, encode
from tests.shared.flow.helpers import LATER, NOW, good_answers, service_of, walk_to

REFERENCE = CaseReference.issue("K7M", 1234)


def submitting(catalogue):
    return [s.code for s in catalogue.services if s.kind is not ServiceKind.INFORMATION]


# Journeys -------------------------------------------------------------------------------


def test_every_demo_service_reaches_check_and_builds_a_valid_submission(catalogue):
    for code in submitting(catalogue):
        service = service_of(catalogue, code)
        flow = walk_to(Flow.start(service, now=NOW), StepKind.CHECK)
        case = flow.to_case_create(Channel.KIOSK)
        assert case.service_code == code
        assert case.channel is Channel.KIOSK
        # The backend's own checks agree: the answers are already in canonical form.
        assert check_answers(service, case.answers) == case.answers
        assert set(case.answers) == {a.code for a in service.attributes}
        assert decode(CaseCreate, encode(case)) == case
        assert (case.place is not None) == service.location_required
        assert case.customer is not None
        assert case.customer.notify_by == ["sms", "email"]


def test_a_pothole_submission_holds_every_answer_in_its_clean_form(pothole):
    flow = walk_to(Flow.start(pothole, now=NOW), StepKind.CHECK)
    case = flow.to_case_create(reference=str(REFERENCE))
    assert case.answers == {
        "size": "bigger_than_tyre",
        "depth": 1.0,
        "in_road_or_pavement": "not_sure",
        "hazard_now": "no",
    }
    assert case.place is not None
    assert case.place.postcode == "NG5 2AB"
    assert case.place.address == "12 Mansfield Road, Nottingham"
    assert case.description == "By the bus stop, outside the bakery."
    assert case.customer is not None
    assert case.customer.phone == "07700900123"
    assert case.customer.last_name == "Lovelace"
    assert case.reference == str(REFERENCE)


def test_an_anonymous_report_has_no_customer(pothole):
    answers = {k: v for k, v in good_answers(pothole).items() if not k.startswith("contact.")}
    flow = walk_to(Flow.start(pothole, now=NOW), StepKind.CHECK, answers)
    assert flow.to_case_create().customer is None


def test_optional_questions_may_be_left_blank(pothole):
    answers = good_answers(pothole) | {"depth": "", "description.text": "   "}
    case = walk_to(Flow.start(pothole), StepKind.CHECK, answers).to_case_create()
    assert "depth" not in case.answers
    assert case.description == ""


def test_the_first_step_counts_as_step_one_of_the_asking_steps(pothole):
    flow = Flow.start(pothole, now=NOW)
    assert flow.step_id == "place"
    assert flow.step_number == 1
    assert len(flow.asking_steps) == 7
    assert walk_to(flow, StepKind.CHECK).step_number is None


# Errors ---------------------------------------------------------------------------------


def test_a_bad_answer_stays_on_the_step_with_its_error_beside_the_field(pothole):
    flow = walk_to(Flow.start(pothole), StepKind.QUESTION)
    assert flow.step_id == "q:size"
    flow = flow.next(NOW)
    assert flow.step_id == "q:size"
    assert [(e.field, e.id) for e in flow.errors] == [("size", "answer.required")]
    assert flow.errors[0].text == "Please answer this question."
    assert flow.focused == "size"
    assert flow.errors_met == 1


def test_numbers_out_of_range_use_the_shared_checkers_message(pothole):
    flow = walk_to(Flow.start(pothole), StepKind.QUESTION)
    flow = flow.answer("size", "plate_to_tyre").next(NOW)
    assert flow.step_id == "q:depth"
    refused = flow.answer("depth", "150").next(NOW)
    assert refused.step_id == "q:depth"
    assert refused.errors[0].id == "answer.too_large"
    assert refused.errors[0].text == "Please type a number of 100 or less."


def test_answering_a_field_clears_only_its_error(catalogue):
    service = service_of(catalogue, "change_of_address")
    flow = walk_to(Flow.start(service), StepKind.CONTACT).next(NOW)
    assert {e.field for e in flow.errors} == {"contact.first_name", "contact.last_name"}
    flow = flow.answer("contact.first_name", "Ada")
    assert [e.field for e in flow.errors] == ["contact.last_name"]
    assert flow.errors_met == 1


def test_errors_met_counts_every_refusal_and_leaving_the_step_clears_errors(pothole):
    flow = Flow.start(pothole).next(NOW).next(NOW)
    assert flow.errors_met == 2
    flow = flow.answer("place.address", "1 High Street").next(NOW)
    assert flow.errors == ()
    assert flow.errors_met == 2


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        ({"contact.email": "not an email"}, {"contact.email": "contact.email.invalid"}),
        ({"contact.phone": "12345"}, {"contact.phone": "contact.phone.invalid"}),
        ({"contact.notify_by": ["email"]}, {"contact.email": "contact.email.needed"}),
        ({"contact.notify_by": ["sms"]}, {"contact.phone": "contact.phone.needed"}),
        (
            {"contact.notify_by": ["sms"], "contact.phone": "0115 915 5555"},
            {"contact.phone": "contact.phone.not_mobile"},
        ),
        (
            {"contact.notify_by": ["sms"], "contact.phone": "bad"},
            {"contact.phone": "contact.phone.invalid"},
        ),
        ({"contact.notify_by": ["post"]}, {"contact.notify_by": "answer.choose_from"}),
        ({"contact.first_name": "x" * 101}, {"contact.first_name": "answer.too_long"}),
    ],
)
def test_contact_rules(pothole, answers, errors):
    flow = walk_to(Flow.start(pothole), StepKind.CONTACT)
    for field_id, value in answers.items():
        flow = flow.answer(field_id, value)
    refused = flow.next(NOW)
    assert refused.step_id == "contact"
    assert {e.field: e.id for e in refused.errors} == errors


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        ({"place.address": ""}, {"place.address": "place.address.required"}),
        (
            {"place.address": "1 High St", "place.postcode": "NOT A CODE"},
            {"place.postcode": "place.postcode.invalid"},
        ),
        (
            {"place.address": "1 High St", "place.uprn": "12a"},
            {"place.uprn": "place.uprn.invalid"},
        ),
        ({"place.address": "x" * 401}, {"place.address": "answer.too_long"}),
        ({"place.address": ["a"]}, {"place.address": "answer.not_text"}),
    ],
)
def test_place_rules(pothole, answers, errors):
    flow = Flow.start(pothole)
    for field_id, value in answers.items():
        flow = flow.answer(field_id, value)
    assert {e.field: e.id for e in flow.next(NOW).errors} == errors


def test_postcodes_and_phones_are_tidied(pothole):
    answers = good_answers(pothole) | {
        "place.postcode": " sw1a1aa ",
        "place.uprn": "100030451234",
        "contact.phone": "+44 (0)7700-900123",
    }
    case = walk_to(Flow.start(pothole), StepKind.CHECK, answers).to_case_create()
    assert case.place is not None
    assert case.place.postcode == "SW1A 1AA"
    assert case.place.uprn == "100030451234"
    assert case.customer is not None
    assert case.customer.phone == "07700900123"


def test_invisible_control_characters_are_dropped_not_refused(pothole):
    answers = good_answers(pothole) | {
        "place.address": "1 High\x00 Street",
        "description.text": "line one\nline\x1b two",
    }
    case = walk_to(Flow.start(pothole), StepKind.CHECK, answers).to_case_create()
    assert case.place is not None
    assert case.place.address == "1 High Street"
    assert case.description == "line one\nline two"


# Back, Change, start again ------------------------------------------------------------


def test_back_returns_to_the_previous_step_keeping_answers(pothole):
    flow = Flow.start(pothole).answer("place.address", "1 High Street").next(NOW)
    assert flow.step_id == "q:size"
    back = flow.back(now=LATER)
    assert back.step_id == "place"
    assert back.answers["place.address"] == "1 High Street"
    assert back.step_started_at == LATER
    assert not back.can_go_back
    with pytest.raises(Conflict):
        back.back()


def test_back_does_not_check_the_step_being_left(pothole):
    flow = walk_to(Flow.start(pothole), StepKind.QUESTION).answer("size", "road").next(NOW)
    assert flow.step_id == "q:size"
    assert flow.errors
    back = flow.back()
    assert back.step_id == "place"
    assert back.errors == ()
    assert back.answers["size"] == "road"


def test_change_from_check_goes_to_the_step_and_going_on_returns_to_check(pothole):
    check = walk_to(Flow.start(pothole), StepKind.CHECK)
    changing = check.change("q:size", now=LATER)
    assert changing.step_id == "q:size"
    assert changing.changing
    assert changing.step_started_at == LATER
    changed = changing.answer("size", "smaller_than_plate").next(NOW)
    assert changed.step_id == "check"
    assert not changed.changing
    assert changed.to_case_create().answers["size"] == "smaller_than_plate"
    # Back from check still goes to the step before it.
    assert changed.back().step_id == "contact"


def test_change_refuses_a_bad_answer_before_returning(pothole):
    changing = walk_to(Flow.start(pothole), StepKind.CHECK).change("q:depth")
    refused = changing.answer("depth", "deep").next(NOW)
    assert refused.step_id == "q:depth"
    assert refused.errors[0].id == "answer.not_number"


def test_back_from_a_change_returns_to_check_with_the_edit_undone(pothole):
    check = walk_to(Flow.start(pothole), StepKind.CHECK)
    back = check.change("q:depth").answer("depth", "deep").back()
    assert back.step_id == "check"
    assert back.answers == check.answers
    assert back.to_case_create() == check.to_case_create()


def test_change_only_from_check_and_only_to_an_asking_step(pothole):
    flow = Flow.start(pothole)
    with pytest.raises(Conflict):
        flow.change("place")
    check = walk_to(flow, StepKind.CHECK)
    with pytest.raises(InvalidInput):
        check.change("feedback")
    with pytest.raises(InvalidInput):
        check.change("q:no_such_question")


def test_start_again_clears_everything_but_language_and_accessibility(pothole):
    flow = Flow.start(pothole, "pl", Accessibility(large_text=True), now=NOW)
    flow = walk_to(flow, StepKind.CONTACT).answer("contact.email", "bad").next(NOW)
    assert flow.errors_met == 1
    again = flow.start_again(now=LATER)
    assert again == Flow.start(pothole, "pl", Accessibility(large_text=True), now=LATER)
    assert again.answers == {}
    assert again.errors == ()
    assert again.history == ()
    assert again.errors_met == 0
    assert again.step_id == "place"


# Submitting and afterwards ------------------------------------------------------------


def test_submitted_shows_the_reference_and_forgets_the_answers(pothole):
    check = walk_to(Flow.start(pothole), StepKind.CHECK)
    done = check.submitted(str(REFERENCE), offline=True, now=LATER)
    assert done.step_id == "confirmation"
    assert done.reference == REFERENCE.display
    assert done.offline
    assert done.answers == {}
    assert not done.can_go_back
    with pytest.raises(Conflict):
        done.to_case_create()


def test_only_a_checked_request_can_be_submitted_with_a_real_reference(pothole):
    with pytest.raises(Conflict):
        Flow.start(pothole).submitted(REFERENCE.display)
    check = walk_to(Flow.start(pothole), StepKind.CHECK)
    with pytest.raises(InvalidReference):
        check.submitted("K7M-2QX-R4X")
    with pytest.raises(Conflict):
        check.next(NOW)


def test_feedback_after_confirmation(pothole):
    done = walk_to(Flow.start(pothole), StepKind.CHECK).submitted(REFERENCE.display)
    asking = done.next(LATER)
    assert asking.step_id == "feedback"
    assert asking.back().step_id == "confirmation"
    # The rating is optional: Finish without one ends the visit.
    skipped = asking.next(LATER)
    assert skipped.finished
    assert skipped.errors == ()
    assert skipped.rating is None
    assert asking.feedback(None, "No time", now=LATER).finished
    given = asking.feedback("poor", "The screen was slow", now=LATER)
    assert given.finished
    assert given.rating == ("poor", "The screen was slow")
    assert asking.rating is None
    with pytest.raises(Conflict):
        done.feedback("good", now=LATER)


def test_the_confirmation_says_when_the_council_replies_from_the_catalogues_sla(pothole):
    hazard = good_answers(pothole) | {"hazard_now": "yes"}
    urgent = walk_to(Flow.start(pothole), StepKind.CHECK, hazard).submitted(REFERENCE.display)
    assert urgent.screen_state(1).response_days == 2
    usual = walk_to(Flow.start(pothole), StepKind.CHECK).submitted(REFERENCE.display)
    state = usual.screen_state(1)
    assert state.response_days == 10
    # Only the confirmation says it; the feedback after it does not.
    assert usual.next(LATER).screen_state(2).response_days is None
    assert decode(ScreenState, encode(state)) == state


def test_information_service_shows_the_page_then_feedback(catalogue):
    service = service_of(catalogue, "bulky_waste_info")
    flow = Flow.start(service, now=NOW)
    assert flow.step.kind is StepKind.INFORMATION
    state = flow.screen_state(0)
    assert state.body == service.information
    assert state.step_number is None
    assert state.step_count == 0
    rated = flow.next(NOW).feedback("good", now=NOW)
    assert rated.finished
    assert rated.rating == ("good", None)
    with pytest.raises(Conflict):
        flow.to_case_create()


# Settings, focus, time ----------------------------------------------------------------


def test_language_and_accessibility_change_without_losing_anything(pothole):
    flow = Flow.start(pothole).answer("place.address", "1 High Street").next(NOW)
    changed = flow.set_language("ar").set_accessibility(high_contrast=True, speech=True)
    assert changed.language == "ar"
    assert changed.accessibility == Accessibility(high_contrast=True, speech=True)
    assert changed.set_accessibility(speech=False).accessibility == Accessibility(
        high_contrast=True
    )
    assert changed.answers == flow.answers
    assert changed.step_id == flow.step_id
    with pytest.raises(InvalidInput):
        flow.set_language("Arabic")


def test_focus_and_answers_are_limited_to_the_fields_on_screen(pothole):
    flow = Flow.start(pothole)
    assert flow.focus("place.postcode").focused == "place.postcode"
    assert flow.focus("place.postcode").focus(None).focused is None
    assert flow.answer("place.address", "x").focused == "place.address"
    with pytest.raises(InvalidInput):
        flow.focus("size")
    with pytest.raises(InvalidInput):
        flow.answer("size", "plate_to_tyre")


def test_answers_are_stored_in_one_immutable_form(pothole):
    flow = walk_to(Flow.start(pothole), StepKind.CONTACT)
    chosen = ["email"]
    flow = flow.answer("contact.notify_by", chosen)
    chosen.append("sms")
    assert flow.answers["contact.notify_by"] == ("email",)
    with pytest.raises(TypeError):
        flow.answer("contact.email", True)
    with pytest.raises(TypeError):
        flow.answer("contact.email", {"a": 1})
    with pytest.raises(TypeError):
        flow.answers["contact.email"] = "x"  # type: ignore[index]


def test_time_comes_in_and_must_carry_a_zone(pothole):
    flow = Flow.start(pothole, now=NOW)
    assert flow.step_started_at == NOW
    moved = flow.answer("place.address", "1 High Street").next(LATER)
    assert moved.step_started_at == LATER
    refused = moved.next(datetime(2026, 11, 20, 12, tzinfo=LATER.tzinfo))
    assert refused.step_started_at == LATER  # staying on a step does not restart its clock
    with pytest.raises(ValueError, match="time zone"):
        moved.back(now=datetime(2026, 11, 20, 12))  # noqa: DTZ001


def test_every_action_returns_a_new_flow_and_leaves_the_old_one_alone(pothole):
    start = Flow.start(pothole, now=NOW)
    snapshot = Flow.start(pothole, now=NOW)
    start.answer("place.address", "1 High Street").next(NOW).set_language("pl")
    assert start == snapshot


def test_same_actions_give_equal_flows_and_states(catalogue):
    def run():
        flow = Flow.start(service_of(catalogue, "flytipping"), "pl", now=NOW)
        flow = flow.next(NOW).answer("place.address", "Back lane").next(NOW)
        flow = walk_to(flow, StepKind.CHECK).change("q:what").back()
        return flow, flow.screen_state(7)

    first, second = run(), run()
    assert first == second
    assert encode(first[1]) == encode(second[1])


def test_a_flow_never_shows_answers_in_its_repr(pothole):
    flow = Flow.start(pothole).answer("place.address", "42 Secret Lane")
    assert "Secret" not in repr(flow)
    assert "pothole" in repr(flow)


def test_back_on_the_first_screen_leaves_the_service(pothole):
    flow = Flow.start(pothole, now=NOW)
    assert flow.can_leave
    assert flow.screen_state(1).can_leave
    assert not flow.has_answers
    second = walk_to(flow, StepKind.QUESTION)
    assert not second.can_leave
    assert second.has_answers
    assert second.back(now=LATER).can_leave
    # After submitting there is no way back, nor out by Back.
    done = walk_to(flow, StepKind.CHECK).submitted(REFERENCE.display)
    assert not done.can_leave
    assert not done.can_go_back
    assert not done.has_answers
    rated = done.next(LATER).feedback("good", now=LATER)
    assert rated.finished
    assert not rated.has_answers
