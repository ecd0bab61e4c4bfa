"""The words of a person's results that the results screen, the phone text
(`kiosk.takeaway`) and the paper (`kiosk.pdf`) share: each message is
declared here once, so the three say the same thing in the same words and
one translation serves them all; and `amount` is the one rule for what a
right brings or costs.

Messages only one of them uses stay in that module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eligibility.screening import BenefitResult
from locales import N_, format_money, gettext

TITLE = N_("Aides que vous pouvez probablement demander")
NOTHING = N_("Aucune aide à demander n'a été trouvée.")
ESTIMATE = N_("Ceci est une estimation, pas une décision : seul l'organisme qui verse l'aide décide.")
RECEIVED = N_("Aides que vous recevez déjà")
INSTITUTION = N_("Organisme : {name}")
DOCUMENTS = N_("Documents à apporter")
PHONE = N_("Téléphone : {phone}")
PHONE_UNCERTAIN = N_("Téléphone (ce numéro a peut-être changé) : {phone}")
HOURS = N_("Horaires : {hours}")
BY_APPOINTMENT = {
    "only": N_("Sur rendez-vous seulement."),
    "with_or_without": N_("Avec ou sans rendez-vous."),
    "without": N_("Sans rendez-vous."),
}
TO_VERIFY = N_("À vérifier :")

# Amounts (see `amount_texts`).
PER_MONTH = N_("{amount} par mois")
PER_YEAR = N_("{amount} par an")
# Benefits paid once (the prime à la naissance): never "par an".
ONCE = N_("{amount}, en une fois")
# The amount once every right shown is paid first, the first months' beside it.
SETTLED_MONTH = N_("{amount} par mois, {first} les premiers mois")
SETTLED_YEAR = N_("{amount} par an, {first} la première année")
# Nothing left once the other rights shown are paid (the prime d'activité
# counts the housing aid and family benefits from the quarter after they are
# paid, CSS R844-3): said in words, never "0,00 € par mois".
THEN_NOTHING = N_(
    "{amount} par mois les premiers mois, puis plus rien quand vous recevrez les autres aides de la liste."
)
FREE = N_("Vous ne payez rien.")
# The C2S free for the year it is granted (CSS L861-5), with a participation
# at renewal ({amount} is a PER_MONTH text).
FREE_THEN = N_("Vous ne payez rien la première année, puis au maximum {amount}.")
PARTICIPATION = N_("Vous payez au maximum {amount} par mois")


def both(lang: str, msgid: str, **values: object) -> tuple[str, str]:
    """`msgid` filled in `lang` and in French; floats are money, written the
    way each language writes it."""

    def fill(target: str) -> dict:
        return {k: format_money(v, target) if isinstance(v, float) else v for k, v in values.items()}

    return gettext(lang, msgid).format(**fill(lang)), msgid.format(**fill("fr"))


@dataclass(frozen=True)
class PlaceLine:
    """One line about a place: in the person's language and in French."""

    kind: Literal["address", "hours", "appointment", "phone"]
    local: str
    french: str


def place_lines(place, lang: str) -> list[PlaceLine]:
    """A place of the site's file (`eligibility.places.Place`) as every
    summary shows it — the results and goodbye screens, the phone text, the
    PDF, the advisor's explanations: its address, opening hours,
    appointments and phone, each as its source gives it. The address is
    never translated."""
    from eligibility.communes import commune
    from eligibility.places import opening_hours_text

    found = commune(place.commune)
    address = f"{place.address}, {found.name if found else place.commune}"
    lines = [PlaceLine("address", address, address)]
    if place.hours:
        lines.append(
            PlaceLine(
                "hours",
                gettext(lang, HOURS).format(hours=opening_hours_text(place.hours, lang)),
                HOURS.format(hours=opening_hours_text(place.hours, "fr")),
            )
        )
    if place.appointment in BY_APPOINTMENT:
        lines.append(PlaceLine("appointment", *both(lang, BY_APPOINTMENT[place.appointment])))
    if place.phone:
        lines.append(PlaceLine("phone", *both(lang, PHONE, phone=place.phone)))
    return lines


def amount_texts(result: BenefitResult, lang: str, *, brief: bool = False) -> tuple[str, str]:
    """What a right to claim brings (or, for the C2S, costs), in `lang` and in
    French: the amount once every right shown is paid first, the first
    months' beside it when it differs (`recurring_amount`); `brief` (a phone,
    where every byte counts): that amount alone, unless it is nothing."""
    first = float(result.amount or 0)
    later = None if result.recurring_amount is None else float(result.recurring_amount)
    if result.variant == "free":
        if later:
            local, french = both(lang, PER_MONTH, amount=later)
            return gettext(lang, FREE_THEN).format(amount=local), FREE_THEN.format(amount=french)
        return both(lang, FREE)
    if result.variant == "with_participation":
        return both(lang, PARTICIPATION, amount=first)
    if result.paid_once:
        return both(lang, ONCE, amount=first)
    if later is None or format_money(later, "fr") == format_money(first, "fr"):
        return both(lang, PER_YEAR if result.per == "year" else PER_MONTH, amount=first)
    if later == 0 and result.per == "month":
        return both(lang, THEN_NOTHING, amount=first)
    if brief:
        return both(lang, PER_YEAR if result.per == "year" else PER_MONTH, amount=later)
    return both(lang, SETTLED_YEAR if result.per == "year" else SETTLED_MONTH, amount=later, first=first)
