"""Steps derived from a service definition: order, grouping and the engine's own steps."""

from __future__ import annotations

import pytest

from shared.catalogue import Attribute, AttributeValue, Datatype, Service
from shared.catalogue.schemas import ServiceKind
from shared.flow import FieldKind, StepKind, steps_for
from tests.shared.flow.helpers import service_of


def ids(service: Service) -> list[str]:
    return [step.id for step in steps_for(service)]


def attribute(code: str, order: int, screen: int | None = None, **extra) -> Attribute:
    return Attribute(
        code=code,
        datatype=Datatype.STRING,
        description=f"{code}?",
        order=order,
        screen=screen,
        **extra,
    )


def test_a_report_with_a_place_asks_where_first_then_each_question(catalogue):
    assert ids(service_of(catalogue, "pothole")) == [
        "place",
        "q:size",
        "q:depth",
        "q:in_road_or_pavement",
        "q:hazard_now",
        "description",
        "contact",
        "check",
        "confirmation",
        "feedback",
    ]


def test_an_application_has_no_place_and_no_description(catalogue):
    assert ids(service_of(catalogue, "parking_permit")) == [
        "q:vehicle_registration",
        "q:vehicle_make",
        "q:permit_zone",
        "q:permits_needed",
        "q:start_date",
        "contact",
        "check",
        "confirmation",
        "feedback",
    ]


def test_a_complaint_that_asks_what_happened_gets_no_second_description(catalogue):
    found = ids(service_of(catalogue, "complaint"))
    assert "description" not in found
    assert "q:what_happened" in found


def test_a_report_with_an_optional_free_text_question_still_gets_a_description(catalogue):
    assert "description" in ids(service_of(catalogue, "flytipping"))


def test_change_of_address_asks_tell_us_once_accounts_as_its_own_question(catalogue):
    steps = steps_for(service_of(catalogue, "change_of_address"))
    contact = next(s for s in steps if s.kind is StepKind.CONTACT)
    assert "q:services_to_update" in [s.id for s in steps]
    assert [f.id for f in contact.fields] == [
        "contact.first_name",
        "contact.last_name",
        "contact.email",
        "contact.phone",
        "contact.notify_by",
    ]
    # Someone must be named to change their address.
    assert contact.fields[0].required
    assert contact.fields[1].required


def test_contact_is_optional_for_a_report(catalogue):
    steps = steps_for(service_of(catalogue, "pothole"))
    contact = next(s for s in steps if s.kind is StepKind.CONTACT)
    assert not any(f.required for f in contact.fields)
    assert all(f.sensitive for f in contact.fields if f.kind is not FieldKind.MULTIVALUELIST)


@pytest.mark.parametrize("code", ["bulky_waste_info", "council_tax_help"])
def test_an_information_service_shows_its_page_then_asks_for_feedback(catalogue, code):
    assert ids(service_of(catalogue, code)) == ["information", "feedback"]


def test_questions_follow_order_not_catalogue_position():
    service = Service(code="s", name="S", attributes=(attribute("later", 2), attribute("first", 1)))
    assert ids(service)[:2] == ["q:first", "q:later"]


def test_questions_sharing_a_screen_are_asked_together_where_the_first_would_be():
    service = Service(
        code="s",
        name="S",
        kind=ServiceKind.APPLICATION,
        attributes=(
            attribute("a", 1),
            attribute("b", 2, screen=7),
            attribute("c", 3),
            attribute("d", 4, screen=7),
        ),
    )
    steps = steps_for(service)
    assert [s.id for s in steps][:3] == ["q:a", "q:b", "q:c"]
    assert [f.id for f in steps[1].fields] == ["b", "d"]


def test_attribute_fields_carry_their_datatype_and_metadata(catalogue):
    service = service_of(catalogue, "parking_permit")
    first = steps_for(service)[0].fields[0]
    assert first.kind is FieldKind.STRING
    assert first.sensitive
    assert first.required
    assert first.max_length == 8
    assert first.attribute is service.attribute("vehicle_registration")


def test_place_fields_are_postcode_address_and_optional_uprn(catalogue):
    place = steps_for(service_of(catalogue, "pothole"))[0]
    assert [(f.id, f.kind, f.required) for f in place.fields] == [
        ("place.postcode", FieldKind.POSTCODE, False),
        ("place.address", FieldKind.ADDRESS, True),
        ("place.uprn", FieldKind.UPRN, False),
    ]


def test_every_step_id_is_unique_and_own_field_ids_cannot_clash_with_codes(catalogue):
    for service in catalogue.services:
        steps = steps_for(service)
        assert len({s.id for s in steps}) == len(steps)
        codes = {a.code for a in service.attributes}
        for step in steps:
            for spec in step.fields:
                assert (spec.id in codes) == (spec.attribute is not None)
                assert spec.attribute is not None or "." in spec.id


def test_list_questions_become_choice_fields():
    service = Service(
        code="s",
        name="S",
        attributes=(
            Attribute(
                code="pick",
                datatype=Datatype.MULTIVALUELIST,
                description="Pick",
                order=1,
                values=(AttributeValue(key="x", name="X"),),
            ),
        ),
    )
    assert steps_for(service)[0].fields[0].kind is FieldKind.MULTIVALUELIST
