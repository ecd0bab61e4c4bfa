"""Test households used by several test modules: one definition each, so a
change of the household model is made once.

Their expected amounts stay in the tests that check them, each with its
source (published amounts or an independent computation)."""

from __future__ import annotations

import copy

from eligibility.household import Household

# A single tenant of 40 in Lille (INSEE 59350) earning 800 € net a month,
# rent 520 € without charges, screened for May 2025.
TENANT_EARNING_800: dict = {
    "month": "2025-05",
    "commune": "59350",
    "housing": {"status": "tenant_private", "rent": 520.0},
    "people": [
        {
            "id": "me",
            "role": "applicant",
            "birth_date": "1985-01-01",
            "activity": "employed",
            "income": {"salary": 800.0},
        }
    ],
}


def tenant_earning_800_data(**extra) -> dict:
    """The household's JSON (a fresh copy), top-level keys replaced by `extra`."""
    return copy.deepcopy(TENANT_EARNING_800) | extra


def tenant_earning_800(**extra) -> Household:
    return Household.model_validate(tenant_earning_800_data(**extra))


def single_parent(salary: float, **extra) -> Household:
    """A parent of 34 alone for 30 months with two children of 8 and 12, in
    Lille, private rent 600 € without charges, earning `salary` € net a month
    and receiving nothing yet; screened for May 2025. `extra` replaces
    top-level keys; None leaves one out (`single_parent_months=None`: the
    question not answered)."""
    data = {
        "month": "2025-05",
        "commune": "59350",
        "housing": {"status": "tenant_private", "rent": 600.0},
        "people": [
            {
                "id": "applicant",
                "role": "applicant",
                "birth_date": "1991-03-14",
                "activity": "employed",
                "income": {"salary": salary},
            },
            {"id": "child1", "role": "child", "birth_date": "2017-01-20", "school": "primary"},
            {"id": "child2", "role": "child", "birth_date": "2013-02-02", "school": "college"},
        ],
        "single_parent_months": 30,
    }
    return Household.model_validate({key: value for key, value in (data | extra).items() if value is not None})


# A parent of 35 alone with two children in Lille, earning 1 100 € net a
# month, private rent 600 €, June 2025, already receiving the allocations
# familiales. Alone for more than 18 months: no single-parent increase, and
# no "unknown" prime d'activité waiting for that answer.
PARENT_ALONE_JUNE_2025: dict = {
    "month": "2025-06",
    "commune": "59350",
    "housing": {"status": "tenant_private", "rent": 600},
    "people": [
        {
            "id": "a",
            "role": "applicant",
            "birth_date": "1990-03-01",
            "activity": "employed",
            "income": {"salary": 1100},
        },
        {"id": "c1", "role": "child", "birth_date": "2016-09-01", "school": "primary"},
        {"id": "c2", "role": "child", "birth_date": "2012-09-01", "school": "college"},
    ],
    "received": {"af": 150.0},
    "single_parent_months": 30,
}


def pensioner_owner(pension: float = 1150.0) -> Household:
    """A pensioner of 75 in Roubaix (INSEE 59512), owner, on `pension` a
    month, May 2025. At 1 150 €: above the ASPA's ceiling, the chèque
    énergie only (a yearly right; its phone number has four groups)."""
    return Household.model_validate(
        {
            "month": "2025-05",
            "commune": "59512",
            "housing": {"status": "owner"},
            "people": [
                {
                    "id": "a",
                    "role": "applicant",
                    "birth_date": "1950-01-01",
                    "activity": "retired",
                    "income": {"pension": pension},
                }
            ],
            "received": {},
        }
    )
