"""The ready-made tips a greeter can send, by id; the kiosk shows each in the customer's
language (the words are the flow's, in ``flow_<language>.ts``)."""

from __future__ import annotations

from typing import Final

from shared.errors import InvalidInput
from shared.flow.texts import ui_text

READY_MADE_TIPS: Final = (
    "tip.press_next",
    "tip.touch_box",
    "tip.postcode",
    "tip.email_example",
    "tip.optional",
    "tip.go_back",
    "tip.larger_text",
    "tip.take_your_time",
)


def tip_text(tip_id: str, language: str) -> str:
    """A ready-made tip in ``language`` (English where it has no translation)."""
    if tip_id not in READY_MADE_TIPS:
        raise InvalidInput("That is not one of the ready-made tips.", tip_id=tip_id)
    return ui_text(tip_id, language)
