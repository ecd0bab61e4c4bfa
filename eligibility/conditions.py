"""Named checks on a household, referenced by the `requires` lists of the
benefit catalog. They only explain a zero amount in words: the amounts
themselves always come from the rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eligibility.household import (
    TENANT_STATUSES,
    Activity,
    Household,
    HousingStatus,
    Nationality,
    School,
)

Check = Callable[[Household, Any], bool]


def _ages(household: Household, people) -> list[int]:
    day = household.month.first_day
    return [p.age_at(day) for p in people]


def adult_age_at_least(h: Household, value: int) -> bool:
    """The applicant or the partner has reached that age."""
    return max(_ages(h, h.adults)) >= value


def has_children(h: Household, value: Any = None) -> bool:
    return bool(h.children)


def children_at_least(h: Household, value: int) -> bool:
    return len(h.children) >= value


def child_aged_between(h: Household, value: list[int]) -> bool:
    low, high = value
    return any(low <= age <= high for age in _ages(h, h.children))


def child_at_school(h: Household, value: str) -> bool:
    return any(c.school == School(value) for c in h.children)


def disabled_child(h: Household, value: Any = None) -> bool:
    return any((c.disability_rate or 0) > 0 for c in h.children)


def disability_rate_at_least(h: Household, value: float) -> bool:
    return any((p.disability_rate or 0) >= value for p in h.adults)


def has_invalidity_pension(h: Household, value: Any = None) -> bool:
    # The household model has no separate invalidity pension: a disabled adult
    # who cannot work and gets a pension is the closest we can ask.
    return any((p.disability_rate or 0) > 0 and p.activity == Activity.unable_to_work for p in h.adults)


def has_work_income(h: Household, value: Any = None) -> bool:
    return any(p.income.salary + p.income.self_employment > 0 for p in h.adults)


def is_tenant(h: Household, value: Any = None) -> bool:
    return h.housing.status in TENANT_STATUSES


def rent_known(h: Household, value: Any = None) -> bool:
    return h.housing.status not in TENANT_STATUSES or h.housing.rent is not None


def lives_alone(h: Household, value: Any = None) -> bool:
    return h.partner is None


def someone_unemployed(h: Household, value: Any = None) -> bool:
    return any(p.activity == Activity.unemployed for p in h.adults)


def has_home(h: Household, value: Any = None) -> bool:
    return h.housing.status != HousingStatus.homeless


def nationality_condition_rsa(h: Household, value: Any = None) -> bool:
    # Non-EU nationals need five years of residence permit (Code de l'action
    # sociale, L262-4); an unknown duration is not held against the person.
    applicant = h.applicant
    if applicant.nationality != Nationality.other:
        return True
    return applicant.residence_permit_years is None or applicant.residence_permit_years >= 5


def someone_pregnant(h: Household, value: Any = None) -> bool:
    return any(p.pregnant for p in h.adults)


def adult_aged_between(h: Household, value: list[int]) -> bool:
    """The applicant or the partner is between these ages (inclusive)."""
    low, high = value
    return any(low <= age <= high for age in _ages(h, h.adults))


def young_adult_without_job(h: Household, value: Any = None) -> bool:
    """The applicant or the partner is 16 to 29 and neither working nor
    studying: who the contrat d'engagement jeune is for ("ni en emploi, ni
    étudiants, ni en formation"; the rules would give a working young person
    a reduced CEJ on top of the prime d'activité)."""
    day = h.month.first_day
    return any(
        16 <= p.age_at(day) <= 29 and p.activity in (Activity.unemployed, Activity.inactive, None) for p in h.adults
    )


def pass_sport_age_profile(h: Household, value: Any = None) -> bool:
    """Someone of an age the Pass'Sport covers (season 2025-2026): a child of
    14 to 17 (families receiving the ARS), a disabled child of 6 to 19 (AEEH),
    a disabled adult of 16 to 30 (AAH), a student under 28 (grant holders)."""
    day = h.month.first_day
    for person in h.people:
        age = person.age_at(day)
        disabled = (person.disability_rate or 0) > 0
        student = person.activity == Activity.student or person.school == School.higher
        if (
            14 <= age <= 17
            or (disabled and 6 <= age <= 19)
            or (disabled and 16 <= age <= 30)
            or (student and age <= 28)
        ):
            return True
    return False


def agepi_profile(h: Household, value: Any = None) -> bool:
    """A parent bringing up a child under 10 alone and looking for work: who
    the AGEPI is for (openfisca-france `agepi_eligible`, `agepi_nbenf`)."""
    return h.partner is None and someone_unemployed(h) and child_aged_between(h, [0, 9])


def agepi_not_to_check(h: Household, value: Any = None) -> bool:
    """The AGEPI depends on a job or a training about to start (its date,
    length and hours), which we do not ask: for the parents it is for, the
    answer is "to check with France Travail", never a guessed amount."""
    return not agepi_profile(h)


CHECKS: dict[str, Check] = {
    name: function
    for name, function in globals().items()
    if callable(function) and not name.startswith("_") and function.__module__ == __name__
}
