"""The summary passes a font size too large without laying its text out
when even its fewest lines do not fit on the page (`least_height_overflows`):
the size chosen, and so the PDF, must be the one laying out every size in
turn would give."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import kiosk.pdf as pdf_module
from eligibility.household import Household
from kiosk.pdf import summary_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2025, 5, 12)
# The creation date and the file's id change with the clock: not the layout.
MOMENT = re.compile(rb"/CreationDate \([^)]*\)|/ID \[[^\]]*\]")


def _screened(engine, name: str):
    household = Household.model_validate(json.loads((EXAMPLES / name).read_text()))
    return engine.screen(household), household


def test_passing_sizes_unlaid_gives_the_same_pdf(engine, monkeypatch):
    passed = []
    judge = pdf_module.least_height_overflows

    def counting(pdf) -> bool:
        passed.append(judge(pdf))
        return passed[-1]

    # A long summary in Pashto (with its fallback font), passed sizes; one
    # that nearly fills the page in French (one column) at the largest size
    # and in Arabic (right to left, beside French) at 7.5 pt: their fewest
    # lines come within 2 and 4 % of the page's foot: the sizes that fit
    # with least to spare.
    long = _screened(engine, "single_parent_two_children_lille.json")
    full = _screened(engine, "rsa_and_housing_aid_not_ppa.json")
    cases = [(*long, "ps"), (*full, "fr"), (*full, "ar")]
    monkeypatch.setattr(pdf_module, "least_height_overflows", counting)
    quick = [MOMENT.sub(b"", summary_pdf(s, h, lang, today=TODAY)) for s, h, lang in cases]
    # Sizes were passed unlaid, and not always: the check decides something.
    assert any(passed) and not all(passed)
    monkeypatch.setattr(pdf_module, "least_height_overflows", lambda pdf: False)
    assert [MOMENT.sub(b"", summary_pdf(s, h, lang, today=TODAY)) for s, h, lang in cases] == quick
