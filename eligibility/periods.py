"""Months and the range of dates the pinned rules cover."""

from __future__ import annotations

import time
from datetime import date
from functools import total_ordering
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema


@total_ordering
class Month:
    """A calendar month, written `YYYY-MM` in JSON."""

    __slots__ = ("year", "month", "_first_day")

    def __init__(self, year: int, month: int):
        if not 1 <= month <= 12:
            raise ValueError(month)
        self.year = year
        self.month = month
        self._first_day: date | None = None

    @classmethod
    def parse(cls, text: str) -> Month:
        try:
            year, month = text.strip().split("-")
            # ASCII digits only: int() also reads Arabic-Indic and other digits.
            if len(year) != 4 or len(month) != 2 or not (year + month).isascii():
                raise ValueError(text)
            return cls(int(year), int(month))
        except (ValueError, AttributeError):
            raise PydanticCustomError(
                "invalid_month", "{value} is not a month written YYYY-MM", {"value": str(text)}
            ) from None

    @property
    def first_day(self) -> date:
        # Kept once made: the screening reads it for every person, several
        # times. Made when first read, so that a month outside the calendar's
        # years (0000-05) is still refused by the range check, by name.
        day = self._first_day
        if day is None:
            day = self._first_day = date(self.year, self.month, 1)
        return day

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Month({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Month) and (self.year, self.month) == (other.year, other.month)

    def __lt__(self, other: Month) -> bool:
        return (self.year, self.month) < (other.year, other.month)

    def __hash__(self) -> int:
        return hash((self.year, self.month))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler):
        def validate(value: Any) -> Month:
            if isinstance(value, Month):
                return value
            if isinstance(value, str):
                return cls.parse(value)
            raise PydanticCustomError("invalid_month", "{value} is not a month written YYYY-MM", {"value": str(value)})

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            json_schema_input_schema=core_schema.str_schema(pattern=r"^\d{4}-\d{2}$"),
        )


def today() -> date:
    """Today, read from the clock at most once a second: validating a
    caseload asks for it at every birth date, and `date.today()` converts
    the clock to local time at each call."""
    global _today
    second = int(time.time())
    if _today[0] != second:
        _today = (second, date.today())
    return _today[1]


_today: tuple[int, date] = (-1, date.min)


def current_month() -> Month:
    day = today()
    return Month(day.year, day.month)


# The rules look back up to five years (tax and family-benefit resources of
# year N-2, AAH over three years); before 2022 the pinned rules have not been
# checked by our tests. The last month is the end of the last year for which
# OpenFisca-France 176.1.8 carries legislation (its latest parameters date
# from October 2026).
FIRST_MONTH = Month(2022, 1)
LAST_MONTH = Month(2026, 12)


def default_month() -> Month:
    """The current month, or the last month the rules cover once past it:
    the screening then warns that the rules are older than today."""
    return min(current_month(), LAST_MONTH)


def age_on(birth: date, day: date) -> int:
    """Whole years from `birth` to `day` (a birthday counts on its day)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 28 February for a 29 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
