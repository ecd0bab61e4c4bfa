"""The advisor's form as data: what the worker typed, field by field.

A form is a plain, JSON-like dict of texts, choices and ticks (see
`empty_form`), so a scenario is a copy of it and nothing here needs Textual.
`parse_form` turns it into a household:

- each field is read on its own; a value that cannot be true (a date in
  the future, a negative amount…) gives an error *for that field*, and the
  field counts as missing;
- missing fields (empty, or refused) are filled with placeholders so that
  the rest of the form can still be screened; `kiosk.advisor.screening`
  then marks as `unknown` every benefit that the placeholders change.

Field keys are the household's paths: `commune`, `housing.rent`,
`people[1].birth_date`, `people[0].income.salary`, `received.af`,
`taxable_income.2024`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from eligibility.errors import path
from eligibility.household import (
    ADULT_AGE,
    MAX_CHILD_AGE,
    MAX_MONTHLY_AMOUNT,
    Household,
    HousingStatus,
    Role,
)
from eligibility.parsing import ParseError, parse_date_text, parse_integer, parse_month_text
from eligibility.parsing import parse_number as parse_number_text
from eligibility.periods import Month, age_on, current_month, years_before
from locales import translate_error

INCOME_KINDS = ("salary", "self_employment", "unemployment", "pension", "invalidity_pension", "alimony", "other")
# Left empty, these stay unknown (None) rather than 0: an empty invalidity
# pension lets the rules' default apply (eligibility.household.Person.pensions_at).
UNSAID_INCOMES = ("invalidity_pension",)


# The choices of the form, (value, French label). The advisor's screens are
# for staff and stay in French (README, "Languages").
@dataclass(frozen=True)
class Words:
    """One value of a field in French, in every form the advisor writes
    it: `label` on the form (short enough for its 22-column labels),
    `phrase` in a sentence ("les salaires nets de Karim"), `short` in a
    summary line ("salaire 900 €"), `article` after "Départ" ("du conjoint")."""

    label: str
    phrase: str = ""
    short: str = ""
    article: str = ""


ROLE_WORDS: dict[str, Words] = {
    "applicant": Words("Demandeur", short="demandeur", article="du demandeur"),
    "partner": Words("Conjoint", short="conjoint", article="du conjoint"),
    "child": Words("Enfant à charge", short="enfant", article="d'un enfant"),
    "other": Words("Autre personne", short="autre personne", article="d'une autre personne"),
}
ROLES = [(role, words.label) for role, words in ROLE_WORDS.items()]
ACTIVITIES = [
    ("employed", "Emploi salarié"),
    ("self_employed", "Travail indépendant"),
    ("unemployed", "Recherche d'emploi"),
    ("student", "Études"),
    ("retired", "Retraite"),
    ("unable_to_work", "Inaptitude au travail (invalidité)"),
    ("inactive", "Sans activité"),
]
# What "what changes" says of an activity: "au chômage → salarié".
ACTIVITY_WORDS = {
    "employed": "salarié",
    "self_employed": "indépendant",
    "unemployed": "au chômage",
    "student": "étudiant",
    "retired": "retraité",
    "unable_to_work": "inapte au travail",
    "inactive": "sans activité",
    None: "activité non renseignée",
}
NATIONALITIES = [("fr", "Française"), ("eu", "Union européenne, EEE ou Suisse"), ("other", "Autre")]
# Yes/no answers that may also be "not asked" (None: the blank choice).
YES_NO = [("yes", "Oui"), ("no", "Non")]
NOT_ASKED = "non demandé"
# Person answers that stay None until asked: the rules then say `unknown`
# where the answer matters (eligibility.household.Person).
YES_NO_FIELDS = ("worked_five_of_last_ten_years", "rsdae")
SCHOOLS = [
    ("none", "Non scolarisé"),
    ("primary", "École maternelle ou élémentaire"),
    ("college", "Collège"),
    ("lycee", "Lycée"),
    ("higher", "Études supérieures"),
]
HOUSING = [
    ("tenant_private", "Locataire (parc privé)"),
    ("tenant_social", "Locataire (logement social)"),
    ("owner", "Propriétaire"),
    ("hosted_free", "Hébergement gratuit"),
    ("homeless", "Sans domicile"),
]
INCOME_WORDS: dict[str, Words] = {
    "salary": Words("Salaires nets", "les salaires nets", "salaire"),
    "self_employment": Words("Revenus indépendant", "les revenus d'indépendant", "revenus d'indépendant"),
    "unemployment": Words("Chômage (ARE)", "les allocations chômage", "ARE"),
    "pension": Words("Retraites, rentes", "les retraites et pensions", "pension"),
    "invalidity_pension": Words("Pension invalidité", "la pension d'invalidité", "pension d'invalidité"),
    "alimony": Words("Pension alim. reçue", "les pensions alimentaires reçues", "pension alimentaire"),
    "other": Words("Autres revenus", "les autres revenus", "autres revenus"),
}
INCOME_LABELS = [(kind, words.label) for kind, words in INCOME_WORDS.items()]
# Field names in words, for messages ("la date de naissance de Karim").
FIELD_WORDS = {
    "month": "le mois étudié",
    "commune": "la commune",
    "housing.status": "la situation de logement",
    "housing.rent": "le loyer",
    "name": "le prénom",
    "role": "le rôle",
    "birth_date": "la date de naissance",
    "activity": "l'activité",
    "nationality": "la nationalité",
    "residence_permit_years": "les années de titre de séjour",
    "school": "la scolarité",
    "disability_rate": "le taux d'incapacité",
    "pregnant": "la grossesse",
    "worked_five_of_last_ten_years": "les 5 ans de travail sur 10 (ASS)",
    "rsdae": "la RSDAE reconnue par la MDPH",
    "single_parent_months": "le nombre de mois depuis lequel le parent est seul",
    **{f"income.{kind}": words.phrase for kind, words in INCOME_WORDS.items()},
}
# An age this high is possible but far more often a typing slip: said
# beside the field, never refused.
CHECK_AGE = 100
PERSON_FIELDS = (
    "role",
    "birth_date",
    "activity",
    "nationality",
    "residence_permit_years",
    "school",
    "disability_rate",
    "pregnant",
    "worked_five_of_last_ten_years",
    "rsdae",
)


# Errors of the form itself (the household's own codes are in locales.errors).
class FieldError(ValueError):
    def __init__(self, code: str, context: dict | None = None):
        super().__init__(code)
        self.code = code
        self.context = context or {}

    @classmethod
    def of(cls, error: ParseError) -> FieldError:
        return cls(error.code, error.context)

    def message(self, lang: str) -> str:
        return translate_error(lang, self.code, self.context)


# ------------------------------------------------------------------ texts
def number_text(value: float | None) -> str:
    """A float as the worker reads it (French decimal comma), exact: parsing
    the text gives back the same float."""
    if value is None:
        return ""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, decimals = text.partition(".")
    if len(decimals) == 3 and len(whole) <= 3:
        # "1,234" also reads 1234 in English and is refused as ambiguous;
        # "1,2340" reads one way only.
        text += "0"
    return text.replace(".", ",")


def parse_number(text: str) -> float | None:
    """ "1 200,50", "1200.5", "1 200 €" -> float; "" -> None; else FieldError
    (`eligibility.parsing`: the kiosk's and the batch's rules)."""
    if not (text or "").strip():
        return None
    try:
        return float(parse_number_text(text, "fr", currency=True))
    except ParseError as error:
        raise FieldError.of(error) from None


def parse_amount(text: str) -> float | None:
    value = parse_number(text)
    if value is not None and value > MAX_MONTHLY_AMOUNT:
        raise FieldError("amount_too_large", {"limit": int(MAX_MONTHLY_AMOUNT)})
    return value


def parse_rate(text: str) -> float | None:
    """A disability rate typed in percent ("80") -> 0.8, exactly."""
    cleaned = (text or "").replace("%", "").strip()
    if not cleaned:
        return None
    try:
        percent = parse_number_text(cleaned, "fr")
    except ParseError:
        raise FieldError("rate_format") from None
    if not 0 <= percent <= 100:
        raise FieldError("disability_rate_out_of_range")
    return float(percent / 100)


def rate_text(rate: float | None) -> str:
    if rate is None:
        return ""
    return number_text(float(Decimal(repr(rate)) * 100))


def parse_date(text: str) -> date | None:
    """ "25/12/1980", "25-12-1980" or "1980-12-25"."""
    if not (text or "").strip():
        return None
    try:
        return parse_date_text(text, "fr")
    except ParseError as error:
        raise FieldError.of(error) from None


def date_text(day: date | None) -> str:
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def parse_month(text: str) -> Month | None:
    if not (text or "").strip():
        return None
    try:
        return parse_month_text(text)
    except ParseError as error:
        raise FieldError.of(error) from None


def month_text(month: Month) -> str:
    return f"{month.month:02d}/{month.year}"


def parse_commune(text: str) -> str | None:
    """An INSEE code; else a postal code of the Nord that serves one commune;
    else the name of a commune of the Nord (or of a former one: Lomme)."""
    from eligibility.communes import is_known_commune
    from questionnaires import communes as nord

    text = (text or "").strip()
    if not text:
        return None
    code = text.split()[0].strip("()")
    if re.fullmatch(r"\d[\dAB]\d{3}", code):
        if is_known_commune(code):
            return code
        # Not an INSEE code: a postal code of the Nord (59000 is Lille).
        try:
            return nord.resolve(code)
        except LookupError as error:
            served = error.args[0] if error.args else []
            if served:
                names = ", ".join(c.name for c in served)
                raise FieldError("postal_code_shared", {"code": code, "communes": names}) from None
        raise FieldError("unknown_commune", {"code": code})
    found = [c for c, _ in nord.search(text, limit=2)]
    exact = [c for c in found if c.name.casefold() == text.casefold()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].code
    raise FieldError("commune_not_found")


def commune_text(code: str | None) -> str:
    return code or ""


def commune_name(code: str) -> str | None:
    from eligibility.communes import communes

    commune = communes().get(code)
    return commune.name if commune else None


# ------------------------------------------------------------------ forms
def empty_person(role: str, person_id: str, name: str = "") -> dict[str, Any]:
    person: dict[str, Any] = {
        "id": person_id,
        # What the worker calls the person ("Karim", "Mme B."): the form's
        # only, never screened nor exported; said in "what changes".
        "name": name,
        "role": role,
        "birth_date": "",
        "activity": None,
        "nationality": "fr",
        "residence_permit_years": "",
        "school": None,
        "disability_rate": "",
        "pregnant": False,
        "worked_five_of_last_ten_years": None,
        "rsdae": None,
    }
    for kind in INCOME_KINDS:
        person[f"income.{kind}"] = ""
    return person


def yes_no_text(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def parse_yes_no(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def parse_months(text: str) -> int | None:
    """A whole number of months ("6") -> 6; "" -> None (not asked)."""
    if not (text or "").strip():
        return None
    try:
        months = parse_integer(text, "fr")
    except ParseError:
        raise FieldError("months_format") from None
    if months > 1200:
        raise FieldError("months_format")
    return months


def months_text(months: int | None) -> str:
    return "" if months is None else str(months)


def empty_form(commune: str | None = None, month: Month | None = None) -> dict[str, Any]:
    return {
        "month": month_text(month or current_month()),
        "commune": commune or "",
        "housing.status": None,
        "housing.rent": "",
        "housing.shared": False,
        "single_parent_months": "",
        "people": [empty_person("applicant", "applicant")],
        "received": {},
        "taxable_income": {},
        "estimated": [],
    }


def new_person_id(form: dict, role: str) -> str:
    taken = {p["id"] for p in form["people"]}
    if role in ("applicant", "partner") and role not in taken:
        return role
    base = "child" if role == "child" else role
    n = 1
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


def form_from_household(household: Household, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The form of a household; `names` (person id -> name) keeps the names
    the worker gave, which a household does not hold."""
    names = names or {}
    form: dict[str, Any] = {
        "month": month_text(household.month),
        "commune": household.commune,
        "housing.status": household.housing.status.value,
        "housing.rent": number_text(household.housing.rent),
        "housing.shared": household.housing.shared,
        "single_parent_months": months_text(household.single_parent_months),
        "people": [],
        "received": {
            benefit: {"on": True, "amount": number_text(amount)} for benefit, amount in household.received.items()
        },
        "taxable_income": {year: number_text(value) for year, value in household.taxable_income.items()},
        "estimated": list(household.estimated),
    }
    for person in household.people:
        entry = {
            "id": person.id,
            "name": names.get(person.id, ""),
            "role": person.role.value,
            "birth_date": date_text(person.birth_date),
            "activity": person.activity.value if person.activity else None,
            "nationality": person.nationality.value if person.nationality else None,
            "residence_permit_years": number_text(person.residence_permit_years),
            "school": person.school.value if person.school else None,
            "disability_rate": rate_text(person.disability_rate),
            "pregnant": person.pregnant,
            "worked_five_of_last_ten_years": yes_no_text(person.worked_five_of_last_ten_years),
            "rsdae": yes_no_text(person.rsdae),
        }
        for kind in INCOME_KINDS:
            entry[f"income.{kind}"] = number_text(getattr(person.income, kind))
        # A person's own benefits (AAH, ASI, ASS) are kept as they came: the
        # form has no field for them yet.
        entry["received"] = dict(person.received)
        form["people"].append(entry)
    return form


def form_from_partial(data: dict) -> dict[str, Any]:
    """The form for household data that may be incomplete: a kiosk session
    stopped half-way (`Session.partial_household_data()`). What is known is
    filled in; the rest stays empty as in `empty_form`, so `parse_form` lists
    it as missing and the screening marks what depends on it as unknown.

    The data is not validated here: `parse_form` checks every field, as if
    the worker had typed it. ValueError or TypeError when its shape is not
    that of a household."""
    form = empty_form(data.get("commune") or None, Month.parse(data["month"]))
    housing = data.get("housing") or {}
    form["housing.status"] = housing.get("status")
    form["housing.rent"] = number_text(housing.get("rent"))
    form["housing.shared"] = bool(housing.get("shared", False))
    form["single_parent_months"] = months_text(data.get("single_parent_months"))
    form["people"] = []
    for person in data.get("people") or []:
        entry = empty_person(person["role"], person["id"])
        if person.get("birth_date"):
            entry["birth_date"] = date_text(date.fromisoformat(person["birth_date"]))
        for name in ("activity", "school"):
            entry[name] = person.get(name)
        # Left out, a person is French (as in the household); null: not asked.
        entry["nationality"] = person.get("nationality", "fr")
        for name in YES_NO_FIELDS:
            entry[name] = yes_no_text(person.get(name))
        entry["residence_permit_years"] = number_text(person.get("residence_permit_years"))
        entry["disability_rate"] = rate_text(person.get("disability_rate"))
        entry["pregnant"] = bool(person.get("pregnant", False))
        for kind, amount in (person.get("income") or {}).items():
            if kind not in INCOME_KINDS:
                raise ValueError(f"unknown income {kind!r}")
            entry[f"income.{kind}"] = number_text(amount)
        entry["received"] = dict(person.get("received") or {})
        form["people"].append(entry)
    if not form["people"]:
        form["people"] = [empty_person("applicant", "applicant")]
    form["received"] = {
        benefit: {"on": True, "amount": number_text(amount)} for benefit, amount in (data.get("received") or {}).items()
    }
    form["taxable_income"] = {year: number_text(value) for year, value in (data.get("taxable_income") or {}).items()}
    form["estimated"] = list(data.get("estimated") or [])
    return form


def copy_form(form: dict) -> dict:
    return copy.deepcopy(form)


def names(form: dict) -> dict[str, str]:
    """Person id -> the name the worker gave (only those given)."""
    return {p["id"]: p["name"] for p in form["people"] if p.get("name")}


# ------------------------------------------------------------------ fields
@dataclass(frozen=True)
class FieldRef:
    """Which value of the form a widget edits: `name` of the person whose id
    is `person`, or of the household when `person` is None. Household names:
    month, commune, housing.status, housing.rent, housing.shared,
    received.<benefit>, received_on.<benefit>, taxable_income.<year>."""

    name: str
    person: str | None = None


def get_value(form: dict, ref: FieldRef) -> Any:
    if ref.person is not None:
        return next((p.get(ref.name) for p in form["people"] if p["id"] == ref.person), None)
    kind, _, rest = ref.name.partition(".")
    if kind in ("received", "received_on"):
        entry = form["received"].get(rest, {"on": False, "amount": ""})
        return entry["on"] if kind == "received_on" else entry["amount"]
    if kind == "taxable_income":
        return form["taxable_income"].get(rest, "")
    return form.get(ref.name)


def set_value(form: dict, ref: FieldRef, value: Any) -> None:
    if ref.person is not None:
        for person in form["people"]:
            if person["id"] == ref.person:
                person[ref.name] = value
        return
    kind, _, rest = ref.name.partition(".")
    if kind == "received_on":
        form["received"].setdefault(rest, {"on": False, "amount": ""})["on"] = bool(value)
    elif kind == "received":
        entry = form["received"].setdefault(rest, {"on": False, "amount": ""})
        entry["amount"] = value
        if value.strip():
            entry["on"] = True
    elif kind == "taxable_income":
        if value.strip():
            form["taxable_income"][rest] = value
        else:
            form["taxable_income"].pop(rest, None)
    else:
        form[ref.name] = value


def error_key(form: dict, ref: FieldRef) -> str:
    """The key of `ref` in ParsedForm.errors and .missing."""
    if ref.person is None:
        return ref.name
    index = next((i for i, p in enumerate(form["people"]) if p["id"] == ref.person), -1)
    return f"people[{index}].{ref.name}"


def default_name(form: dict, index: int) -> str:
    """ "Demandeur", "Conjoint", "Enfant 2"…: a person without a name."""
    person = form["people"][index]
    role = person["role"]
    if role in ("applicant", "partner"):
        return dict(ROLES)[role]
    same = [p for p in form["people"] if p["role"] == role]
    label = "Enfant" if role == "child" else "Autre personne"
    return f"{label} {same.index(person) + 1}"


def person_label(form: dict, index: int) -> str:
    """The person as the worker knows them: their name, else their role."""
    return form["people"][index].get("name") or default_name(form, index)


def _of_person(form: dict, index: int) -> str:
    """ "de Karim", "du demandeur", "du conjoint", "de l'enfant 2": whose
    field it is, in a sentence."""
    person = form["people"][index]
    if person.get("name"):
        return f"de {person['name']}"
    if person["role"] in ("applicant", "partner"):
        return ROLE_WORDS[person["role"]].article
    return "de l'" + default_name(form, index).lower()


def field_words(form: dict, key: str) -> str:
    """A key of ParsedForm.errors or .missing in words: "la date de naissance
    de Karim (personne 1)", "le loyer", "le montant déjà reçu de l'aide
    « Allocations familiales (AF) »" (the official name stays as it is,
    so no "de"/"des"/"du" to agree with it)."""
    from eligibility.catalog import benefits

    match = re.fullmatch(r"people\[(\d+)\]\.(.+)", key)
    if match:
        index, name = int(match.group(1)), match.group(2)
        what = FIELD_WORDS.get(name, name.replace("_", " "))
        if index < len(form["people"]):
            return f"{what} {_of_person(form, index)} (personne {index + 1})"
        return what
    if key == "people":
        return "la composition du foyer"
    if key.startswith("people."):
        # A person's answer the rules needed, without saying whose.
        return FIELD_WORDS.get(key[len("people.") :], key) + " (une personne du foyer)"
    kind, _, rest = key.partition(".")
    if kind == "received" and rest in benefits():
        return f"le montant déjà reçu de l'aide «\u00a0{benefits()[rest].official_name}\u00a0»"
    if kind == "taxable_income":
        return f"le revenu fiscal de référence {rest}"
    return FIELD_WORDS.get(key, key)


def age_warning(text: str, month: Month | None = None) -> str | None:
    """A birth date that parses but gives an age of CHECK_AGE or more: a
    sentence to show beside the field (the value is still used)."""
    try:
        born = parse_date(text)
    except FieldError:
        return None
    if born is None:
        return None
    day = (month or current_month()).first_day
    age = age_on(born, day)
    if age >= CHECK_AGE:
        return f"{age} ans : vérifiez la date de naissance."
    return None


# ------------------------------------------------------------------ parsing
# What a missing answer is replaced with, per variant: the screening is run
# once per variant, and a benefit whose result differs between them depends
# on the missing answer (-> unknown). Ages are in years at the month screened.
ADULT_AGES = (35, 70, 22)
CHILD_AGES = (1, 10, 16)
HOUSING_VARIANTS = (HousingStatus.tenant_private, HousingStatus.hosted_free, HousingStatus.owner)
# Lille (housing-aid zone 2) and Bailleul (zone 3).
COMMUNE_VARIANTS = ("59350", "59043", "59350")
VARIANTS = 3


@dataclass
class ParsedForm:
    """`variants`: household data with placeholders (one per variant, or one
    when nothing is missing); `errors`: field key -> French message code;
    `missing`: keys of required fields left empty or refused."""

    variants: list[dict]
    errors: dict[str, FieldError] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.errors

    def households(self) -> list[Household]:
        return [Household.model_validate(v) for v in self.variants]

    def household(self) -> Household:
        """The household when the form is complete (ValueError otherwise)."""
        if not self.complete:
            raise ValueError("the form is incomplete")
        return Household.model_validate(self.variants[0])

    def messages(self, lang: str = "fr") -> dict[str, str]:
        return {key: error.message(lang) for key, error in self.errors.items()}


def _read(errors: dict, key: str, parser, text: Any) -> Any:
    try:
        return parser(text)
    except FieldError as error:
        errors[key] = error
        return None


def parse_field(key: str, value: Any) -> Any:
    """The typed value of one field (raises FieldError): for checking a
    field as it is typed, without the rest of the form."""
    last = key.rsplit(".", 1)[-1]
    if key == "month":
        return parse_month(value)
    if key == "commune":
        return parse_commune(value)
    if key == "single_parent_months":
        return parse_months(value)
    if key == "housing.rent" or key.startswith(("received.", "taxable_income.")) or ".income." in key:
        return parse_amount(value)
    if last == "birth_date":
        return _birth(parse_date(value))
    if last == "disability_rate":
        return parse_rate(value)
    if last == "residence_permit_years":
        return _years(value)
    return value


def _birth(day: date | None) -> date | None:
    if day is None:
        return None
    if day > date.today():
        raise FieldError("birth_date_in_future")
    if day.year < date.today().year - 120:
        raise FieldError("birth_date_too_old")
    return day


def _years(text: str) -> float | None:
    try:
        value = parse_number(text)
    except FieldError:
        raise FieldError("years_format") from None
    if value is not None and not 0 <= value <= 100:
        raise FieldError("years_format")
    return value


def parse_form(form: dict) -> ParsedForm:
    errors: dict[str, FieldError] = {}
    missing: list[str] = []
    month = _read(errors, "month", parse_month, form.get("month", ""))
    if month is None:
        month = current_month()
    commune = _read(errors, "commune", parse_commune, form.get("commune", ""))
    if commune is None:
        missing.append("commune")
    status = form.get("housing.status")
    if status is None:
        missing.append("housing.status")
    rent = _read(errors, "housing.rent", parse_amount, form.get("housing.rent", ""))
    single_parent_months = _read(errors, "single_parent_months", parse_months, form.get("single_parent_months", ""))

    people: list[dict] = []
    births: list[date | None] = []
    for index, entry in enumerate(form["people"]):
        prefix = f"people[{index}]"
        person: dict[str, Any] = {"id": entry["id"], "role": entry["role"]}
        births.append(
            _read(errors, f"{prefix}.birth_date", lambda t: _birth(parse_date(t)), entry.get("birth_date", ""))
        )
        for name in ("activity", "school"):
            if entry.get(name) is not None:
                person[name] = entry[name]
        person["nationality"] = entry.get("nationality")
        person["pregnant"] = bool(entry.get("pregnant"))
        for name in YES_NO_FIELDS:
            person[name] = parse_yes_no(entry.get(name))
        rate = _read(errors, f"{prefix}.disability_rate", parse_rate, entry.get("disability_rate", ""))
        if rate is not None:
            person["disability_rate"] = rate
        years = _read(errors, f"{prefix}.residence_permit_years", _years, entry.get("residence_permit_years", ""))
        if years is not None:
            person["residence_permit_years"] = years
        income = {}
        for kind in INCOME_KINDS:
            value = _read(errors, f"{prefix}.income.{kind}", parse_amount, entry.get(f"income.{kind}", ""))
            # A refused amount is an error of the form: such a form is not
            # screened at all (the advisor keeps its last results), never
            # screened with 0 in its place.
            if value is not None or kind not in UNSAID_INCOMES:
                income[kind] = value or 0.0
        person["income"] = income
        if entry.get("received"):
            person["received"] = dict(entry["received"])
        people.append(person)

    received: dict[str, float | None] = {}
    for benefit, entry in (form.get("received") or {}).items():
        if entry.get("on"):
            received[benefit] = _read(errors, f"received.{benefit}", parse_amount, entry.get("amount", ""))
    taxable: dict[str, float] = {}
    for year, text in (form.get("taxable_income") or {}).items():
        value = _read(errors, f"taxable_income.{year}", parse_amount, text)
        if value is not None:
            taxable[year] = value

    base: dict[str, Any] = {
        "month": str(month),
        "housing": {"status": status, "shared": bool(form.get("housing.shared"))},
        "people": people,
        "received": received,
        "taxable_income": taxable,
        "estimated": list(form.get("estimated") or []),
        "single_parent_months": single_parent_months,
    }
    if rent is not None:
        base["housing"]["rent"] = rent

    # Cross-field checks (ages by role, one applicant…): the household model
    # says which field is wrong; that field then counts as missing.
    for _attempt in range(len(people) + 2):
        data = _fill(base, commune, births, month, 0)
        try:
            Household.model_validate(data)
            break
        except ValidationError as error:
            located = _locate(error)
            fresh = [k for k, _ in located if k not in errors]
            for key, err in located:
                errors.setdefault(key, err)
            match = [re.fullmatch(r"people\[(\d+)\]\.birth_date", k) for k, _ in located]
            changed = False
            for m in match:
                if m and births[int(m.group(1))] is not None:
                    births[int(m.group(1))] = None
                    changed = True
            if not changed or not fresh:
                break
    for index, born in enumerate(births):
        if born is None:
            missing.append(f"people[{index}].birth_date")
    needs_variants = any(k in ("commune", "housing.status") or k.endswith("birth_date") for k in missing)
    count = VARIANTS if needs_variants else 1
    variants = [_fill(base, commune, births, month, v) for v in range(count)]
    return ParsedForm(variants=variants, errors=errors, missing=missing)


def _fill(base: dict, commune: str | None, births: list, month: Month, variant: int) -> dict:
    data = copy.deepcopy(base)
    data["commune"] = commune or COMMUNE_VARIANTS[variant]
    if data["housing"]["status"] is None:
        data["housing"]["status"] = HOUSING_VARIANTS[variant].value
    day = month.first_day
    for person, born in zip(data["people"], births):
        if born is None:
            ages = CHILD_AGES if person["role"] == Role.child.value else ADULT_AGES
            born = years_before(day, ages[variant])
        person["birth_date"] = born.isoformat()
    return data


def _locate(error: ValidationError) -> list[tuple[str, FieldError]]:
    found = []
    for item in error.errors():
        ctx = dict(item.get("ctx") or {})
        loc = ctx.pop("loc", None) or path(item["loc"])
        found.append((loc or "people", FieldError(item["type"], ctx)))
    return found


def field_label_key(key: str) -> str:
    """Which widget shows the error of `key` (people-level errors go to the
    people section)."""
    return key


__all__ = [
    "ADULT_AGE",
    "MAX_CHILD_AGE",
    "FieldError",
    "INCOME_KINDS",
    "ParsedForm",
    "copy_form",
    "empty_form",
    "empty_person",
    "form_from_household",
    "form_from_partial",
    "new_person_id",
    "parse_field",
    "parse_form",
    "FieldRef",
    "get_value",
    "set_value",
    "error_key",
    "field_words",
    "person_label",
    "age_warning",
]
