from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from casebackend.cases.sla import (
    BankHolidayRegion,
    add_working_days,
    due_date,
    is_working_day,
    working_days_between,
)

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2026, 11, 23), 5, date(2026, 11, 30)),  # Monday + 5 → next Monday
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday + 1 skips the weekend
        # Christmas Day (Fri), Boxing Day substitute (Mon 28th) and New Year's Day are skipped.
        (date(2026, 12, 23), 3, date(2026, 12, 30)),
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        # Complaints: 20 working days across the late May bank holiday (31 May 2027).
        (date(2027, 5, 14), 20, date(2027, 6, 14)),
    ],
)
def test_working_days_skip_weekends_and_england_and_wales_bank_holidays(start, days, due):
    assert add_working_days(start, days) == due


def test_bank_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday (England & Wales)
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer holiday is not ours
    assert not is_working_day(date(2026, 11, 28))  # Saturday


def test_the_clock_starts_in_local_time():
    # 23:30 UTC on Friday 30 October 2026 is still Friday in London (GMT): due Monday + 1.
    late_friday = datetime(2026, 10, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert due_date(late_friday, 1, "Europe/London") == date(2026, 11, 2)
    # 23:30 UTC on Saturday 27 June 2026 is already Sunday in London (BST).
    saturday_night = datetime(2026, 6, 27, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert saturday_night.astimezone(LONDON).date() == date(2026, 6, 28)
    assert due_date(saturday_night, 1, "Europe/London") == date(2026, 6, 29)


def test_each_part_of_the_uk_keeps_its_own_bank_holidays():
    # The first Monday of August: Scotland's summer holiday, a working day elsewhere.
    assert not is_working_day(date(2026, 8, 3), BankHolidayRegion.SCOTLAND)
    assert is_working_day(date(2026, 8, 31), BankHolidayRegion.SCOTLAND)
    # St Patrick's Day (a Tuesday in 2026): Northern Ireland's only.
    assert not is_working_day(date(2026, 3, 17), BankHolidayRegion.NORTHERN_IRELAND)
    assert is_working_day(date(2026, 3, 17), BankHolidayRegion.ENGLAND_AND_WALES)
    # 2 January is a bank holiday in Scotland: a case from New Year's Eve is due later there.
    received = datetime(2026, 12, 31, 10, tzinfo=UTC)
    assert due_date(received, 1, "Europe/London") == date(2027, 1, 4)
    assert due_date(received, 1, "Europe/London", BankHolidayRegion.SCOTLAND) == date(2027, 1, 5)


def test_working_days_between_counts_only_working_days():
    friday, monday = date(2026, 11, 27), date(2026, 11, 30)
    assert working_days_between(friday, monday) == 1
    assert working_days_between(friday, friday) == 0
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1  # two holidays
