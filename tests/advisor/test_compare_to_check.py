"""The advisor's comparison: a row per right to check, with no amount, and
benefits paid once in their own total."""

from __future__ import annotations

from eligibility.household import Household
from kiosk.advisor.compare import comparison_rows, totals
from kiosk.advisor.explain import explain_to_check

PARENT = {
    "month": "2025-10",
    "commune": "59512",
    "housing": {"status": "tenant_private", "rent": 550},
    "people": [
        {"id": "a", "role": "applicant", "birth_date": "1990-03-01", "activity": "unemployed", "pregnant": True},
        {"id": "k", "role": "child", "birth_date": "2015-03-01", "school": "primary"},
    ],
}


def test_rows_to_check_have_no_amount_and_follow_the_scenario(engine):
    roubaix = Household.model_validate(PARENT)
    social = Household.model_validate({**PARENT, "housing": {"status": "tenant_social", "rent": 400}})
    screenings = [engine.screen(roubaix), engine.screen(social)]
    rows = {r.key: r for r in comparison_rows(screenings, [roubaix, social])}
    assert rows["to_check:fsl_mel"].label == "FSL ?"
    assert rows["to_check:fsl_mel"].cells == ["à vérifier", "à vérifier"]
    # Already in social housing in the second scenario.
    assert rows["to_check:logement_social"].cells == ["à vérifier", "—"]
    assert not any("€" in c for key, row in rows.items() if key.startswith("to_check:") for c in row.cells)
    # The prime à la naissance: its own label and total, not in "Aides /an".
    assert rows["paje_naissance"].label == "Prime naissance 1×"
    prime = screenings[0].benefit("paje_naissance").amount
    # The Region's driving-licence aid, paid once too (a parent alone looking
    # for work: 1 200 €, the Region's cap for a job seeker).
    permis = screenings[0].benefit("hauts_de_france_aide_permis").amount
    assert permis == 1200
    sums = totals(screenings[0], roubaix)
    assert sums.benefits_once == round(prime + permis, 2)
    yearly = sum(b.amount for b in screenings[0].benefits if b.unclaimed and b.per == "year" and not b.paid_once)
    assert sums.benefits_yearly == round(yearly, 2)
    assert "total:once" in rows
    assert all(len(row.label) <= 18 for row in rows.values()), [r.label for r in rows.values()]


def test_explanation_of_a_right_to_check_gives_conditions_and_source(engine):
    screening = engine.screen(Household.model_validate(PARENT))
    fsl = next(r for r in screening.to_check if r.id == "fsl_mel")
    lines = explain_to_check(fsl)
    assert lines[0] == "Fonds de solidarité pour le logement (FSL) — à vérifier (sans montant, hors totaux)"
    assert "✓ Vous habitez une commune de la Métropole Européenne de Lille." in lines
    assert lines[-1].startswith("Organisme : Métropole Européenne de Lille — https://www.lillemetropole.fr/")
