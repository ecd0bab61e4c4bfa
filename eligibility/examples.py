"""Households used to warm the engine up and in documentation."""

from __future__ import annotations

from eligibility.household import Household


def warm_up_household() -> Household:
    # A couple with children, a salary and rent: it touches every benefit
    # and every entity, so the parameter caches are filled for real use.
    return Household.model_validate(
        {
            "commune": "59350",
            "housing": {"status": "tenant_private", "rent": 600},
            "people": [
                {
                    "id": "a",
                    "role": "applicant",
                    "birth_date": "1985-01-01",
                    "activity": "employed",
                    "income": {"salary": 900},
                },
                {"id": "b", "role": "partner", "birth_date": "1987-01-01", "activity": "inactive"},
                {"id": "c", "role": "child", "birth_date": "2012-03-01", "school": "college"},
                {"id": "d", "role": "child", "birth_date": "2024-03-01"},
            ],
        }
    )
