"""The kiosk screen's pages outside a journey: the one box a customer types in on them, and
the fields added later, left off the wire for earlier desks."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from shared.flow.book_screen import BookScreen, BookStage, SlotChoice
from shared.flow.kiosk_screen import ArriveScreen, SpeakScreen, WelcomeScreen
from shared.flow.screen_state import MASK

WORDS = {
    "title": "Speak to someone",
    "label": "Your mobile number",
    "hint": "We will text you.",
    "action": "Get a number",
    "done": "Done",
}


def test_a_phone_number_is_shared_only_as_its_mask() -> None:
    assert SpeakScreen(**WORDS, typed=MASK).typed == MASK
    assert SpeakScreen(**WORDS).typed == ""
    # A kiosk that forgot to mask is refused wherever the state is read (the hub too).
    with pytest.raises(ValidationError, match="masked"):
        SpeakScreen(**WORDS, typed="07700 900123")


def test_an_appointment_reference_is_shared_as_typed() -> None:
    assert ArriveScreen(**WORDS, typed="AP-K7M-2QX").typed == "AP-K7M-2QX"


def test_fields_added_later_are_left_off_the_wire_at_their_default() -> None:
    """A desk of an earlier version refuses a field it does not know, even null: a booking's
    page (no large choices) and a screen that is not changing a booking read as before."""
    plain = BookScreen(stage=BookStage.PICK, title="Choose a day and time", service="Advice")
    assert "actions" not in json.loads(plain.model_dump_json())
    assert BookScreen.model_validate_json(plain.model_dump_json()) == plain
    choices = (SlotChoice(key="move", words="Change the time"),)
    found = plain.model_copy(update={"stage": BookStage.FOUND, "actions": choices})
    assert json.loads(found.model_dump_json())["actions"][0]["key"] == "move"
    assert BookScreen.model_validate_json(found.model_dump_json()) == found
    welcome = WelcomeScreen(
        title="Welcome", subtitle="", start="Start", track="Track", languages_label="Language"
    )
    assert "manage" not in json.loads(welcome.model_dump_json())
    assert json.loads(welcome.model_copy(update={"manage": "Change"}).model_dump_json())["manage"]
