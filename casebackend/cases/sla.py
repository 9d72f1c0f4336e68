"""SLA due dates in working days: no weekends, no England & Wales bank holidays."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


@lru_cache(maxsize=8)
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share one list of bank holidays; "ENG" is that list.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, working_days: int) -> date:
    """The date ``working_days`` working days after ``start`` (which itself does not count)."""
    day = start
    remaining = working_days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def due_date(received: datetime, working_days: int, timezone: str) -> date:
    """Received on a Friday evening or a bank holiday, the clock starts on the next working day."""
    local = received.astimezone(ZoneInfo(timezone)).date()
    return add_working_days(local, working_days)
