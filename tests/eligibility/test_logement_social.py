"""Social housing (HLM): the household may apply when its resources are under
the ceiling of ordinary HLM homes (PLUS), screened with the real rules
(eligibility/local_rules/logement_social.py) and shown with the rights to
check, never with an amount.

The expected ceilings are the official table, not the code under test:
arrêté du 29 juillet 1987, annexe I, as amended by the arrêté du 19 décembre
2025 (JORF 24 December 2025, in force 1 January 2026), "autres régions"
(Lille's zone), as Légifrance gives it (LEGIARTI000053307202) and as the press
reported it in January 2026 (lessentieldeleco.fr: 23 403 €, 31 254 €,
45 374 €; RMC via beincrypto1.de: 60 156 € for six, + 6 710 € a person).
"""

from __future__ import annotations

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from eligibility import Household, to_check

LILLE = "59350"
MONTH = "2026-05"  # N-2 = 2024
PLUS_2026_AUTRES_REGIONS = {1: 23403, 2: 31254, 3: 37584, 4: 45374, 5: 53376, 6: 60156}
PER_EXTRA_PERSON_2026 = 6710
SAYS = "Les revenus de votre foyer sont sous le plafond du logement social : vous pouvez faire une demande."


def _situation(cases) -> dict:
    """One situation holding every case, each its own family, tax household
    and dwelling: the rules run once for all of them (vectorised). A case is
    (ages, children, rfr by year, disability rate of the first adult, commune)."""
    situation: dict = {"individus": {}, "familles": {}, "foyers_fiscaux": {}, "menages": {}}
    for n, (ages, children, rfr, rate, commune) in enumerate(cases):
        # Ids of one width: openfisca-core orders ids as text.
        adults = [f"c{n:04d}a{i}" for i in range(len(ages))]
        kids = [f"c{n:04d}k{i}" for i in range(children)]
        for i, (name, age) in enumerate(zip(adults, ages, strict=True)):
            situation["individus"][name] = {
                "date_naissance": {"ETERNITY": f"{2026 - age}-01-01"},
                "taux_incapacite": {MONTH: rate if i == 0 else 0},
            }
        situation["individus"].update({kid: {"date_naissance": {"ETERNITY": "2015-01-01"}} for kid in kids})
        situation["familles"][f"c{n:04d}"] = {"parents": adults, "enfants": kids}
        situation["foyers_fiscaux"][f"c{n:04d}"] = {"declarants": adults, "personnes_a_charge": kids, "rfr": dict(rfr)}
        situation["menages"][f"c{n:04d}"] = {"personne_de_reference": adults[:1], "conjoint": adults[1:],
                                             "enfants": kids, "depcom": {MONTH: commune}}  # fmt: skip
    return situation


def _case(ages, children=0, rfr=None, rate=0.0, commune=LILLE) -> tuple:
    rfr = rfr if isinstance(rfr, dict) else {year: rfr for year in ("2024", "2025", "2026")}
    return tuple(ages), children, tuple(sorted(rfr.items())), rate, commune


@pytest.fixture(scope="module")
def simulate(engine):
    """The rules' own answer for one family, (ceiling, eligible): revenu
    fiscal de référence `rfr` for N-2, N-1 and N (a dict by year, or one
    figure for all). Every case of this module is simulated at once, in one
    simulation, the first time one is asked for."""
    answers: dict[tuple, tuple[float, bool]] = {}

    def answer(ages, children=0, rfr=None, rate=0.0, commune=LILLE) -> tuple[float, bool]:
        case = _case(ages, children, rfr, rate, commune)
        if case not in answers:
            cases = [case, *(c for c in ALL_CASES if c not in answers and c != case)]
            simulation = SimulationBuilder().build_from_entities(engine.system, _situation(cases))
            ceilings = simulation.calculate("logement_social_plus_plafond_ressources", MONTH)
            eligible = simulation.calculate("logement_social_plus_eligible", MONTH)
            answers.update({c: (float(ceilings[n]), bool(eligible[n])) for n, c in enumerate(cases)})
        return answers[case]

    return answer


CATEGORIES = [
    ((40,), 0, 1, 0),  # une personne seule
    ((30, 30), 0, 2, 0),  # deux personnes, ages adding up to 60: not a « jeune ménage »
    ((25, 25), 0, 3, 0),  # jeune ménage: ages adding up to 55 at most
    ((40,), 1, 3, 0),  # une personne seule avec une personne à charge
    ((40, 40), 2, 4, 0),
    ((40, 40), 3, 5, 0),
    ((40, 40), 4, 6, 0),  # six personnes
    ((40,), 4, 6, 0),  # une personne seule avec quatre personnes à charge
    ((40, 40), 5, 6, 1),  # seven: one person beyond
    ((40,), 6, 6, 2),
]
WITH_A_DISABILITY_CARD = [
    ((40,), 0, 2, 0),  # « une personne seule en situation de handicap »
    ((40, 40), 0, 3, 0),  # « deux personnes dont au moins une est en situation de handicap »
    ((40, 40), 2, 5, 0),  # « quatre personnes dont au moins une… »
    ((40, 40), 4, 6, 1),  # six persons, one with the card: the category of seven
]


# Revenus fiscaux de référence of N-2, N-1 and N (CCH R441-1, below).
R441_1 = [
    (30000.0, 30000.0, 30000.0),
    (30000.0, 23403.0, 30000.0),
    (30000.0, 30000.0, 20000.0),
    (25000.0, 23000.0, 23000.0),
]


def _ceiling(category, extra) -> int:
    return PLUS_2026_AUTRES_REGIONS[category] + extra * PER_EXTRA_PERSON_2026


# Every family the tests below ask about, for the one simulation.
ALL_CASES = [
    *(_case(a, c, rfr=_ceiling(k, e) + d) for a, c, k, e in CATEGORIES for d in (0, 1)),
    *(_case(a, c, rfr=_ceiling(k, e) + d, rate=r) for a, c, k, e in WITH_A_DISABILITY_CARD
      for d, r in ((0, 0.8), (1, 0.8), (0, 0.79))),
    *(_case((40,), rfr={"2024": n2, "2025": n1, "2026": n}) for n2, n1, n in R441_1),
    _case((40,), rfr=26920.0, commune="75056"),
]  # fmt: skip


@pytest.mark.parametrize(("ages", "children", "category", "extra"), CATEGORIES)
def test_the_ceiling_of_each_category_at_its_boundary(simulate, ages, children, category, extra):
    ceiling = PLUS_2026_AUTRES_REGIONS[category] + extra * PER_EXTRA_PERSON_2026
    assert simulate(ages, children, rfr=ceiling) == (ceiling, True)
    assert simulate(ages, children, rfr=ceiling + 1) == (ceiling, False)


@pytest.mark.parametrize(("ages", "children", "category", "extra"), WITH_A_DISABILITY_CARD)
def test_a_disability_card_counts_as_one_more_person(simulate, ages, children, category, extra):
    ceiling = PLUS_2026_AUTRES_REGIONS[category] + extra * PER_EXTRA_PERSON_2026
    assert simulate(ages, children, rfr=ceiling, rate=0.8) == (ceiling, True)
    assert simulate(ages, children, rfr=ceiling + 1, rate=0.8)[1] is False
    # Under 80 %, no card: the household's own category.
    assert simulate(ages, children, rfr=ceiling, rate=0.79)[0] < ceiling


def test_resources_of_n_1_or_this_year_count_when_ten_percent_lower(simulate):
    # CCH R441-1: the resources of N-1 or of the last twelve months are taken
    # when at least 10 % lower than those of N-2.
    above = 30000.0
    assert simulate((40,), rfr={"2024": above, "2025": above, "2026": above})[1] is False
    assert simulate((40,), rfr={"2024": above, "2025": 23403.0, "2026": above})[1] is True
    assert simulate((40,), rfr={"2024": above, "2025": above, "2026": 20000.0})[1] is True
    # Lower, but not by 10 %: N-2 stands.
    assert simulate((40,), rfr={"2024": 25000.0, "2025": 23000.0, "2026": 23000.0})[1] is False


def test_paris_has_its_own_ceilings(simulate):
    # Same arrêté, "Paris et communes limitrophes": 26 920 € for one person
    # (lessentieldeleco.fr and RMC, January 2026).
    assert simulate((40,), rfr=26920.0, commune="75056") == (26920.0, True)


def household(taxable=None, status="tenant_private", **income):
    return Household.model_validate(
        {
            "month": MONTH,
            "commune": LILLE,
            "housing": {"status": status, "rent": 500} if status.startswith("tenant") else {"status": status},
            "people": [{"id": "me", "role": "applicant", "birth_date": "1986-01-01", "activity": "employed",
                        "income": {"salary": 0.0, **income}}],
            **({"taxable_income": {y: taxable for y in ("2024", "2025", "2026")}} if taxable is not None else {}),
        }
    )  # fmt: skip


def test_the_screening_says_the_household_may_apply_under_the_ceiling_and_nothing_above(engine):
    found = {r.id: r for r in engine.screen(household(taxable=23403.0)).to_check}
    assert SAYS in found["logement_social"].matched
    assert SAYS not in found["logement_social"].to_verify
    assert not hasattr(found["logement_social"], "amount")
    assert "logement_social" not in {r.id for r in engine.screen(household(taxable=23404.0)).to_check}
    # From today's wage when nothing is declared: 1 500 € net a month is a
    # revenu fiscal de référence far under 23 403 €.
    found = {r.id: r for r in engine.screen(household(salary=1500.0)).to_check}
    assert SAYS in found["logement_social"].matched
    # Never for a household already in social housing.
    social = household(taxable=10000.0, status="tenant_social")
    assert "logement_social" not in {r.id for r in engine.screen(social).to_check}


def test_without_the_rules_the_resources_are_left_to_check():
    results = {r.id: r for r in to_check.pre_screen(household(taxable=10000.0))}
    assert SAYS in results["logement_social"].to_verify
    results = {
        r.id: r for r in to_check.pre_screen(household(taxable=10000.0), {"logement_social_plus_eligible": None})
    }
    assert SAYS in results["logement_social"].to_verify


def test_every_rules_condition_names_a_variable_of_the_rules(engine):
    assert to_check.rule_variables() == ["logement_social_plus_eligible"]
    for variable in to_check.rule_variables():
        assert engine.system.variables[variable].value_type is bool
