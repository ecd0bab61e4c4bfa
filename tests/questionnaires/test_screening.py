"""Finished flows go through the engine: statuses only (amounts change with
the rules; see tests/eligibility for official amounts)."""

from __future__ import annotations

import pytest
from questionnaire_scripts import PARENT_TWO_CHILDREN, SINGLE_NO_INCOME_HOSTED, SINGLE_WORKER_TENANT, TODAY, drive

from questionnaires import Session

screen = pytest.importorskip("eligibility").screen


def household(script: dict, **kwargs):
    return drive(Session("resident", today=TODAY, **kwargs), script).household()


def test_single_adult_without_income_hosted_in_lille_gets_rsa():
    # RSA for a single person without resources: 646,52 € from 2025-04-01
    # (service-public.fr); hosted free, the housing flat rate is deducted, so
    # only the status is asserted.
    h = household(SINGLE_NO_INCOME_HOSTED, site_commune="59350")
    assert h.commune == "59350"
    result = screen(h)
    assert result.benefit("rsa").status == "eligible"
    assert result.benefit("aide_logement").status == "not_eligible"
    # An age is an answer, not an estimate.
    assert result.estimated_answers == []


def test_parent_with_two_children_gets_family_allowances():
    result = screen(household(PARENT_TWO_CHILDREN))
    assert result.benefit("af").status == "eligible"
    assert result.benefit("af").received  # said so in the flow


def test_estimated_answers_reach_the_screening():
    result = screen(household({**SINGLE_WORKER_TENANT, "salary": "dont_know"}))
    assert "people[0].income.salary" in result.estimated_answers
    assert "people[0].disability_rate" in result.estimated_answers
