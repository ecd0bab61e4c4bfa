"""The questions the rules need (issue 10, item 6) are asked only of the
people they concern, and their answers reach the household."""

from __future__ import annotations

from datetime import date

from questionnaires import DONT_KNOW, Session, load_flow
from tests.questionnaires.questionnaire_scripts import (
    COUPLE_TWO_CHILDREN,
    PARENT_TWO_CHILDREN,
    SINGLE_NO_INCOME_HOSTED,
    SINGLE_WORKER_TENANT,
    TODAY,
    answer_first,
)

NEW = {"worked_five_years", "partner_worked_five_years", "rsdae", "partner_nationality", "single_parent_since"}


def walk(script: dict) -> tuple[list[str], Session]:
    """The question ids asked, in order, and the finished session."""
    session = Session(load_flow("resident"), today=TODAY)
    asked = []
    while session.current is not None:
        asked.append(session.current.id)
        assert session.current.id in script, f"unexpected question {session.current.id!r}"
        answer_first(session, script, 1)
    return asked, session


def test_a_working_single_adult_meets_none_of_the_new_questions():
    asked, _ = walk({**SINGLE_WORKER_TENANT, "disability_rate": 0.8})
    assert not NEW & set(asked)


def test_work_history_asked_of_a_job_seeker_without_unemployment_benefit_only():
    asked, session = walk(SINGLE_NO_INCOME_HOSTED)
    assert "worked_five_years" in asked
    assert session.household().applicant.worked_five_of_last_ten_years is False
    with_benefit = {**SINGLE_NO_INCOME_HOSTED, "incomes": ["unemployment"], "unemployment": 900}
    asked, session = walk(with_benefit)
    assert "worked_five_years" not in asked
    assert session.household().applicant.worked_five_of_last_ten_years is None


def test_work_history_dont_know_stays_unknown_and_is_listed():
    _, session = walk({**SINGLE_NO_INCOME_HOSTED, "worked_five_years": DONT_KNOW})
    household = session.household()
    assert household.applicant.worked_five_of_last_ten_years is None
    assert "people[0].worked_five_of_last_ten_years" in household.estimated


def test_rsdae_asked_for_a_known_rate_of_50_to_79_percent_only():
    base = {**SINGLE_WORKER_TENANT, "rsdae": True}
    asked, session = walk({**base, "disability_rate": 0.5})
    assert "rsdae" in asked
    assert session.household().applicant.rsdae is True
    for rate in (0.8, 0.0, DONT_KNOW):
        asked, _ = walk({**base, "disability_rate": rate})
        assert "rsdae" not in asked, rate


def test_separation_asked_of_a_parent_alone_whose_children_are_3_or_older():
    asked, session = walk({**PARENT_TWO_CHILDREN, "single_parent_since": 0})
    assert "single_parent_since" in asked
    assert session.household().single_parent_months == 0
    # A child under 3 (or a pregnancy) opens the increase anyway: not asked.
    baby = {**PARENT_TWO_CHILDREN, "child_birth": [date(2014, 9, 1), date(2024, 1, 1)]}
    asked, session = walk(baby)
    assert "single_parent_since" not in asked
    assert session.household().single_parent_months is None
    asked, _ = walk({**PARENT_TWO_CHILDREN, "pregnant": True})
    assert "single_parent_since" not in asked
    # A couple is never asked.
    asked, _ = walk(COUPLE_TWO_CHILDREN)
    assert "single_parent_since" not in asked


def test_partner_nationality_asked_only_when_it_can_matter():
    asked, session = walk(COUPLE_TWO_CHILDREN)
    assert "partner_nationality" not in asked
    # The applicant's own nationality may not meet the RSA condition.
    foreign = {**COUPLE_TWO_CHILDREN, "nationality": "other", "permit_years": 2, "partner_nationality": "fr"}
    asked, session = walk(foreign)
    assert "partner_nationality" in asked
    assert session.household().partner.nationality == "fr"
    # An older partner may have their own ASPA.
    older = {**COUPLE_TWO_CHILDREN, "partner_birth": 63, "partner_nationality": "other", "partner_permit_years": 12}
    asked, session = walk(older)
    assert asked.index("partner_nationality") < asked.index("partner_permit_years")
    assert session.household().partner.residence_permit_years == 12


def test_partner_work_history_asked_of_a_partner_job_seeker_without_benefit():
    script = {**COUPLE_TWO_CHILDREN, "partner_incomes": ["none"], "partner_worked_five_years": True}
    asked, session = walk(script)
    assert "partner_worked_five_years" in asked
    assert session.household().partner.worked_five_of_last_ten_years is True
