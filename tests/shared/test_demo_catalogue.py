"""The demo catalogue shipped in assets/ loads, and is complete enough to demonstrate with."""

import json
import re
from pathlib import Path

import pytest

from shared.catalogue import Catalogue, Datatype, Tier
from shared.catalogue.schemas import ServiceKind
from shared.schema import convert

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO = REPO_ROOT / "assets" / "catalogue" / "demo.json"
TRANSLATED = ("pl", "ar")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(DEMO)


def test_demo_catalogue_loads(catalogue):
    assert catalogue.version == "2026.11-demo"
    assert catalogue.default_language == "en"
    assert set(catalogue.languages) == {"en", *TRANSLATED}


def test_file_is_utf8_json_with_two_space_indent():
    text = DEMO.read_text(encoding="utf-8")
    assert json.loads(text)
    assert text.startswith('{\n  "')


def test_has_enough_services(catalogue):
    assert len(catalogue.services) >= 10


def test_expected_service_codes_are_present(catalogue):
    expected = {
        "pothole",
        "streetlight",
        "flytipping",
        "missed_bin",
        "parking_permit",
        "change_of_address",
        "complaint",
        "feedback",
        "appointment",
        "bulky_waste_info",
        "council_tax_help",
    }
    assert expected <= {s.code for s in catalogue.services}


def test_service_codes_are_unique():
    raw = json.loads(DEMO.read_text(encoding="utf-8"))
    codes = [s["code"] for s in raw["services"]]
    assert len(codes) == len(set(codes))


def test_every_tier_is_present(catalogue):
    assert {s.tier for s in catalogue.services} == set(Tier)


def test_every_datatype_is_present(catalogue):
    used = {a.datatype for s in catalogue.services for a in s.attributes}
    assert used == set(Datatype)


def test_attribute_order_starts_at_one_and_increases(catalogue):
    for service in catalogue.services:
        orders = [a.order for a in service.attributes]
        if orders:
            assert orders[0] == 1, service.code
            assert orders == sorted(set(orders)), service.code


def test_every_service_is_translated(catalogue):
    for service in catalogue.services:
        for language in TRANSLATED:
            texts = service.translations.get(language)
            assert texts is not None, (service.code, language)
            assert texts.name, (service.code, language)
            if service.description:
                assert texts.description, (service.code, language)
            if service.help_text:
                assert texts.help_text, (service.code, language)
            if service.information:
                assert texts.information, (service.code, language)
            else:
                assert texts.information is None, (service.code, language)


def test_every_attribute_and_list_value_is_translated(catalogue):
    for service in catalogue.services:
        for attribute in service.attributes:
            where = (service.code, attribute.code)
            for language in TRANSLATED:
                texts = attribute.translations.get(language)
                assert texts is not None, (*where, language)
                assert texts.description, (*where, language)
                if attribute.hint:
                    assert texts.hint, (*where, language)
                assert set(texts.values) == attribute.value_keys(), (*where, language)
                assert all(label.strip() for label in texts.values.values()), where


def _english_and_translations(catalogue):
    """Every customer-facing string with its translation in each language, and where it is."""
    for service in catalogue.services:
        for language in TRANSLATED:
            texts = service.translations[language]
            for part in ("name", "description", "help_text", "information"):
                english = getattr(service, part)
                if english:
                    yield (service.code, part, language), english, getattr(texts, part)
            for attribute in service.attributes:
                where = (service.code, attribute.code)
                own = attribute.translations[language]
                yield (*where, "description", language), attribute.description, own.description
                if attribute.hint:
                    yield (*where, "hint", language), attribute.hint, own.hint
                for value in attribute.values:
                    yield (*where, value.key, language), value.name, own.values.get(value.key)


def test_every_customer_facing_string_is_translated_not_copied(catalogue):
    seen = 0
    for where, english, translated in _english_and_translations(catalogue):
        assert translated, where
        assert translated.strip() == translated, where
        assert translated != english, where
        if where[-1] == "ar":
            assert re.search(r"[\u0600-\u06FF]", translated), where
        seen += 1
    assert seen > 300


def test_translated_information_pages_keep_their_headings_and_lists(catalogue):
    for service in catalogue.services:
        if not service.information:
            continue
        english = service.information.split("\n")
        for language in TRANSLATED:
            translated = service.translations[language].information.split("\n")
            assert len(translated) == len(english), (service.code, language)
            for ours, theirs in zip(english, translated, strict=True):
                assert ours.startswith("- ") == theirs.startswith("- "), (service.code, theirs)
                assert bool(ours) == bool(theirs), (service.code, language)


def test_every_sla_condition_names_an_existing_value(catalogue):
    for service in catalogue.services:
        for rule in service.sla:
            if rule.attribute is None:
                continue
            attribute = service.attribute(rule.attribute)
            assert attribute is not None, (service.code, rule.attribute)
            assert attribute.datatype.is_list, (service.code, rule.attribute)
            assert rule.value in attribute.value_keys(), (service.code, rule.value)


def test_conditional_sla_rules_come_before_the_default(catalogue):
    for service in catalogue.services:
        if service.kind is ServiceKind.INFORMATION:
            assert not service.sla, service.code
            continue
        assert service.sla, service.code
        assert service.sla[-1].attribute is None, service.code
        assert all(rule.attribute is not None for rule in service.sla[:-1]), service.code


def test_sla_rules_pick_the_expected_days(catalogue):
    pothole = catalogue.service("pothole")
    assert pothole.sla_working_days({"hazard_now": "yes"}) == 2
    assert pothole.sla_working_days({"hazard_now": "no"}) == 10
    streetlight = catalogue.service("streetlight")
    assert streetlight.sla_working_days({"fault": ["stays_off", "door_open_wires"]}) == 1
    assert streetlight.sla_working_days({"fault": ["stays_off"]}) == 7
    complaint = catalogue.service("complaint")
    assert complaint.sla_working_days({"complexity": "complex"}) == 20
    assert complaint.sla_working_days({"complexity": "simple"}) == 5


def test_location_required_services_are_reports(catalogue):
    located = [s for s in catalogue.services if s.location_required]
    assert located
    for service in located:
        assert service.kind is ServiceKind.REPORT, service.code


def test_information_pages_have_text_and_no_questions(catalogue):
    pages = [s for s in catalogue.services if s.kind is ServiceKind.INFORMATION]
    assert pages
    for service in pages:
        assert service.information, service.code
        assert not service.attributes, service.code
    for service in catalogue.services:
        if service.kind is not ServiceKind.INFORMATION:
            assert service.information is None, service.code


def test_kiosk_metadata_is_filled_in(catalogue):
    for service in catalogue.services:
        assert service.groups, service.code
        assert service.keywords, service.code
        assert service.icon, service.code
        assert service.icon != "service", service.code
        assert service.help_text, service.code


def test_questions_are_questions(catalogue):
    for service in catalogue.services:
        for attribute in service.attributes:
            assert attribute.description.endswith("?"), (service.code, attribute.code)
            for language in TRANSLATED:
                question = attribute.translations[language].description
                assert question.endswith(("?", "؟")), (service.code, attribute.code, language)


def test_retention_days_is_checked_on_load(catalogue):
    assert catalogue.service("complaint").retention_days == 2190
    assert catalogue.service("pothole").retention_days is None
    raw = json.loads(DEMO.read_text(encoding="utf-8"))
    for bad in (0, -1, 36501, "two years"):
        raw["services"][0]["retention_days"] = bad
        with pytest.raises(ValueError, match="retention_days"):
            convert(Catalogue, raw)
