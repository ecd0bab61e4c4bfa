"""The household: the public input contract, validated once.

Every error is raised as a `PydanticCustomError` whose *type* is a stable code
(`birth_date_in_future`, `unknown_commune`…) so that a UI can translate it;
the English message is only the fallback for developers.
"""

from __future__ import annotations

import math
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from eligibility.communes import is_known_commune
from eligibility.errors import path
from eligibility.periods import FIRST_MONTH, LAST_MONTH, Month, age_on, default_month, today

# A person may earn a lot; nobody earns a million euros a month in a
# non-take-up screening, and such a figure is almost always a typing slip.
MAX_MONTHLY_AMOUNT = 1_000_000.0
ADULT_AGE = 18  # legal majority
# Below 16 nobody heads a household or lives as a partner in these rules'
# sense; 16 and 17 are possible (young parents, emancipated minors).
MIN_ADULT_AGE = 16
# OpenFisca counts dependants up to 25 (AF, aide au logement); older people are "other".
MAX_CHILD_AGE = 25
MAX_AGE = 120


def _check_amount(value: float) -> float:
    if value is None:
        return value
    if math.isnan(value) or math.isinf(value):
        raise PydanticCustomError("amount_not_a_number", "amount is not a number")
    if value < 0:
        raise PydanticCustomError("amount_negative", "amount cannot be negative")
    if value > MAX_MONTHLY_AMOUNT:
        raise PydanticCustomError(
            "amount_too_large",
            "amount above {limit} € a month is not plausible",
            {"limit": int(MAX_MONTHLY_AMOUNT)},
        )
    return value


def _not_a_flag(value):
    # Lax pydantic reads JSON `true` as 1.0: `"salary": true` would be 1 €.
    if isinstance(value, bool):
        raise PydanticCustomError("float_parsing", "a number is expected, not true or false")
    return value


def _date_written(value):
    # Lax pydantic reads an integer as a Unix timestamp: `0` would be 1970-01-01.
    if not isinstance(value, str | date):
        raise PydanticCustomError("date_parsing", "a date written YYYY-MM-DD is expected")
    return value


def _printable(value: str) -> str:
    # A NUL or an escape sequence in an id ends up in files and terminals.
    if not value.isprintable():
        raise PydanticCustomError("id_not_printable", "the id holds a control character")
    return value


Number = Annotated[float, BeforeValidator(_not_a_flag)]
Amount = Annotated[float, BeforeValidator(_not_a_flag), AfterValidator(_check_amount)]


class Role(StrEnum):
    applicant = "applicant"
    partner = "partner"
    child = "child"
    other = "other"


class Activity(StrEnum):
    employed = "employed"
    self_employed = "self_employed"
    unemployed = "unemployed"
    student = "student"
    retired = "retired"
    unable_to_work = "unable_to_work"
    inactive = "inactive"


# Read once: `Role.partner` goes through the enum's class at every read,
# several times a plain name's cost, and the screening compares every
# person's role and activity many times.
APPLICANT, PARTNER, CHILD, OTHER = Role.applicant, Role.partner, Role.child, Role.other
ADULT_ROLES = frozenset({APPLICANT, PARTNER})
UNEMPLOYED = Activity.unemployed


class School(StrEnum):
    none = "none"
    primary = "primary"
    college = "college"
    lycee = "lycee"
    higher = "higher"


class Nationality(StrEnum):
    fr = "fr"
    eu = "eu"
    other = "other"


class HousingStatus(StrEnum):
    tenant_private = "tenant_private"
    tenant_social = "tenant_social"
    owner = "owner"
    hosted_free = "hosted_free"
    homeless = "homeless"


TENANT_STATUSES = {HousingStatus.tenant_private, HousingStatus.tenant_social}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Income(_Strict):
    """Net euros per month, now. Assumed stable over the past months."""

    salary: Amount = 0.0
    self_employment: Amount = 0.0
    unemployment: Amount = 0.0
    pension: Amount = 0.0
    # Pension d'invalidité. None: not said apart from `pension` (see
    # `Person.invalidity_pension_below`); 0: said, there is none.
    invalidity_pension: Amount | None = Field(
        default=None,
        description=(
            "Pension d'invalidité, net € per month. null: not said apart from `pension` (the pension of someone "
            "unable to work below the legal retirement age is then taken as one); 0: there is none."
        ),
    )
    alimony: Amount = 0.0
    other: Amount = 0.0

    def total(self) -> float:
        return (
            self.salary
            + self.self_employment
            + self.unemployment
            + self.pension
            + (self.invalidity_pension or 0.0)
            + self.alimony
            + self.other
        )


class Person(_Strict):
    id: Annotated[str, AfterValidator(_printable)] = Field(min_length=1, max_length=40)
    role: Role
    birth_date: Annotated[date, BeforeValidator(_date_written)]
    activity: Activity | None = None
    income: Income = Field(default_factory=Income)
    disability_rate: Number | None = Field(default=None)
    # null: not asked (the rules then say `unknown` where it matters); left
    # out of a file, a person is taken as French, as before.
    nationality: Nationality | None = Nationality.fr
    residence_permit_years: Number | None = Field(default=None, ge=0, le=100)
    school: School | None = None
    pregnant: bool = False
    received: dict[str, Amount | None] = Field(
        default_factory=dict,
        description=(
            "Individual benefits (aah, asi, ass) this person already receives: monthly amount, or null when "
            "unknown. Family benefits go in the household's `received`."
        ),
    )
    # Allocation de solidarité spécifique: five years of paid work in the ten
    # years before the last job ended (Code du travail, R5423-1). null: not asked.
    worked_five_of_last_ten_years: bool | None = None
    # AAH with a rate of 50 to 79 %: the MDPH recognised a "restriction
    # substantielle et durable d'accès à l'emploi" (CSS L821-2). null: not asked.
    rsdae: bool | None = None

    @field_validator("disability_rate")
    @classmethod
    def _rate_in_range(cls, value: float | None) -> float | None:
        if value is None:
            return value
        if math.isnan(value) or not 0 <= value <= 1:
            raise PydanticCustomError("disability_rate_out_of_range", "disability rate must be between 0 and 1")
        return value

    @field_validator("birth_date")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        day = today()
        if value > day:
            raise PydanticCustomError("birth_date_in_future", "date is in the future")
        if value.year < day.year - MAX_AGE:
            raise PydanticCustomError("birth_date_too_old", "date is too far in the past")
        return value

    def age_at(self, day: date) -> int:
        return age_on(self.birth_date, day)

    def pensions_at(self, day: date, retirement_age: float) -> tuple[float, float]:
        """(retirement pension, invalidity pension) per month. Until the
        person says which, the `pension` of someone unable to work and below
        the legal retirement age is taken as a pension d'invalidité: at that
        age an invalidity pension becomes a retirement pension (CSS L341-15)."""
        income = self.income
        if income.invalidity_pension is not None:
            return income.pension, income.invalidity_pension
        if self.activity == Activity.unable_to_work and self.age_at(day) < retirement_age:
            return 0.0, income.pension
        return income.pension, 0.0


class Housing(_Strict):
    status: HousingStatus
    rent: Amount | None = None
    # Shared flat (colocation) changes the housing-aid scale.
    shared: bool = False


class Household(_Strict):
    """A household as screened: who lives together, their incomes and housing.

    `received` lists benefits already paid, with the monthly (or yearly, for
    yearly benefits) amount when known. `taxable_income` maps a year to that
    year's revenu fiscal de référence. `estimated` lists the answers that were
    guessed ("I don't know"): the screening repeats them so the person knows
    which figures to check.
    """

    month: Month = Field(default_factory=default_month)
    commune: str
    housing: Housing
    people: list[Person] = Field(min_length=1, max_length=20)
    received: dict[str, Amount | None] = Field(
        default_factory=dict,
        description=(
            "Benefits already paid: monthly (yearly for yearly benefits) amount, or null when unknown. An "
            "individual benefit (aah, asi, ass) given here is the applicant's when an amount is given, and the "
            "adult's the rules say it is due to when null; a person's own go in that person's `received`."
        ),
    )
    taxable_income: dict[str, Amount] = Field(default_factory=dict)
    estimated: list[str] = Field(default_factory=list)
    # A parent alone with their children: months since they raise them alone
    # (separation, widowhood, a child arriving while alone), counted to the
    # month screened. The RSA and prime d'activité are increased for 12
    # payments within 18 months of that event (CASF R262-2). null: not asked.
    single_parent_months: Annotated[int, BeforeValidator(_not_a_flag)] | None = Field(default=None, ge=0, le=1200)

    @field_validator("commune")
    @classmethod
    def _known_commune(cls, value: str) -> str:
        value = value.strip()
        if not is_known_commune(value):
            raise PydanticCustomError("unknown_commune", "unknown commune code {code}", {"code": value})
        return value

    @field_validator("month")
    @classmethod
    def _month_in_rules_range(cls, value: Month) -> Month:
        if not FIRST_MONTH <= value <= LAST_MONTH:
            raise PydanticCustomError(
                "month_out_of_range",
                "month must be between {first} and {last}",
                {"first": str(FIRST_MONTH), "last": str(LAST_MONTH)},
            )
        return value

    @field_validator("received")
    @classmethod
    def _known_benefits(cls, value: dict[str, float | None]) -> dict[str, float | None]:
        from eligibility.catalog import benefits

        for key in value:
            if key not in benefits():
                raise PydanticCustomError("unknown_benefit", "unknown benefit {benefit}", {"benefit": key})
        return value

    @model_validator(mode="after")
    def _received_on_their_person(self) -> Household:
        """A person's `received` lists individual benefits only, each once."""
        from eligibility.catalog import benefits

        for index, person in enumerate(self.people):
            for key in person.received:
                where = ("people", index, "received", key)
                if key not in benefits():
                    raise _located(where, "unknown_benefit", "unknown benefit {benefit}", {"benefit": key})
                if not benefits()[key].individual:
                    raise _located(
                        where,
                        "benefit_of_the_household",
                        "{benefit} is paid to the household: declare it in received",
                        {"benefit": key},
                    )
                if person.role == Role.applicant and key in self.received:
                    raise _located(
                        where,
                        "received_twice",
                        "{benefit} is declared twice (in received too)",
                        {"benefit": key},
                    )
        return self

    @field_validator("taxable_income")
    @classmethod
    def _years(cls, value: dict[str, float]) -> dict[str, float]:
        for key in value:
            if not (key.isdigit() and len(key) == 4 and 1990 <= int(key) <= 2100):
                raise PydanticCustomError("invalid_year", "{year} is not a year", {"year": key})
        return value

    @model_validator(mode="after")
    def _consistent_people(self) -> Household:
        ids = [p.id for p in self.people]
        duplicates = sorted({i for i in ids if ids.count(i) > 1}) if len(set(ids)) < len(ids) else None
        if duplicates:
            raise _located(
                ("people",),
                "duplicate_person_id",
                "two people share the id {id}",
                {"id": duplicates[0]},
            )
        roles = [p.role for p in self.people]
        if roles.count(Role.applicant) == 0:
            raise _located(("people",), "no_applicant", "the household has no applicant")
        if roles.count(Role.applicant) > 1:
            raise _located(("people",), "two_applicants", "there can be only one applicant")
        if roles.count(Role.partner) > 1:
            raise _located(("people",), "two_partners", "there can be only one partner")
        day = self.month.first_day
        month = (day.year, day.month)
        for index, person in enumerate(self.people):
            birth = person.birth_date
            if (birth.year, birth.month) > month:
                raise _located(
                    ("people", index, "birth_date"),
                    "born_after_month",
                    "born after the month screened",
                )
            if person.role == OTHER:
                continue  # no age limit
            age = age_on(birth, day)
            if person.role == CHILD and age > MAX_CHILD_AGE:
                raise _located(
                    ("people", index, "birth_date"),
                    "child_too_old",
                    "a child must be {limit} or younger (age {age})",
                    {"limit": MAX_CHILD_AGE, "age": age},
                )
            if person.role in ADULT_ROLES and age < MIN_ADULT_AGE:
                raise _located(
                    ("people", index, "birth_date"),
                    "adult_too_young",
                    "the applicant or partner must be at least {limit} (age {age})",
                    {"limit": MIN_ADULT_AGE, "age": age},
                )
        return self

    # Benefits already received, individual ones with their person.
    def received_by(self, benefit: str) -> dict[str, float | None]:
        """Who receives an individual benefit, and how much: a person's own
        `received`, and `Household.received` as the applicant's (kept for
        households written before people had their own)."""
        found = {p.id: p.received[benefit] for p in self.people if benefit in p.received}
        if benefit in self.received:
            found[self.applicant.id] = self.received[benefit]
        return found

    def received_benefits(self) -> set[str]:
        """Every benefit `receives` says is received."""
        if not self.received and not any(p.received for p in self.people):
            return set()  # most households: nothing received, no need for `adults`
        return set(self.received).union(*(p.received for p in self.adults))

    def receives(self, benefit: str) -> bool:
        """Received by the household, or by the applicant or the partner
        (whose benefits the screening adds up)."""
        return benefit in self.received or any(benefit in p.received for p in self.adults)

    def received_amount(self, benefit: str) -> float | None:
        """Monthly (or yearly) amount received, None when unknown."""
        if benefit in self.received and not any(benefit in p.received for p in self.adults):
            return self.received[benefit]
        amounts = [p.received[benefit] for p in self.adults if benefit in p.received]
        if benefit in self.received:
            amounts.append(self.received[benefit])
        return None if None in amounts else sum(amounts)

    # Convenience views used by the situation builder and the UIs.
    @property
    def applicant(self) -> Person:
        return next(p for p in self.people if p.role == APPLICANT)

    @property
    def partner(self) -> Person | None:
        return next((p for p in self.people if p.role == PARTNER), None)

    @property
    def children(self) -> list[Person]:
        return [p for p in self.people if p.role == CHILD]

    @property
    def adults(self) -> list[Person]:
        return [p for p in self.people if p.role in ADULT_ROLES]


def _located(loc: tuple, code: str, message: str, context: dict | None = None):
    # Pydantic cannot locate an error raised in a model validator below the
    # model itself, so we carry the location in the context and let
    # `errors.describe` put it back in front of the message.
    ctx = dict(context or {})
    ctx["loc"] = path(loc)
    return PydanticCustomError(code, message, ctx)


__all__ = [
    "Activity",
    "Household",
    "Housing",
    "HousingStatus",
    "Income",
    "Nationality",
    "Person",
    "Role",
    "School",
    "TENANT_STATUSES",
]
