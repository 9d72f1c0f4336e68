"""Dates, times and numbers in the customer's language's conventions, for a UK council."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from shared.ui.locale import (
    customer_locale,
    date_words,
    datetime_words,
    month_name,
    number_words,
    time_words,
)

# 18:53 on this machine's clock, whatever its time zone.
EVENING = datetime(2026, 12, 2, 18, 53).astimezone()


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "en_GB"), ("pl", "pl_PL"), ("ar", "ar_001"), ("pl-PL", "pl_PL"), ("pt-BR", "pt_BR")],
)
def test_each_language_has_the_uk_councils_locale(qapp, language, name):
    assert customer_locale(language).name() == name


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2 December 2026, 18:53"),
        ("pl", "2 grudnia 2026, 18:53"),
        ("ar", "2 ديسمبر 2026، 6:53 م"),
    ],
)
def test_a_moment_is_long_and_unambiguous(qapp, language, expected):
    assert datetime_words(EVENING, language) == expected


def test_english_is_british_not_american(qapp):
    # What tracking showed before: "12/2/26 6:53 PM".
    words = datetime_words(EVENING, "en")
    assert "12/2" not in words
    assert "PM" not in words
    assert date_words(date(2026, 2, 12), "en") == "12 February 2026"
    assert time_words(EVENING, "en") == "18:53"


def test_arabic_uses_western_digits_like_the_reference(qapp):
    words = datetime_words(EVENING, "ar") + number_words(1234.5, "ar")
    assert not any("\u0660" <= c <= "\u0669" for c in words)
    assert "2026" in words


@pytest.mark.parametrize(
    ("language", "number", "expected"),
    [("en", 1234.5, "1,234.5"), ("pl", 1234.5, "1234,5"), ("en", 3.0, "3"), ("ar", 12, "12")],
)
def test_numbers(qapp, language, number, expected):
    assert number_words(number, language) == expected


def test_month_names_stand_alone(qapp):
    assert month_name(12, "en") == "December"
    assert month_name(12, "pl") == "grudzień"
