"""Reading typed values: numbers, amounts, dates, months, ages and yes/no,
in the conventions of the languages we ship (from Babel/CLDR, never
hand-made separators). The one place for it: the kiosk's flows
(`questionnaires`), the advisor's form and the batch's CSV reader all call
these functions, so a value means the same everywhere.

Ambiguity is refused, never guessed: `1,200` is 1.2 in French and 1200 in
English, so it is refused with a message asking to write it another way.
Each function raises `ParseError(code, context)`; the code's translated
message is in `locales.errors.ERROR_MESSAGES` (`translate_error`).

Digits: a person at the kiosk may type with their language's digits
(`١٢٠٠`), so `native_digits=True` reads them; files read by the batch are
machine data, where such digits are a mistake, so it passes False.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from babel.dates import get_date_format, parse_date
from babel.numbers import (
    NumberFormatError,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from eligibility.periods import FIRST_MONTH, LAST_MONTH, Month
from locales import LANGUAGES


class ParseError(ValueError):
    def __init__(self, code: str, context: dict | None = None):
        super().__init__(code)
        self.code = code
        self.context = dict(context or {})


# Invisible direction marks that right-to-left keyboards and CLDR patterns insert.
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean(text: str, *, native_digits: bool = True) -> str:
    """NFC text without direction marks, surrounding blanks removed; every
    decimal digit made ASCII (`native_digits`), else left as it is (and so
    refused by the parsers below)."""
    text = unicodedata.normalize("NFC", str(text)).translate(_BIDI_MARKS)
    if native_digits:
        text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)
    return text.strip()


def _ascii_digits_only(text: str) -> bool:
    return not any(ch.isdecimal() and not ch.isascii() for ch in text)


@cache
def _conventions(lang: str) -> tuple[tuple[str, str, str], ...]:
    """(locale, numbering system, group symbol) for the session language, then
    French (the country's), then every other shipped language: the readings a
    person's typing may follow."""
    seen: list[tuple[str, str, str]] = []
    keys: set[tuple[str, str]] = set()
    for locale in dict.fromkeys([lang, "fr", *LANGUAGES]):
        for system in ("latn", "default"):
            try:
                symbols = (
                    get_decimal_symbol(locale, numbering_system=system),
                    get_group_symbol(locale, numbering_system=system),
                )
            except Exception:  # unknown numbering system for this locale
                continue
            if symbols in keys:
                continue
            keys.add(symbols)
            seen.append((locale, system, symbols[1]))
    return tuple(seen)


@cache
def _currency_marks(lang: str) -> tuple[str, ...]:
    marks = {"€", "EUR", "eur", "Eur"}
    for locale in (lang, "fr"):
        try:
            marks.add(get_currency_symbol("EUR", locale))
        except Exception:
            pass
    return tuple(sorted(marks, key=len, reverse=True))


_PLAIN_NUMBER = re.compile(r"^(?:0|[1-9][0-9]*)(?:[.,][0-9]{1,2})?$", re.ASCII)
_SPACED_NUMBER = re.compile(r"^[1-9][0-9]{0,2}(?:[ \u00a0\u202f][0-9]{3})+(?:,[0-9]{1,2})?$")


def _is_space(ch: str) -> bool:
    return unicodedata.category(ch) == "Zs"


def parse_number(text: str, lang: str = "fr", *, currency: bool = False, native_digits: bool = True) -> Decimal:
    """A decimal number typed by a person, read in every convention we ship;
    refused when no reading works or when two readings differ. Never
    negative (`amount_negative` for an amount, else `number_negative`)."""
    raw = clean(text, native_digits=native_digits)
    if not _ascii_digits_only(raw):
        raise ParseError("number_invalid", {"value": text})
    if currency:
        for mark in _currency_marks(lang):
            raw = raw.replace(mark, " ")
        raw = raw.strip()
    if not raw:
        raise ParseError("empty_answer")
    if raw.startswith(("-", "\u2212")):
        raise ParseError("amount_negative" if currency else "number_negative")
    if _PLAIN_NUMBER.match(raw) or _SPACED_NUMBER.match(raw):
        # The common cases, read at once (trying every convention costs about
        # a millisecond): plain digits, with one or two decimals after a comma
        # or a point, and thousands apart by spaces with a decimal comma, are
        # read the same way by every convention that reads them
        # (tests/eligibility/test_parsing_properties.py checks it).
        return Decimal("".join(ch for ch in raw if not _is_space(ch)).replace(",", ".")).normalize()
    return _read_in_every_convention(raw, text, lang)


def _read_in_every_convention(raw: str, text: str, lang: str) -> Decimal:
    values: dict[Decimal, str] = {}
    for locale, system, group in _conventions(lang):
        candidate = raw
        if _is_space(group):
            candidate = "".join(group if _is_space(ch) else ch for ch in raw)
        try:
            value = parse_decimal(candidate, locale, strict=True, numbering_system=system)
        except (NumberFormatError, InvalidOperation, ValueError):
            continue
        if not value.is_finite():
            continue
        values.setdefault(value.normalize(), locale)
    if not values:
        raise ParseError("number_invalid", {"value": text})
    if len(values) > 1:
        readings = sorted(values)
        raise ParseError("number_ambiguous", {"value": text, "first": readings[0], "second": readings[-1]})
    return next(iter(values))


def parse_integer(text: str, lang: str = "fr", *, native_digits: bool = True) -> int:
    value = parse_number(text, lang, native_digits=native_digits)
    if value != value.to_integral_value():
        raise ParseError("integer_expected", {"value": text})
    return int(value)


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date_text(text: str, lang: str = "fr", *, native_digits: bool = True) -> date:
    """A date typed as DD/MM/YYYY, YYYY-MM-DD or the language's CLDR short
    format (any separator); two-digit years and differing readings refused."""
    raw = clean(text, native_digits=native_digits)
    if not _ascii_digits_only(raw):
        raise ParseError("date_invalid", {"value": text})
    if not raw:
        raise ParseError("empty_answer")
    match = _ISO.match(raw)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            raise ParseError("date_invalid", {"value": text}) from None
    groups = re.findall(r"\d+", raw)
    if len(groups) != 3 or re.search(r"[^\d\s/.\-,]", raw):
        raise ParseError("date_invalid", {"value": text})
    if not any(len(g) == 4 for g in groups):
        raise ParseError("date_year_two_digits", {"value": text})
    if len(groups[2]) == 4 and _writes_day_month_year(lang):
        # The language's own short format is day, month, year: its reading
        # is this one (the common case, read without Babel).
        try:
            return date(int(groups[2]), int(groups[1]), int(groups[0]))
        except ValueError:
            raise ParseError("date_invalid", {"value": text}) from None
    readings = _date_readings(raw, groups, lang)
    if not readings:
        raise ParseError("date_invalid", {"value": text})
    if len(readings) > 1:
        raise ParseError("date_ambiguous", {"value": text})
    return readings.pop()


@cache
def _writes_day_month_year(lang: str) -> bool:
    pattern = get_date_format("short", locale=lang).pattern
    return pattern.find("d") < pattern.find("M") < pattern.find("y")


def _date_readings(raw: str, groups: list[str], lang: str) -> set[date]:
    """DD/MM/YYYY and the language's CLDR short format."""
    readings: set[date] = set()
    if len(groups[2]) == 4:
        try:
            readings.add(date(int(groups[2]), int(groups[1]), int(groups[0])))
        except ValueError:
            pass
    try:
        cldr = parse_date(raw, lang, format="short")
        # Babel reads the year as written only if it has four digits here.
        if str(cldr.year) in groups:
            readings.add(cldr)
    except (ValueError, IndexError, TypeError):
        pass
    return readings


_MONTH_GROUPS = re.compile(r"^(\d{1,4})\s*[/.\-]\s*(\d{1,4})$", re.ASCII)


def parse_month_text(text: str, *, native_digits: bool = True, in_range: bool = True) -> Month:
    """A month typed as MM/YYYY (also `.` or `-`) or YYYY-MM. `in_range`:
    only the months the pinned rules cover (`month_out_of_range` else); a
    month of birth passes False."""
    raw = clean(text, native_digits=native_digits)
    if not raw:
        raise ParseError("empty_answer")
    match = _MONTH_GROUPS.match(raw)
    if not match:
        raise ParseError("month_invalid", {"value": text})
    first, second = match.groups()
    if len(first) == 4 and len(second) <= 2:
        year, number = int(first), int(second)
    elif len(second) == 4 and len(first) <= 2:
        year, number = int(second), int(first)
    else:
        raise ParseError("month_invalid", {"value": text})
    if not 1 <= number <= 12:
        raise ParseError("month_invalid", {"value": text})
    month = Month(year, number)
    if in_range:
        check_month(month)
    return month


def check_month(month: Month) -> Month:
    """The month itself, if the pinned rules cover it."""
    if not FIRST_MONTH <= month <= LAST_MONTH:
        raise ParseError("month_out_of_range", {"first": str(FIRST_MONTH), "last": str(LAST_MONTH)})
    return month


def parse_age_or_birth(text: str, lang: str = "fr") -> int | date:
    """An age in years (up to 3 digits), a month of birth (MM/YYYY: the
    first of that month; many parents know it better than the day; the
    rules count ages in months) or a date of birth."""
    raw = clean(text)
    if raw.isdigit() and len(raw) <= 3:
        return int(raw)
    month_year = _MONTH_GROUPS.match(raw)
    if month_year and len(month_year.group(2)) == 4:
        try:
            return parse_month_text(raw, in_range=False).first_day
        except ParseError:
            raise ParseError("date_invalid", {"value": text}) from None
    return parse_date_text(raw, lang)


# Yes and no as files and forms write them (French and English).
YES_WORDS = frozenset({"yes", "y", "true", "1", "oui", "o", "x", "vrai"})
NO_WORDS = frozenset({"no", "n", "false", "0", "non", "faux"})


def parse_flag(text: str) -> bool:
    """Yes or no, written in French or English (`oui`, `x`, `1`, `false`…)."""
    word = clean(text, native_digits=False).casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ParseError("choice_unknown", {"value": text})
