"""A phone number drawn in Arabic, Dari and Pashto reads as it is dialled.
The bidirectional algorithm orders a number's groups right to left when
spaces split them: the chèque énergie's "0 805 204 805" was drawn
"805 204 805 0" on the results and on the summary on paper."""

from __future__ import annotations

import re
from datetime import date

import pytest
from kiosk_helpers import open_results, pdf_text, screen_text

from eligibility import catalog
from kiosk.pdf import summary_pdf
from tests.households import pensioner_owner

PENSIONER = pensioner_owner()  # the chèque énergie, whose number has four groups
PHONE = catalog.how_to_claim(catalog.benefits()["cheque_energie"]).phone


def reversed_groups(phone: str) -> str:
    return " ".join(reversed(phone.split()))


@pytest.mark.parametrize("lang", ["ar", "fa", "ps"])
async def test_the_phone_number_on_the_results_reads_as_dialled(make_app, engine, lang):
    assert len(PHONE.split()) >= 3  # groups that could be reordered
    screening = engine.screen(PENSIONER)
    assert screening.benefit("cheque_energie").unclaimed
    app, pilot, context = await open_results(make_app, screening, None, lang, (120, 40))
    try:
        text = screen_text(app)
        assert PHONE in text
        assert reversed_groups(PHONE) not in text
    finally:
        await context.__aexit__(None, None, None)


def test_the_phone_number_on_paper_reads_as_dialled(engine):
    screening = engine.screen(PENSIONER)
    data = summary_pdf(screening, PENSIONER, "ar", today=date(2025, 5, 12))
    text = pdf_text(data)
    lines = [line for line in text.splitlines() if re.search(r"\d{3} \d{3}", line)]
    assert lines and all(reversed_groups(PHONE) not in line for line in lines), lines
    assert any(line.count(PHONE) == 2 for line in lines), lines  # Arabic, then French
