"""The revenu fiscal de référence: derived from today's incomes with the tax
rules, or declared, and read by every rule that looks at year N-2."""

from __future__ import annotations

import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from eligibility import Household


def household(people, month="2025-05", housing=None, **extra) -> Household:
    return Household.model_validate(
        {
            "month": month,
            "commune": "59350",
            "housing": housing or {"status": "tenant_social", "rent": 400.0},
            "people": people,
            **extra,
        }
    )


def plain_rfr(engine, people, year: int, invalid=(False, False)) -> float:
    """Plain OpenFisca's own revenu fiscal de référence for one tax household
    with these yearly taxable incomes (`invalid`: boxes P and F)."""
    system = engine.system
    while getattr(system, "baseline", None) is not None:
        system = system.baseline
    y = str(year)
    individus = {
        name: {
            "date_naissance": {"ETERNITY": birth},
            "salaire_imposable": {y: salary},
            "retraite_imposable": {y: pension},
        }
        for name, birth, salary, pension in people
    }
    names = list(individus)
    situation = {
        "individus": individus,
        "foyers_fiscaux": {"f": {"declarants": names, "caseP": {y: invalid[0]}, "caseF": {y: invalid[1]}}},
        "familles": {"fa": {"parents": names}},
        "menages": {"m": {"personne_de_reference": names[:1], "conjoint": names[1:]}},
    }
    simulation = SimulationBuilder().build_from_entities(system, situation)
    return float(simulation.calculate("rfr", y)[0])


def our_rfr(engine, data: Household) -> float:
    screening = engine.screen_many([data], explain=True)[0]
    return next(f.value for f in screening.benefit("cheque_energie").figures if f.id == "rfr")


def test_pensioner_aged_65_or_more_gets_the_157_bis_deduction(engine):
    data = household(
        [
            {
                "id": "me",
                "role": "applicant",
                "birth_date": "1950-03-01",
                "activity": "retired",
                "income": {"pension": 800.0},
            }
        ]
    )
    expected = plain_rfr(engine, [("me", "1950-03-01", 0.0, 9600.0)], 2025)
    assert our_rfr(engine, data) == pytest.approx(expected, abs=1)


def test_invalidity_card_holder_gets_the_157_bis_deduction(engine):
    # Art. 157 bis CGI and 195 CGI: holders of the invalidity card (a rate of
    # 80 % or more) get the deduction at any age (box P).
    data = household(
        [
            {
                "id": "me",
                "role": "applicant",
                "birth_date": "1980-03-01",
                "activity": "employed",
                "income": {"salary": 1000.0},
                "disability_rate": 0.8,
            }
        ]
    )
    taxable = 12 * 1000.0 * engine.income_ratios(data.month).salary_taxable
    expected = plain_rfr(engine, [("me", "1980-03-01", taxable, 0.0)], 2025, invalid=(True, False))
    assert our_rfr(engine, data) == pytest.approx(expected, abs=1)


def test_couple_deductions_follow_the_rules(engine):
    # A partner of 66 with a small pension, an applicant of 60 with a small
    # wage: the minimum wage deduction, the pension deduction and one 157 bis
    # deduction, as the tax rules compute them.
    data = household(
        [
            {
                "id": "a",
                "role": "applicant",
                "birth_date": "1965-01-01",
                "activity": "employed",
                "income": {"salary": 300.0},
            },
            {
                "id": "b",
                "role": "partner",
                "birth_date": "1959-01-01",
                "activity": "retired",
                "income": {"pension": 300.0},
            },
        ]
    )
    taxable = 12 * 300.0 * engine.income_ratios(data.month).salary_taxable
    expected = plain_rfr(engine, [("a", "1965-01-01", taxable, 0.0), ("b", "1959-01-01", 0.0, 3600.0)], 2025)
    assert our_rfr(engine, data) == pytest.approx(expected, abs=1)


def test_cheque_energie_of_a_pensioner_on_800_euros(engine):
    # Revenu fiscal de référence 2023 of a single pensioner of 73 on 800 € a month:
    # 9 600 € less the 10 % pension deduction = 8 640 €, less the deduction for
    # people aged 65 or more (art. 157 bis CGI, incomes 2023: 2 746 € when the
    # revenu net global is at most 17 200 €; legifiscal.fr/actualites-fiscales/
    # 3675-impots-abattement-special-65-ans-invalides.html) = 5 894 €.
    # Chèque énergie 2025 for one consumption unit with a revenu fiscal de
    # référence between 5 700 € and 6 800 €: 146 € (arrêté du 26 décembre 2018
    # as amended; figures of the ministry quoted in centrepresseaveyron.fr,
    # 14 March 2023: 194 / 146 / 98 / 48 € up to 5 700 / 6 800 / 7 850 / 11 000 €).
    data = household(
        [
            {
                "id": "me",
                "role": "applicant",
                "birth_date": "1952-03-01",
                "activity": "retired",
                "income": {"pension": 800.0},
            }
        ]
    )
    assert engine.screen(data).benefit("cheque_energie").amount == 146.0


def test_an_other_adults_income_counts_for_the_cheque_energie(engine):
    # The chèque énergie reads the revenus fiscaux de référence of every tax
    # household of the dwelling. A lodger earning 2 000 € a month has their
    # own: 1.5 consumption units and a revenu fiscal de référence far above
    # 11 000 € per unit leave no chèque (same sources as above).
    data = household(
        [
            {"id": "me", "role": "applicant", "birth_date": "1985-03-01", "activity": "inactive"},
            {
                "id": "lodger",
                "role": "other",
                "birth_date": "1980-03-01",
                "activity": "employed",
                "income": {"salary": 2000.0},
            },
        ]
    )
    assert engine.screen(data).benefit("cheque_energie").amount == 0.0


def family(taxable_income=None, month="2025-05"):
    # Two children of 12 and 10 at school, one low wage today.
    return household(
        [
            {
                "id": "p",
                "role": "applicant",
                "birth_date": "1985-02-10",
                "activity": "employed",
                "income": {"salary": 1000.0},
            },
            {"id": "c1", "role": "child", "birth_date": "2013-01-01", "school": "college"},
            {"id": "c2", "role": "child", "birth_date": "2015-01-01", "school": "primary"},
        ],
        month=month,
        taxable_income=taxable_income or {},
    )


def test_declared_taxable_income_modulates_the_family_allowances(engine):
    # caf.fr « Les allocations familiales », 1 April 2025: 151,80 € a month
    # for two children under the first ceiling, half (75,90 €) between the
    # ceilings, a quarter (37,95 €) above. Ceilings of 2025 for two children,
    # on 2023 resources: 78 565 € and 104 719 € (mercipourlinfo.fr, « CAF : des
    # millions de familles vont bénéficier d'une hausse… en avril », table
    # « Plafonds de ressources en vigueur du 1er janvier au 31 décembre 2025 »).
    # Paid net of CRDS (0.5 %).
    low = engine.screen(family()).benefit("af").amount
    middle = engine.screen(family({"2023": 90000})).benefit("af").amount
    high = engine.screen(family({"2023": 120000})).benefit("af").amount
    assert low == round(151.80 * 0.995, 2)
    assert middle == round(75.90 * 0.995, 2)
    assert high == round(37.95 * 0.995, 2)


def test_declared_taxable_income_above_the_ars_ceiling(engine):
    # Arrêté du 20 décembre 2024, art. 3: ARS ceiling for 2025 of 21 880 € plus
    # 6 564 € a child, i.e. 35 008 € of 2023 resources for two children; a
    # differential amount only just above it, nothing at 90 000 €.
    assert engine.screen(family(month="2025-08")).benefit("ars").amount > 0
    assert engine.screen(family({"2023": 90000}, month="2025-08")).benefit("ars").amount == 0


def test_declared_taxable_income_closes_the_college_grant(engine):
    # Code de l'éducation D531-5: the bourse de collège reads the revenu fiscal
    # de référence of year N-2; its ceilings for two children are around
    # 21 500 € (rentree-des-classes.fr, « Bourse de collège et de lycée
    # 2025-2026 »), nowhere near 90 000 €.
    assert engine.screen(family()).benefit("bourse_college").amount > 0
    assert engine.screen(family({"2023": 90000, "2024": 90000})).benefit("bourse_college").amount == 0


def test_declared_taxable_income_closes_the_paje_base_allowance(engine):
    # PAJE allocation de base 2025: 196,60 € a month at the full rate under
    # resource ceilings of 2023 that stay well under 100 000 € for one child
    # (journaldesfemmes.fr, « Allocation de base de la Paje : montant et
    # plafonds 2025 »; Code de la sécurité sociale L531-3); none at 120 000 €.
    def parent(taxable_income):
        return household(
            [
                {
                    "id": "p",
                    "role": "applicant",
                    "birth_date": "1990-02-10",
                    "activity": "employed",
                    "income": {"salary": 1200.0},
                },
                {"id": "baby", "role": "child", "birth_date": "2024-06-01"},
            ],
            taxable_income=taxable_income,
        )

    assert engine.screen(parent({})).benefit("paje_base").amount > 0
    assert engine.screen(parent({"2023": 120000})).benefit("paje_base").amount == 0
