"""Amounts published by the administrations, checked against the real rules.

Each expected figure comes from the source cited next to it, never from the
code under test. The CRDS rate (0.5 %, ordonnance n° 96-50 du 24 janvier 1996,
art. 19) turns a published gross family benefit into the amount paid.
"""

from __future__ import annotations

import pytest

from eligibility import Household

CRDS = 0.005


def single(month="2025-05", housing=None, **person):
    return Household.model_validate(
        {
            "month": month,
            "commune": "59350",
            "housing": housing or {"status": "homeless"},
            "people": [{"id": "me", "role": "applicant", "birth_date": "1985-01-01", **person}],
        }
    )


def test_rsa_single_person_without_resources_april_2025(engine):
    # service-public.fr, « Revenu de solidarité active (RSA) » (N19775 / F19778):
    # 646,52 € par mois pour une personne seule sans ressources, au 1er avril 2025.
    result = engine.screen(single(activity="unemployed")).benefit("rsa")
    assert result.status == "eligible"
    assert result.amount == 646.52
    assert result.unclaimed


def test_rsa_hosted_free_minus_housing_flat_rate(engine):
    # Same source: the « forfait logement » for one person is 12 % of the base
    # amount, 77,58 € in 2025 (646,52 × 0,12), deducted when housed for free.
    result = engine.screen(single(activity="unemployed", housing={"status": "hosted_free"})).benefit("rsa")
    assert result.amount == pytest.approx(646.52 - 77.58, abs=0.005)


def test_aah_full_rate_april_2025(engine):
    # service-public.fr F12242: AAH à taux plein 1 033,32 € par mois au 1er avril 2025.
    household = single(activity="unable_to_work", disability_rate=0.8)
    result = engine.screen(household)
    assert result.benefit("aah").amount == 1033.32
    # The RSA is subsidiary to the AAH (CASF L262-10): once the AAH is due,
    # no RSA is shown on top of it.
    assert result.benefit("rsa").status == "not_eligible"


def test_aspa_single_person_2025(engine):
    # service-public.fr F16871: ASPA maximum 1 034,28 € par mois pour une personne
    # seule au 1er janvier 2025; the ASPA tops resources up to that ceiling.
    household = single(birth_date="1955-03-01", activity="retired", income={"pension": 750.0})
    result = engine.screen(household).benefit("aspa")
    # The rules work on quarterly resources in single precision: one cent apart.
    assert result.amount == pytest.approx(1034.28 - 750.0, abs=0.011)


def test_family_allowances_two_children_april_2025(engine):
    # caf.fr, « Les allocations familiales »: 151,80 € par mois pour 2 enfants
    # (revenus sous le premier plafond) au 1er avril 2025, before the CRDS.
    household = Household.model_validate(
        {
            "month": "2025-05",
            "commune": "59350",
            "housing": {"status": "tenant_private", "rent": 650},
            "people": [
                {
                    "id": "p",
                    "role": "applicant",
                    "birth_date": "1988-02-10",
                    "activity": "employed",
                    "income": {"salary": 1100},
                },
                {"id": "c1", "role": "child", "birth_date": "2014-09-01", "school": "college"},
                {"id": "c2", "role": "child", "birth_date": "2018-04-20", "school": "primary"},
            ],
        }
    )
    result = engine.screen(household).benefit("af")
    assert result.amount == round(151.80 * (1 - CRDS), 2)
