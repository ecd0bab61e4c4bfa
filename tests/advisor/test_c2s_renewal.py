"""The C2S free for the year it is granted (CSS L861-5) but with a
participation at its renewal: the advisor's comparison, its explanation and
the PDF say both, not "free" alone.

The household is the advisor's `family` (a single parent of 34, two children
of 8 and 12, 1 100 € salary): once the housing aid and the ASF claimed now
count in the C2S reference year, a participation is due at renewal. Its
amount per person by age (arrêté du 21 octobre 2019, CSS D861-1): 8 € up to
29 years, 14 € from 30 to 49 — 14 + 8 + 8 = 30 € a month.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from kiosk.advisor.compare import amount_words, comparison_rows
from kiosk.pdf import summary_pdf

PARTICIPATION = 14 + 8 + 8


@pytest.fixture
def screened(engine, family):
    household = family
    screening = engine.screen(household)
    c2s = screening.benefit("css_participation_forfaitaire")
    assert c2s.variant == "free" and c2s.amount == 0
    assert c2s.recurring_amount == pytest.approx(PARTICIPATION)
    return screening, household, c2s


def test_comparison_shows_the_participation_then_free_first(screened):
    screening, household, _c2s = screened
    rows = {r.key: r.cells for r in comparison_rows([screening], [household])}
    assert rows["css_participation_forfaitaire"] == ["≤ 30,00\u00a0€"]
    assert rows["css_participation_forfaitaire:first"] == ["gratuite"]


def test_explanation_says_free_then_participation(screened):
    _screening, _household, c2s = screened
    assert amount_words(c2s) == (
        "gratuite la première année, puis au plus 30,00\u00a0€ par mois (participation à son renouvellement)"
    )


@pytest.mark.parametrize("lang", ["fr", "uk"])
def test_pdf_says_free_then_participation(screened, lang):
    screening, household, _c2s = screened
    data = summary_pdf(screening, household, lang, today=date(2025, 5, 12))
    text = unicodedata.normalize("NFKC", PdfReader(io.BytesIO(data)).pages[0].extract_text())
    flat = " ".join(text.split())
    assert "Vous ne payez rien la première année, puis au maximum 30,00 € par mois." in flat
    assert "Vous ne payez rien." not in flat
