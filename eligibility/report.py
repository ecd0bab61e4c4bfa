"""A screening as plain text, for the terminal (translated at this edge)."""

from __future__ import annotations

from eligibility import catalog, to_check
from eligibility.screening import Screening
from locales import format_money, gettext


def _tr(lang: str):
    return (lambda text: gettext(lang, text)), (lambda amount: format_money(amount, lang))


def text_report(screening: Screening, lang: str = "fr") -> str:
    _, money = _tr(lang)
    per = {"month": _("par mois"), "year": _("par an")}
    lines = [_("Droits probablement non demandés") + f" ({screening.month})", ""]
    unclaimed, received, unknown = screening.sections()
    sections = [(_("À demander"), unclaimed), (_("Déjà perçus"), received), (_("Impossible à déterminer"), unknown)]
    for title, results in sections:
        if not results:
            continue
        lines.append(title)
        for result in results:
            benefit = catalog.benefits()[result.id]
            name = (
                f"{_(benefit.name)} — {benefit.official_name}"
                if _(benefit.name) != benefit.name
                else benefit.official_name
            )
            if result.variant == "free":
                amount = _("gratuite")
            elif result.amount is not None and result.paid_once:
                amount = f"{money(result.amount)} " + _("en une fois")
            elif result.amount is not None:
                amount = f"{money(result.amount)} {per[result.per]}"
            else:
                amount = ""
            recurring = result.recurring_amount
            if amount and recurring == 0 and result.per == "month" and not result.variant:
                # Nothing once the other rights are paid: said, never "0,00 €"
                # (the kiosk's words, kiosk/summary_texts.py THEN_NOTHING).
                amount = _(
                    "{amount} par mois les premiers mois, puis plus rien quand vous recevrez les autres aides de la liste."
                ).format(amount=money(result.amount))
            elif amount and recurring is not None and recurring != result.amount:
                # The amount it settles at comes first; the first months after it.
                first = amount
                amount = f"{money(recurring)} {per[result.per]}, " + _("{amount} les premiers mois").format(
                    amount=first
                )
            lines.append(f"  - {name}: {amount}".rstrip(": "))
            for reason in result.reasons:
                lines.append(f"      {_(catalog.reason_text(reason))}")
        lines.append("")
    total, recurring = screening.unclaimed_monthly_total, screening.recurring_unclaimed_monthly_total
    if recurring is not None and recurring != total:
        lines.append(
            _("Total à demander")
            + f": {money(recurring)} "
            + per["month"]
            + ", "
            + _("{amount} les premiers mois").format(amount=money(total))
        )
    else:
        lines.append(_("Total à demander") + f": {money(total)} " + per["month"])
    if screening.unclaimed_yearly_total:
        lines.append(_("Aides annuelles à demander") + f": {money(screening.unclaimed_yearly_total)} " + per["year"])
    if screening.unclaimed_once_total:
        lines.append(_("Aides versées en une fois à demander") + f": {money(screening.unclaimed_once_total)}")
    lines.extend(_to_check_lines(screening, lang))
    lines.append(_("Estimation selon les règles") + f" {screening.rules_version}")
    return "\n".join(lines)


def _to_check_lines(screening: Screening, lang: str) -> list[str]:
    """The rights to check with an agent: no amount, in no total."""
    if not screening.to_check:
        return []
    _, _money = _tr(lang)
    lines = ["", _("À vérifier avec un agent (sans montant)")]
    for result in screening.to_check:
        item = to_check.catalog()[result.id]
        lines.append(f"  - {to_check.label(result.id, lang)} — {item.institution}")
        lines.extend(f"      ✓ {to_check.text(s, lang)}" for s in result.matched)
        lines.extend(f"      ? {to_check.text(s, lang)}" for s in result.to_verify)
        lines.append(f"      {item.information_url}")
    return lines
