"""Varied, realistic households for benchmarks (seeded, reproducible)."""

from __future__ import annotations

import random
from datetime import date

from eligibility import Household

NORD_COMMUNES = ["59350", "59512", "59599", "59009", "59360", "59368", "59017", "59122"]


def generate(count: int, seed: int = 1, month: str = "2025-05") -> list[Household]:
    rng = random.Random(seed)
    households = []
    for _ in range(count):
        status = rng.choice(["tenant_private", "tenant_social", "owner", "hosted_free", "homeless"])
        housing = {"status": status}
        if status.startswith("tenant"):
            housing["rent"] = round(rng.uniform(250, 900), 2)
        adult_age = rng.randint(19, 80)
        people = [_adult("a", "applicant", adult_age, rng)]
        if rng.random() < 0.4:
            people.append(_adult("b", "partner", max(18, adult_age + rng.randint(-5, 5)), rng))
        for k in range(rng.choice([0, 0, 1, 2, 3, 4]) if adult_age < 55 else 0):
            age = rng.randint(0, 19)
            people.append(
                {
                    "id": f"c{k}",
                    "role": "child",
                    "birth_date": date(2025 - age, rng.randint(1, 4), 1).isoformat(),
                    "school": "primary"
                    if 6 <= age < 11
                    else "college"
                    if 11 <= age < 15
                    else "lycee"
                    if 15 <= age < 18
                    else "none",
                }
            )
        received = {}
        if rng.random() < 0.3:
            received[rng.choice(["rsa", "aide_logement", "af", "ppa"])] = round(rng.uniform(50, 500), 2)
        households.append(
            Household.model_validate(
                {
                    "month": month,
                    "commune": rng.choice(NORD_COMMUNES),
                    "housing": housing,
                    "people": people,
                    "received": received,
                }
            )
        )
    return households


def _adult(pid: str, role: str, age: int, rng: random.Random) -> dict:
    activity = (
        "retired"
        if age >= 63
        else rng.choice(["employed", "employed", "unemployed", "inactive", "unable_to_work", "student"])
    )
    income = {}
    if activity == "employed":
        income["salary"] = round(rng.uniform(200, 2500), 2)
    elif activity == "unemployed" and rng.random() < 0.5:
        income["unemployment"] = round(rng.uniform(300, 1200), 2)
    elif activity == "retired":
        income["pension"] = round(rng.uniform(300, 1800), 2)
    person = {
        "id": pid,
        "role": role,
        "birth_date": date(2025 - age, rng.randint(1, 4), 1).isoformat(),
        "activity": activity,
        "income": income,
    }
    if activity == "unable_to_work":
        person["disability_rate"] = rng.choice([0.5, 0.8])
    return person
