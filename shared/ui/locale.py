"""Dates, times and numbers as the customer reads them: one place, through Qt's locale.

Every date, time or number a customer or a greeter reads on the kiosk or the desk is
worded here, in the conventions of the customer's language for a UK council:

* English is British English (``en_GB``): "2 December 2026, 18:53", never "12/2/26".
* Polish is Poland's (``pl_PL``): "2 grudnia 2026, 18:53".
* Arabic is Modern Standard Arabic with no country (``ar_001``): Arabic month names and
  Western digits, "2 ديسمبر 2026، 6:53 م". Western digits because everything else a
  customer copies or keeps is written with them (the reference, postcodes, phone
  numbers, the council's letters), and one screen should not mix two sets of digits.
* Any other language: its code's region if it has one (``pt-BR`` is ``pt_BR``), else
  Qt's own choice for the language.

Dates are long and unambiguous (the month as a word, the year in full); times use the
locale's own clock (24-hour in English and Polish).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

# The locale for each language with no region of its own.
CUSTOMER_LOCALES = {"en": "en_GB", "pl": "pl_PL", "ar": "ar_001"}
# Day, month as a word, year in full: the same order and shape in every language we have.
DATE_PATTERN = "d MMMM yyyy"


def customer_locale(language: str) -> QLocale:
    """The locale for ``language`` (``en``, ``pl``, ``pl-PL``, ``ar`` …), as above."""
    base, _, region = language.partition("-")
    if region:
        return QLocale(f"{base}_{region}")
    return QLocale(CUSTOMER_LOCALES.get(base, base))


def date_words(day: date, language: str) -> str:
    """``2 December 2026`` in ``language``."""
    return customer_locale(language).toString(QDate(day.year, day.month, day.day), DATE_PATTERN)


def time_words(moment: datetime, language: str) -> str:
    """``18:53``: the time of day on this machine's clock, in ``language``'s way."""
    local = _local(moment)
    locale = customer_locale(language)
    return locale.toString(
        QTime(local.hour, local.minute), locale.timeFormat(QLocale.FormatType.ShortFormat)
    )


def datetime_words(moment: datetime, language: str) -> str:
    """``2 December 2026, 18:53``: the day and time on this machine's clock."""
    local = _local(moment)
    locale = customer_locale(language)
    comma = "، " if locale.script() is QLocale.Script.ArabicScript else ", "
    return date_words(local.date(), language) + comma + time_words(local, language)


def number_words(number: float, language: str) -> str:
    """A number as ``language`` writes it: ``1,234.5`` in English, ``1234,5`` in Polish."""
    locale = customer_locale(language)
    if float(number).is_integer():
        return locale.toString(int(number))
    return locale.toString(
        float(number), "g", QLocale.FloatingPointPrecisionOption.FloatingPointShortest
    )


def month_name(month: int, language: str) -> str:
    """The month's name on its own (``December``, ``grudzień``), as a date stepper shows it."""
    return customer_locale(language).standaloneMonthName(month, QLocale.FormatType.LongFormat)


def _local(moment: datetime) -> datetime:
    """An aware time on this machine's clock; a naive one is taken as already local."""
    return moment.astimezone() if moment.tzinfo is not None else moment
