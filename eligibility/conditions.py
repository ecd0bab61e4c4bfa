"""Named checks on a household, referenced by the `requires` lists of the
benefit catalog. They only explain a zero amount in words: the amounts
themselves always come from the rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eligibility.catalog import CatalogError, benefits
from eligibility.household import (
    TENANT_STATUSES,
    UNEMPLOYED,
    Activity,
    Household,
    HousingStatus,
    Nationality,
    Role,
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


def children_aged_at_least(h: Household, value: list[int]) -> bool:
    """At least `count` children aged `low` to `high` (family benefits count
    children under 20, the complément familial those from 3 to 20)."""
    count, low, high = value
    return sum(low <= age <= high for age in _ages(h, h.children)) >= count


def no_child_aged_between(h: Household, value: list[int]) -> bool:
    return not child_aged_between(h, value)


def child_aged_between_in_december(h: Household, value: list[int]) -> bool:
    """The ARS counts the children by their age in December of the school
    year's start (CSS R543-2, as the rules read it)."""
    low, high = value
    december = h.month.first_day.replace(month=12)
    return any(low <= c.age_at(december) <= high for c in h.children)


def child_at_school(h: Household, value: str) -> bool:
    return any(c.school == School(value) for c in h.children)


def disabled_child(h: Household, value: Any = None) -> bool:
    # The AEEH: a rate of at least 50 %, for a child under 20 (CSS L541-1).
    return any((c.disability_rate or 0) >= 0.5 and age < 20 for c, age in zip(h.children, _ages(h, h.children)))


def disability_rate_at_least(h: Household, value: float) -> bool:
    return any((p.disability_rate or 0) >= value for p in h.adults)


def has_invalidity_pension(h: Household, value: Any = None) -> bool:
    # A declared pension d'invalidité, or, until the person says which, a
    # pension of someone unable to work (the age limit is the rules' own, in
    # `Person.pensions_at`; only the wording of a zero depends on this).
    return any(_has_own_invalidity_pension(p) for p in h.adults)


def _has_own_invalidity_pension(person) -> bool:
    # As `has_invalidity_pension`, for one person.
    income = person.income
    if income.invalidity_pension is not None:
        return income.invalidity_pension > 0
    return person.activity == Activity.unable_to_work and income.pension > 0


def _aspa_age_reached(person, day, value: list[int]) -> bool:
    """The ASPA age (`value[0]`, 65), or the legal retirement age
    (`value[1]`) with a disability rate above 50 % (CSS L815-1, as the rules read it)."""
    base, early = value
    age = person.age_at(day)
    return age >= base or (age >= early and (person.disability_rate or 0) > 0.5)


def aspa_age(h: Household, value: list[int]) -> bool:
    """An adult has reached the ASPA age (`_aspa_age_reached`)."""
    day = h.month.first_day
    return any(_aspa_age_reached(p, day, value) for p in h.adults)


def aspa_residence_condition(h: Household, value: list[int]) -> bool:
    """Someone of ASPA age who is French, from the EEA or Switzerland, or has
    held a residence permit allowing work for ten years (CSS L816-1); an
    unknown duration is not held against the person."""
    day = h.month.first_day
    return any(
        _aspa_age_reached(p, day, value)
        and (p.nationality != Nationality.other or p.residence_permit_years is None or p.residence_permit_years >= 10)
        for p in h.adults
    )


def invalidity_pension_below_aspa_age(h: Household, value: list[int]) -> bool:
    """The ASI stops where the ASPA starts (CSS L815-24)."""
    day = h.month.first_day
    return any(_has_own_invalidity_pension(p) and not _aspa_age_reached(p, day, value) for p in h.adults)


def has_work_income(h: Household, value: Any = None) -> bool:
    return any(p.income.salary + p.income.self_employment > 0 for p in h.adults)


def has_own_home(h: Household, value: Any = None) -> bool:
    # The chèque énergie goes to the dwelling's tenant or owner (Code de l'énergie L124-1).
    return h.housing.status in TENANT_STATUSES or h.housing.status == HousingStatus.owner


def is_tenant(h: Household, value: Any = None) -> bool:
    return h.housing.status in TENANT_STATUSES


def rent_known(h: Household, value: Any = None) -> bool:
    return h.housing.status not in TENANT_STATUSES or h.housing.rent is not None


def lives_alone(h: Household, value: Any = None) -> bool:
    return h.partner is None


def someone_unemployed(h: Household, value: Any = None) -> bool:
    return any(p.activity == UNEMPLOYED for p in h.adults)


def has_home(h: Household, value: Any = None) -> bool:
    return h.housing.status != HousingStatus.homeless


def nationality_condition_rsa(h: Household, value: Any = None) -> bool:
    # Non-EU nationals need five years of residence permit (Code de l'action
    # sociale, L262-4); an unknown duration is not held against the person.
    # The rules accept the household when one parent meets it.
    return any(_meets_rsa_nationality(p) for p in h.adults)


# -- inputs the rules need (null = not asked) -------------------------------
# Each `*_known` check fails only for the people the answer concerns; the
# situation assumes the favourable answer meanwhile, so the catalog marks them
# `only_if_due`: unknown only when the answer would change the payment (see
# ANSWERS_SCREENED_BOTH_WAYS below), otherwise the amount stands — a zero
# with the reason another check gives.


# The ASS ends at this age, in months (openfisca-france parameter
# chomage.allocations_assurance_chomage.ass.age_max, 789 months since 1984).
ASS_AGE_LIMIT_MONTHS = 789


def _ass_candidates(h: Household) -> list:
    # France Travail pays the ASS to job seekers whose unemployment benefit
    # (ARE) has ended (Code du travail L5423-1).
    return [
        p
        for p in h.adults
        if p.activity == UNEMPLOYED and not p.income.unemployment and _age_in_months(h, p) <= ASS_AGE_LIMIT_MONTHS
    ]


def _age_in_months(h: Household, person) -> int:
    day = h.month.first_day
    months = (day.year - person.birth_date.year) * 12 + day.month - person.birth_date.month
    return months - (day.day < person.birth_date.day)


def unemployment_benefit_ended(h: Household, value: Any = None) -> bool:
    return any(p.activity == UNEMPLOYED and not p.income.unemployment for p in h.adults)


def below_ass_age_limit(h: Household, value: Any = None) -> bool:
    return bool(_ass_candidates(h))


def work_history_known(h: Household, value: Any = None) -> bool:
    return all(p.worked_five_of_last_ten_years is not None for p in _ass_candidates(h))


def work_history_long_enough(h: Household, value: Any = None) -> bool:
    """Five years of work in the last ten (Code du travail R5423-1); an
    unanswered question is not held against the person."""
    return any(p.worked_five_of_last_ten_years is not False for p in _ass_candidates(h))


def _rsdae_candidates(h: Household, age_limit: int) -> list:
    # 50 to 79 %: the AAH also needs the RSDAE, and stops at the legal
    # retirement age (CSS L821-2).
    day = h.month.first_day
    return [p for p in h.adults if 0.5 <= (p.disability_rate or 0) < 0.8 and p.age_at(day) <= age_limit]


def rsdae_known(h: Household, value: int) -> bool:
    return all(p.rsdae is not None for p in _rsdae_candidates(h, value))


def aah_disability_condition(h: Household, value: int) -> bool:
    """A rate of 80 % or more, or 50 to 79 % with the RSDAE recognised (or not
    yet asked) below the legal retirement age `value`."""
    if any((p.disability_rate or 0) >= 0.8 for p in h.adults):
        return True
    return any(p.rsdae is not False for p in _rsdae_candidates(h, value))


def _single_parent_increase_possible(h: Household) -> bool:
    # The increase for a parent alone (CASF L262-9) is due anyway with a child
    # under 3 or a pregnancy; otherwise it depends on when they became alone.
    if h.partner is not None or not h.children:
        return False
    if any(p.pregnant for p in h.adults) or child_aged_between(h, [0, 2]):
        return False
    return True


def single_parent_months_known(h: Household, value: Any = None) -> bool:
    return h.single_parent_months is not None or not _single_parent_increase_possible(h)


def nationalities_known(h: Household, value: Any = None) -> bool:
    """Every adult's nationality is known, or a known one already meets the
    RSA condition (any parent's is enough: the rules read `famille.any`)."""
    return all(p.nationality is not None for p in h.adults) or any(
        p.nationality is not None and _meets_rsa_nationality(p) for p in h.adults
    )


def _meets_rsa_nationality(person) -> bool:
    if person.nationality != Nationality.other:
        return True
    return person.residence_permit_years is None or person.residence_permit_years >= 5


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


# -- where the household lives (local rights) -----------------------------------
# Départements of each region a local right of the catalog is for: OpenFisca-France's
# parameter geopolitique.regions.<region>.departements (tests/eligibility/test_local_rules.py
# checks they agree).
REGIONS = {"hauts_de_france": ("02", "59", "60", "62", "80")}


def _departement(h: Household) -> str:
    return h.commune[:3] if h.commune.startswith("97") else h.commune[:2]


def lives_in_departement(h: Household, value: str) -> bool:
    return _departement(h) == value


def lives_in_region(h: Household, value: str) -> bool:
    return _departement(h) in REGIONS[value]


def job_start_asked(h: Household, value: Any = None) -> bool:
    """Whether a job or a training is about to start: never asked (the event
    Activ'Emploi pays for), so a family it would be due to is told to ask."""
    return False


def child_under_3_not_at_school(h: Household, value: Any = None) -> bool:
    """A child who is not 3 yet and not at school (the Region's childcare aid)."""
    return any(age < 3 and c.school in (None, School.none) for c, age in zip(h.children, _ages(h, h.children)))


def parents_all_working(h: Household, value: Any = None) -> bool:
    """The parent, or both parents, at work (employed or self-employed)."""
    return all(p.activity in (Activity.employed, Activity.self_employed) for p in h.adults)


def _permis_candidates(h: Household, value: list[int]) -> list:
    # The Region's driving-licence aid: 16 to 30, or a parent alone at any age.
    low, high = value
    day = h.month.first_day
    # A parent alone: no partner, a child under 20 (the rules' `af_nbenf`).
    single_parent = h.partner is None and child_aged_between(h, [0, 19])
    return [p for p in h.people if low <= p.age_at(day) <= high or (single_parent and p.role == Role.applicant)]


def permis_age_or_single_parent(h: Household, value: list[int]) -> bool:
    return bool(_permis_candidates(h, value))


def permis_job_seeker(h: Household, value: list[int]) -> bool:
    """Someone of the aid's ages (or a parent alone) looking for work."""
    return any(p.activity == Activity.unemployed for p in _permis_candidates(h, value))


# -- the unfavourable answers -------------------------------------------------
# The screening's first run assumes every unasked answer favourable. Whether
# an answer can change a payment is settled by screening the household again
# with these answers unfavourable (`Engine._screen_month`): a benefit stays
# certain when both runs agree (the prime d'activité's increase for a parent
# alone, CSS L842-7 and D843-1, raises the montant forfaitaire on both sides of
# L842-3 and cancels out while resources are below it; OpenFisca models it),
# and a benefit due only on a guess counts in no other benefit's resources.
# `nationalities_known` is not here: when it fails, nobody left meets the
# condition with an unfavourable answer, so "the rules pay something" is
# already "the answer changes the payment".
ANSWERS_SCREENED_BOTH_WAYS = frozenset({"rsdae_known", "work_history_known", "single_parent_months_known"})
# Alone for 18 months or more: no increase for a parent alone without a child
# under 3 (CASF R262-2; the rules' `rsa_isolement_recent`).
SINGLE_PARENT_NOT_RECENT_MONTHS = 18


def with_unfavourable_answers(h: Household) -> Household:
    """A copy of `h` where each answer of ANSWERS_SCREENED_BOTH_WAYS not given
    is the unfavourable one (given answers are kept)."""
    # A person with both answers given is the same person in the twin (the
    # screening never changes a person): only the others are copied.
    people = [
        p
        if p.rsdae is not None and p.worked_five_of_last_ten_years is not None
        else p.model_copy(
            update={
                "rsdae": False if p.rsdae is None else p.rsdae,
                "worked_five_of_last_ten_years": (
                    False if p.worked_five_of_last_ten_years is None else p.worked_five_of_last_ten_years
                ),
            }
        )
        for p in h.people
    ]
    months = SINGLE_PARENT_NOT_RECENT_MONTHS if h.single_parent_months is None else h.single_parent_months
    return h.model_copy(update={"people": people, "single_parent_months": months})


CHECKS: dict[str, Check] = {
    name: function
    for name, function in globals().items()
    if callable(function)
    and not name.startswith("_")
    and function.__module__ == __name__
    and name != "with_unfavourable_answers"
}


def _check_the_catalog() -> None:
    """Every requirement of the catalog names one of CHECKS: a typo in a
    benefit file fails when the rules load, not on one person's screen."""
    for benefit in benefits().values():
        for requirement in benefit.requires:
            for name in filter(None, (requirement.check, requirement.unless)):
                if name not in CHECKS:
                    raise CatalogError(f"benefits/{benefit.id}.yaml: unknown check {name!r}")


_check_the_catalog()
