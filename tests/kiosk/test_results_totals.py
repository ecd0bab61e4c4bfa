"""The totals above the rights to claim, as drawn: the first line says
"Total estimé", the next ones "et …". A household due only a yearly right,
or only a right paid once (the prime à la naissance), reads "Total estimé :
48,00 € par an", never a first line starting with "et" (it read "et en une
fois : 1 084,42 €" under the section's title). The summary on paper has
no "0,00 € par mois" above a right paid once."""

from __future__ import annotations

import re
from datetime import date

import pytest
from kiosk_helpers import open_results, pdf_text, screen_text

from eligibility.household import Household
from kiosk.pdf import summary_pdf
from kiosk.widgets.text import Para
from locales import format_money, gettext
from tests.households import pensioner_owner


def household(people: list[dict], status: str = "owner") -> Household:
    return Household.model_validate(
        {"month": "2025-05", "commune": "59512", "housing": {"status": status}, "people": people, "received": {}}
    )


# A couple of two salaries of 1 600 €, owners, a baby expected: the prime à
# la naissance only (paid once).
EXPECTING = household(
    [
        {
            "id": "a",
            "role": "applicant",
            "birth_date": "1991-03-14",
            "activity": "employed",
            "income": {"salary": 1600},
            "pregnant": True,
        },
        {"id": "b", "role": "partner", "birth_date": "1990-02-02", "activity": "employed", "income": {"salary": 1600}},
    ]
)
# A pensioner on 1 150 € a month, owner: the chèque énergie only (yearly).
PENSIONER = pensioner_owner()
# A single parent on 2 300 € with a child at college: the ASF (monthly),
# the ARS (yearly) and the Pass'Sport (once).
PARENT = household(
    [
        {
            "id": "a",
            "role": "applicant",
            "birth_date": "1985-01-01",
            "activity": "employed",
            "income": {"salary": 2300},
        },
        {"id": "c", "role": "child", "birth_date": "2012-05-01", "school": "college"},
    ]
)


def money(amount: float) -> str:
    return format_money(amount, "fr").replace("\u202f", " ").replace("\xa0", " ")


def total_lines(text: str) -> list[str]:
    """The lines of the unclaimed section's totals, as drawn, in order."""
    flat = [
        " ".join(line.replace("\u202f", " ").replace("\xa0", " ").strip(" │").split()) for line in text.splitlines()
    ]
    return [line for line in flat if re.match(r"(Total estimé|et en)", line)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("EXPECTING", lambda s: [f"Total estimé : {money(s.unclaimed_once_total)}, en une fois"]),
        ("PENSIONER", lambda s: [f"Total estimé : {money(s.unclaimed_yearly_total)} par an"]),
        (
            "PARENT",
            lambda s: [
                f"Total estimé : {money(s.unclaimed_monthly_total)} par mois",
                f"et en plus : {money(s.unclaimed_yearly_total)} par an",
                f"et en une fois : {money(s.unclaimed_once_total)}",
            ],
        ),
    ],
)
async def test_the_first_total_says_total(make_app, engine, name, expected):
    screening = engine.screen(globals()[name])
    # The household is the kind it stands for: which totals there are.
    kinds = [bool(screening.unclaimed_monthly_total), bool(screening.unclaimed_yearly_total)]
    kinds.append(bool(screening.unclaimed_once_total))
    assert kinds == {"EXPECTING": [False, False, True], "PENSIONER": [False, True, False]}.get(name, [True] * 3)
    app, pilot, context = await open_results(make_app, screening, None, "fr", (120, 40))
    try:
        assert total_lines(screen_text(app)) == expected(screening)
    finally:
        await context.__aexit__(None, None, None)


async def test_the_first_total_in_arabic_is_the_total(make_app, engine):
    screening = engine.screen(EXPECTING)
    app, pilot, context = await open_results(make_app, screening, None, "ar", (120, 40))
    try:
        once = app.screen.query_one("#total-once", Para).text
        wanted = gettext("ar", "Total estimé : {amount}, en une fois").format(
            amount=format_money(screening.unclaimed_once_total, "ar")
        )
        assert once == wanted and wanted.startswith("المجموع")
    finally:
        await context.__aexit__(None, None, None)


def test_the_paper_summary_has_no_zero_total_above_a_right_paid_once(engine):
    screening = engine.screen(EXPECTING)
    data = summary_pdf(screening, EXPECTING, "fr", today=date(2025, 5, 12))
    text = pdf_text(data)
    flat = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    assert f"Aides versées en une fois : {money(screening.unclaimed_once_total)}" in flat
    assert "0,00 € par mois" not in flat and "Total des aides à demander" not in flat
