"""The kiosk screen's pages outside a journey: the one box a customer types in on them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.flow.kiosk_screen import ArriveScreen, SpeakScreen
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
