"""The results screen, read as drawn at 80×24: the local rights to check are a
section apart, in plain words, with no amount; a benefit paid once (the prime
à la naissance) says so and is in no "par an" total."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_results_amounts import joined, open_results, read_whole_screen

from eligibility import Household
from kiosk.widgets import Para
from locales import format_money, gettext

# A parent of 35 in Roubaix, out of work, renting privately, with a child of
# 10, and expecting a baby (October 2025).
PARENT_IN_ROUBAIX = {
    "month": "2025-10",
    "commune": "59512",
    "housing": {"status": "tenant_private", "rent": 550},
    "people": [
        {"id": "a", "role": "applicant", "birth_date": "1990-03-01", "activity": "unemployed", "pregnant": True},
        {"id": "k", "role": "child", "birth_date": "2015-03-01", "school": "primary"},
    ],
}


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_rights_to_check_are_a_section_apart_without_amounts(make_app, engine, lang):
    screening = engine.screen(Household.model_validate(PARENT_IN_ROUBAIX))
    expected = {r.id for r in screening.to_check}
    assert {"fsl_mel", "pret_equipement_caf_nord", "vacaf_caf_nord", "logement_social"} <= expected
    app, pilot, cm = await open_results(make_app, screening, None, lang, (80, 24))
    try:
        section = app.screen.query_one("#section-to-check")
        texts = [p.text for p in section.query(Para)]
        assert texts[0].endswith(gettext(lang, "Aides à vérifier avec un agent"))
        whole = " ".join(texts)
        assert "€" not in whole.replace(gettext(lang, "Votre quotient familial CAF est de 850 € ou moins."), "")
        # Each right once, with its official French name kept in English.
        for item_id in expected:
            assert len(section.query(f"#to-check-{item_id}")) == 1
        if lang == "en":
            assert "Fonds de solidarité pour le logement (FSL)" in whole
        shown = joined(await read_whole_screen(app, pilot))
        assert joined(gettext(lang, "Aides à vérifier avec un agent")) in shown
        assert joined(gettext(lang, "Vous habitez une commune de la Métropole Européenne de Lille.")) in shown
        # The totals do not move: they are the benefits' own.
        assert app.screen.query_one("#total-month", Para).text
    finally:
        await cm.__aexit__(None, None, None)


async def test_prime_a_la_naissance_says_paid_once_never_par_an(make_app, engine):
    screening = engine.screen(Household.model_validate(PARENT_IN_ROUBAIX))
    prime = screening.benefit("paje_naissance")
    assert prime.unclaimed and prime.paid_once
    app, pilot, cm = await open_results(make_app, screening, None, "fr", (80, 24))
    try:
        card = " ".join(p.text for p in app.screen.query_one("#unclaimed-paje_naissance").query(Para))
        assert f"Montant estimé : {format_money(prime.amount, 'fr')}, en une fois" in card
        assert "par an" not in card and "par mois" not in card
        once = app.screen.query_one("#total-once", Para).text
        assert once == f"et en une fois : {format_money(screening.unclaimed_once_total, 'fr')}"
        # The yearly total holds the yearly benefits only, not the prime.
        yearly = sum(b.amount for b in screening.benefits if b.unclaimed and b.per == "year" and not b.paid_once)
        year = app.screen.query("#total-year")
        if yearly:
            assert year.first(Para).text == f"et en plus : {format_money(round(yearly, 2), 'fr')} par an"
        else:
            assert not year
        shown = joined(await read_whole_screen(app, pilot))
        assert joined(f"{format_money(prime.amount, 'fr')}, en une fois") in shown
    finally:
        await cm.__aexit__(None, None, None)


@pytest.mark.parametrize("lang", ["fr", "uk"])
async def test_the_way_to_help_with_online_procedures_is_read_whole_at_80x24(make_app, engine, lang):
    """The three end buttons (help with online procedures, show my answers,
    finish) side by side at 80 columns: each label drawn whole, on two lines."""
    from datetime import date

    from questionnaires import Session

    session = Session("resident", lang=lang, site_commune="59350", today=date(2025, 6, 15))
    for answer in ("59350", "34", "fr"):
        session.answer(answer)
    screening = engine.screen(Household.model_validate(PARENT_IN_ROUBAIX))
    app, pilot, cm = await open_results(make_app, screening, session, lang, (80, 24))
    try:
        assert app.screen.query("#show-handover"), "the hand-over button is the third one"
        button = app.screen.query_one("#procedures")
        button.scroll_visible(animate=False, immediate=True)
        await pilot.pause(0.2)
        from kiosk_helpers import screen_text

        drawn = joined(screen_text(app))
        for words in ("Aide pour les démarches en ligne", "Terminer et effacer mes réponses"):
            # Wrapped inside its box beside the others: every word drawn.
            missing = [w for w in gettext(lang, words).split() if w not in drawn]
            assert not missing, (words, missing)
    finally:
        await cm.__aexit__(None, None, None)
