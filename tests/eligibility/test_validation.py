"""Bad input: a located, translatable error, never a traceback."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from eligibility import Household
from eligibility.errors import describe
from tests.households import tenant_earning_800_data

# The single tenant on 800 € (tests/households.py) with a child of 10.
VALID = tenant_earning_800_data()  # a copy: variants change it
VALID["people"].append({"id": "kid1", "role": "child", "birth_date": "2015-03-01", "school": "primary"})


def variant(**changes):
    data = {**VALID, "people": [dict(p) for p in VALID["people"]]}
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value
    return data


def errors_of(data) -> list[dict]:
    with pytest.raises(ValidationError) as caught:
        Household.model_validate(data)
    return caught.value.errors()


def lines_of(data) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Household.model_validate(data)
    return describe(caught.value, "fr")


def test_valid_household_passes():
    Household.model_validate(VALID)


@pytest.mark.parametrize(
    ("data", "code", "where"),
    [
        (variant(commune="99999"), "unknown_commune", "commune"),
        (variant(people__1__birth_date="2090-01-01"), "birth_date_in_future", "people[1].birth_date"),
        (variant(people__1__birth_date="1995-01-01"), "child_too_old", "people[1].birth_date"),
        (variant(people__0__role="partner"), "no_applicant", "people"),
        (variant(people__1__role="applicant", people__1__birth_date="1980-01-01"), "two_applicants", "people"),
        (variant(people__1__id="me"), "duplicate_person_id", "people"),
        (variant(people__0__income={"salary": -5}), "amount_negative", "people[0].income.salary"),
        (variant(people__0__income={"salary": 2_000_000}), "amount_too_large", "people[0].income.salary"),
        (variant(people__0__income={"salary": math.nan}), "amount_not_a_number", "people[0].income.salary"),
        (variant(people__0__disability_rate=1.5), "disability_rate_out_of_range", "people[0].disability_rate"),
        (variant(received={"rsa": 100, "bitcoin": 5}), "unknown_benefit", "received"),
        (variant(month="2019-01"), "month_out_of_range", "month"),
        (variant(month="May 2025"), "invalid_month", "month"),
        (variant(housing={"status": "castle"}), "enum", "housing.status"),
    ],
)
def test_each_problem_is_located_and_coded(data, code, where):
    errors = errors_of(data)
    assert code in [e["type"] for e in errors]
    lines = lines_of(data)
    assert any(line.startswith(f"{where}:") for line in lines), lines


def test_partner_without_applicant():
    data = variant(people__0__role="partner", people__1__role="other", people__1__birth_date="1980-01-01")
    assert "no_applicant" in [e["type"] for e in errors_of(data)]


def test_unknown_field_is_refused():
    assert "extra_forbidden" in [e["type"] for e in errors_of(variant(salary=3))]


def test_message_of_future_birth_date_matches_contract():
    lines = lines_of(variant(people__1__birth_date="2090-01-01"))
    assert lines[0].startswith("people[1].birth_date: ")


def test_adult_aged_12_is_refused():
    errors = errors_of(variant(people__0__birth_date="2013-01-01"))
    assert "adult_too_young" in [e["type"] for e in errors]


def test_child_born_after_the_month_is_refused():
    errors = errors_of(variant(month="2024-01", people__1__birth_date="2024-06-01"))
    assert "born_after_month" in [e["type"] for e in errors]


def test_received_benefits_is_what_receives_says():
    """`received_benefits()` (one set per household, for the caseload rows)
    answers as `receives` for every benefit, on varied generated households."""
    from eligibility import catalog
    from eligibility.batch_sample import households

    checked = 0
    for data in households(300, seed=7):
        household = Household.model_validate(data)
        ids = set(catalog.benefits()) | set(household.received) | {b for p in household.people for b in p.received}
        received = household.received_benefits()
        assert {b for b in ids if household.receives(b)} == received
        checked += bool(received)
    assert checked > 50  # the sample does declare received benefits
