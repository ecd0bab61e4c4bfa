"""Numbers, money, dates and months, with Babel's CLDR data.

Arabic-script languages (ar, fa, ps) keep Western digits (0-9) by default:
amounts are compared with letters from the CAF, which use them. Pass
`digits="native"` for the digits of the language (٠١٢ / ۰۱۲).
Separators and spaces are CLDR's, never hand-made (French puts a no-break
space before € and a narrow no-break space between thousands).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from functools import cache
from typing import Literal

from babel import Locale
from babel import dates as _dates
from babel import numbers as _numbers

from locales.core import check_language

Digits = Literal["latn", "native"]
EURO = "€"


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(check_language(lang))


def _numbering_system(lang: str, digits: Digits) -> str:
    if digits == "latn":
        return "latn"
    if digits == "native":
        return _locale(lang).other_numbering_systems.get("native", "latn")
    raise ValueError(f"digits must be 'latn' or 'native', not {digits!r}")


# Babel applies a numbering system's separators but writes 0-9 whatever the
# system: the digits themselves come from Unicode, by the system's CLDR id.
_ZERO = {
    "arab": "ARABIC-INDIC DIGIT ZERO",  # ٠١٢٣٤٥٦٧٨٩
    "arabext": "EXTENDED ARABIC-INDIC DIGIT ZERO",  # ۰۱۲۳۴۵۶۷۸۹ (Dari, Pashto)
}


@cache
def _digit_table(lang: str, digits: Digits) -> dict[int, int]:
    system = _numbering_system(lang, digits)
    if system not in _ZERO:
        return {}
    zero = ord(unicodedata.lookup(_ZERO[system]))
    return {ord("0") + d: zero + d for d in range(10)}


def format_money(amount: float, lang: str, digits: Digits = "latn") -> str:
    """Euros, with cents, the CLDR way: fr "646,52 €", en "€646.52".

    Always the sign "€", the one on CAF letters and price tags in France:
    CLDR writes "EUR" for a few languages (uk, ro), which people here do not
    read as their euros."""
    locale = _locale(lang)
    text = _numbers.format_currency(amount, "EUR", locale=locale, numbering_system=_numbering_system(lang, digits))
    symbol = _numbers.get_currency_symbol("EUR", locale=locale)
    if symbol != EURO:
        text = text.replace(symbol, EURO)
    return text.translate(_digit_table(lang, digits))


def format_number(number: float, lang: str, digits: Digits = "latn") -> str:
    """A plain number with the separators of `lang`: fr "1 234,5"."""
    text = _numbers.format_decimal(number, locale=_locale(lang), numbering_system=_numbering_system(lang, digits))
    return text.translate(_digit_table(lang, digits))


def format_percent(ratio: float, lang: str, digits: Digits = "latn") -> str:
    """A ratio as a percentage: 0.8 -> fr "80 %"."""
    text = _numbers.format_percent(ratio, locale=_locale(lang), numbering_system=_numbering_system(lang, digits))
    return text.translate(_digit_table(lang, digits))


def format_date(day: date, lang: str, digits: Digits = "latn", format: str = "long") -> str:
    """A day with the month in words: fr "3 mai 2025", en "May 3, 2025"."""
    if isinstance(day, datetime):
        day = day.date()
    text = _dates.format_date(day, format=format, locale=_locale(lang))
    return text.translate(_digit_table(lang, digits))


def _as_date(month: str | date) -> date:
    if isinstance(month, datetime):
        return month.date().replace(day=1)
    if isinstance(month, date):
        return month.replace(day=1)
    # `YYYY-MM` (also eligibility.periods.Month, whose str() is YYYY-MM).
    text = str(month).strip()
    try:
        year, number = text.split("-")[:2]
        if len(year) != 4 or len(number) != 2:
            raise ValueError
        return date(int(year), int(number), 1)
    except ValueError:
        raise ValueError(f"{month!r} is not a month written YYYY-MM") from None


def format_month(month: str | date, lang: str, digits: Digits = "latn") -> str:
    """A month and its year: fr "mai 2025", es "mayo de 2025". Accepts
    "YYYY-MM", a date, or an `eligibility.periods.Month`."""
    text = _dates.format_skeleton("yMMMM", _as_date(month), locale=_locale(lang))
    return text.translate(_digit_table(lang, digits))


def is_rtl(lang: str) -> bool:
    """True for languages written right to left (ar, fa, ps), as CLDR says."""
    return _locale(lang).text_direction == "rtl"


def direction(lang: str) -> Literal["rtl", "ltr"]:
    return "rtl" if is_rtl(lang) else "ltr"


def list_separators(lang: str) -> tuple[str, str]:
    """The comma and the semicolon between the items of a list in `lang`:
    Arabic script writes its own (، and ؛, no space before them); French
    typography puts a space before the semicolon."""
    if is_rtl(lang):
        return "\N{ARABIC COMMA} ", "\N{ARABIC SEMICOLON} "
    return ", ", (" ; " if check_language(lang) == "fr" else "; ")


def format_weekday(index: int, lang: str) -> str:
    """The name of a day of the week, Monday = 0: fr "lundi", en "Monday"."""
    return _locale(lang).days["format"]["wide"][index]


def format_time(moment, lang: str, digits: Digits = "latn") -> str:
    """A time of day in the language's short form: fr "13:30", en "1:30 PM"."""
    text = _dates.format_time(moment, format="short", locale=_locale(lang))
    # CLDR's Arabic pattern has an ordinary space before ص / م (morning,
    # afternoon); a time is never cut across two lines.
    return text.replace(" ", "\N{NO-BREAK SPACE}").translate(_digit_table(lang, digits))
