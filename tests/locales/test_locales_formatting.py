"""Money, numbers and dates with CLDR data; text direction."""

from __future__ import annotations

from datetime import date

import pytest

from locales import LANGUAGES, direction, format_date, format_money, format_month, format_number, is_rtl

NBSP, NNBSP = "\u00a0", "\u202f"


def test_money_french():
    assert format_money(646.52, "fr") == f"646,52{NBSP}€"
    assert format_money(1234567.5, "fr") == f"1{NNBSP}234{NNBSP}567,50{NBSP}€"


def test_money_english_spanish_russian():
    assert format_money(646.52, "en") == "€646.52"
    assert format_money(1646.52, "es") == f"1646,52{NBSP}€" or format_money(1646.52, "es") == f"1.646,52{NBSP}€"
    assert format_money(646.52, "ru") == f"646,52{NBSP}€"


@pytest.mark.parametrize("lang", ["ar", "fa", "ps"])
def test_money_arabic_script_keeps_western_digits(lang):
    text = format_money(1646.52, lang)
    assert "646" in text and "€" in text
    assert not any("\u0660" <= c <= "\u0669" or "\u06f0" <= c <= "\u06f9" for c in text)


def test_money_native_digits():
    assert "٦٤٦٫٥٢" in format_money(646.52, "ar", digits="native")
    assert "۶۴۶٫۵۲" in format_money(646.52, "fa", digits="native")
    assert "۶۴۶" in format_money(646.52, "ps", digits="native")
    # Languages written with Latin digits are unchanged.
    assert format_money(646.52, "fr", digits="native") == format_money(646.52, "fr")
    with pytest.raises(ValueError):
        format_money(1, "fr", digits="roman")


def test_numbers():
    assert format_number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(1234.5, "ar") == "1,234.5"
    assert format_number(12, "fa", digits="native") == "۱۲"


def test_dates():
    day = date(2025, 5, 3)
    assert format_date(day, "fr") == "3 mai 2025"
    assert format_date(day, "en") == "May 3, 2025"
    assert format_date(day, "ar") == "3 مايو 2025"
    assert format_date(day, "ar", digits="native") == "٣ مايو ٢٠٢٥"
    assert "maio" in format_date(day, "pt")


def test_months():
    assert format_month("2025-05", "fr") == "mai 2025"
    assert format_month(date(2025, 5, 17), "en") == "May 2025"
    assert format_month("2025-05", "es") == "mayo de 2025"
    assert format_month("2025-05", "fa", digits="native").endswith("۲۰۲۵") or "۲۰۲۵" in format_month(
        "2025-05", "fa", digits="native"
    )
    from eligibility.periods import Month

    assert format_month(Month(2026, 12), "fr") == "décembre 2026"
    with pytest.raises(ValueError):
        format_month("May 2025", "fr")


def test_every_language_formats():
    for lang in LANGUAGES:
        assert "646" in format_money(646.52, lang)
        assert "2025" in format_month("2025-05", lang)


def test_direction():
    assert {lang for lang in LANGUAGES if is_rtl(lang)} == {"ar", "fa", "ps"}
    assert direction("ar") == "rtl"
    assert direction("fr") == "ltr"
    with pytest.raises(ValueError):
        is_rtl("he")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_money_shows_the_euro_sign_in_every_language(lang):
    # CLDR writes "EUR" for uk and ro; people read "€" on their letters.
    text = format_money(1234.5, lang)
    assert "€" in text and "EUR" not in text
