"""Validation errors, by code, in every language."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from locales import ERROR_MESSAGES, LANGUAGES, translate_error, translate_pydantic_error
from locales.errors import GENERIC_ERROR

ROOT = Path(__file__).resolve().parents[2]


def raised_codes() -> set[str]:
    codes = set()
    for name in ("household.py", "periods.py"):
        source = (ROOT / "eligibility" / name).read_text(encoding="utf-8")
        codes |= set(re.findall(r'PydanticCustomError\(\s*"(\w+)"', source))
        codes |= set(re.findall(r'_located\(\s*\([^)]*\),\s*"(\w+)"', source))
    return codes


def test_every_raised_code_has_a_message():
    codes = raised_codes()
    assert {"birth_date_in_future", "no_applicant", "invalid_month", "child_too_old"} <= codes
    assert codes - set(ERROR_MESSAGES) == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_fills_its_placeholders(lang):
    context = {"limit": 25, "age": 30, "code": "59999", "id": "p1", "benefit": "xyz",
               "year": "20x4", "first": "2022-01", "last": "2026-12", "value": "13/2025",
               "second": "1200", "min": 0, "max": 12, "label": "Aucun", "candidates": "Lille, Lomme",
               "communes": "Bouvines, Wannehain"}  # fmt: skip
    for code in ERROR_MESSAGES:
        text = translate_error(lang, code, context)
        assert text and "{" not in text and "}" not in text, (lang, code, text)


def test_values_are_formatted_for_the_language():
    assert translate_error("fr", "amount_too_large", {"limit": 1_000_000}) == (
        "Ce montant est trop grand : plus de 1\u202f000\u202f000,00\u00a0€ par mois. Vérifiez le nombre."
    )
    assert "€1,000,000.00" in translate_error("en", "amount_too_large", {"limit": 1_000_000})
    assert translate_error("fr", "month_out_of_range", {"first": "2022-01", "last": "2026-12"}) == (
        "Le mois doit être entre janvier 2022 et décembre 2026."
    )
    assert "2026" in translate_error("ar", "month_out_of_range", {"first": "2022-01", "last": "2026-12"})


def test_translated():
    assert translate_error("en", "birth_date_in_future") == "The date of birth cannot be in the future."
    assert translate_error("fr", "birth_date_in_future") == "La date de naissance ne peut pas être dans le futur."


def test_unknown_code_gives_generic_message():
    assert translate_error("fr", "something_new", {}) == GENERIC_ERROR
    assert translate_error("en", "something_new") != GENERIC_ERROR
    with pytest.raises(ValueError):
        translate_error("xx", "missing")


def test_real_validation_error():
    from eligibility.household import Household

    with pytest.raises(ValidationError) as caught:
        Household(
            commune="59350",
            housing={"status": "tenant_private", "rent": -5},
            people=[{"id": "a", "role": "applicant", "birth_date": date(1980, 1, 1)}],
        )
    (error,) = caught.value.errors()
    assert error["type"] == "amount_negative"
    assert translate_pydantic_error("fr", error) == "Un montant ne peut pas être négatif."
