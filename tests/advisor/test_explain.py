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
