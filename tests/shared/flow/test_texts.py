"""Message ids for every answer problem, and every screen drawable in every language."""

from __future__ import annotations

import pytest

from shared.catalogue import Attribute, AttributeValue, Datatype
from shared.catalogue.answers import check_answer
from shared.errors import InvalidInput
from shared.flow import Flow, StepKind
from shared.flow.checks import uk_phone
from shared.flow.texts import ENGLISH, FALLBACK_MESSAGE_ID, message_id
from shared.references import CaseReference
from tests.shared.flow.helpers import NOW, walk_to


def attribute(datatype: Datatype, **extra) -> Attribute:
    values = (AttributeValue(key="a", name="A"),) if datatype.is_list else ()
    return Attribute(code="q", datatype=datatype, description="Q?", order=1, values=values, **extra)


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        (attribute(Datatype.STRING, required=True), "", "answer.required"),
        (attribute(Datatype.STRING), 3, "answer.not_text"),
        (attribute(Datatype.STRING, max_length=2), "abc", "answer.too_long"),
        (attribute(Datatype.NUMBER), "many", "answer.not_number"),
        (attribute(Datatype.NUMBER), True, "answer.not_number"),
        (attribute(Datatype.NUMBER, min_value=1), "0", "answer.too_small"),
        (attribute(Datatype.NUMBER, max_value=1.5), "2", "answer.too_large"),
        (attribute(Datatype.DATETIME), "soon", "answer.not_datetime"),
        (attribute(Datatype.DATETIME), "2026-11-20T10:00", "answer.no_time_zone"),
        (attribute(Datatype.SINGLEVALUELIST), "b", "answer.choose_one"),
        (attribute(Datatype.MULTIVALUELIST), ["b"], "answer.choose_from"),
    ],
)
def test_every_message_of_the_shared_checker_has_its_own_id(question, raw, expected):
    with pytest.raises(InvalidInput) as caught:
        check_answer(question, raw)
    assert message_id(caught.value) == expected


def test_an_unknown_message_gets_the_fallback_id():
    assert message_id(InvalidInput("Something new.")) == FALLBACK_MESSAGE_ID
    assert FALLBACK_MESSAGE_ID in ENGLISH


@pytest.mark.parametrize(
    ("typed", "national"),
    [
        ("07700 900123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("+44 (0)7700-900123", "07700900123"),
        ("0044 115 915 5555", "01159155555"),
        ("(0115) 915 5555", "01159155555"),
        ("7700 900123", None),
        ("0770090012345", None),
        ("+1 202 555 0100", None),
        ("call me", None),
    ],
)
def test_uk_phone_numbers(typed, national):
    assert uk_phone(typed) == national


def test_every_screen_of_every_service_draws_in_every_language(catalogue):
    reference = CaseReference.issue("K7M", 7).display
    for language in catalogue.languages:
        for service in catalogue.services:
            flow = Flow.start(service, language, now=NOW)
            seen = [flow.screen_state(0)]
            if flow.step.kind is not StepKind.INFORMATION:
                flow = walk_to(flow, StepKind.CHECK)
                seen.append(flow.screen_state(1))
                flow = flow.submitted(reference)
                seen.append(flow.screen_state(2))
            seen.append(flow.next(NOW).screen_state(3))
            for state in seen:
                assert state.title
                assert state.language == language
                assert all(f.label for f in state.fields)
