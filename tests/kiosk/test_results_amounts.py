"""The amount a person can count on, read from the results screen (issue 10,
item 7): the figure once every right shown is paid comes first, the first
months beside it; the total does the same. And the answers estimated for the
questions the rules need (work history, RSDAE…) are listed by their own
words, never by a field path. Drawn at 80×24 and 120×40."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from kiosk_helpers import open_results, read_whole_screen

from eligibility import Household
from kiosk.widgets import Para
from locales import display, gettext
from questionnaires import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "questionnaires"))
from questionnaire_scripts import TODAY, drive

from tests.households import PARENT_ALONE_JUNE_2025, tenant_earning_800

CRDS = 0.005  # ordonnance n° 96-50 du 24 janvier 1996, art. 19
# Prime d'activité, montant forfaitaire for one person: 622,63 € from 1 April
# 2024 (décret n° 2024-403), 633,21 € from 1 April 2025 (décret n° 2025-294);
# its housing flat rate for one person is 12 % of it (CSS R844-3), averaged
# over the reference quarter February-April 2025 (CSS R844-1).
PPA_HOUSING_FLAT_RATE_MAY_2025 = 0.12 * (2 * 622.63 + 633.21) / 3 * (1 - CRDS)

# tests.households.tenant_earning_800(): a single tenant of 40 in Lille earning
# 800 € a month, rent 520 €, May 2025 (the library's figures for it are
# checked against the published amounts in tests/eligibility/test_after_claiming.py).
# The prime d'activité the library gives for it: 334,32 € the first months,
# 259,56 € once housing aid is paid (README, "After you claim").
# (French writes a no-break space before the euro sign.)
FIRST_MONTHS, SETTLED = "334,32\u00a0€", "259,56\u00a0€"

# A man of 45 out of work, his unemployment benefit ended, who does not know
# whether he worked 5 years out of 10 (the ASS needs it), and a disability
# rate of 50 to 79 % without knowing if the MDPH recognised the RSDAE.
UNEMPLOYED_NOT_SURE = {
    "commune": "59350",
    "birth": 45,
    "nationality": "fr",
    "activity": "unemployed",
    "incomes": ["none"],
    "worked_five_years": "dont_know",
    "disabled": True,
    "disability_rate": 0.5,
    "rsdae": "dont_know",
    "pregnant": False,
    "couple": False,
    "child_count": 0,
    "housing": "tenant_social",
    "rent": 400,
    "received": ["none"],
}


def joined(text: str) -> str:
    """The drawn text with its line breaks and frame edges taken out, so
    that a sentence wrapped over two lines is found whole."""
    lines = [line.strip(" │┃▌▐▎▕|") for line in text.splitlines()]
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_headline_is_the_settled_amount_with_the_first_months_beside_it(make_app, engine, size):
    screening = engine.screen(tenant_earning_800())
    ppa = screening.benefit("ppa")
    assert ppa.unclaimed and screening.benefit("aide_logement").unclaimed
    # The library's figures, against the published amounts.
    assert ppa.amount - ppa.recurring_amount == pytest.approx(PPA_HOUSING_FLAT_RATE_MAY_2025, abs=0.02)
    app, pilot, cm = await open_results(make_app, screening, None, "fr", size)
    try:
        card = " ".join(p.text for p in app.screen.query_one("#unclaimed-ppa").query(Para))
        assert f"Montant estimé : {SETTLED} par mois, {FIRST_MONTHS} les premiers mois" in card
        shown = joined(await read_whole_screen(app, pilot))
        assert joined(f"{SETTLED} par mois, {FIRST_MONTHS} les premiers mois") in shown
        # The total leads with what is paid once everything is claimed.
        settled_total = screening.recurring_unclaimed_monthly_total
        first_total = screening.unclaimed_monthly_total
        assert first_total - settled_total == pytest.approx(PPA_HOUSING_FLAT_RATE_MAY_2025, abs=0.03)
        total = app.screen.query_one("#total-month", Para).text
        money = lambda v: f"{v:.2f}".replace(".", ",") + "\u00a0€"  # noqa: E731 (totals under 1 000 €)
        assert total.startswith("Total estimé : ") and "les premiers mois" in total
        assert total.index(money(settled_total)) < total.index(money(first_total)), total
        # Housing aid does not change: one figure, no "first months".
        housing = " ".join(p.text for p in app.screen.query_one("#unclaimed-aide_logement").query(Para))
        assert "Montant estimé :" in housing and "premiers mois" not in housing
    finally:
        await cm.__aexit__(None, None, None)


async def test_settled_amount_in_arabic_keeps_both_figures(make_app, engine):
    screening = engine.screen(tenant_earning_800())
    app, pilot, cm = await open_results(make_app, screening, None, "ar", (80, 24))
    try:
        card = " ".join(p.text for p in app.screen.query_one("#unclaimed-ppa").query(Para))
        words = gettext("ar", "{amount} par mois, {first} les premiers mois")
        assert words != "{amount} par mois, {first} les premiers mois"
        assert "259,56" in card or "259٫56" in card or "259.56" in card, card
        assert "334,32" in card or "334٫32" in card or "334.32" in card, card
        assert "premiers mois" not in card
    finally:
        await cm.__aexit__(None, None, None)


@pytest.mark.parametrize("lang", ["fr", "uk"])
async def test_estimated_answers_to_the_new_questions_are_their_own_words(make_app, engine, lang):
    session = drive(Session("resident", lang=lang, site_commune="59350", today=TODAY), UNEMPLOYED_NOT_SURE)
    household = session.household()
    screening = engine.screen(household)
    app, pilot, cm = await open_results(make_app, screening, session, lang, (80, 24))
    try:
        listed = [p.text for p in app.screen.query("#section-estimated Para.bullet")]
        expected = [
            gettext(lang, "Avez-vous travaillé au moins 5 ans pendant les 10 dernières années ?"),
            gettext(lang, "La MDPH a-t-elle reconnu que votre handicap limite durablement votre accès à l'emploi ?"),
        ]
        assert listed == ["• " + words for words in expected]
        shown = await read_whole_screen(app, pilot)
        texts = "\n".join(p.text for p in app.screen.query(Para))
        for field in ("people[", "worked_five", "rsdae", "missing_input", "person.", "None"):
            assert field not in shown and field not in texts, field
        assert display(expected[0], lang)[:20] in joined(shown)
    finally:
        await cm.__aexit__(None, None, None)


async def test_questions_answered_are_not_listed_as_estimated(make_app, engine):
    script = dict(UNEMPLOYED_NOT_SURE, worked_five_years=True, rsdae=False)
    session = drive(Session("resident", lang="fr", site_commune="59350", today=TODAY), script)
    screening = engine.screen(session.household())
    app, pilot, cm = await open_results(make_app, screening, session, "fr", (80, 24))
    try:
        assert not app.screen.query("#section-estimated")
        assert "Réponses estimées" not in "\n".join(p.text for p in app.screen.query(Para))
    finally:
        await cm.__aexit__(None, None, None)


# A parent of 35 alone with two children, earning 1 100 €, rent 600 €, June
# 2025, already receiving the allocations familiales: the C2S is free now; at
# its renewal the housing aid and the ASF claimed now count in its reference
# year and a participation is due. Its amount per person by age (arrêté du
# 21 octobre 2019, CSS D861-1): 8 € up to 29 years, 14 € from 30 to 49.
PARENT_ALONE = PARENT_ALONE_JUNE_2025


async def test_free_health_cover_says_what_is_paid_after_the_first_year(make_app, engine):
    screening = engine.screen(Household.model_validate(PARENT_ALONE))
    c2s = screening.benefit("css_participation_forfaitaire")
    assert c2s.variant == "free" and c2s.recurring_amount == pytest.approx(14 + 8 + 8)
    app, pilot, cm = await open_results(make_app, screening, None, "fr", (120, 40))
    try:
        card = " ".join(p.text for p in app.screen.query_one("#unclaimed-css_participation_forfaitaire").query(Para))
        assert "Vous ne payez rien la première année, puis au maximum 30,00\u00a0€ par mois." in card
        shown = joined(await read_whole_screen(app, pilot))
        assert "Vous ne payez rien la première année, puis au maximum 30,00 € par mois." in shown
    finally:
        await cm.__aexit__(None, None, None)
