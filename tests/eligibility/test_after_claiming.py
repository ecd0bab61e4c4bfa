"""Amounts once every recommended right is paid (issue 10, item 7).

Claiming changes other amounts later. The prime d'activité applies its
housing flat rate once housing aid was paid in its reference quarter, and
the complémentaire santé solidaire counts housing aid received during its
reference year. Expected figures come from the published amounts cited
beside them, never from the code under test.
"""

from __future__ import annotations

import pytest

from eligibility import Household
from eligibility.report import text_report
from tests.households import tenant_earning_800

CRDS = 0.005  # ordonnance n° 96-50 du 24 janvier 1996, art. 19
# Prime d'activité, montant forfaitaire for one person: 622,63 € from
# 1 April 2024 (décret n° 2024-403), 633,21 € from 1 April 2025 (décret
# n° 2025-294). The housing flat rate for one person is 12 % of it (CSS R844-3).
PPA_BASE_FEB_MAR_2025, PPA_BASE_APR_2025 = 622.63, 633.21
# The prime d'activité of May 2025 averages the three months of its reference
# quarter (February to April 2025, CSS R844-1, R845-1), each with its own amount.
PPA_HOUSING_FLAT_RATE_MAY_2025 = 0.12 * (2 * PPA_BASE_FEB_MAR_2025 + PPA_BASE_APR_2025) / 3
# C2S (CSS R861-7): housing aid counts as 12 % of the RSA base amount for one
# person, over the year: 12 × 12 % × 646,52 € (RSA from 1 April 2025, service-public.fr).
C2S_HOUSING_FLAT_RATE_2025 = 12 * 0.12 * 646.52


def test_prime_d_activite_settles_lower_once_housing_aid_is_paid(engine):
    screening = engine.screen(tenant_earning_800())
    housing, ppa = screening.benefit("aide_logement"), screening.benefit("ppa")
    assert housing.unclaimed and ppa.unclaimed
    # First months: housing aid not yet paid in the reference quarter.
    # After: its flat rate is deducted, net of CRDS.
    assert ppa.amount - ppa.recurring_amount == pytest.approx(PPA_HOUSING_FLAT_RATE_MAY_2025 * (1 - CRDS), abs=0.02)
    # Housing aid itself does not change.
    assert housing.recurring_amount == housing.amount
    assert screening.unclaimed_monthly_total - screening.recurring_unclaimed_monthly_total == pytest.approx(
        ppa.amount - ppa.recurring_amount, abs=0.01
    )


def test_nothing_changes_when_housing_aid_is_already_paid(engine):
    screening = engine.screen(tenant_earning_800(received={"aide_logement": 184.0}))
    ppa = screening.benefit("ppa")
    assert ppa.unclaimed
    assert ppa.recurring_amount == ppa.amount
    assert screening.recurring_unclaimed_monthly_total == screening.unclaimed_monthly_total


def test_recurring_amount_is_the_amount_for_rights_that_read_no_past_payment(engine):
    screening = engine.screen(
        Household.model_validate(
            {
                "month": "2025-05",
                "commune": "59350",
                "housing": {"status": "homeless"},
                "people": [{"id": "me", "role": "applicant", "birth_date": "1985-01-01", "activity": "unemployed"}],
            }
        )
    )
    for result in screening.benefits:
        assert result.recurring_amount == result.amount, result.id
    assert screening.recurring_unclaimed_monthly_total == screening.unclaimed_monthly_total == 646.52


def test_c2s_counts_housing_aid_only_once_received(engine):
    # CSS L861-2: resources of the reference period (the twelve months before
    # the claim, R861-8), housing aid up to a flat rate. A tenant who never
    # received housing aid has none to count: 12 × 800 € of salary only,
    # under the ceiling of 10 339 € (parameter_updates.yaml) — free C2S.
    first = engine.screen(tenant_earning_800(), explain=True).benefit("css_participation_forfaitaire")
    assert first.variant == "free"
    figures = {f.id: f.value for f in first.figures}
    assert figures["css_cmu_base_ressources"] == pytest.approx(12 * 800.0, abs=0.01)
    # Once housing aid is paid, the renewal counts its flat rate:
    # 9 600 + 930,99 € is above the ceiling, so a participation is due.
    assert first.recurring_amount > 0
    paid = engine.screen(tenant_earning_800(received={"aide_logement": 184.0}), explain=True)
    c2s = paid.benefit("css_participation_forfaitaire")
    figures = {f.id: f.value for f in c2s.figures}
    assert figures["css_cmu_base_ressources"] == pytest.approx(12 * 800.0 + C2S_HOUSING_FLAT_RATE_2025, abs=0.01)
    assert c2s.variant == "with_participation"
    assert c2s.amount == first.recurring_amount


def test_text_report_leads_with_the_settled_amount(engine):
    text = text_report(engine.screen(tenant_earning_800()), "fr")
    ppa_line = next(line for line in text.splitlines() if "Prime d'activité" in line)
    assert "les premiers mois" in ppa_line
    # The settled amount first, the first months after it.
    assert ppa_line.index("259") < ppa_line.index("334")
    assert "les premiers mois" in next(line for line in text.splitlines() if line.startswith("Total à demander"))


def test_results_carry_the_recurring_fields_in_json(engine):
    data = engine.screen(tenant_earning_800()).model_dump(mode="json")
    assert data["recurring_unclaimed_monthly_total"] < data["unclaimed_monthly_total"]
    assert all("recurring_amount" in b for b in data["benefits"])
