"""The summary passes a font size too large without laying its text out
when even its fewest lines do not fit on the page (`least_height_overflows`):
the size chosen, and so the PDF, must be the one laying out every size in
turn would give."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

import kiosk.pdf as pdf_module
from eligibility.household import Household
from kiosk.pdf import summary_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2025, 5, 12)
# The creation date and the file's id change with the clock: not the layout.
MOMENT = re.compile(rb"/CreationDate \([^)]*\)|/ID \[[^\]]*\]")


@pytest.fixture(scope="module")
def screened(engine):
    names = (
        "single_parent_two_children_lille.json",
        "couple_low_salary_child_college.json",
        "adult_disability_80.json",
    )
    households = [Household.model_validate(json.loads((EXAMPLES / name).read_text())) for name in names]
    return [(engine.screen(household), household) for household in households]


def test_passing_sizes_unlaid_gives_the_same_pdf(screened, monkeypatch):
    passed = []
    judge = pdf_module.least_height_overflows

    def counting(pdf) -> bool:
        passed.append(judge(pdf))
        return passed[-1]

    # French in one column, Arabic right to left beside French, Pashto with
    # its fallback font: short and long summaries.
    cases = [(s, h, lang) for s, h in screened for lang in ("fr", "ar", "ps")]
    monkeypatch.setattr(pdf_module, "least_height_overflows", counting)
    quick = [MOMENT.sub(b"", summary_pdf(s, h, lang, today=TODAY)) for s, h, lang in cases]
    # Sizes were passed unlaid, and not always: the check decides something.
    assert any(passed) and not all(passed)
    monkeypatch.setattr(pdf_module, "least_height_overflows", lambda pdf: False)
    assert [MOMENT.sub(b"", summary_pdf(s, h, lang, today=TODAY)) for s, h, lang in cases] == quick
