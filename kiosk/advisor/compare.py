"""Scenarios side by side: amounts, totals and what changes between them.

Money figures are monthly. Yearly benefits (ARS, chèque énergie, school
grants) get their own total and are never mixed into a monthly sum. The
complémentaire santé solidaire is not money received (its amount is what
the person would pay): it is shown, never added.

The advisor's screens are for staff: French only (the PDF is translated).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eligibility.catalog import benefits as catalog_benefits
from eligibility.household import Household
from eligibility.periods import age_on
from eligibility.screening import BenefitResult, Screening, Status
from kiosk.advisor import form as forms
from kiosk.advisor.form import ACTIVITY_WORDS, INCOME_KINDS, date_text
from locales import format_money, format_month


def counts_as_money(result: BenefitResult) -> bool:
    return result.status == Status.eligible and result.variant is None and bool(result.amount)


def recurring(result: BenefitResult) -> float | None:
    """The amount once every recommended right is paid (the headline), else
    the amount itself."""
    return result.recurring_amount if result.recurring_amount is not None else result.amount


def free_then_participation(result: BenefitResult) -> bool:
    """The C2S free for the year it is granted (CSS L861-5) with a
    participation at its renewal, once the rights claimed now count in its
    reference year (`recurring_amount`: the participation per month)."""
    return result.status == Status.eligible and result.variant == "free" and bool(result.recurring_amount)


def settles_otherwise(result: BenefitResult) -> bool:
    """True when the first months' amount differs from the recurring one
    (the prime d'activité once housing aid is paid, CSS L842-3 / R842-3; the
    C2S free now, with a participation at renewal)."""
    return (counts_as_money(result) and recurring(result) != result.amount) or free_then_participation(result)


@dataclass(frozen=True)
class Totals:
    """Monthly figures are the recurring ones; `benefits_monthly_first` is
    the sum for the first months, before the rights claimed change others."""

    benefits_monthly: float
    benefits_yearly: float
    incomes_monthly: float
    benefits_monthly_first: float | None = None
    # Paid once (the prime à la naissance): in neither total above.
    benefits_once: float = 0.0

    @property
    def resources_monthly(self) -> float:
        return round(self.incomes_monthly + self.benefits_monthly, 2)


def incomes(household: Household) -> float:
    return round(sum(p.income.total() for p in household.people), 2)


def totals(screening: Screening, household: Household) -> Totals:
    due = [b for b in screening.benefits if counts_as_money(b)]
    monthly = sum(recurring(b) or 0 for b in due if b.per == "month")
    first = sum(b.amount for b in due if b.per == "month")
    yearly = sum(recurring(b) or 0 for b in due if b.per == "year" and not b.paid_once)
    once = sum(b.amount or 0 for b in due if b.paid_once)
    return Totals(round(monthly, 2), round(yearly, 2), incomes(household), round(first, 2), round(once, 2))


def money(amount: float) -> str:
    return format_money(amount, "fr")


def amount_text(result: BenefitResult) -> str:
    """The cell of a benefit: its amount (yearly ones say so in their label),
    "?" when it depends on missing answers, "—" when not due."""
    if result.status == Status.unknown:
        return "?"
    if free_then_participation(result):
        return "≤ " + money(result.recurring_amount or 0)
    if result.variant == "free":
        return "gratuite"
    if result.variant == "with_participation":
        return "≤ " + money(result.amount or 0)
    if result.status == Status.not_eligible or not result.amount:
        return "—"
    return money(recurring(result) or 0)


def first_amount_text(result: BenefitResult) -> str:
    """The cell of the first months (see `settles_otherwise`)."""
    if free_then_participation(result):
        return "gratuite"
    return money(result.amount) if counts_as_money(result) else amount_text(result)


def amount_words(result: BenefitResult) -> str:
    """ "259,56 € par mois, 334,32 € les premiers mois": the recurring
    figure first, the first months' one when it differs."""
    text = amount_text(result)
    if free_then_participation(result):
        later = money(result.recurring_amount or 0)
        return f"gratuite la première année, puis au plus {later} par mois (participation à son renouvellement)"
    if result.paid_once and counts_as_money(result):
        return f"{text} en une fois"
    if settles_otherwise(result):
        per = "par mois" if result.per == "month" else "par an"
        if not recurring(result):  # "0,00 € par mois" reads as "nothing": say when it stops
            return f"{money(result.amount)} {per} les premiers mois, puis plus rien une fois les autres aides versées"
        text = f"{text} {per}, {money(result.amount)} les premiers mois"
    return text


# Benefits without an acronym whose name would widen the label column.
NARROW = {
    "bourse_college": "Bourse collège",
    "bourse_lycee": "Bourse lycée",
    "paje_naissance": "Prime naissance",
    "hauts_de_france_aide_permis": "Permis HdF",
    "hauts_de_france_aide_garde_enfant": "Garde enfant HdF",
}


def short_label(benefit_id: str) -> str:
    """The official acronym ("RSA", "PPA", "C2S"), "/an" for yearly benefits,
    "1×" for those paid once (labels stay within 18 characters)."""
    benefit = catalog_benefits()[benefit_id]
    per = " 1×" if benefit.paid_once else " /an" if benefit.per == "year" else ""
    return NARROW.get(benefit_id, benefit.short) + per


@dataclass(frozen=True)
class Row:
    key: str  # a benefit id, or "total:…"
    label: str
    cells: list[str]


FIRST_MONTHS = "  1ers mois"
TOTAL_LABELS = {
    "total:benefits": "Aides /mois",
    "total:yearly": "Aides /an",
    "total:once": "Aides 1 fois",
    "total:incomes": "Revenus /mois",
    "total:resources": "Ressources /mois",
}


def comparison_rows(screenings: list[Screening], households: list[Household | None]) -> list[Row]:
    """One row per benefit that is not "not eligible" in every scenario
    (short label, "*" when already received), then the totals."""
    rows: list[Row] = []
    if not screenings:
        return rows
    # Rows in the order of the first scenario's results, as the kiosk and
    # the PDF show them (`Screening.sections`).
    for first in screenings[0].ordered():
        cells = [s.benefit(first.id) for s in screenings]
        if all(c.status == Status.not_eligible for c in cells):
            continue
        mark = " *" if any(c.received for c in cells) else ""
        rows.append(Row(first.id, short_label(first.id) + mark, [amount_text(c) for c in cells]))
        if any(settles_otherwise(c) for c in cells):
            # The headline is the recurring amount; the first months below.
            rows.append(Row(f"{first.id}:first", FIRST_MONTHS, [first_amount_text(c) for c in cells]))
    rows += to_check_rows(screenings)
    sums = [totals(s, h) if h is not None else None for s, h in zip(screenings, households)]
    values = {
        "total:benefits": lambda t: t.benefits_monthly,
        "total:yearly": lambda t: t.benefits_yearly,
        "total:once": lambda t: t.benefits_once,
        "total:incomes": lambda t: t.incomes_monthly,
        "total:resources": lambda t: t.resources_monthly,
    }
    if not any(t and t.benefits_once for t in sums):
        del values["total:once"]
    for key, value in values.items():
        rows.append(Row(key, TOTAL_LABELS[key], [money(value(t)) if t else "?" for t in sums]))
        if key == "total:benefits" and any(t and t.benefits_monthly_first != t.benefits_monthly for t in sums):
            cells = [money(t.benefits_monthly_first) if t else "?" for t in sums]
            rows.append(Row("total:benefits:first", FIRST_MONTHS, cells))
    return rows


TO_CHECK_CELL = "à vérifier"
# Short names too wide for the label column.
TO_CHECK_NARROW = {"pret_equipement_caf_nord": "Prêt CAF"}


def to_check_rows(screenings: list[Screening]) -> list[Row]:
    """A row per local right to check (eligibility.to_check) in any scenario:
    "à vérifier" where its conditions are pre-screened, "—" where the answers
    rule it out. Never an amount, never in a total."""
    from eligibility import to_check

    present = [{r.id for r in s.to_check} for s in screenings]
    return [
        Row(
            f"to_check:{item_id}",
            TO_CHECK_NARROW.get(item_id, item.short) + " ?",
            [TO_CHECK_CELL if item_id in p else "—" for p in present],
        )
        for item_id, item in to_check.catalog().items()
        if any(item_id in p for p in present)
    ]


# ------------------------------------------------------------- what changes
def person_summary(form: dict, index: int) -> str:
    """One line about a person of the form, as typed: "Karim (demandeur) :
    41 ans, au chômage, ARE 950 €"."""
    person = form["people"][index]
    head = forms.person_label(form, index)
    if person.get("name"):
        head += f" ({ROLE_WORDS[person['role']]})"
    parts = []
    try:
        born = forms.parse_date(person["birth_date"])
        month = forms.parse_month(form["month"]) or forms.current_month()
    except forms.FieldError:
        born = month = None
    if born is not None and (born.year, born.month) <= (month.year, month.month):
        # A date after the month screened is the field's error, said under
        # it: no age here (it was "-5 ans").
        parts.append(_age_words(age_on(born, month.first_day)))
    if person.get("activity"):
        parts.append(ACTIVITY_WORDS[person["activity"]])
    for kind, _label in forms.INCOME_LABELS:
        text = (person.get(f"income.{kind}") or "").strip()
        if text and not _is_zero(text):
            parts.append(f"{INCOME_SHORT[kind]} {text} €")
    return f"{head} : " + ", ".join(parts) if parts else head


def _age_words(age: int) -> str:
    """An age as the advisor says it; born during the month screened counts
    as under one (its first day comes before the birth)."""
    if age < 1:
        return "moins d'un an"
    return "1 an" if age == 1 else f"{age} ans"


def _is_zero(text: str) -> bool:
    try:
        return forms.parse_number(text) == 0
    except forms.FieldError:
        return False


INCOME_SHORT = {kind: words.short for kind, words in forms.INCOME_WORDS.items()}


def _nationality_word(nationality) -> str:
    # null: not asked (a kiosk session that stopped before the question).
    return NATIONALITY_WORDS[nationality.value].lower() if nationality is not None else "non précisée"


ROLE_WORDS = {role: words.short for role, words in forms.ROLE_WORDS.items()}
ROLE_ARTICLE = {role: words.article for role, words in forms.ROLE_WORDS.items()}
HOUSING_WORDS = dict(forms.HOUSING)
NATIONALITY_WORDS = dict(forms.NATIONALITIES)
SCHOOL_WORDS = dict(forms.SCHOOLS)


def _person_changes(a, b) -> list[str]:
    parts = []
    if a.role != b.role:
        parts.append(f"{ROLE_WORDS[a.role.value]} → {ROLE_WORDS[b.role.value]}")
    activity_a = a.activity.value if a.activity else None
    activity_b = b.activity.value if b.activity else None
    _salary_a, salary_b = a.income.salary, b.income.salary
    if activity_a != activity_b:
        after = ACTIVITY_WORDS[activity_b]
        if activity_b == "employed" and salary_b:
            after += f" {money(salary_b)}"
        parts.append(f"{ACTIVITY_WORDS[activity_a]} → {after}")
    for kind in INCOME_KINDS:
        before, now = getattr(a.income, kind), getattr(b.income, kind)
        if before == now or (kind == "salary" and activity_a != activity_b and activity_b == "employed" and not before):
            continue
        parts.append(f"{INCOME_SHORT[kind]} {money(before)} → {money(now)}")
    if a.birth_date != b.birth_date:
        parts.append(f"né(e) le {date_text(a.birth_date)} → {date_text(b.birth_date)}")
    if a.nationality != b.nationality:
        parts.append(f"nationalité {_nationality_word(a.nationality)} → {_nationality_word(b.nationality)}")
    if a.residence_permit_years != b.residence_permit_years:
        parts.append(f"titre de séjour {_num(a.residence_permit_years)} → {_num(b.residence_permit_years)} ans")
    if a.school != b.school:
        before = SCHOOL_WORDS[a.school.value].lower() if a.school else "scolarité non renseignée"
        now = SCHOOL_WORDS[b.school.value].lower() if b.school else "scolarité non renseignée"
        parts.append(f"{before} → {now}")
    if a.disability_rate != b.disability_rate:
        parts.append(f"taux d'incapacité {_rate(a.disability_rate)} → {_rate(b.disability_rate)}")
    if a.pregnant != b.pregnant:
        parts.append("enceinte" if b.pregnant else "plus enceinte")
    if a.worked_five_of_last_ten_years != b.worked_five_of_last_ten_years:
        parts.append(
            f"5 ans de travail sur 10 (ASS) : {_yes_no(a.worked_five_of_last_ten_years)}"
            f" → {_yes_no(b.worked_five_of_last_ten_years)}"
        )
    if a.rsdae != b.rsdae:
        parts.append(f"RSDAE reconnue par la MDPH : {_yes_no(a.rsdae)} → {_yes_no(b.rsdae)}")
    return parts


def _yes_no(value: bool | None) -> str:
    return "non demandé" if value is None else ("oui" if value else "non")


def _months(value: int | None) -> str:
    return "non demandé" if value is None else f"{value} mois"


def _num(value: Any) -> str:
    return "—" if value is None else forms.number_text(value)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{forms.rate_text(value)} %"


def describe_changes(base: Household, other: Household, names: dict[str, str] | None = None) -> list[str]:
    """What differs from `base` to `other`, in plain French with the
    people's names: "Karim : au chômage → salarié 1 400,00 €",
    "Naissance d'un enfant (mai 2025)", "Départ de Sarah (conjoint)"."""
    names = names or {}
    lines: list[str] = []

    def name(person) -> str:
        return names.get(person.id) or ROLE_WORDS[person.role.value].capitalize()

    if base.month != other.month:
        lines.append(f"Mois étudié : {format_month(base.month, 'fr')} → {format_month(other.month, 'fr')}")
    if base.commune != other.commune:
        lines.append(f"Commune : {_commune(base.commune)} → {_commune(other.commune)}")
    if base.housing.status != other.housing.status:
        lines.append(
            f"Logement : {HOUSING_WORDS[base.housing.status.value].lower()} → {HOUSING_WORDS[other.housing.status.value].lower()}"
        )
    if base.housing.rent != other.housing.rent:
        lines.append(f"Loyer : {_money_or_dash(base.housing.rent)} → {_money_or_dash(other.housing.rent)}")
    if base.housing.shared != other.housing.shared:
        lines.append("En colocation" if other.housing.shared else "Plus en colocation")
    if base.single_parent_months != other.single_parent_months:
        lines.append(
            f"Parent seul depuis : {_months(base.single_parent_months)} → {_months(other.single_parent_months)}"
        )
    before = {p.id: p for p in base.people}
    after = {p.id: p for p in other.people}
    for pid, person in after.items():
        if pid in before:
            parts = _person_changes(before[pid], person)
            if parts:
                lines.append(f"{name(person)} : " + ", ".join(parts))
            continue
        age = person.age_at(other.month.first_day)
        if person.role.value == "child" and age < 1:
            lines.append(f"Naissance d'un enfant ({format_month(person.birth_date, 'fr')})")
        else:
            lines.append(f"Arrivée de {name(person)} ({ROLE_WORDS[person.role.value]}, {_age_words(age)})")
    for pid, person in before.items():
        if pid not in after:
            role = person.role.value
            if name(person).lower() == ROLE_WORDS[role] or name(person) == dict(forms.ROLES)[role]:
                lines.append(f"Départ {ROLE_ARTICLE[role]}")  # no name given: "Départ du conjoint"
            else:
                lines.append(f"Départ de {name(person)} ({ROLE_WORDS[role]})")
    for benefit in sorted(set(base.received) | set(other.received)):
        label = catalog_benefits()[benefit].short
        if benefit not in other.received:
            lines.append(f"{label} plus perçue")
        elif benefit not in base.received:
            lines.append(f"{label} perçue")
        elif base.received[benefit] != other.received[benefit]:
            lines.append(
                f"{label} perçue : {_money_or_dash(base.received[benefit])} → {_money_or_dash(other.received[benefit])}"
            )
    for year in sorted(set(base.taxable_income) | set(other.taxable_income)):
        a, b = base.taxable_income.get(year), other.taxable_income.get(year)
        if a != b:
            lines.append(f"Revenu fiscal {year} : {_money_or_dash(a)} → {_money_or_dash(b)}")
    return lines


def _money_or_dash(value: float | None) -> str:
    return "—" if value is None else money(value)


def _commune(code: str) -> str:
    name = forms.commune_name(code)
    return f"{name} ({code})" if name else code
