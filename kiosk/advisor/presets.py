"""One-click changes of situation, as pure functions on a household.

Each preset returns a *new* validated household and leaves its argument as
it was. `PRESETS` gives their French labels for the advisor screen (for
staff, French only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from eligibility.household import Activity, Household, HousingStatus, Person, Role


def _copy(household: Household) -> dict:
    return household.model_dump(mode="python")


def _validated(data: dict) -> Household:
    return Household.model_validate(data)


def _person_index(data: dict, person_id: str | None) -> int:
    if person_id is None:
        return next(i for i, p in enumerate(data["people"]) if p["role"] == Role.applicant)
    for index, person in enumerate(data["people"]):
        if person["id"] == person_id:
            return index
    raise KeyError(f"no person {person_id!r}")


def takes_job(household: Household, net_salary: float, person_id: str | None = None) -> Household:
    """The person (the applicant by default) takes a job paid `net_salary` €
    net a month: employed, that salary, and no more unemployment benefit."""
    data = _copy(household)
    person = data["people"][_person_index(data, person_id)]
    person["activity"] = Activity.employed
    person["income"]["salary"] = float(net_salary)
    person["income"]["unemployment"] = 0.0
    return _validated(data)


def partner_moves_out(household: Household) -> Household:
    """The partner leaves the household (their incomes go with them)."""
    data = _copy(household)
    data["people"] = [p for p in data["people"] if p["role"] != Role.partner]
    return _validated(data)


def child_is_born(household: Household, person_id: str | None = None) -> Household:
    """A child is born on the first day of the month screened (today if that
    is later); nobody is pregnant any more."""
    data = _copy(household)
    taken = {p["id"] for p in data["people"]}
    number = 1
    while (person_id or f"child{number}") in taken:
        number += 1
    for person in data["people"]:
        person["pregnant"] = False
    data["people"].append(
        Person(
            id=person_id or f"child{number}", role=Role.child, birth_date=min(household.month.first_day, date.today())
        ).model_dump()
    )
    return _validated(data)


def turns_62(household: Household, person_id: str | None = None) -> Household:
    """The person (the applicant by default) is 62 in the month screened."""
    data = _copy(household)
    person = data["people"][_person_index(data, person_id)]
    first = household.month.first_day
    person["birth_date"] = date(first.year - 62, first.month, 1)
    return _validated(data)


def moves_to_social_housing(household: Household, rent: float | None = None) -> Household:
    """The household rents a social home; the rent is `rent` when given,
    otherwise the present rent (unknown when there is none)."""
    data = _copy(household)
    data["housing"]["status"] = HousingStatus.tenant_social
    data["housing"]["shared"] = False
    if rent is not None:
        data["housing"]["rent"] = float(rent)
    return _validated(data)


@dataclass(frozen=True)
class Preset:
    """`label`: French, for the dialog; `needs_amount`: the job's salary;
    `about_person`: the change concerns one adult, whom the worker picks."""

    label: str
    function: Callable[..., Household]
    needs_amount: bool = False
    about_person: bool = False

    def apply(self, household: Household, amount: float | None = None, person_id: str | None = None) -> Household:
        args: list = [household]
        if self.needs_amount:
            args.append(amount)
        if self.about_person:
            return self.function(*args, person_id=person_id)
        return self.function(*args)


PRESETS = {
    "job": Preset("Prend un emploi à … € net", takes_job, needs_amount=True, about_person=True),
    "partner_out": Preset("Le conjoint quitte le foyer", partner_moves_out),
    "birth": Preset("Une naissance", child_is_born),
    "age62": Preset("Atteint 62 ans", turns_62, about_person=True),
    "social_housing": Preset("Emménage dans un logement social", moves_to_social_housing),
}


def scenario_name(preset_id: str, person: str, amount: float | None, household: Household) -> str:
    """A short name for the new scenario, with the person's name."""
    from locales import format_money, format_month

    if preset_id == "job":
        return f"{person} : emploi {format_money(amount or 0, 'fr')}"
    if preset_id == "age62":
        return f"{person} a 62 ans"
    if preset_id == "birth":
        return f"Naissance ({format_month(household.month, 'fr')})"
    if preset_id == "partner_out":
        return "Séparation"
    return "Logement social"
