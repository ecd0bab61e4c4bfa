"""Fixes of upstream OpenFisca-France bugs (eligibility/upstream_fixes.py).

The first test uses plain OpenFisca only, so that it can be sent upstream
with the fix: it shows the bug in the pinned rules and its correction.
"""

from __future__ import annotations

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from eligibility import Household
from eligibility.upstream_fixes import UpstreamFixes


def _plain(system):
    while getattr(system, "baseline", None) is not None:
        system = system.baseline
    return system


@pytest.fixture(scope="module")
def systems(engine):
    plain = _plain(engine.system)
    return plain, UpstreamFixes(plain)


def _condition(system) -> list[bool]:
    # Code de la sécurité sociale, art. L816-1: a foreign national gets the
    # ASPA/ASI with a residence permit allowing work held for at least ten
    # years (1°), or as a national of the EEA or Switzerland (3°).
    period = "2025-05"
    situation = {
        "individus": {
            "algerian_12_years": {"nationalite": {period: "DZ"}, "duree_possession_titre_sejour": {period: 12}},
            "algerian_5_years": {"nationalite": {period: "DZ"}, "duree_possession_titre_sejour": {period: 5}},
            "belgian": {"nationalite": {period: "BE"}, "duree_possession_titre_sejour": {period: 0}},
            "swiss": {"nationalite": {period: "CH"}, "duree_possession_titre_sejour": {period: 0}},
        },
    }
    simulation = SimulationBuilder().build_from_entities(system, situation)
    return simulation.calculate("asi_aspa_condition_nationalite", period).tolist()


def test_asi_aspa_condition_nationalite_follows_the_permit_duration(systems):
    plain, fixed = systems
    # The bug: numpy.logical_or(a, b, c) takes c as its `out` array, so the
    # ten-year permit test is overwritten and no non-EU national qualifies.
    assert _condition(plain) == [False, False, True, True]
    assert _condition(fixed) == [True, False, True, True]


def pensioner(**person) -> Household:
    return Household.model_validate(
        {
            "month": "2025-05",
            "commune": "59350",
            "housing": {"status": "tenant_social", "rent": 350.0},
            "people": [
                {
                    "id": "me",
                    "role": "applicant",
                    "birth_date": "1957-02-01",
                    "activity": "retired",
                    "income": {"pension": 600.0},
                    "nationality": "other",
                    **person,
                }
            ],
        }
    )


def test_aspa_for_a_non_eu_pensioner_with_twelve_years_of_permit(engine):
    # service-public.fr F16871 (https://www.service-public.fr/particuliers/vosdroits/F16871):
    # ASPA up to 1 034,28 € a month for a single person in 2025, topping the
    # resources up to that amount; a foreign national needs a residence
    # permit allowing work held for 10 years (CSS L816-1).
    aspa = engine.screen(pensioner(residence_permit_years=12)).benefit("aspa")
    assert aspa.status == "eligible"
    # The rules work on quarterly resources in single precision: one cent apart.
    assert aspa.amount == pytest.approx(1034.28 - 600.0, abs=0.011)


def test_no_aspa_with_five_years_of_permit(engine):
    aspa = engine.screen(pensioner(residence_permit_years=5)).benefit("aspa")
    assert aspa.status == "not_eligible"
    assert aspa.reasons == ["residence_permit_too_recent"]
