"""Non-take-up semantics: the past as it really was, the present as if claimed."""

from __future__ import annotations

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from eligibility import Household
from tests.households import tenant_earning_800


def plain_openfisca_ppa(system) -> float:
    """What plain OpenFisca says with net incomes only: past housing aid simulated."""
    months = [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13) if f"{y}-{m:02d}" <= "2025-05"]
    situation = {
        "individus": {"me": {"date_naissance": {"ETERNITY": "1985-01-01"}, "salaire_net": {m: 800.0 for m in months}}},
        "familles": {"f": {"parents": ["me"]}},
        "foyers_fiscaux": {"ff": {"declarants": ["me"]}},
        "menages": {
            "m": {
                "personne_de_reference": ["me"],
                "loyer": {m: 520.0 for m in months},
                "statut_occupation_logement": {m: "locataire_vide" for m in months},
                "depcom": {m: "59350" for m in months},
            }
        },
    }
    simulation = SimulationBuilder().build_from_entities(system, situation)
    return float(simulation.calculate("ppa", "2025-05")[0])


def test_ppa_higher_than_plain_openfisca_for_a_non_claimant_of_housing_aid(engine):
    ours = engine.screen(tenant_earning_800()).benefit("ppa")
    ppa_gross = ours.amount / (1 - 0.005)  # paid net of CRDS (0.5 %)
    plain = plain_openfisca_ppa(engine.system)
    # Plain OpenFisca applies the housing flat rate of past months, as if
    # housing aid had been paid: the prime d'activité comes out lower.
    assert ppa_gross > plain + 50


def test_declared_benefit_is_received_never_unclaimed(engine):
    result = engine.screen(tenant_earning_800(received={"aide_logement": 150.0})).benefit("aide_logement")
    assert result.received and not result.unclaimed
    assert result.received_amount == 150.0


def test_clearly_underpaid_benefit_is_flagged(engine):
    screening = engine.screen(tenant_earning_800(received={"aide_logement": 20.0}))
    assert "may_be_underpaid" in screening.benefit("aide_logement").reasons


def test_correctly_paid_benefit_is_not_flagged(engine):
    due = engine.screen(tenant_earning_800()).benefit("aide_logement").amount
    screening = engine.screen(tenant_earning_800(received={"aide_logement": due}))
    assert "may_be_underpaid" not in screening.benefit("aide_logement").reasons


def test_unclaimed_total_adds_monthly_unclaimed_only(engine):
    # Housing aid received: the C2S counts its flat rate, so a participation is due.
    screening = engine.screen(tenant_earning_800(received={"aide_logement": 184.0}))
    # The C2S participation is what the person would pay: never in a total.
    css = screening.benefit("css_participation_forfaitaire")
    assert css.unclaimed and css.variant == "with_participation" and css.amount > 0
    gains = [b for b in screening.benefits if b.unclaimed and b.id != "css_participation_forfaitaire"]
    monthly = sum(b.amount for b in gains if b.per == "month")
    yearly = sum(b.amount for b in gains if b.per == "year")
    assert screening.unclaimed_monthly_total == pytest.approx(monthly, abs=0.01)
    assert screening.unclaimed_yearly_total == pytest.approx(yearly, abs=0.01)
    assert screening.benefit("cheque_energie").per == "year"


def test_housing_aid_received_in_the_past_lowers_the_ppa(engine):
    # Housing aid paid in the three past months brings the housing flat rate
    # into the prime d'activité's resources; never claimed, it does not.
    without = engine.screen(tenant_earning_800()).benefit("ppa").amount
    with_aid = engine.screen(tenant_earning_800(received={"aide_logement": 184.0})).benefit("ppa").amount
    assert with_aid < without - 20


def test_housing_aid_needs_the_rent(engine):
    household = Household.model_validate(
        {
            "month": "2025-05",
            "commune": "59350",
            "housing": {"status": "tenant_private"},
            "people": [{"id": "me", "role": "applicant", "birth_date": "1985-01-01"}],
        }
    )
    result = engine.screen(household).benefit("aide_logement")
    assert result.status == "unknown"
    assert result.reasons == ["missing_input:housing.rent"]


def test_css_free_or_with_participation(engine):
    poor = engine.screen(tenant_earning_800(people=[{"id": "me", "role": "applicant", "birth_date": "1985-01-01"}]))
    assert poor.benefit("css_participation_forfaitaire").variant == "free"
    # Housing aid received in the reference year counts (CSS L861-2); never
    # received, it does not (tests/eligibility/test_after_claiming.py).
    working = engine.screen(tenant_earning_800(received={"aide_logement": 184.0}))
    css = working.benefit("css_participation_forfaitaire")
    assert css.variant == "with_participation" and css.amount > 0


def test_estimated_answers_are_repeated(engine):
    screening = engine.screen(tenant_earning_800(estimated=["people[0].income.salary"]))
    assert screening.estimated_answers == ["people[0].income.salary"]
