"""The rights of the Nord and the Hauts-de-France (eligibility/local_rules),
screened with the real rules.

Expected amounts and thresholds come from the institutions' texts cited in
each test (and in eligibility/local_rules/parameters), never from the code
under test. The SMIC of May 2025: 1 801,80 € gross, 1 426,30 € net a month
for full time (from 1 November 2024, unchanged on 1 January 2025; e.g.
smic-net.fr and chamechaude-nordique.fr, 2025), so 2 SMIC = 2 852,60 € and
3 SMIC = 4 278,90 € net.
"""

from __future__ import annotations

import pytest

from eligibility import Household
from eligibility.conditions import REGIONS

LILLE, DUNKERQUE, ARRAS, AMIENS, PARIS = "59350", "59183", "62041", "80021", "75056"
SMIC_NET_MAY_2025 = 1426.30


def household(people, commune=LILLE, month="2025-05", **extra) -> Household:
    return Household.model_validate(
        {
            "month": month,
            "commune": commune,
            "housing": {"status": "tenant_private", "rent": 450.0},
            "people": people,
            **extra,
        }
    )


def adult(birth="1985-01-01", activity="unemployed", role="applicant", id=None, **income):
    return {"id": id or role, "role": role, "birth_date": birth, "activity": activity, "income": income}


def child(birth, id="kid", **extra):
    return {"id": id, "role": "child", "birth_date": birth, **extra}


# -- Activ'Emploi (Département du Nord) ---------------------------------------
# info.lenord.fr, « RSA : toutes nos aides pour la reprise d'activité » (2021):
# for RSA beneficiaries of the Nord starting a job or training, « D'un montant
# de 150 euros par an ». We never ask whether a job is starting: a family the
# aid is for is told to ask its RSA referent then, without an amount.


def test_activ_emploi_for_a_family_of_the_nord_on_rsa_is_to_ask_when_a_job_starts(engine):
    screening = engine.screen(household([adult()]))
    assert screening.benefit("rsa").status == "eligible"
    result = screening.benefit("nord_activ_emploi")
    assert (result.status, result.amount, result.reasons) == ("unknown", None, ["activ_emploi_job_start"])
    assert result.institution == "departement_nord"
    assert screening.unclaimed_yearly_total == sum(
        b.amount for b in screening.unclaimed if b.per == "year" and b.id != "nord_activ_emploi"
    )


def test_activ_emploi_rule_pays_150_once_per_family_not_per_person(engine):
    # The variable itself, in plain OpenFisca with the project's rules: a
    # couple with two children on the RSA in Lille. openfisca-france-local
    # defined it per person, so such a family got 4 × 150 €.
    from openfisca_core.simulation_builder import SimulationBuilder

    people = {name: {"date_naissance": {"ETERNITY": birth}} for name, birth in
              [("a", "1985-01-01"), ("b", "1986-01-01"), ("k1", "2015-03-01"), ("k2", "2018-03-01")]}  # fmt: skip
    situation = {
        "individus": people,
        "familles": {"f": {"parents": ["a", "b"], "enfants": ["k1", "k2"], "rsa": {"2025-05": 700.0}}},
        "foyers_fiscaux": {"ff": {"declarants": ["a", "b"], "personnes_a_charge": ["k1", "k2"]}},
        "menages": {"m": {"personne_de_reference": ["a"], "conjoint": ["b"], "enfants": ["k1", "k2"],
                          "depcom": {"2025-05": LILLE}}},
    }  # fmt: skip
    simulation = SimulationBuilder().build_from_entities(engine.system, situation)
    assert simulation.calculate("nord_activ_emploi", "2025-05").tolist() == [150.0]


def test_activ_emploi_anywhere_in_the_nord(engine):
    assert engine.screen(household([adult()], commune=DUNKERQUE)).benefit("nord_activ_emploi").status == "unknown"


@pytest.mark.parametrize("commune", [ARRAS, PARIS])
def test_activ_emploi_not_outside_the_nord(engine, commune):
    result = engine.screen(household([adult()], commune=commune)).benefit("nord_activ_emploi")
    assert (result.status, result.reasons) == ("not_eligible", ["not_in_nord"])


def test_activ_emploi_not_without_rsa(engine):
    # 1 600 € of salary for a person alone: above the RSA.
    screening = engine.screen(household([adult(activity="employed", salary=1600.0)]))
    assert screening.benefit("rsa").status == "not_eligible"
    result = screening.benefit("nord_activ_emploi")
    assert (result.status, result.reasons) == ("not_eligible", ["no_rsa"])


# -- Aide à la garde d'enfants (Région Hauts-de-France) ------------------------
# guide-aides.hautsdefrance.fr/dispositif636: a child under 3 not at school;
# 30 € a month per child for a parent alone at work earning less than 2 SMIC,
# 20 € for two parents at work earning less than 3 SMIC.

BABY = "2024-01-01"  # 16 months old in May 2025


def test_childcare_parent_alone_at_work(engine):
    people = [adult("1990-01-01", "employed", salary=2000.0), child(BABY)]
    result = engine.screen(household(people)).benefit("hauts_de_france_aide_garde_enfant")
    assert (result.status, result.amount, result.per) == ("eligible", 30.0, "month")
    assert result.institution == "region_hauts_de_france"


def test_childcare_two_parents_at_work_two_children_under_3(engine):
    people = [
        adult("1990-01-01", "employed", salary=2000.0),
        adult("1991-01-01", "self_employed", role="partner", self_employment=1500.0),
        child(BABY, "k1"),
        child("2023-02-01", "k2"),
        child("2019-02-01", "k3"),  # 6: not counted
    ]
    result = engine.screen(household(people, commune=AMIENS)).benefit("hauts_de_france_aide_garde_enfant")
    assert result.amount == 2 * 20.0


@pytest.mark.parametrize(
    ("salary", "expected"),
    [(2852.0, 30.0), (2853.0, 0.0)],  # 2 SMIC = 2 × 1 426,30 = 2 852,60 €
)
def test_childcare_parent_alone_income_ceiling_is_2_smic(engine, salary, expected):
    assert salary < 2 * SMIC_NET_MAY_2025 if expected else salary > 2 * SMIC_NET_MAY_2025
    people = [adult("1990-01-01", "employed", salary=salary), child(BABY)]
    result = engine.screen(household(people)).benefit("hauts_de_france_aide_garde_enfant")
    assert result.amount == expected
    if not expected:
        assert result.reasons == ["income_above_ceiling"]


@pytest.mark.parametrize(
    ("salaries", "expected"),
    [((2278.0, 2000.0), 20.0), ((2279.0, 2000.0), 0.0)],  # 3 SMIC = 4 278,90 €
)
def test_childcare_couple_income_ceiling_is_3_smic(engine, salaries, expected):
    first, second = salaries
    people = [
        adult("1990-01-01", "employed", salary=first),
        adult("1991-01-01", "employed", role="partner", salary=second),
        child(BABY),
    ]
    assert engine.screen(household(people)).benefit("hauts_de_france_aide_garde_enfant").amount == expected


def test_childcare_needs_every_parent_at_work(engine):
    people = [
        adult("1990-01-01", "employed", salary=1800.0),
        adult("1991-01-01", "unemployed", role="partner"),
        child(BABY),
    ]
    result = engine.screen(household(people)).benefit("hauts_de_france_aide_garde_enfant")
    assert (result.status, result.reasons) == ("not_eligible", ["parents_not_all_working"])


@pytest.mark.parametrize(
    ("birth", "expected"),
    # « Mon enfant n'a pas encore 3 ans » on the first day of May 2025.
    [("2022-06-01", 30.0), ("2022-05-01", 0.0)],
)
def test_childcare_child_not_3_yet(engine, birth, expected):
    people = [adult("1990-01-01", "employed", salary=1800.0), child(birth)]
    result = engine.screen(household(people)).benefit("hauts_de_france_aide_garde_enfant")
    assert result.amount == expected
    if not expected:
        assert result.reasons == ["no_child_under_3"]


def test_childcare_not_for_a_child_at_school(engine):
    # « Mon enfant ne va pas à l'école »: a 2-year-old already at nursery school.
    people = [adult("1990-01-01", "employed", salary=1800.0), child("2022-09-01", school="primary")]
    result = engine.screen(household(people)).benefit("hauts_de_france_aide_garde_enfant")
    assert (result.status, result.reasons) == ("not_eligible", ["no_child_under_3"])


def test_childcare_not_outside_the_region(engine):
    people = [adult("1990-01-01", "employed", salary=1800.0), child(BABY)]
    result = engine.screen(household(people, commune=PARIS)).benefit("hauts_de_france_aide_garde_enfant")
    assert (result.status, result.reasons) == ("not_eligible", ["not_in_hauts_de_france"])


# -- Aide au permis de conduire (Région Hauts-de-France) -----------------------
# mes-aides.pole-emploi.fr (France Travail's catalogue, read December 2026):
# 1 200 € for a job seeker; 16 to 30, or a parent alone at any age; revenu
# fiscal de référence of the most recent notice below 32 472 € (alone on the
# notice) or 48 708 € (married, pacsé or on the parents' notice).


def test_permis_young_job_seeker(engine):
    people = [adult("2003-01-01", "unemployed", unemployment=900.0)]
    result = engine.screen(household(people)).benefit("hauts_de_france_aide_permis")
    assert (result.status, result.amount, result.per) == ("eligible", 1200.0, "year")


@pytest.mark.parametrize(("rfr", "expected"), [(32471, 1200.0), (32472, 0.0)])
def test_permis_ceiling_for_a_person_alone(engine, rfr, expected):
    # In May 2025 the most recent notice is on 2023 income (the 2024 one comes in the summer).
    people = [adult("2000-01-01", "unemployed")]
    result = engine.screen(household(people, taxable_income={"2023": rfr})).benefit("hauts_de_france_aide_permis")
    assert result.amount == expected
    if not expected:
        assert result.reasons == ["income_above_ceiling"]


def test_permis_reads_the_notice_of_last_year_from_september(engine):
    people = [adult("2000-01-01", "unemployed")]
    income = {"2023": 40000, "2024": 20000}
    before = household(people, month="2025-08", taxable_income=income)
    after = household(people, month="2025-10", taxable_income=income)
    assert engine.screen(before).benefit("hauts_de_france_aide_permis").amount == 0.0
    assert engine.screen(after).benefit("hauts_de_france_aide_permis").amount == 1200.0


@pytest.mark.parametrize(("rfr", "expected"), [(48707, 1200.0), (48708, 0.0)])
def test_permis_young_person_on_the_parents_notice(engine, rfr, expected):
    people = [
        adult("1970-01-01", "employed", salary=1500.0),
        adult("1972-01-01", "employed", role="partner", salary=1500.0),
        {**child("2004-06-01", "young"), "activity": "unemployed"},
    ]
    result = engine.screen(household(people, taxable_income={"2023": rfr})).benefit("hauts_de_france_aide_permis")
    assert result.amount == expected


@pytest.mark.parametrize(
    ("birth", "expected"),
    # 30 included: 31 on 1 May 2025 is too old.
    [("1994-05-02", 1200.0), ("1994-05-01", 0.0)],
)
def test_permis_age_limit(engine, birth, expected):
    result = engine.screen(household([adult(birth, "unemployed")])).benefit("hauts_de_france_aide_permis")
    assert result.amount == expected
    if not expected:
        assert result.reasons == ["age_not_16_to_30"]


def test_permis_parent_alone_at_any_age(engine):
    people = [adult("1980-01-01", "unemployed"), child("2015-01-01")]
    assert engine.screen(household(people)).benefit("hauts_de_france_aide_permis").amount == 1200.0


def test_permis_only_for_job_seekers(engine):
    people = [adult("2003-01-01", "employed", salary=1200.0)]
    result = engine.screen(household(people)).benefit("hauts_de_france_aide_permis")
    assert (result.status, result.reasons) == ("not_eligible", ["not_job_seeker"])


def test_permis_not_outside_the_region(engine):
    result = engine.screen(household([adult("2003-01-01")], commune=PARIS)).benefit("hauts_de_france_aide_permis")
    assert (result.status, result.reasons) == ("not_eligible", ["not_in_hauts_de_france"])


def test_permis_in_another_departement_of_the_region(engine):
    assert (
        engine.screen(household([adult("2003-01-01")], commune=ARRAS)).benefit("hauts_de_france_aide_permis").amount
        == 1200
    )
    assert engine.screen(household([adult("2003-01-01")], commune=ARRAS)).benefit("nord_activ_emploi").amount == 0.0


# -- the extension itself ----------------------------------------------------------


def test_the_regions_of_the_checks_are_the_rules_own(engine):
    regions = engine.system.get_parameters_at_instant("2025-05-01").geopolitique.regions
    for region, departements in REGIONS.items():
        assert sorted(regions[region].departements) == sorted(departements)


def test_every_local_parameter_cites_its_source_and_when_it_was_checked(engine):
    local = engine.system.get_parameters_at_instant("2025-05-01").local

    def leaves(node, path=""):
        for name, child in node.children.items():
            yield from leaves(child, f"{path}.{name}") if hasattr(child, "children") else [f"{path}.{name}"]

    names = list(leaves(engine.system.parameters.local))
    assert len(names) >= 9
    for name in names:
        parameter = engine.system.parameters.local
        for part in name.strip(".").split("."):
            parameter = parameter.children[part]
        assert parameter.metadata.get("reference"), name
        assert parameter.metadata.get("checked"), name
    assert local.nord.activ_emploi.montant == 150
