"""Explanations for the advisor: the figures the rules used and the reasons,
in words. The engine returns figures (OpenFisca variables) for the benefits
whose catalog entry lists `figures:`; their human labels live here."""

from __future__ import annotations

from eligibility.screening import BenefitResult, Status
from locales import N_, benefit_label, format_money, format_number, gettext, institution_name, reason_text

# OpenFisca variable -> French label, the unit in the label. Every variable
# listed under `figures:` in eligibility/benefits/*.yaml has one (checked by
# tests/advisor/test_explain.py). Monthly variables are amounts for the month
# studied; yearly ones are amounts over twelve months.
FIGURE_LABELS: dict[str, str] = {
    # RSA (month)
    "rsa_base_ressources": N_("Ressources retenues pour le RSA (par mois)"),
    "rsa_socle": N_("Montant forfaitaire du RSA pour ce foyer (par mois)"),
    "rsa_forfait_logement": N_("Forfait logement déduit du RSA (par mois)"),
    # Prime d'activité (month)
    "ppa_base_ressources": N_("Ressources retenues pour la prime d'activité (par mois)"),
    "ppa_forfait_logement": N_("Forfait logement déduit de la prime d'activité (par mois)"),
    "ppa_bonification": N_("Bonification de la prime d'activité (par mois)"),
    # Aide au logement
    "aide_logement_base_ressources": N_("Ressources retenues pour l'aide au logement (par an)"),
    "aide_logement_loyer_retenu": N_("Loyer retenu pour l'aide au logement (par mois)"),
    "aide_logement_participation_personnelle": N_("Participation personnelle au loyer (par mois)"),
    "al_nb_personnes_a_charge": N_("Personnes à charge comptées pour l'aide au logement"),
    # Prestations familiales (year)
    "af_nbenf": N_("Enfants comptés pour les allocations familiales"),
    "prestations_familiales_base_ressources": N_("Ressources retenues pour les prestations familiales (par an)"),
    "cf_plafond": N_("Plafond de ressources du complément familial (par an)"),
    # ASI and ASPA (month)
    "asi_aspa_base_ressources": N_("Ressources retenues pour l'ASI ou l'ASPA (par mois)"),
    # ASS (year)
    "ass_base_ressources": N_("Ressources retenues pour l'ASS (par an)"),
    # Revenu fiscal de référence (year): chèque énergie, school grants
    "rfr": N_("Revenu fiscal de référence retenu (par an)"),
    "cheque_energie_unites_consommation": N_("Unités de consommation du foyer (chèque énergie)"),
    "bourse_college_echelon": N_("Échelon de la bourse de collège"),
    "bourse_lycee_echelon": N_("Échelon de la bourse de lycée"),
    "bourse_lycee_points_de_charge": N_("Points de charge pour la bourse de lycée"),
    # Complémentaire santé solidaire (year)
    "css_cmu_base_ressources": N_("Ressources retenues pour la C2S (sur 12 mois)"),
    "cmu_c_plafond": N_("Plafond de la C2S gratuite (par an)"),
}

# Figures that are counts (people, children, units, grades), not money.
COUNTS = {
    "al_nb_personnes_a_charge",
    "af_nbenf",
    "cheque_energie_unites_consommation",
    "bourse_college_echelon",
    "bourse_lycee_echelon",
    "bourse_lycee_points_de_charge",
}

STATUS_TEXT = {
    Status.eligible: N_("Probablement éligible"),
    Status.not_eligible: N_("Probablement pas éligible"),
    Status.unknown: N_("Impossible à déterminer"),
}


def figure_line(figure_id: str, value: float, lang: str = "fr") -> str:
    label = gettext(lang, FIGURE_LABELS[figure_id]) if figure_id in FIGURE_LABELS else figure_id
    shown = format_number(value, lang) if figure_id in COUNTS else format_money(value, lang)
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
        lines.append(_("Déjà reçu (montant déclaré : {amount})").format(amount=declared))
    for reason in result.reasons:
        lines.append("• " + reason_text(reason, lang))
    for figure in result.figures:
        lines.append("  " + figure_line(figure.id, figure.value, lang))
    lines.append(_("Organisme : {name}").format(name=institution_name(result.institution, lang)))
    return lines
