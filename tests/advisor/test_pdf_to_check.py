"""The printable summary read back with pypdf: the rights to check are a
section apart with no amount, and the prime à la naissance is paid once."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from eligibility.household import Household
from kiosk.pdf import summary_pdf
from locales import gettext

PARENT_IN_ROUBAIX = {
    "month": "2025-10",
    "commune": "59512",
    "housing": {"status": "tenant_private", "rent": 550},
    "people": [
        {"id": "a", "role": "applicant", "birth_date": "1990-03-01", "activity": "unemployed", "pregnant": True},
        {"id": "k", "role": "child", "birth_date": "2015-03-01", "school": "primary"},
    ],
}


def _text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))
    return len(reader.pages), " ".join(text.split())


@pytest.fixture(scope="module")
def parent(engine):
    household = Household.model_validate(PARENT_IN_ROUBAIX)
    return engine.screen(household), household


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_rights_to_check_are_apart_and_without_amount(parent, lang):
    screening, household = parent
    pages, text = _text(summary_pdf(screening, household, lang, today=date(2025, 10, 6)))
    assert pages == 1
    title = "À vérifier avec un agent (sans montant)"
    assert title in text
    part = text.split(title, 1)[1]
    # The French column names each right with its official name and who decides.
    assert "Fonds de solidarité pour le logement (FSL) — Métropole Européenne de Lille" in part
    assert "Logement social (HLM)" in part
    # No amount in the section but the quotient familial's ceiling, a condition.
    section = part.split("Documents à apporter")[0]
    amounts = re.findall(r"\d[\d  ]*,\d\d €", section)
    assert amounts == [], amounts
    if lang == "en":
        assert "To check with an agent (no amount)" in text


def test_prime_a_la_naissance_paid_once_on_paper(parent):
    screening, household = parent
    prime = screening.benefit("paje_naissance")
    assert prime.unclaimed and prime.paid_once
    _pages, text = _text(summary_pdf(screening, household, "fr", today=date(2025, 10, 6)))
    line = text.split("Prime à la naissance :", 1)[1][:40]
    assert ", en une fois" in line and "par an" not in line
    assert "Aides versées en une fois :" in text
    english = _text(summary_pdf(screening, household, "en", today=date(2025, 10, 6)))[1]
    assert gettext("en", "{amount}, en une fois").split("{amount}")[1] in english


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_phone_summary_says_paid_once(parent, lang):
    from kiosk.takeaway import code_texts, plain_text, summary

    screening, _household = parent
    lines = summary(screening, lang, site_name="CCAS de Lille")
    text = plain_text(lines)
    prime = next(line.local for line in lines if line.kind == "right" and "Prime à la naissance" in line.local)
    assert gettext(lang, "{amount}, en une fois").split("{amount}")[1] in prime
    assert gettext(lang, "{amount} par an").split("{amount}")[1] not in prime
    # The rights to check stay on the screen and on paper: the codes are full.
    assert "FSL" not in text
    # Every right still reaches the phone (in at most four codes).
    codes = code_texts(lines, lang)
    assert 1 <= len(codes) <= 4
    assert "Prime à la naissance" in "\n".join(codes)
