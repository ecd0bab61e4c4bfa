"""Explanations for the advisor: the figures the rules used and the reasons,
in words. The engine returns figures (OpenFisca variables) for the benefits
whose catalog entry lists `figures:`; their human labels live here."""

from __future__ import annotations

from eligibility.screening import BenefitResult, Status
from locales import N_, benefit_label, format_money, gettext, institution_name, reason_text

# OpenFisca variable -> French label (the unit is in the label).
FIGURE_LABELS: dict[str, str] = {
    "css_cmu_base_ressources": N_("Ressources retenues pour la C2S (sur 12 mois)"),
    "cmu_c_plafond": N_("Plafond de la C2S gratuite (par an)"),
    "css_plafond": N_("Plafond de la C2S avec participation (par an)"),
    "rsa_base_ressources": N_("Ressources retenues pour le RSA (par mois)"),
    "rsa_forfait_logement": N_("Forfait logement déduit du RSA (par mois)"),
    "rsa_socle": N_("Montant forfaitaire du RSA pour ce foyer (par mois)"),
    "ppa_base_ressources": N_("Ressources retenues pour la prime d'activité (par mois)"),
    "ppa_forfait_logement": N_("Forfait logement déduit de la prime d'activité (par mois)"),
    "ppa_revenu_activite": N_("Revenus d'activité retenus pour la prime d'activité (par mois)"),
    "aide_logement_base_ressources": N_("Ressources retenues pour l'aide au logement (par an)"),
    "aide_logement_loyer_retenu": N_("Loyer retenu pour l'aide au logement (par mois)"),
    "aide_logement_participation_personnelle": N_("Participation personnelle au loyer (par mois)"),
    "af_nbenf": N_("Enfants comptés pour les allocations familiales"),
    "prestations_familiales_base_ressources": N_("Ressources retenues pour les prestations familiales (par an)"),
    "aah_base_ressources": N_("Ressources retenues pour l'AAH (par an)"),
    "aspa_base_ressources": N_("Ressources retenues pour l'ASPA (par an)"),
}

STATUS_TEXT = {
    Status.eligible: N_("Probablement éligible"),
    Status.not_eligible: N_("Probablement pas éligible"),
    Status.unknown: N_("Impossible à déterminer"),
}

COUNTS = {"af_nbenf"}


def figure_line(figure_id: str, value: float, lang: str = "fr") -> str:
    label = gettext(lang, FIGURE_LABELS[figure_id]) if figure_id in FIGURE_LABELS else figure_id
    shown = f"{value:g}" if figure_id in COUNTS else format_money(value, lang)
    return f"{label} : {shown}"


def explain(result: BenefitResult, lang: str = "fr") -> list[str]:
    """Lines of text: status and amount, reasons, figures, institution."""
    from kiosk.advisor.compare import amount_text

    _ = lambda m: gettext(lang, m)  # noqa: E731
    lines = [f"{benefit_label(result.id, lang)} — {_(STATUS_TEXT[result.status])}"]
    if result.status == Status.eligible:
        lines.append(_("Montant calculé : {amount}").format(amount=amount_text(result, lang)))
    if result.received:
        declared = format_money(result.received_amount, lang) if result.received_amount is not None else "?"
        lines.append(_("Déjà perçue (montant déclaré : {amount})").format(amount=declared))
    for reason in result.reasons:
        lines.append("• " + reason_text(reason, lang))
    for figure in result.figures:
        lines.append("  " + figure_line(figure.id, figure.value, lang))
    lines.append(_("Organisme : {name}").format(name=institution_name(result.institution, lang)))
    return lines
