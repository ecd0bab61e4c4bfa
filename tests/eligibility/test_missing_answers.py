"""Inputs the rules need (issue 10, item 6): null means "not asked".

While an answer that matters is missing, the benefit is `unknown` and the
reason names the answer; once answered, the rules decide. The amounts come
from the published figures cited beside them, never from the code under test.
"""

from __future__ import annotations

import pytest

from eligibility import Household
from eligibility.catalog import reason_text


def household(people, housing=None, **extra) -> Household:
    return Household.model_validate(
        {
            "month": "2025-05",
            "commune": "59350",
            "housing": housing or {"status": "homeless"},
            "people": people,
            **extra,
        }
    )


def applicant(**person):
    return {"id": "me", "role": "applicant", "birth_date": "1975-01-01", **person}


# -- ASS: five years of work in the last ten (Code du travail R5423-1) ---------


def test_ass_unknown_while_the_work_history_is_not_asked(engine):
    result = engine.screen(household([applicant(activity="unemployed")])).benefit("ass")
    assert result.status == "unknown"
    assert result.amount is None
    assert result.reasons == ["missing_input:people.worked_five_of_last_ten_years"]
    # The reason names the answer in words, not only as a field path.
    assert "5 ans" in reason_text(result.reasons[0])


def test_ass_full_rate_once_five_years_of_work_are_declared(engine):
    # Décret du 31 mars 2025: 19,33 € a day from 1 April 2025, paid for 30 days
    # a month (579,90 €), for a person alone without resources.
    screening = engine.screen(household([applicant(activity="unemployed", worked_five_of_last_ten_years=True)]))
    assert screening.benefit("ass").status == "eligible"
    assert screening.benefit("ass").amount == pytest.approx(30 * 19.33, abs=0.005)


def test_ass_refused_for_a_short_work_history_says_so(engine):
    screening = engine.screen(household([applicant(activity="unemployed", worked_five_of_last_ten_years=False)]))
    ass = screening.benefit("ass")
    assert ass.status == "not_eligible"
    assert ass.reasons == ["work_history_too_short"]
    # Without the ASS the RSA is due in full: 646,52 € (service-public.fr, 1 April 2025).
    assert screening.benefit("rsa").amount == 646.52


def test_ass_is_never_asked_of_someone_who_still_gets_unemployment_benefit(engine):
    person = applicant(activity="unemployed", income={"unemployment": 900.0})
    ass = engine.screen(household([person])).benefit("ass")
    assert ass.status == "not_eligible"
    assert ass.reasons == ["still_gets_unemployment_benefit"]


def test_ass_work_history_is_not_held_against_other_activities(engine):
    # Nobody else is asked: the ASS is refused for the activity, not "unknown".
    ass = engine.screen(household([applicant(activity="employed", income={"salary": 900.0})])).benefit("ass")
    assert ass.status == "not_eligible"
    assert ass.reasons == ["not_job_seeker"]


def test_unknown_ass_is_not_claimed_on_a_guess_before_the_rsa(engine):
    # The RSA comes after the ASS (CASF L262-10), but an ASS that depends on an
    # unanswered question is not assumed paid: the RSA is shown in full.
    screening = engine.screen(household([applicant(activity="unemployed")]))
    assert screening.benefit("rsa").amount == 646.52


# -- AAH at 50 to 79 %: the RSDAE (CSS L821-2) ---------------------------------


def test_aah_at_50_to_79_percent_unknown_without_the_rsdae_answer(engine):
    result = engine.screen(household([applicant(activity="unable_to_work", disability_rate=0.5)])).benefit("aah")
    assert result.status == "unknown"
    assert result.reasons == ["missing_input:people.rsdae"]
    assert "income_above_ceiling" not in result.reasons


def test_aah_at_50_to_79_percent_with_the_rsdae_is_the_full_rate(engine):
    # service-public.fr F12242: AAH à taux plein 1 033,32 € par mois au 1er avril 2025.
    person = applicant(activity="unable_to_work", disability_rate=0.5, rsdae=True)
    assert engine.screen(household([person])).benefit("aah").amount == 1033.32


def test_aah_at_50_to_79_percent_without_the_rsdae_says_so(engine):
    person = applicant(activity="unable_to_work", disability_rate=0.5, rsdae=False)
    result = engine.screen(household([person])).benefit("aah")
    assert result.status == "not_eligible"
    assert result.reasons == ["no_rsdae"]


def test_aah_at_80_percent_needs_no_rsdae_answer(engine):
    person = applicant(activity="unable_to_work", disability_rate=0.8)
    assert engine.screen(household([person])).benefit("aah").amount == 1033.32


def test_a_high_income_settles_the_aah_without_the_answer(engine):
    # Whatever the answer, an income far above the AAH is decisive: no
    # "unknown" for a question that cannot change the result.
    person = applicant(activity="employed", disability_rate=0.5, income={"salary": 4000.0})
    result = engine.screen(household([person])).benefit("aah")
    assert result.status == "not_eligible"


# -- increase for a parent alone (CASF L262-9, R262-2) -------------------------

# CASF R262-1: the RSA of a parent alone is 128,412 % of the base amount plus
# 42,804 % per child; a couple or a person with one child gets 150 %. With
# the base amount of 646,52 € (1 April 2025): 1 106,94 € against 969,78 €
# (service-public.fr published 1 088,43 € for 2024 on 635,71 €, the same ratio).
RSA_BASE = 646.52
INCREASE_ONE_CHILD = RSA_BASE * (1.28412 + 0.42804) - RSA_BASE * 1.5


def parent_alone(**extra) -> Household:
    return household(
        [
            applicant(birth_date="1990-01-01", activity="inactive"),
            {"id": "kid", "role": "child", "birth_date": "2019-02-01", "school": "primary"},
        ],
        **extra,
    )


def test_rsa_of_a_parent_alone_is_unknown_until_they_say_since_when(engine):
    result = engine.screen(parent_alone()).benefit("rsa")
    assert result.status == "unknown"
    assert result.reasons == ["missing_input:single_parent_months"]


def test_rsa_increase_for_a_recent_separation_only(engine):
    recent = engine.screen(parent_alone(single_parent_months=4)).benefit("rsa")
    older = engine.screen(parent_alone(single_parent_months=30)).benefit("rsa")
    assert recent.status == older.status == "eligible"
    assert recent.amount - older.amount == pytest.approx(INCREASE_ONE_CHILD, abs=0.02)


def test_no_question_about_separation_with_a_child_under_3(engine):
    baby = household(
        [
            applicant(birth_date="1990-01-01", activity="inactive"),
            {"id": "kid", "role": "child", "birth_date": "2024-06-01"},
        ]
    )
    assert engine.screen(baby).benefit("rsa").status == "eligible"


# -- the partner's nationality ---------------------------------------------------


def couple(partner_nationality, applicant_permit=2, partner_permit=None):
    return household(
        [
            applicant(activity="inactive", nationality="other", residence_permit_years=applicant_permit),
            {
                "id": "partner",
                "role": "partner",
                "birth_date": "1976-01-01",
                "activity": "inactive",
                "nationality": partner_nationality,
                "residence_permit_years": partner_permit,
            },
        ]
    )


def test_rsa_unknown_when_the_partners_nationality_decides(engine):
    # The applicant's permit is too recent (CASF L262-4: five years); the
    # partner's nationality, not asked, decides.
    result = engine.screen(couple(None)).benefit("rsa")
    assert result.status == "unknown"
    assert result.reasons == ["missing_input:people.nationality"]


def test_rsa_for_a_couple_where_the_partner_meets_the_condition(engine):
    # 150 % of the base amount for a couple (CASF R262-1): 969,78 €.
    result = engine.screen(couple("fr")).benefit("rsa")
    assert result.amount == pytest.approx(RSA_BASE * 1.5, abs=0.01)


def test_rsa_refused_when_neither_adult_meets_the_residence_condition(engine):
    result = engine.screen(couple("other", partner_permit=1)).benefit("rsa")
    assert result.status == "not_eligible"
    assert result.reasons == ["residence_permit_too_recent"]


def test_partner_nationality_not_needed_when_the_applicant_meets_it(engine):
    result = engine.screen(couple(None, applicant_permit=10)).benefit("rsa")
    assert result.status == "eligible"


def test_applicant_nationality_not_needed_when_the_partner_meets_it(engine):
    # Either answer leaves the RSA of a couple at 150 % of the base amount (CASF R262-1).
    data = couple("fr").model_dump(mode="json")
    data["people"][0].update(nationality=None, residence_permit_years=None)
    result = engine.screen(Household.model_validate(data)).benefit("rsa")
    assert result.status == "eligible"
    assert result.amount == pytest.approx(RSA_BASE * 1.5, abs=0.01)


# -- unknown only when the answer changes the payment ----------------------------


def working_parent_alone(**extra) -> Household:
    return household(
        [
            applicant(birth_date="1990-01-01", activity="employed", income={"salary": 600.0}),
            {"id": "kid", "role": "child", "birth_date": "2016-02-01", "school": "primary"},
        ],
        **extra,
    )


# Prime d'activité (CSS L842-3): montant forfaitaire + 61 % of earnings (59,85 %
# from 1 April 2025, D843-3) + bonification − max(montant forfaitaire,
# resources). The increase for a parent alone (L842-7, D843-1) raises the
# montant forfaitaire on both sides, so it cancels while resources are below
# it. No bonification under 59 × the hourly SMIC (D843-2). The prime of May
# 2025 averages February to April (R844-1), less the CRDS (0,5 %).
PPA_PARENT_ALONE_600 = round((2 * 0.61 * 600 + 0.5985 * 600) / 3 * (1 - 0.005), 2)


def test_ppa_of_a_parent_alone_stands_when_the_increase_cancels_out(engine):
    screening = engine.screen(working_parent_alone())
    ppa = screening.benefit("ppa")
    assert ppa.status == "eligible"
    assert ppa.amount == pytest.approx(PPA_PARENT_ALONE_600, abs=0.01)
    # The RSA (montant forfaitaire − resources) does change with the increase.
    assert screening.benefit("rsa").status == "unknown"
    assert screening.benefit("rsa").reasons == ["missing_input:single_parent_months"]


def test_ppa_of_a_parent_alone_is_the_same_whatever_the_answer(engine):
    for months in (4, 30):
        ppa = engine.screen(working_parent_alone(single_parent_months=months)).benefit("ppa")
        assert ppa.amount == pytest.approx(PPA_PARENT_ALONE_600, abs=0.01), months


def job_seeker_and_partner_with_invalidity_pension(**seeker) -> Household:
    return household(
        [
            applicant(birth_date="2002-03-01", activity="unemployed", **seeker),
            {
                "id": "partner",
                "role": "partner",
                "birth_date": "1994-06-01",
                "activity": "unable_to_work",
                "disability_rate": 0.8,
                "income": {"invalidity_pension": 700.0},
            },
        ],
        housing={"status": "tenant_social", "rent": 450.0},
        month="2026-01",
    )


def test_an_ass_only_assumed_does_not_reduce_the_partners_asi(engine):
    # The ASS depends on a question not asked: it is unknown, and like an ASS
    # refused it counts in no one's resources (the ASI counts the couple's
    # resources actually received, CSS L815-24, R815-22).
    unasked = engine.screen(job_seeker_and_partner_with_invalidity_pension())
    refused = engine.screen(job_seeker_and_partner_with_invalidity_pension(worked_five_of_last_ten_years=False))
    granted = engine.screen(job_seeker_and_partner_with_invalidity_pension(worked_five_of_last_ten_years=True))
    assert unasked.benefit("ass").status == "unknown"
    assert unasked.benefit("asi").amount > 0
    assert unasked.benefit("asi").amount == refused.benefit("asi").amount
    assert unasked.benefit("aah").amount == refused.benefit("aah").amount
    # Once the ASS is certain, the rules count it (asi_aspa_base_ressources).
    assert granted.benefit("ass").status == "eligible"
    assert granted.benefit("asi").amount < unasked.benefit("asi").amount


def couple_80_and_50(pension: float = 0.0) -> Household:
    return household(
        [
            applicant(activity="unable_to_work", disability_rate=0.8),
            {
                "id": "partner",
                "role": "partner",
                "birth_date": "1979-01-01",
                "activity": "unable_to_work",
                "disability_rate": 0.5,
                "income": {"invalidity_pension": pension},
            },
        ],
        housing={"status": "tenant_private", "rent": 520.0},
    )


def test_a_certain_aah_comes_before_the_rsa_when_the_partners_is_unknown(engine):
    # CASF L262-10: the applicant's AAH at 80 % (1 033,32 €, service-public.fr
    # F12242, 1 April 2025) is due whatever the partner answers; it is paid
    # before the RSA, which it brings to nothing for this couple (RSA of a
    # couple 969,78 €, less the housing flat rate).
    screening = engine.screen(couple_80_and_50())
    assert screening.benefit("aah").status == "unknown"
    rsa = screening.benefit("rsa")
    assert rsa.status == "not_eligible"
    assert rsa.reasons == ["other_benefit_comes_first"]


def test_aah_stands_when_the_unasked_rsdae_cannot_change_it(engine):
    # The partner at 50 %: an invalidity pension of 700 € and the ASI leave no
    # AAH to top up (L821-1 CSS), RSDAE or not; the applicant's AAH at 80 % is
    # the full rate (1 033,32 €).
    aah = engine.screen(couple_80_and_50(pension=700.0)).benefit("aah")
    assert aah.status == "eligible"
    assert aah.amount == pytest.approx(1033.32, abs=0.01)
