"""Generated households for tests and benchmarks of caseload screening.

Deterministic for a given seed, valid for the household model, and varied
on what changes the rules' arithmetic: household size and roles, incomes,
housing, month screened, benefits already received (with and without a
known amount), nationality and permit, disability, declared tax income.
Nothing here is real data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from eligibility.household import Activity, HousingStatus, Nationality, School

COMMUNES = ["59350", "59512", "75056", "13055", "69123", "93066", "33063", "23096", "97411", "35238"]
MONTHS = ["2023-09", "2024-01", "2025-05", "2025-09", "2026-03"]
ADULT_ACTIVITIES = [a.value for a in Activity]
HOUSING_STATUSES = [s.value for s in HousingStatus]
# Monthly benefits people commonly receive already.
RECEIVED = ["rsa", "aide_logement", "af", "ppa", "asf", "aah", "aspa", "cf"]


def _birth(rng: random.Random, month: str, age_low: int, age_high: int) -> str:
    year, mon = (int(x) for x in month.split("-"))
    age = rng.randint(age_low, age_high)
    day = date(year - age, mon, 1)
    # Anywhere in the 11 months before that anniversary month.
    shift = rng.randint(1, 330)
    born = date.fromordinal(day.toordinal() - shift)
    return born.isoformat()


def _money(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def household(rng: random.Random, month: str | None = None) -> dict:
    """One random household in the library's JSON format."""
    month = month or rng.choice(MONTHS)
    status = rng.choice(HOUSING_STATUSES)
    housing: dict = {"status": status}
    if status in ("tenant_private", "tenant_social"):
        if rng.random() < 0.9:
            housing["rent"] = _money(rng, 250, 950)
        housing["shared"] = rng.random() < 0.1
    people = []
    older = rng.random() < 0.2
    applicant_age = (62, 90) if older else (18, 61)
    people.append(_adult(rng, "a", "applicant", month, applicant_age))
    if rng.random() < 0.45:
        people.append(_adult(rng, "b", "partner", month, applicant_age))
    children = 0 if older else rng.choice([0, 0, 1, 1, 2, 2, 3, 4])
    for index in range(children):
        age = rng.randint(0, 20)
        child = {"id": f"c{index}", "role": "child", "birth_date": _birth(rng, month, age, age)}
        if age >= 16:
            child["activity"] = rng.choice(["student", "inactive", "employed"])
        school = (
            School.none
            if age < 6
            else School.primary
            if age < 11
            else School.college
            if age < 15
            else School.lycee
            if age < 18
            else rng.choice([School.higher, School.none])
        )
        child["school"] = school.value
        if rng.random() < 0.05:
            child["disability_rate"] = rng.choice([0.5, 0.8])
        people.append(child)
    if rng.random() < 0.08:
        people.append(_adult(rng, "o", "other", month, (20, 85)))
    data: dict = {"month": month, "commune": rng.choice(COMMUNES), "housing": housing, "people": people}
    received = {}
    for benefit in rng.sample(RECEIVED, k=rng.choice([0, 0, 0, 1, 1, 2])):
        received[benefit] = None if rng.random() < 0.3 else _money(rng, 20, 700)
    if received:
        data["received"] = received
    if rng.random() < 0.25:
        year = int(month[:4])
        data["taxable_income"] = {str(year - 2): _money(rng, 0, 30000)}
    if rng.random() < 0.1:
        data["estimated"] = ["people[0].income.salary"]
    return data


def _adult(rng: random.Random, pid: str, role: str, month: str, ages: tuple[int, int]) -> dict:
    age = rng.randint(*ages)
    activity = "retired" if age >= 65 and rng.random() < 0.8 else rng.choice(ADULT_ACTIVITIES)
    income: dict = {}
    if activity in ("employed",):
        income["salary"] = _money(rng, 200, 2600)
    elif activity == "self_employed":
        income["self_employment"] = _money(rng, 0, 1800)
    elif activity == "unemployed" and rng.random() < 0.6:
        income["unemployment"] = _money(rng, 300, 1400)
    elif activity == "retired":
        income["pension"] = _money(rng, 300, 1900)
    if rng.random() < 0.1:
        income["alimony"] = _money(rng, 50, 400)
    if rng.random() < 0.05:
        income["other"] = _money(rng, 50, 500)
    person: dict = {"id": pid, "role": role, "birth_date": _birth(rng, month, age, age), "activity": activity}
    if income:
        person["income"] = income
    roll = rng.random()
    if roll < 0.12:
        person["nationality"] = Nationality.other.value
        if rng.random() < 0.8:
            person["residence_permit_years"] = rng.choice([1, 3, 5, 12])
    elif roll < 0.2:
        person["nationality"] = Nationality.eu.value
    if rng.random() < 0.08 or activity == "unable_to_work":
        person["disability_rate"] = rng.choice([0.3, 0.5, 0.8])
    return person


def households(count: int, seed: int = 6, month: str | None = None) -> Iterator[dict]:
    """`count` households, the same ones for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        yield household(rng, month)
