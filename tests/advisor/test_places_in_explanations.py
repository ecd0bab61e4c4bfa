"""The advisor's explanations say where to send the person for each right,
as the kiosk's results and the PDF do: the desk first, then the nearest
place of the site's file that helps with it (read on the drawn screen)."""

from __future__ import annotations

from tests.advisor.advisor_helpers import SIZE, import_household, screen_text

SITE = {"site_name": "CCAS test", "places": "lille", "desk_place": "ccas-lille-maison-des-solidarites"}
# From eligibility/data/places/lille.yaml (the ANCT's list of France Services):
# the two France Services of Roubaix, the commune of the household below.
ROUBAIX = ("France services La Poste de Roubaix - Epeule", "France services Mairie de Roubaix Quartier des 3 Ponts")


def _explanation(app) -> str:
    return " ".join(app.query_one("#explain-text").render().plain.split())


async def test_each_right_names_the_desk_then_the_nearest_place(make_app, family, tmp_path):
    app = make_app(**SITE)
    household = family.model_copy(update={"commune": "59512"})  # Roubaix
    async with app.run_test(size=SIZE) as pilot:
        await import_household(pilot, app, household, tmp_path)
        text = _explanation(app)
        eligible = [r for r in app.scenario.screening.benefits if r.status.value == "eligible"]
        assert eligible, "the family is due something"
        assert text.count("Où : l'accueil, ici (CCAS de Lille — Maison des Solidarités") >= len(eligible), text
        assert any(f"Ou : {name}, " in text for name in ROUBAIX), text
        # What a worker reads at 120×40 beside the comparison (the first
        # explanation's place, its first words before the line wraps).
        drawn = " ".join(screen_text(app).split())
        assert any(f"Ou : {name[:40]}" in drawn for name in ROUBAIX), drawn


async def test_without_a_places_file_only_the_desk_is_named(make_app, family, tmp_path):
    app = make_app(site_name="CCAS test")
    async with app.run_test(size=SIZE) as pilot:
        await import_household(pilot, app, family, tmp_path)
        text = _explanation(app)
        assert "Où : l'accueil, ici (CCAS test)" in text, text
        assert "Ou : " not in text, text
