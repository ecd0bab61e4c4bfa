"""`eligibility.parsing`, the one reader of typed values (kiosk flows,
advisor form, batch CSV): round trips and refusals over generated values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.parsing import (
    NO_WORDS,
    YES_WORDS,
    ParseError,
    parse_age_or_birth,
    parse_date_text,
    parse_flag,
    parse_integer,
    parse_month_text,
    parse_number,
)
from eligibility.periods import FIRST_MONTH, LAST_MONTH, Month
from locales import LANGUAGES

amounts = st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
months = st.builds(Month, st.integers(1900, 2100), st.integers(1, 12))


@settings(max_examples=60, deadline=None)
@given(amount=amounts, lang=st.sampled_from(sorted(LANGUAGES)))
def test_an_amount_written_as_the_language_writes_it_reads_back(amount, lang):
    # Grouped the way the language groups (1 200,50 / 1,200.50 / 1.200,50),
    # without grouping, and with the euro sign: the same amount, or refused
    # as ambiguous (1,200 is 1.2 or 1200) but never read as another number.
    for grouping in (True, False):
        text = format_decimal(amount, locale=lang, group_separator=grouping, decimal_quantization=False)
        for typed in (text, f"{text} €"):
            try:
                assert parse_number(typed, lang, currency=True) == amount
            except ParseError as error:
                assert error.code == "number_ambiguous", (typed, lang)


@settings(max_examples=60, deadline=None)
@given(amount=amounts.filter(lambda a: a > 0))
def test_a_negative_amount_is_refused_never_made_positive(amount):
    for sign in ("-", "\u2212"):
        with pytest.raises(ParseError) as error:
            parse_number(f"{sign}{amount}", "fr", currency=True)
        assert error.value.code == "amount_negative"
        with pytest.raises(ParseError) as error:
            parse_number(f"{sign}{amount}", "fr")
        assert error.value.code == "number_negative"


@settings(max_examples=60, deadline=None)
@given(number=st.integers(0, 10**6))
def test_native_digits_are_read_for_people_and_refused_in_files(number):
    arabic = str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_integer(arabic, "ar") == number
    assert parse_number(arabic, "fr") == number
    with pytest.raises(ParseError) as error:
        parse_number(arabic, "fr", native_digits=False)
    assert error.value.code == "number_invalid"


@settings(max_examples=80, deadline=None)
@given(day=days)
def test_a_date_reads_back_in_every_written_form(day):
    for text in (f"{day.day:02d}/{day.month:02d}/{day.year}", f"{day.day}/{day.month}/{day.year}", day.isoformat()):
        assert parse_date_text(text, "fr") == day
        assert parse_date_text(text, "fr", native_digits=False) == day
    # Two-digit years are refused, never guessed.
    with pytest.raises(ParseError) as error:
        parse_date_text(f"{day.day}/{day.month}/{day.year % 100:02d}", "fr")
    assert error.value.code == "date_year_two_digits"


@settings(max_examples=80, deadline=None)
@given(month=months)
def test_a_month_reads_back_both_ways(month):
    for text in (f"{month.month:02d}/{month.year}", f"{month.month}/{month.year}", str(month)):
        assert parse_month_text(text, in_range=False) == month
        if FIRST_MONTH <= month <= LAST_MONTH:
            assert parse_month_text(text) == month
        else:
            with pytest.raises(ParseError) as error:
                parse_month_text(text)
            assert error.value.code == "month_out_of_range"
    # A month of birth is the first of that month.
    assert parse_age_or_birth(f"{month.month:02d}/{month.year}") == month.first_day


@given(number=st.integers(13, 99), year=st.integers(1900, 2100))
def test_a_month_number_over_twelve_is_refused(number, year):
    with pytest.raises(ParseError) as error:
        parse_month_text(f"{number}/{year}")
    assert error.value.code == "month_invalid"


@given(text=st.text(max_size=12))
def test_any_text_is_read_or_refused_with_a_code(text):
    for parse in (
        lambda t: parse_number(t, "fr", currency=True),
        lambda t: parse_date_text(t, "fr"),
        lambda t: parse_month_text(t),
        parse_flag,
    ):
        try:
            parse(text)
        except ParseError as error:
            assert error.code


def test_yes_and_no_in_french_and_english():
    for word in YES_WORDS:
        assert parse_flag(word.upper()) is True
    for word in NO_WORDS:
        assert parse_flag(f" {word} ") is False
    with pytest.raises(ParseError) as error:
        parse_flag("peut-être")
    assert error.value.code == "choice_unknown"


@given(day=days, years=st.integers(1, 120))
def test_an_age_counted_back_is_the_age(day, years):
    from datetime import timedelta

    from eligibility.periods import age_on, years_before

    born = years_before(day, years)
    assert age_on(born, day) == years
    if (born.month, born.day) == (day.month, day.day):
        # The day before the birthday: one year less.
        assert age_on(born, day - timedelta(days=1)) == years - 1


@settings(max_examples=200, deadline=None)
@given(
    whole=st.integers(0, 10**9),
    decimals=st.sampled_from(["", ",5", ".5", ",50", ".05", ",07", ".99"]),
    space=st.sampled_from(["", " ", "\u00a0", "\u202f"]),
    lang=st.sampled_from(sorted(LANGUAGES)),
)
def test_the_shortcut_for_plain_numbers_reads_as_every_convention_does(whole, decimals, space, lang):
    from eligibility.parsing import _read_in_every_convention

    text = f"{whole:,}".replace(",", space) + decimals
    try:
        expected = _read_in_every_convention(text, text, lang)
    except ParseError as error:
        expected = error.code
    try:
        got = parse_number(text, lang)
    except ParseError as error:
        got = error.code
    assert got == expected, text


@settings(max_examples=200, deadline=None)
@given(day=days, separator=st.sampled_from(["/", ".", "-", " / "]), lang=st.sampled_from(sorted(LANGUAGES)))
def test_a_language_that_writes_day_month_year_reads_that_only(day, separator, lang):
    """Read without Babel when the language writes day, month, year: the same
    date as Babel's reading; where the day and month cannot be (31/02, a
    13th month) refused, where Babel would swap them (a guess)."""
    from eligibility.parsing import _date_readings, _writes_day_month_year

    if not _writes_day_month_year(lang):
        return
    for d, m in ((day.day, day.month), (31, day.month), (day.day, 13)):
        groups = [f"{d:02d}", f"{m:02d}", str(day.year)]
        text = separator.join(groups)
        try:
            expected = date(day.year, m, d)
        except ValueError:
            with pytest.raises(ParseError) as error:
                parse_date_text(text, lang)
            assert error.value.code == "date_invalid"
            continue
        assert parse_date_text(text, lang) == expected
        assert _date_readings(text, groups, lang) == {expected}
