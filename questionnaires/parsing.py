"""Reading what a person typed: numbers, amounts, dates, in the conventions
of the languages we ship (from Babel/CLDR, never hand-made separators).

Ambiguity is refused, never guessed: `1,200` is 1.2 in French and 1200 in
English, so it is refused with a message asking to write it another way.
Each function raises `ParseError(code, context)`; the session turns the code
into a translated message.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from babel.dates import parse_date
from babel.numbers import (
    NumberFormatError,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from locales import LANGUAGES


class ParseError(ValueError):
    def __init__(self, code: str, context: dict | None = None):
        super().__init__(code)
        self.code = code
        self.context = dict(context or {})


# Invisible direction marks that right-to-left keyboards and CLDR patterns insert.
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean(text: str) -> str:
    """NFC text without direction marks, every decimal digit made ASCII,
    surrounding blanks removed."""
    text = unicodedata.normalize("NFC", str(text)).translate(_BIDI_MARKS)
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)
    return text.strip()


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


def _is_space(ch: str) -> bool:
    return unicodedata.category(ch) == "Zs"


def parse_number(text: str, lang: str, *, currency: bool = False) -> Decimal:
    """A decimal number typed by a person, read in every convention we ship;
    refused when no reading works or when two readings differ."""
    raw = clean(text)
    if currency:
        for mark in _currency_marks(lang):
            raw = raw.replace(mark, " ")
        raw = raw.strip()
    if not raw:
        raise ParseError("empty_answer")
    if raw.startswith(("-", "\u2212")):
        raise ParseError("number_negative")
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


def parse_integer(text: str, lang: str) -> int:
    value = parse_number(text, lang)
    if value != value.to_integral_value():
        raise ParseError("integer_expected", {"value": text})
    return int(value)


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date_text(text: str, lang: str) -> date:
    """A date typed as DD/MM/YYYY, YYYY-MM-DD or the language's CLDR short
    format (any separator); two-digit years and differing readings refused."""
    raw = clean(text)
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
    if not readings:
        raise ParseError("date_invalid", {"value": text})
    if len(readings) > 1:
        raise ParseError("date_ambiguous", {"value": text})
    return readings.pop()
