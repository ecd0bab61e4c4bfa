"""`eligibility.periods.today`: the clock read at most once a second, and
the day it gives moves with the clock (a kiosk runs for weeks; a birth date
"in the future" is judged against the day it is validated)."""

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
