"""The engine's own words in Polish and Arabic: complete, well formed, and on every screen."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from shared.catalogue import Attribute, Catalogue, Datatype, Service
from shared.catalogue.answers import check_answer
from shared.errors import InvalidInput
from shared.flow import Flow, ScreenState, StepKind
from shared.flow import texts as flow_texts
from shared.flow.texts import (
    ENGLISH,
    Problem,
    available_languages,
    language_names,
    read_ts,
    translations,
    ui_text,
)
from shared.references import CaseReference
from shared.resources import asset_path
from tests.shared.flow.helpers import NOW, good_answers, service_of, walk_to

TRANSLATED = {"pl": "pl_PL", "ar": "ar"}
REFERENCE = CaseReference.issue("K7M", 42).display
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


def ts_path(language: str) -> Path:
    return asset_path("translations", f"flow_{language}.ts")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# The .ts files ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(language):
    words = translations(language)
    assert set(words) == set(ENGLISH), "ids missing from or unknown to the .ts file"
    for message_id, english in ENGLISH.items():
        translated = words[message_id]
        assert translated.strip(), message_id
        assert placeholders(translated) == placeholders(english), message_id
        if message_id != "language.name":
            assert translated != english, message_id


@pytest.mark.parametrize(("language", "qt_language"), TRANSLATED.items())
def test_the_ts_file_is_a_well_formed_qt_linguist_file(language, qt_language):
    root = ET.parse(ts_path(language)).getroot()  # noqa: S314 (our own asset)
    assert root.tag == "TS"
    assert root.get("version") == "2.1"
    assert root.get("language") == qt_language
    (context,) = root.findall("context")
    assert context.findtext("name") == "flow"
    sources = []
    for message in context.findall("message"):
        assert [child.tag for child in message] == ["source", "comment", "translation"]
        source = message.findtext("source")
        translation = message.find("translation")
        assert source is not None
        assert translation is not None
        sources.append(source)
        # The English beside each id is today's English: a changed text shows up here, so
        # its translation is looked at again.
        assert message.findtext("comment") == ENGLISH[source], source
        assert translation.get("type") is None, source
    assert sorted(sources) == sorted(set(sources)), "a message id repeats"


def test_the_ts_file_keeps_the_declaration_qt_writes():
    for language in TRANSLATED:
        head = ts_path(language).read_text(encoding="utf-8").splitlines()[:3]
        assert head[0] == '<?xml version="1.0" encoding="utf-8"?>'
        assert head[1] == "<!DOCTYPE TS>"


def test_polish_has_its_own_letters():
    assert "ą" in ui_text("step.feedback.title", "pl") + ui_text("screen.date.month", "pl")
    assert ui_text("screen.change", "pl") == "Zmień"


@pytest.mark.parametrize("language", TRANSLATED)
def test_qt_compiles_the_file_and_its_translator_finds_the_same_words(language, tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        found = shutil.which("pyside6-lrelease")
        if found is None:
            pytest.skip("pyside6-lrelease is not installed")
        lrelease = Path(found)
    compiled = tmp_path / f"flow_{language}.qm"
    subprocess.run(
        [str(lrelease), "-silent", str(ts_path(language)), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(compiled))
    for message_id in ENGLISH:
        assert translator.translate("flow", message_id) == translations(language)[message_id]


# Reading them -------------------------------------------------------------------------------


def test_unfinished_vanished_and_empty_translations_are_not_used():
    document = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context><name>flow</name>
<message><source>a</source><translation>A</translation></message>
<message><source>b</source><translation type="unfinished">B</translation></message>
<message><source>c</source><translation type="vanished">C</translation></message>
<message><source>d</source><translation type="obsolete">D</translation></message>
<message><source>e</source><translation></translation></message>
</context>
<context><name>kiosk</name>
<message><source>f</source><translation>F</translation></message>
</context>
</TS>"""
    assert read_ts(document) == {"a": "A"}


def test_a_file_declaring_entities_is_refused():
    document = b"""<?xml version="1.0"?>
<!DOCTYPE TS [<!ENTITY lol "lol">]>
<TS version="2.1"><context><name>flow</name></context></TS>"""
    with pytest.raises(ValueError, match="entities"):
        read_ts(document)


def test_a_file_that_is_not_a_ts_file_is_refused():
    with pytest.raises(ValueError, match="not a Qt Linguist file"):
        read_ts(b"<html/>")


def test_each_language_is_read_once():
    translations.cache_clear()
    for _ in range(3):
        ui_text("step.place.title", "pl")
        ui_text("step.place.title", "pl-PL")
    assert translations.cache_info().misses == 2  # "pl-PL" (no file of its own) and "pl"


def test_a_regional_code_falls_back_to_its_language_then_to_english():
    assert ui_text("step.place.title", "pl-PL") == ui_text("step.place.title", "pl")
    assert ui_text("step.place.title", "ar-EG") == ui_text("step.place.title", "ar")
    assert ui_text("step.place.title", "cy") == "Where is it?"
    assert ui_text("step.place.title", "../../etc") == "Where is it?"


def test_placeholders_are_filled_in_every_language():
    assert ui_text("screen.progress", "pl", number=2, count=5) == "Krok 2 z 5"
    assert ui_text("screen.progress", "ar", number=2, count=5) == "الخطوة 2 من 5"


def test_the_language_picker_has_each_language_in_itself():
    assert available_languages() == ("en", "ar", "pl")
    assert language_names() == {"en": "English", "ar": "العربية", "pl": "Polski"}
    assert flow_texts.language_name("pl-PL") == "Polski"


def test_the_demo_catalogue_offers_exactly_the_translated_languages(catalogue):
    assert set(catalogue.languages) == set(available_languages())


# Every screen of every demo service ---------------------------------------------------------


def _words(state: ScreenState) -> dict[str, str]:
    """Every piece of the screen's own wording (not the customer's answers), by where it is."""
    found = {
        "service_name": state.service_name,
        "help_text": state.help_text,
        "title": state.title,
        "body": state.body or "",
    }
    for f in state.fields:
        found[f"{f.id}.label"] = f.label
        found[f"{f.id}.hint"] = f.hint or ""
        found.update({f"{f.id}.option.{o.key}": o.label for o in f.options})
    for row in state.check_rows:
        found[f"row.{row.field}"] = row.label
        if not row.answered:
            found[f"row.{row.field}.value"] = row.value
    found.update({f"error.{e.field}.{e.id}": e.text for e in state.errors})
    return {where: text for where, text in found.items() if text}


def _screens(service: Service) -> list[Flow]:
    """The flow on every screen of a service, with and without its problems shown."""
    flow = Flow.start(service, now=NOW)
    answers = good_answers(service)
    seen: list[Flow] = []
    for _ in range(len(flow.steps) + 1):
        seen.append(flow)
        if flow.step.kind is StepKind.FEEDBACK:
            seen.append(flow.next(NOW))  # refused: no rating
            return seen
        if flow.step.kind is StepKind.CHECK:
            flow = flow.submitted(REFERENCE, now=NOW)
            continue
        if flow.step.kind.asks:
            refused = flow.next(NOW)
            if refused.errors:
                seen.append(refused)
            for spec in flow.step.fields:
                if spec.id in answers:
                    flow = flow.answer(spec.id, answers[spec.id])
        flow = flow.next(NOW)
    raise AssertionError("never reached the feedback step")


# Words that are the same in every language: numbers, and names a customer may need to say.
SAME_EVERYWHERE = re.compile(r"^[\d\s.,:/+£%-]*$")


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_is_left_on_any_screen_of_any_demo_service(catalogue: Catalogue, language):
    for service in catalogue.services:
        for flow in _screens(service):
            english = _words(flow.screen_state(0))
            state = flow.set_language(language).screen_state(0)
            assert state.language == language
            translated = _words(state)
            assert translated.keys() == english.keys(), (service.code, flow.step_id)
            for where, text in translated.items():
                context = (service.code, flow.step_id, where, text)
                if SAME_EVERYWHERE.match(text):
                    continue
                assert text != english[where], context
                assert "{" not in text, context
                if language == "ar":
                    assert ARABIC_LETTER.search(text), context


def test_every_arabic_screen_is_right_to_left_and_every_polish_one_left_to_right(catalogue):
    for service in catalogue.services:
        for flow in _screens(service):
            assert flow.set_language("ar").screen_state(0).direction == "rtl"
            assert flow.set_language("ar-EG").screen_state(0).direction == "rtl"
            assert flow.set_language("pl").screen_state(0).direction == "ltr"


def test_an_information_page_shows_its_translated_text(catalogue):
    service = service_of(catalogue, "bulky_waste_info")
    for language in TRANSLATED:
        state = Flow.start(service, language, now=NOW).screen_state(0)
        assert state.step_kind is StepKind.INFORMATION
        assert state.body == service.translations[language].information
    assert Flow.start(service, "cy").screen_state(0).body == service.information


# Problems in the customer's language ----------------------------------------------------------


def test_problems_are_worded_in_the_chosen_language_with_their_numbers(pothole):
    flow = walk_to(Flow.start(pothole, "pl"), StepKind.QUESTION).answer("size", "plate_to_tyre")
    refused = flow.next(NOW).answer("depth", "150").next(NOW)
    (error,) = refused.errors
    assert error.id == "answer.too_large"
    assert error.text == "Wpisz liczbę równą 100 lub mniejszą."
    assert refused.screen_state(0).errors == refused.errors


def test_the_engines_own_rules_carry_their_numbers_too(pothole):
    flow = walk_to(Flow.start(pothole, "ar"), StepKind.CONTACT)
    refused = flow.answer("contact.first_name", "x" * 101).next(NOW)
    (error,) = refused.errors
    assert error.id == "answer.too_long"
    assert error.field == "contact.first_name"
    assert "100" in error.text
    assert "101" in error.text
    assert ARABIC_LETTER.search(error.text)


def test_changing_language_rewords_the_problems_shown(pothole):
    refused = Flow.start(pothole, now=NOW).answer("place.postcode", "nonsense").next(NOW)
    english = refused.screen_state(0).errors
    assert {e.text for e in english} == {
        ENGLISH["place.postcode.invalid"],
        ENGLISH["place.address.required"],
    }
    for language in TRANSLATED:
        reworded = refused.set_language(language).screen_state(1).errors
        assert [(e.id, e.field) for e in reworded] == [(e.id, e.field) for e in english]
        assert [e.text for e in reworded] == [ui_text(e.id, language) for e in english]
    assert refused.set_language("ar").set_language("en").screen_state(2).errors == english


def test_answering_a_field_clears_its_problem_in_any_language(pothole):
    refused = Flow.start(pothole, "ar").answer("place.postcode", "nonsense").next(NOW)
    fixed = refused.answer("place.postcode", "NG5 2AB")
    assert [e.id for e in fixed.errors] == ["place.address.required"]
    assert fixed.errors[0].text == ui_text("place.address.required", "ar")


def attribute(datatype: Datatype, **extra) -> Attribute:
    return Attribute(code="q", datatype=datatype, description="Q?", order=1, **extra)


@pytest.mark.parametrize(
    ("question", "raw", "params"),
    [
        (attribute(Datatype.STRING, max_length=2), "abc", {"limit": 2, "length": 3}),
        (attribute(Datatype.TEXT), "x" * 4001, {"limit": 4000, "length": 4001}),
        (attribute(Datatype.NUMBER, min_value=1.5), "0", {"minimum": "1.5"}),
        (attribute(Datatype.NUMBER, max_value=100), "101", {"maximum": "100"}),
    ],
)
def test_the_shared_checker_sends_the_numbers_its_words_need(question, raw, params):
    with pytest.raises(InvalidInput) as caught:
        check_answer(question, raw)
    assert caught.value.details["params"] == params
    problem = Problem.of(caught.value)
    assert problem.words("en") == caught.value.message
    assert problem.words("pl") != caught.value.message


def test_a_problem_without_an_id_of_ours_keeps_its_english_and_is_generic_elsewhere():
    problem = Problem.of(InvalidInput("Something new went wrong.", field="q"))
    assert problem.message_id == "answer.invalid"
    assert problem.words("en") == "Something new went wrong."
    assert problem.words("cy") == "Something new went wrong."
    assert problem.words("pl") == ui_text("answer.invalid", "pl")


def test_a_problem_missing_its_numbers_is_still_worded():
    problem = Problem.of(InvalidInput("Too long.", field="q", message_id="answer.too_long"))
    assert problem.words("en") == "Too long."
    assert problem.words("ar") == ui_text("answer.invalid", "ar")
