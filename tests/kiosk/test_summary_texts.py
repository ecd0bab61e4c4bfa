"""The results screen, the phone text and the paper say what a right brings
in the same words (kiosk/summary_texts.py), for real screened households:

- a C2S free now with a participation at renewal says both, on the phone too
  (it used to say "Vous ne payez rien." there alone);
- a prime d'activité that falls to nothing once the other rights shown are
  paid says so in a sentence, never "0,00 € par mois" (screen at 80×24,
  phone, paper, text report).

The household: a parent of 34 alone with two children of 8 and 12, in
Lille, rent 600 € (tests.households.single_parent).
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader
from test_results_amounts import joined, open_results, read_whole_screen

from eligibility.report import text_report
from kiosk.pdf import summary_pdf
from kiosk.summary_texts import FREE, FREE_THEN, PER_MONTH, THEN_NOTHING
from kiosk.takeaway import code_texts, plain_text, summary
from locales import format_money as money
from locales import gettext
from tests.households import single_parent

# The C2S participation per person by age (arrêté du 21 octobre 2019, CSS
# D861-1): 8 € up to 29 years, 14 € from 30 to 49 — the parent of 34 and
# two children: 14 + 8 + 8 € a month.
PARTICIPATION = 14 + 8 + 8
NBSP = "\u00a0"


def flat(text: str) -> str:
    """Text with its line breaks and no-break spaces made plain spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(screening, household, lang: str) -> str:
    data = summary_pdf(screening, household, lang, today=date(2025, 5, 12))
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def phone_text(screening, household, lang: str) -> str:
    return "\n".join(code_texts(summary(screening, lang, site_name="CCAS de Lille", household=household), lang))


@pytest.fixture(scope="module")
def renewal(engine):
    household = single_parent(1100.0)
    screening = engine.screen(household)
    c2s = screening.benefit("css_participation_forfaitaire")
    # The household this test is about: the C2S free now (amount 0), with a
    # participation once the housing aid and the ASF claimed now count.
    assert c2s.unclaimed and c2s.variant == "free" and c2s.amount == 0
    assert c2s.recurring_amount == pytest.approx(PARTICIPATION)
    return screening, household


@pytest.mark.parametrize("lang", ["fr", "uk", "ar"])
def test_phone_text_says_free_then_the_participation_at_renewal(renewal, lang):
    screening, household = renewal
    text = phone_text(screening, household, lang)
    later = gettext(lang, PER_MONTH).format(amount=money(float(PARTICIPATION), lang))
    expected = gettext(lang, FREE_THEN).format(amount=later)
    assert expected != FREE_THEN or lang == "fr"
    assert expected in text
    # "You pay nothing." alone would have the person refuse the renewal's letter.
    assert gettext(lang, FREE) not in text.replace(expected, "")
    assert "30,00" in text or "30.00" in text


def test_phone_paper_and_screen_share_the_renewal_words(renewal):
    screening, household = renewal
    expected = "Vous ne payez rien la première année, puis au maximum 30,00 € par mois."
    assert expected in flat(phone_text(screening, household, "fr"))
    assert expected in pdf_text(screening, household, "fr")


@pytest.fixture(scope="module")
def nothing_later(engine):
    household = single_parent(2200.0)
    screening = engine.screen(household)
    ppa = screening.benefit("ppa")
    # Due now; nothing once the housing aid and family benefits claimed with
    # it are paid (CSS R844-3: counted from the quarter after).
    assert ppa.unclaimed and ppa.amount > 0 and ppa.recurring_amount == 0
    assert screening.benefit("aide_logement").unclaimed and screening.benefit("asf").unclaimed
    return screening, household, ppa


def says_zero(text: str) -> bool:
    """A zero amount in `text` ("0,00 €", "0.00"), not the end of "100,00 €"."""
    return re.search(r"(?<![\d.,])0[.,٫]00(?!\d)", flat(text)) is not None


def ppa_line(text: str) -> str:
    return next(line for line in text.splitlines() if "Prime d'activité" in line)


@pytest.mark.parametrize("lang", ["fr", "ru", "fa"])
def test_phone_text_never_says_zero_for_the_prime_d_activite(nothing_later, lang):
    screening, household, ppa = nothing_later
    text = phone_text(screening, household, lang)
    line = ppa_line(text)
    assert gettext(lang, THEN_NOTHING).format(amount=money(ppa.amount, lang)) in line
    assert not says_zero(line)


def test_paper_says_nothing_later_in_words(nothing_later):
    screening, household, ppa = nothing_later
    text = pdf_text(screening, household, "fr")
    first = flat(money(ppa.amount, "fr"))
    assert (
        f"Prime d'activité (PPA) : {first} par mois les premiers mois, puis plus rien quand vous recevrez les autres aides"
        " de la liste." in text
    )
    assert not says_zero(text)


def test_text_report_says_nothing_later_in_words(nothing_later):
    screening, _household, ppa = nothing_later
    report = text_report(screening, "fr")
    line = ppa_line(report)
    assert f"{money(ppa.amount, 'fr')} par mois les premiers mois, puis plus rien" in line
    assert not says_zero(line)


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_results_screen_at_80x24_says_nothing_later_in_words(make_app, nothing_later, lang):
    screening, _household, ppa = nothing_later
    app, pilot, cm = await open_results(make_app, screening, None, lang, (80, 24))
    try:
        # The cards' left edge (▊) taken out too, so a wrapped sentence reads whole.
        shown = flat(joined(await read_whole_screen(app, pilot)).replace("▊", " "))
        if lang == "fr":
            first = flat(money(ppa.amount, "fr"))
            sentence = f"{first} par mois les premiers mois, puis plus rien quand vous recevrez les autres aides"
            assert sentence in shown
            assert not says_zero(shown)
        else:
            # Arabic is drawn shaped and right to left: the card's text is
            # the sentence, and the figure drawn is the first months' one.
            card = " ".join(p.text for p in app.screen.query("#unclaimed-ppa Para"))
            assert gettext("ar", THEN_NOTHING).format(amount=money(ppa.amount, "ar")) in card
            assert not says_zero(card)
            digits = f"{ppa.amount:.2f}".split(".")[0]
            assert digits in shown
    finally:
        await cm.__aexit__(None, None, None)


def test_summary_lists_the_right_with_its_sentence(nothing_later):
    # The right stays listed (it pays the first months), said plainly.
    screening, household, _ppa = nothing_later
    lines = plain_text(summary(screening, "fr", site_name="CCAS de Lille", household=household))
    assert "puis plus rien" in ppa_line(lines)


def test_phone_and_paper_show_the_participation_due_now(engine):
    # At 1 700 € the C2S has a participation now (the same 14 + 8 + 8 €);
    # the phone used to show the renewal's figure, "0,00 €" here.
    household = single_parent(1700.0)
    screening = engine.screen(household)
    c2s = screening.benefit("css_participation_forfaitaire")
    assert c2s.unclaimed and c2s.variant == "with_participation"
    assert c2s.amount == pytest.approx(PARTICIPATION)
    expected = "Vous payez au maximum 30,00 € par mois"
    phone = flat(phone_text(screening, household, "fr"))
    c2s_line = next(line for line in phone_text(screening, household, "fr").splitlines() if "(C2S)" in line)
    assert expected in phone and not says_zero(c2s_line)
    assert expected in pdf_text(screening, household, "fr")
