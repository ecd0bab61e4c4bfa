"""Explanations: every figure the engine returns has a French label with its unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from eligibility.household import Household
from kiosk.advisor.explain import COUNTS, FIGURE_LABELS, explain, figure_line

EXAMPLES = sorted(Path(__file__).resolve().parents[2].joinpath("examples").glob("*.json"))
BENEFITS = Path(__file__).resolve().parents[2] / "eligibility" / "benefits"


def _catalog_figures() -> set[str]:
    figures: set[str] = set()
    for path in BENEFITS.glob("*.yaml"):
        figures.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("figures") or [])
    return figures


def test_labels_match_the_catalog_figures():
    assert set(FIGURE_LABELS) == _catalog_figures()
    assert COUNTS <= set(FIGURE_LABELS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_returned_figure_has_a_label(engine, path, family):
    household = Household.model_validate(json.loads(path.read_text(encoding="utf-8")))
    seen = set()
    for h in (household, family):
        screening = engine.screen(h, explain=True)
        for result in screening.benefits:
            for figure in result.figures:
                seen.add(figure.id)
                assert figure.id in FIGURE_LABELS, figure.id
            for line in explain(result):
                assert "_" not in line.split(" : ")[0], line
    assert seen


def test_units():
    money = figure_line("rsa_socle", 646.52)
    assert money.startswith("Montant forfaitaire du RSA pour ce foyer (par mois) : ") and money.endswith("€")
    assert "(par an)" in FIGURE_LABELS["aide_logement_base_ressources"]
    assert "(par an)" in FIGURE_LABELS["rfr"]
    assert (
        figure_line("cheque_energie_unites_consommation", 1.5)
        == "Unités de consommation du foyer (chèque énergie) : 1,5"
    )
    assert figure_line("af_nbenf", 2) == "Enfants comptés pour les allocations familiales : 2"


def test_every_reason_has_a_text_for_the_worker():
    from kiosk.advisor.explain import REASONS

    # "missing_input:<field>" is said with the field in words (reason_line).
    codes = {
        code
        for code in yaml.safe_load((BENEFITS.parent / "reasons.yaml").read_text(encoding="utf-8"))
        if not code.startswith("missing_input:")
    }
    assert codes <= set(REASONS), codes - set(REASONS)
    for text in REASONS.values():
        assert not {"vous", "votre", "vos"} & set(text.lower().replace("'", " ").split()), text


def _lines(engine, household, benefit_id):
    screening = engine.screen(household, explain=True)
    return explain(screening.benefit(benefit_id)), screening.benefit(benefit_id)


def test_a_newborn_third_child_is_not_an_income_question(engine, family):
    # Two children of 8 and 12 and a newborn: the complément familial needs
    # three children of 3 or more (CSS L522-1), whatever the income.
    from kiosk.advisor.presets import child_is_born

    lines, result = _lines(engine, child_is_born(family), "cf")
    assert result.status == "not_eligible"
    text = "\n".join(lines)
    assert "• Moins de trois enfants de 3 ans ou plus." in text
    assert "au-dessus du plafond" not in text and "Ressources du foyer au-dessus" not in text
    assert "Plafond nul" in text


def test_housing_aid_and_prime_d_activite_show_what_they_compared(engine, family):
    # Alone with the children for 30 months: no single-parent increase
    # (CASF R262-2), so the prime d'activité is computed, not unknown.
    family.single_parent_months = 30
    lines, _ = _lines(engine, family, "aide_logement")
    text = "\n".join(lines)
    for label in ("Loyer plafond pour ce foyer (par mois) : ", "Forfait charges (par mois) : ", "Loyer retenu"):
        assert label in text, text
    assert "dans la limite du plafond de" in text
    # Alone with the children for years: no increase for a recent separation
    # to ask about, so the prime d'activité is computed, not unknown.
    lines, _ = _lines(engine, family.model_copy(update={"single_parent_months": 60}), "ppa")
    text = "\n".join(lines)
    assert "Montant forfaitaire de la prime d'activité pour ce foyer (par mois) : " in text
    assert "Revenus d'activité retenus (par mois) : " in text
    assert "vous" not in text.lower().split()
