"""Scenarios side by side: amounts, totals and what changes between them.

Money figures are monthly. Yearly benefits (ARS, chèque énergie, school
grants) get their own total and are never mixed into a monthly sum. The
complémentaire santé solidaire is not money received (its amount is what
the person would pay): it is shown, never added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eligibility.household import Household
from eligibility.screening import BenefitResult, Screening, Status
from kiosk.advisor.form import INCOME_KINDS, date_text
from locales import N_, benefit_label, format_money, gettext


def counts_as_money(result: BenefitResult) -> bool:
    return result.status == Status.eligible and result.variant is None and bool(result.amount)


@dataclass(frozen=True)
class Totals:
    benefits_monthly: float
    benefits_yearly: float
    incomes_monthly: float

    @property
    def resources_monthly(self) -> float:
        return round(self.incomes_monthly + self.benefits_monthly, 2)


def incomes(household: Household) -> float:
    return round(sum(p.income.total() for p in household.people), 2)


def totals(screening: Screening, household: Household) -> Totals:
    monthly = sum(b.amount for b in screening.benefits if counts_as_money(b) and b.per == "month")
    yearly = sum(b.amount for b in screening.benefits if counts_as_money(b) and b.per == "year")
    return Totals(round(monthly, 2), round(yearly, 2), incomes(household))


def amount_text(result: BenefitResult, lang: str = "fr") -> str:
    _ = lambda m: gettext(lang, m)  # noqa: E731
    if result.status == Status.unknown:
        return "?"
    if result.variant == "free":
        return _("gratuite")
    if result.variant == "with_participation":
        return _("participation {amount}").format(amount=format_money(result.amount or 0, lang))
    if result.status == Status.not_eligible or not result.amount:
        return "—"
    suffix = _("/an") if result.per == "year" else ""
    return format_money(result.amount, lang) + suffix


def comparison_rows(
    screenings: list[Screening], households: list[Household | None], lang: str = "fr"
) -> list[list[str]]:
    """Rows of [label, one cell per scenario]: every benefit that is not
    "not eligible" in all scenarios, then the totals."""
    _ = lambda m: gettext(lang, m)  # noqa: E731
    rows: list[list[str]] = []
    if not screenings:
        return rows
    for index, first in enumerate(screenings[0].benefits):
        cells = [s.benefits[index] for s in screenings]
        if all(c.status == Status.not_eligible for c in cells):
            continue
        mark = " *" if any(c.received for c in cells) else ""
        rows.append([benefit_label(first.id, lang) + mark] + [amount_text(c, lang) for c in cells])
    sums = [totals(s, h) if h is not None else None for s, h in zip(screenings, households)]
    money = lambda v: format_money(v, lang)  # noqa: E731
    rows.append([_("Total des aides par mois")] + [money(t.benefits_monthly) if t else "?" for t in sums])
    rows.append([_("Aides annuelles")] + [money(t.benefits_yearly) if t else "?" for t in sums])
    rows.append([_("Revenus par mois")] + [money(t.incomes_monthly) if t else "?" for t in sums])
    rows.append([_("Ressources totales par mois")] + [money(t.resources_monthly) if t else "?" for t in sums])
    return rows


# ------------------------------------------------------------- what changes
FIELD_LABELS = {
    "month": N_("Mois étudié"),
    "commune": N_("Commune"),
    "housing.status": N_("Logement"),
    "housing.rent": N_("Loyer"),
    "housing.shared": N_("Colocation"),
    "role": N_("Rôle"),
    "birth_date": N_("Date de naissance"),
    "activity": N_("Activité"),
    "nationality": N_("Nationalité"),
    "residence_permit_years": N_("Années de titre de séjour"),
    "school": N_("Scolarité"),
    "disability_rate": N_("Taux d'incapacité"),
    "pregnant": N_("Grossesse"),
    "income.salary": N_("Salaires nets"),
    "income.self_employment": N_("Revenus d'indépendant"),
    "income.unemployment": N_("Allocations chômage (ARE)"),
    "income.pension": N_("Retraites et pensions"),
    "income.invalidity_pension": N_("Pension d'invalidité"),
    "income.alimony": N_("Pensions alimentaires reçues"),
    "income.other": N_("Autres revenus"),
}


def _flat_person(person) -> dict[str, Any]:
    flat = {
        "role": person.role.value,
        "birth_date": date_text(person.birth_date),
        "activity": person.activity.value if person.activity else None,
        "nationality": person.nationality.value,
        "residence_permit_years": person.residence_permit_years,
        "school": person.school.value if person.school else None,
        "disability_rate": person.disability_rate,
        "pregnant": person.pregnant,
    }
    for kind in INCOME_KINDS:
        flat[f"income.{kind}"] = getattr(person.income, kind)
    return flat


def _show(key: str, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return gettext(lang, "oui") if value else gettext(lang, "non")
    if key == "disability_rate":
        return f"{value * 100:g} %"
    if isinstance(value, float):
        return format_money(value, lang)
    return str(value)


def describe_changes(base: Household, other: Household, lang: str = "fr") -> list[str]:
    """What differs from `base` to `other`, one line each, in words."""
    _ = lambda m: gettext(lang, m)  # noqa: E731
    lines: list[str] = []

    def field_label(key: str) -> str:
        # Looked up first, then translated: `_(FIELD_LABELS[key])` would make
        # Babel extract the key itself as a msgid. The labels are marked N_().
        label = FIELD_LABELS[key]
        return _(label)

    def change(label: str, key: str, a: Any, b: Any) -> None:
        if a != b:
            lines.append(f"{label} : {_show(key, a, lang)} → {_show(key, b, lang)}")

    change(field_label("month"), "month", str(base.month), str(other.month))
    change(field_label("commune"), "commune", base.commune, other.commune)
    change(field_label("housing.status"), "housing.status", base.housing.status.value, other.housing.status.value)
    change(field_label("housing.rent"), "housing.rent", base.housing.rent, other.housing.rent)
    change(field_label("housing.shared"), "housing.shared", base.housing.shared, other.housing.shared)
    before = {p.id: p for p in base.people}
    after = {p.id: p for p in other.people}
    for pid, person in after.items():
        if pid not in before:
            lines.append(
                _("Arrivée de {person} ({role}, né(e) le {date})").format(
                    person=pid, role=person.role.value, date=date_text(person.birth_date)
                )
            )
            continue
        a, b = _flat_person(before[pid]), _flat_person(person)
        for key in a:
            if a[key] != b[key]:
                lines.append(f"{pid} — {field_label(key)} : {_show(key, a[key], lang)} → {_show(key, b[key], lang)}")
    for pid in before:
        if pid not in after:
            lines.append(_("Départ de {person}").format(person=pid))
    for benefit in sorted(set(base.received) | set(other.received)):
        label = benefit_label(benefit, lang)
        if benefit not in other.received:
            lines.append(_("Plus reçu : {benefit}").format(benefit=label))
        elif benefit not in base.received:
            lines.append(_("Reçu : {benefit}").format(benefit=label))
        else:
            change(label, "received", base.received[benefit], other.received[benefit])
    for year in sorted(set(base.taxable_income) | set(other.taxable_income)):
        change(
            _("Revenu fiscal {year}").format(year=year),
            "rfr",
            base.taxable_income.get(year),
            other.taxable_income.get(year),
        )
    return lines
