"""`eligibility.periods`: `today` reads the clock at most once a second,
and the day it gives moves with the clock (a kiosk runs for weeks; a birth
date "in the future" is judged against the day it is validated); a month's
first day is kept once made, and a month outside the calendar's years is
still refused by the range check."""

from __future__ import annotations

import datetime as real_datetime

from eligibility import periods


def test_today_is_the_day_of_the_clock():
    assert periods.today() == real_datetime.date.today()
    assert periods.current_month() == periods.Month(periods.today().year, periods.today().month)


def test_today_is_read_again_when_the_second_changes(monkeypatch):
    clock = [1_000_000.0]
    days = iter([real_datetime.date(2026, 12, 1), real_datetime.date(2026, 12, 2)])

    class Day(real_datetime.date):
        @classmethod
        def today(cls):
            return next(days)

    monkeypatch.setattr(periods.time, "time", lambda: clock[0])
    monkeypatch.setattr(periods, "date", Day)
    monkeypatch.setattr(periods, "_today", (-1, real_datetime.date.min))
    assert periods.today() == real_datetime.date(2026, 12, 1)
    clock[0] += 0.5  # the same second: not read again
    assert periods.today() == real_datetime.date(2026, 12, 1)
    clock[0] += 0.6  # the next second, past midnight
    assert periods.today() == real_datetime.date(2026, 12, 2)


def test_a_birth_date_of_tomorrow_is_refused():
    import pytest
    from pydantic import ValidationError

    from eligibility.household import Person

    tomorrow = real_datetime.date.today() + real_datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="birth_date_in_future|in the future"):
        Person.model_validate({"id": "a", "role": "applicant", "birth_date": tomorrow.isoformat()})
    Person.model_validate({"id": "a", "role": "applicant", "birth_date": real_datetime.date.today().isoformat()})


def test_a_month_outside_the_calendars_years_is_refused_by_the_range_check():
    import pytest
    from pydantic import ValidationError

    from eligibility.household import Household

    with pytest.raises(ValidationError) as refused:
        Household.model_validate(
            {
                "month": "0000-05",
                "commune": "59350",
                "housing": {"status": "tenant_private"},
                "people": [{"id": "a", "role": "applicant", "birth_date": "1980-01-01"}],
            }
        )
    assert [e["type"] for e in refused.value.errors()] == ["month_out_of_range"]
    month = periods.Month(2025, 5)
    assert month.first_day is month.first_day == real_datetime.date(2025, 5, 1)
