"""SLA due dates in working days: no weekends, no bank holidays of the council's own part
of the UK (England and Wales share one list; Scotland and Northern Ireland have their own),
from the maintained ``holidays`` library."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


class BankHolidayRegion(StrEnum):
    """The bank holidays a council keeps (the ``bank_holiday_region`` setting)."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


# The holidays library's subdivision for each: England and Wales share "ENG"'s list.
_SUBDIVISION = {
    BankHolidayRegion.ENGLAND_AND_WALES: "ENG",
    BankHolidayRegion.SCOTLAND: "SCT",
    BankHolidayRegion.NORTHERN_IRELAND: "NIR",
}
DEFAULT_REGION = BankHolidayRegion.ENGLAND_AND_WALES


@lru_cache(maxsize=32)
def _bank_holidays(year: int, region: BankHolidayRegion) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=_SUBDIVISION[region], years=year))


def is_bank_holiday(day: date, region: BankHolidayRegion = DEFAULT_REGION) -> bool:
    return day in _bank_holidays(day.year, region)


def is_working_day(day: date, region: BankHolidayRegion = DEFAULT_REGION) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year, region)


def add_working_days(
    start: date, working_days: int, region: BankHolidayRegion = DEFAULT_REGION
) -> date:
    """The date ``working_days`` working days after ``start`` (which itself does not count)."""
    day = start
    remaining = working_days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, region):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, region: BankHolidayRegion = DEFAULT_REGION) -> int:
    """How many working days after ``start`` ``end`` is (``start`` itself does not count;
    0 for the same day, or a day before)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, region):
            count += 1
    return count


def due_date(
    received: datetime,
    working_days: int,
    timezone: str,
    region: BankHolidayRegion = DEFAULT_REGION,
) -> date:
    """Received on a Friday evening or a bank holiday, the clock starts on the next working day."""
    local = received.astimezone(ZoneInfo(timezone)).date()
    return add_working_days(local, working_days, region)
