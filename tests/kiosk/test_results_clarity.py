"""The results in plain words: estimated answers by their questions, main
rights refused with their reason, domiciliation for a person without a
home, documents that fit, sections numbered without gaps, nothing for
programmers. Drawn at 80×24 and read from the screen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from kiosk_helpers import open_results, read_whole_screen, screen_text

from eligibility.labels import reason_text
from locales import display, gettext
from questionnaires import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "questionnaires"))
from questionnaire_scripts import TODAY, drive

# A man of 30 without a home, with a two-year residence permit, no income:
# the RSA asks for five years of permits (CASF L262-4).
HOMELESS_RECENT_PERMIT = {
    "commune": "59350",
    "birth": 30,
    "nationality": "other",
    "permit_years": 2,
    "activity": "unemployed",
    "incomes": ["none"],
    "worked_five_years": False,  # asked since issue 10 (the ASS): recently arrived
    "disabled": False,
    "pregnant": False,
    "couple": False,
    "child_count": 0,
    "housing": "homeless",
    "received": ["none"],
}
FRENCH_WORKER = {
    "commune": "59350",
    "birth": 40,
    "nationality": "fr",
    "activity": "employed",
    "incomes": ["salary"],
    "salary": "dont_know",
    "disabled": False,
    "pregnant": False,
    "couple": False,
    "child_count": 0,
    "housing": "tenant_private",
    "rent": 500,
    "received": ["none"],
}


async def show_results(make_app, engine, script, lang, size=(80, 24)):
    session = drive(Session("resident", lang=lang, site_commune="59350", today=TODAY), script)
    return await open_results(make_app, engine.screen(session.household()), session, lang, size)


def all_text(app) -> str:
    from kiosk.widgets import Para

    return "\n".join(p.text for p in app.screen.query(Para))


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_refused_rsa_says_why_and_homeless_person_hears_of_domiciliation(make_app, engine, lang):
    app, pilot, cm = await show_results(make_app, engine, HOMELESS_RECENT_PERMIT, lang)
    try:
        rsa = app.screening.benefit("rsa")
        assert rsa.status == "not_eligible" and "residence_permit_too_recent" in rsa.reasons
        assert app.screen.query("#refused-rsa") and app.screen.query("#section-domiciliation")
        shown = await read_whole_screen(app, pilot)
        reason = reason_text("residence_permit_too_recent", lang)
        assert display(reason, lang)[:15] in shown
        words = gettext(lang, "Vous n'avez pas d'adresse ?")
        assert display(words, lang) in shown
        # The site's Latin name stays whole inside the translated sentence.
        assert "(CCAS de Lille)" in shown
    finally:
        await cm.__aexit__(None, None, None)


async def test_estimated_answers_are_questions_and_no_programmer_text(make_app, engine):
    app, pilot, cm = await show_results(make_app, engine, FRENCH_WORKER, "fr")
    try:
        texts = all_text(app)
        assert app.screen.query("#section-estimated")
        assert "• Combien gagnez-vous par mois ?" in texts
        shown = await read_whole_screen(app, pilot)
        assert "Combien gagnez-vous par mois ?" in shown
        for word in ("people[", "income.salary", "openfisca", "176.1", "estimated", "Règles officielles"):
            assert word not in shown and word not in texts, word
        # A French citizen is not told to bring a residence permit.
        assert "Titre de séjour" not in texts
        # Sections are numbered as shown, without a gap.
        numbers = [t.split(".")[0] for t in texts.split("\n") if t[:2] in ("1.", "2.", "3.", "4.")]
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    finally:
        await cm.__aexit__(None, None, None)


async def test_foreign_national_is_told_to_bring_the_residence_permit(make_app, engine):
    script = {**FRENCH_WORKER, "nationality": "other", "permit_years": 8}
    app, pilot, cm = await show_results(make_app, engine, script, "fr")
    try:
        assert "• Titre de séjour (si vous n'avez pas la nationalité française)" in all_text(app)
    finally:
        await cm.__aexit__(None, None, None)


async def test_right_to_left_navigation_arrows_and_pad(make_app):
    from kiosk_helpers import SINGLE_PARENT, answer_current, choose_language

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_language(pilot, app, "ar", "keys")
        await answer_current(pilot, app, SINGLE_PARENT, "keys")
        assert app.session.current.id == "birth"
        shown = screen_text(app)
        back = display("→ " + gettext("ar", "Retour"), "ar")
        assert back in shown and "← " + gettext("ar", "Retour") not in shown
        # "Back" on the right of the row, where an Arabic line starts.
        row = next(line for line in shown.splitlines() if back in line)
        assert row.index(back) > len(row) // 2
        # The pad reads right to left: 1 is the rightmost key of its row.
        pad_row = next(line for line in shown.splitlines() if "1" in line and "2" in line and "3" in line)
        assert pad_row.index("3") < pad_row.index("2") < pad_row.index("1")
        # Leading zeros are kept as typed.
        await pilot.press("0", "3")
        await pilot.pause()
        assert app.screen.query_one("#pad").value == "03"


async def test_official_french_names_stand_under_their_label_in_arabic(make_app):
    """Each right's official French name is drawn right under "Nom officiel :"
    and on the same side, the right in Arabic (it stood at the far left of
    the card), reading left to right in one piece."""
    from kiosk_helpers import on_results

    from eligibility import catalog

    app = make_app()
    async with on_results(app, lang="ar", size=(120, 40)) as pilot:
        names = [catalog.benefits()[b.id].official_name for b in app.screening.benefits if b.unclaimed]
        text = await read_whole_screen(app, pilot)
    label = display(gettext("ar", "Nom officiel :"), "ar")
    lines = text.splitlines()
    assert names
    for name in names:
        # (The page is read screen by screen: a pair may be drawn twice.)
        pairs = [i for i, line in enumerate(lines) if i and name in line and label in lines[i - 1]]
        assert pairs, f"{name} not drawn under its label"
        at = pairs[0]
        # The two lines end in the same column, by the card's right border.
        name_end = lines[at].index(name) + len(name)
        label_end = lines[at - 1].index(label) + len(label)
        assert name_end == label_end, (lines[at - 1], lines[at])
