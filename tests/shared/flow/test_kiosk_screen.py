"""The kiosk screen's pages outside a journey: the one box a customer types in on them, and
the fields added later, left off the wire for earlier desks."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from shared.errors import InvalidInput
from shared.flow.book_screen import BookScreen, BookStage, SlotChoice
from shared.flow.kiosk_pages import KioskPage
from shared.flow.kiosk_screen import (
    ArriveScreen,
    BarState,
    KioskDisplay,
    KioskScreen,
    SpeakScreen,
    Toggle,
    WelcomeScreen,
)
from shared.flow.screen_state import MASK
from shared.live.messages import ScreenUpdate, read_message, write_message
from shared.schema import SchemaError, convert, decode, encode, replace

WORDS: dict[str, Any] = {
    "title": "Speak to someone",
    "label": "Your mobile number",
    "hint": "We will text you.",
    "action": "Get a number",
    "done": "Done",
}
HELP_ID = "a" * 32


def test_a_phone_number_is_shared_only_as_its_mask() -> None:
    assert SpeakScreen(**WORDS, typed=MASK).typed == MASK
    assert SpeakScreen(**WORDS).typed == ""
    # A kiosk that forgot to mask is refused wherever the state is read: built, read on a
    # kiosk or desk, and read by the hub (pydantic, inside a live message).
    with pytest.raises(ValueError, match="masked"):
        SpeakScreen(**WORDS, typed="07700 900123")
    with pytest.raises(SchemaError, match="masked"):
        convert(SpeakScreen, WORDS | {"typed": "07700 900123"})
    with pytest.raises(ValidationError, match="masked"):
        TypeAdapter(SpeakScreen).validate_python(WORDS | {"typed": "07700 900123"})
    update = json.loads(write_message(_update(_screen(speak=SpeakScreen(**WORDS, typed=MASK)))))
    update["kiosk"]["speak"]["typed"] = "07700 900123"
    with pytest.raises(InvalidInput):
        read_message(json.dumps(update), "kiosk")


def test_an_appointment_reference_is_shared_as_typed() -> None:
    assert ArriveScreen(**WORDS, typed="AP-K7M-2QX").typed == "AP-K7M-2QX"


def test_fields_added_later_are_left_off_the_wire_at_their_default() -> None:
    """A desk of an earlier version refuses a field it does not know, even null: a booking's
    page (no large choices) and a screen that is not changing a booking read as before."""
    plain = BookScreen(stage=BookStage.PICK, title="Choose a day and time", service="Advice")
    assert "actions" not in json.loads(encode(plain))
    assert decode(BookScreen, encode(plain)) == plain
    choices = (SlotChoice(key="move", words="Change the time"),)
    found = replace(plain, stage=BookStage.FOUND, actions=choices)
    assert json.loads(encode(found))["actions"][0]["key"] == "move"
    assert decode(BookScreen, encode(found)) == found
    welcome = WelcomeScreen(
        title="Welcome", subtitle="", start="Start", track="Track", languages_label="Language"
    )
    assert "manage" not in json.loads(encode(welcome))
    assert json.loads(encode(replace(welcome, manage="Change")))["manage"]


def test_the_live_message_leaves_the_later_fields_off_too() -> None:
    """A screen update is written by the live messages (pydantic), not by ``encode``: the
    parts inside it leave their later fields off there as well, nested in it as they are."""
    plain = BookScreen(stage=BookStage.PICK, title="Choose a day and time", service="Advice")
    welcome = WelcomeScreen(
        title="Welcome", subtitle="", start="Start", track="Track", languages_label="Language"
    )
    wire = json.loads(write_message(_update(_screen(welcome=welcome, book=plain))))
    assert "manage" not in wire["kiosk"]
    assert "manage" not in wire["kiosk"]["welcome"]
    assert "actions" not in wire["kiosk"]["book"]
    assert wire["kiosk"] == json.loads(encode(_screen(welcome=welcome, book=plain)))
    # Once used, they are written, and read back.
    found = replace(plain, stage=BookStage.FOUND, actions=(SlotChoice(key="move", words="Move"),))
    changing = _screen(welcome=replace(welcome, manage="Change"), manage=found)
    text = write_message(_update(changing))
    wire = json.loads(text)
    assert wire["kiosk"]["manage"]["actions"] == [{"key": "move", "words": "Move", "chosen": False}]
    assert wire["kiosk"]["welcome"]["manage"] == "Change"
    read = read_message(text, "kiosk")
    assert isinstance(read, ScreenUpdate)
    assert read.kiosk == changing


def _screen(**pages: Any) -> KioskScreen:
    return KioskScreen(
        page=KioskPage.WELCOME,
        language="en",
        display=KioskDisplay(width=1280, height=800),
        bar=BarState(
            language="English",
            large_text=Toggle(text="Larger text"),
            high_contrast=Toggle(text="High contrast"),
            speech=Toggle(text="Read aloud"),
            help="Help me",
        ),
        **pages,
    )


def _update(kiosk: KioskScreen) -> ScreenUpdate:
    return ScreenUpdate(help_id=HELP_ID, sequence=1, screen="welcome", kiosk=kiosk)
