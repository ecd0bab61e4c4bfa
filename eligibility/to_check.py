"""Rights to check at the desk: local rights whose rules cannot be computed
honestly from what we ask (a CAF quotient familial, a debt, a loss of
autonomy, a commission's decision).

Each is one YAML file in `eligibility/data/to_check/`: the conditions we can
pre-screen from the household (territory from its commune, ages, housing,
children), the ones only the institution can check, and where the facts come
from (`source`, `checked`). `pre_screen(household)` keeps the rights whose
pre-screened conditions are not contradicted by the answers, with the
conditions met and those left to check. No amount: these results are shown
apart and never added to a total.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eligibility import communes
from eligibility.household import Household, HousingStatus, Role
from eligibility.screening import ToCheckResult
from locales import SOURCE_LANGUAGE, check_language, gettext


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Data):
    """One pre-screened condition; `says` is its French sentence (a msgid),
    shown to the person when it is met or left to check."""

    check: Literal[
        "departement", "epci", "commune", "age", "housing", "child_or_pregnant", "quotient_familial", "rules"
    ]
    says: str
    # departement: "59"; epci: a SIREN; commune: INSEE codes; housing: statuses;
    # age: {min, max} (someone in the household); child_or_pregnant: a child
    # under this age, or a pregnancy; quotient_familial: the CAF's ceiling, € a month;
    # rules: a boolean variable of the rules (OpenFisca), computed with the screening.
    value: str | int | list[str] | dict[str, int]


class ToCheck(_Data):
    id: str
    name: str  # the official French name, kept beside its translation
    short: str
    summary: str
    # Who decides (a French proper name: "Métropole Européenne de Lille").
    institution: str
    conditions: list[Condition] = Field(min_length=1)
    # What only the institution can check, in plain French.
    to_verify: list[str] = Field(default_factory=list)
    information_url: str
    # Where the conditions were read, and when.
    source: list[str] = Field(min_length=1)
    checked: date

    @property
    def official_name(self) -> str:
        return self.name if self.short == self.name else f"{self.name} ({self.short})"


class ToCheckError(ValueError):
    pass


@cache
def catalog() -> dict[str, ToCheck]:
    found: dict[str, ToCheck] = {}
    folder = resources.files("eligibility") / "data" / "to_check"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            item = ToCheck(**yaml.safe_load(entry.read_text(encoding="utf-8")))
        except (ValidationError, TypeError) as error:
            raise ToCheckError(f"data/to_check/{entry.name}: {error}") from None
        if entry.name != f"{item.id}.yaml":
            raise ToCheckError(f"data/to_check/{entry.name}: id {item.id!r} does not match the file name")
        found[item.id] = item
    return found


# Prefix of the rules' booleans among the engine's computed values.
RULES = "to_check:rules:"


def rule_variables() -> list[str]:
    """The rules' variables the rights to check read (`check: rules`)."""
    return sorted({c.value for item in catalog().values() for c in item.conditions if c.check == "rules"})


def rule_values(computed: dict, index: int) -> dict[str, bool | None]:
    """The household at `index`'s value of each of those variables, from the
    engine's computed values; None where the rules failed."""
    values: dict[str, bool | None] = {}
    for variable in rule_variables():
        found = computed.get(f"{RULES}{variable}")
        values[variable] = None if found is None else bool(found[index])
    return values


def pre_screen(household: Household, rules: dict[str, bool | None] | None = None) -> list[ToCheckResult]:
    """The rights to check for this household, in catalog order: those whose
    pre-screened conditions hold or cannot be known from the answers.
    `rules`: the rules' booleans (`rule_values`); without them, a `rules`
    condition is left to check."""
    found = []
    for item in catalog().values():
        outcomes = [(condition, holds(condition, household, rules)) for condition in item.conditions]
        if any(outcome is False for _, outcome in outcomes):
            continue
        found.append(
            ToCheckResult(
                id=item.id,
                matched=[c.says for c, outcome in outcomes if outcome],
                to_verify=[c.says for c, outcome in outcomes if outcome is None] + list(item.to_verify),
            )
        )
    return found


def holds(condition: Condition, household: Household, rules: dict[str, bool | None] | None = None) -> bool | None:
    """True or False from the answers (or the rules); None when they cannot tell."""
    check, value = condition.check, condition.value
    if check == "rules":
        return None if rules is None else rules.get(value)
    if check in ("departement", "epci"):
        place = communes.commune(household.commune)
        if place is None:  # a code of the rules' older list only
            known = communes.communes().get(household.commune)
            if check == "departement" and known is not None:
                return known.departement == value
            return None
        return (place.departement if check == "departement" else place.epci) == value
    if check == "commune":
        return household.commune in value
    if check == "housing":
        return household.housing.status in {HousingStatus(v) for v in value}
    day = household.month.first_day
    if check == "age":
        return any(value["min"] <= p.age_at(day) <= value["max"] for p in household.people)
    if check == "child_or_pregnant":
        return any(p.pregnant for p in household.people) or any(
            p.role == Role.child and p.age_at(day) < value for p in household.people
        )
    if check == "quotient_familial":
        # The CAF computes it from the resources of two years ago and the
        # benefits of the month; the kiosk does not ask it.
        return None
    raise ToCheckError(f"unknown check {check!r}")  # pragma: no cover - Literal above


def label(item_id: str, lang: str) -> str:
    """The right's name in `lang` with its official French name kept
    (as `labels.benefit_label`)."""
    item = catalog()[item_id]
    if lang == SOURCE_LANGUAGE:
        return item.official_name
    translated = gettext(check_language(lang), item.name)
    if translated == item.name:
        return item.official_name
    if item.short in translated:
        return translated
    return f"{translated} — {item.short}"


def text(sentence: str, lang: str) -> str:
    """A summary or condition of the catalog in `lang`."""
    return gettext(check_language(lang), sentence)
