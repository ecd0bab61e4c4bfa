"""Explanations for the worker: for each benefit, the figures the rules used
(with their labels and units), what they were compared with, and the real
reason when it is not due. The engine returns the figures (OpenFisca
variables) listed under `figures:` in the benefit's catalog entry; their
labels live here.

Written for staff, in French, about the household ("le foyer"), never to
"vous": the residents' wording of the reasons is in eligibility/reasons.yaml.
"""

from __future__ import annotations

from eligibility.labels import benefit_label, institution_name
from eligibility.screening import BenefitResult, Status, ToCheckResult
from locales import format_money, format_number

# OpenFisca variable -> French label, the unit in the label. Every variable
# listed under `figures:` in eligibility/benefits/*.yaml has one (checked by
# tests/advisor/test_explain.py). Monthly variables are amounts for the month
# studied; yearly ones are amounts over twelve months.
FIGURE_LABELS: dict[str, str] = {
    # RSA (month)
    "rsa_base_ressources": "Ressources retenues pour le RSA (par mois)",
    "rsa_socle": "Montant forfaitaire du RSA pour ce foyer (par mois)",
    "rsa_forfait_logement": "Forfait logement déduit du RSA (par mois)",
    # Prime d'activité (month)
    "ppa_montant_forfaitaire_familial_majore": "Montant forfaitaire de la prime d'activité pour ce foyer (par mois)",
    "ppa_revenu_activite": "Revenus d'activité retenus (par mois)",
    "ppa_base_ressources": "Ressources retenues pour la prime d'activité (par mois)",
    "ppa_forfait_logement": "Forfait logement déduit de la prime d'activité (par mois)",
    "ppa_bonification": "Bonification individuelle (par mois)",
    # Aide au logement
    "aide_logement_base_ressources": "Ressources retenues pour l'aide au logement (par an)",
    "aide_logement_loyer_retenu": "Loyer retenu (par mois)",
    "aide_logement_loyer_plafond": "Loyer plafond pour ce foyer (par mois)",
    "aide_logement_charges": "Forfait charges (par mois)",
    "aide_logement_participation_personnelle": "Participation personnelle au loyer (par mois)",
    "al_nb_personnes_a_charge": "Personnes à charge comptées pour l'aide au logement",
    # Prestations familiales (year)
    "af_nbenf": "Enfants comptés pour les allocations familiales",
    "prestations_familiales_base_ressources": "Ressources retenues pour les prestations familiales (par an)",
    "cf_plafond": "Plafond de ressources du complément familial (par an)",
    # ASI and ASPA (month)
    "asi_aspa_base_ressources": "Ressources retenues pour l'ASI ou l'ASPA (par mois)",
    # ASS (year)
    "ass_base_ressources": "Ressources retenues pour l'ASS (par an)",
    # Revenu fiscal de référence (year): chèque énergie, school grants
    "rfr": "Revenu fiscal de référence retenu (par an)",
    "cheque_energie_unites_consommation": "Unités de consommation du foyer (chèque énergie)",
    "bourse_college_echelon": "Échelon de la bourse de collège",
    "bourse_lycee_echelon": "Échelon de la bourse de lycée",
    "bourse_lycee_points_de_charge": "Points de charge pour la bourse de lycée",
    # Complémentaire santé solidaire (year)
    "css_cmu_base_ressources": "Ressources retenues pour la C2S (sur 12 mois)",
    "cmu_c_plafond": "Plafond de la C2S gratuite (par an)",
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
    Status.eligible: "Probablement éligible",
    Status.not_eligible: "Probablement pas éligible",
    Status.unknown: "Impossible à déterminer",
    Status.to_check: "À vérifier avec la personne",
}

# The reasons (eligibility/reasons.yaml) as the worker reads them: about the
# household, not to "vous". Every code has one (tests/advisor/test_explain.py).
REASONS = {
    "income_above_ceiling": "Ressources du foyer au-dessus du plafond de cette aide.",
    "below_payment_threshold": "Montant calculé sous le seuil de versement : il n'est pas versé.",
    "age_below_25": "Demandeur de moins de 25 ans sans enfant à charge.",
    "residence_permit_too_recent": "Titre de séjour trop récent pour cette aide.",
    "no_work_income": "Aucun revenu du travail dans le foyer.",
    "not_a_tenant": "Le foyer n'est pas locataire.",
    "fewer_than_two_children": "Moins de deux enfants à charge.",
    "fewer_than_three_children": "Moins de trois enfants de 3 ans ou plus.",
    "no_child": "Aucun enfant à charge.",
    "lives_as_couple": "Le parent vit en couple (aide réservée aux parents isolés).",
    "no_school_age_child": "Aucun enfant scolarisé de 6 à 18 ans.",
    "no_child_under_3": "Aucun enfant de moins de 3 ans.",
    "disability_rate_too_low": "Taux d'incapacité reconnu par la MDPH inférieur à 50 %.",
    "age_below_aspa_age": "Âge légal de la retraite pas atteint.",
    "no_invalidity_pension": "Pas de pension d'invalidité.",
    "not_job_seeker": "Personne n'est en recherche d'emploi.",
    "no_disabled_child": "Aucun enfant dont le handicap est reconnu par la MDPH.",
    "no_home": "Le foyer n'a pas de logement.",
    "no_child_at_college": "Aucun enfant au collège.",
    "no_child_at_lycee": "Aucun enfant au lycée.",
    "conditions_not_met": "Conditions non remplies (voir les chiffres ci-dessous).",
    "missing_input": "Une information manque pour calculer cette aide.",
    "computation_error": "Le calcul de cette aide a échoué.",
    "self_employment_not_computable": "Revenus d'indépendant : la CAF étudie le dossier elle-même.",
    "may_be_underpaid": "Le calcul donne plus que le montant déclaré comme reçu : signaler le changement.",
    "parameter_may_be_outdated": "Barème officiel de cette date pas encore connu de l'outil.",
    "estimated_from_default": "Calcul fait avec une réponse estimée.",
    "rules_older_than_today": "Règles de calcul plus anciennes que la date du jour : les montants ont pu changer.",
    "not_pregnant": "Aide versée pendant la grossesse : aucune grossesse déclarée.",
    "age_not_16_to_25": "Âge hors de 16 à 25 ans (29 ans avec un handicap reconnu).",
    "not_without_job_or_training": "Aide pour les jeunes sans emploi, ni études, ni formation.",
    "pass_sport_profile": "Pass'Sport : jeunes de 14 à 17 ans d'une famille à l'ARS, jeunes handicapés, étudiants boursiers.",
    "agepi_profile": "Aide pour un parent seul en recherche d'emploi, avec un enfant de moins de 10 ans.",
    "agepi_job_start": "Se demande à France Travail à la reprise d'un emploi ou d'une formation.",
    "still_gets_unemployment_benefit": "L'ASS vient après la fin de l'ARE (France Travail).",
    "work_history_too_short": "Moins de 5 ans de travail sur les 10 dernières années.",
    "not_tenant_or_owner": "Chèque énergie envoyé au locataire ou au propriétaire du logement.",
    "child_under_3_paje_instead": "Enfant de moins de 3 ans : la PAJE est versée à la place du complément familial.",
    "above_age_limit": "Aide arrêtée à l'âge de la retraite.",
    "aspa_age_reached": "À cet âge, l'ASPA remplace l'ASI.",
    "other_benefit_comes_first": "Une autre aide passe avant celle-ci et la remplace.",
    "student_income_below_floor": "Étudiant ou apprenti : salaire mensuel sous le minimum requis.",
    "no_rsdae": "Taux de 50 à 79 % sans restriction durable d'accès à l'emploi (RSDAE) reconnue par la MDPH.",
    "not_in_nord": "Commune hors du département du Nord.",
    "not_in_hauts_de_france": "Commune hors de la région Hauts-de-France.",
    "no_rsa": "RSA ni dû ni perçu par le foyer.",
    "activ_emploi_job_start": "Activ'Emploi : à demander au référent RSA à la reprise d'un emploi ou d'une formation.",
    "parents_not_all_working": "Les deux parents (ou le parent seul) doivent travailler ; formation qualifiante non demandée ici.",
    "age_not_16_to_30": "Âge hors de 16 à 30 ans, et pas parent seul.",
}

# Benefits compared with a ceiling: (resources figure, ceiling figure).
CEILINGS = {
    "cf": ("prestations_familiales_base_ressources", "cf_plafond"),
    "css_participation_forfaitaire": ("css_cmu_base_ressources", "cmu_c_plafond"),
}


def _money(value: float) -> str:
    return format_money(value, "fr")


def figure_line(figure_id: str, value: float, lang: str = "fr") -> str:
    label = FIGURE_LABELS.get(figure_id, figure_id)
    shown = format_number(value, "fr") if figure_id in COUNTS else _money(value)
    return f"{label} : {shown}"


def reason_line(reason: str, words=None) -> str:
    """A reason in words; `words` says a form field in words (the field of
    "missing_input:<field>"), else the field is not named."""
    code, _, field = reason.partition(":")
    text = REASONS.get(code, code)
    if code == "missing_input" and field and words is not None:
        text = text.rstrip(".") + f" : {words(field)}."
    return text


def comparison(result: BenefitResult) -> list[str]:
    """What the rules compared, in one or two lines, from the figures."""
    f = {figure.id: figure.value for figure in result.figures}
    lines = []
    if result.id in CEILINGS:
        resources, ceiling = CEILINGS[result.id]
        if resources in f and ceiling in f:
            if f[ceiling] == 0 and result.id == "cf":
                # OpenFisca gives the ceiling 0 to a family without three
                # children of 3 or more: not an income question.
                lines.append("Plafond nul : il faut trois enfants de 3 ans ou plus (un nouveau-né ne compte pas).")
            else:
                side = "sous" if f[resources] <= f[ceiling] else "au-dessus du"
                lines.append(f"Ressources {_money(f[resources])} : {side} plafond de {_money(f[ceiling])}.")
    if result.id == "rsa" and {"rsa_base_ressources", "rsa_socle"} <= f.keys():
        housing = f.get("rsa_forfait_logement", 0.0)
        guaranteed = f["rsa_socle"] - housing
        lines.append(
            f"Revenu garanti {_money(guaranteed)} (forfaitaire {_money(f['rsa_socle'])} − forfait logement "
            f"{_money(housing)}) comparé aux ressources {_money(f['rsa_base_ressources'])}."
        )
    if result.id == "ppa" and {"ppa_montant_forfaitaire_familial_majore", "ppa_base_ressources"} <= f.keys():
        base = f["ppa_montant_forfaitaire_familial_majore"]
        work = f.get("ppa_revenu_activite")
        share = f" (sur {_money(work)})" if work is not None else ""
        # The rates and the payment threshold are the rules' parameters, not repeated here.
        lines.append(
            f"Montant forfaitaire {_money(base)} + une part des revenus d'activité{share} + bonification, "
            f"moins le plus élevé des ressources {_money(f['ppa_base_ressources'])} et du forfaitaire "
            f"{_money(base)}, moins le forfait logement ; non versée sous le seuil de versement."
        )
    if result.id == "aide_logement" and {"aide_logement_loyer_plafond", "aide_logement_loyer_retenu"} <= f.keys():
        lines.append(
            f"Loyer retenu {_money(f['aide_logement_loyer_retenu'])} (loyer payé, dans la limite du plafond de "
            f"{_money(f['aide_logement_loyer_plafond'])}), plus le forfait charges "
            f"{_money(f.get('aide_logement_charges', 0.0))}, moins la participation personnelle "
            f"{_money(f.get('aide_logement_participation_personnelle', 0.0))}."
        )
    return lines


def explain(result: BenefitResult, lang: str = "fr", words=None) -> list[str]:
    """Lines of text: status and amount, reasons, figures, comparison,
    institution. `words(field key)`: a form's field in words (kiosk.advisor.form.field_words)."""
    from kiosk.advisor.compare import amount_words

    lines = [f"{benefit_label(result.id, 'fr')} — {STATUS_TEXT[result.status]}"]
    if result.status == Status.eligible:
        lines.append(f"Montant calculé : {amount_words(result)}")
    if result.received:
        declared = _money(result.received_amount) if result.received_amount is not None else "?"
        lines.append(f"Déjà reçue (montant déclaré : {declared})")
    reasons = list(result.reasons)
    figures = {figure.id: figure.value for figure in result.figures}
    if result.id == "cf" and figures.get("cf_plafond") == 0 and "income_above_ceiling" in reasons:
        # The real reason: the children's ages (see comparison()).
        reasons = ["fewer_than_three_children" if r == "income_above_ceiling" else r for r in reasons]
    for reason in reasons:
        lines.append("• " + reason_line(reason, words))
    for figure in result.figures:
        lines.append("  " + figure_line(figure.id, figure.value))
    for line in comparison(result):
        lines.append("  → " + line)
    lines.append(f"Organisme : {institution_name(result.institution, 'fr')}")
    return lines


def explain_to_check(result: ToCheckResult) -> list[str]:
    """A local right to check with the person (eligibility.to_check): the
    conditions the answers meet, those left to check, the source. No amount."""
    from eligibility import to_check

    item = to_check.catalog()[result.id]
    lines = [f"{item.official_name} — à vérifier (sans montant, hors totaux)"]
    lines += ["✓ " + sentence for sentence in result.matched]
    lines += ["? " + sentence for sentence in result.to_verify]
    lines.append(f"Organisme : {item.institution} — {item.information_url}")
    return lines


def where_lines(config, what: str, commune: str | None) -> list[str]:
    """Where to send the person for `what` (a benefit or a right to check),
    as the kiosk's results and the PDF do: the desk first, then the nearest
    place of the site's file that helps with it, with its address, hours and
    phone as its source gives them. Nothing without a site configuration."""
    if config is None:
        return []
    from kiosk.summary_texts import place_lines

    def line(place) -> str:
        # The advisor's explanations are for staff: French only, on one line.
        return f"{place.name}, " + " ; ".join(line.french for line in place_lines(place, "fr"))

    desk = config.desk()
    lines = [f"Où : l'accueil, ici ({line(desk) if desk is not None else config.site_name})"]
    lines += [f"Ou : {line(place)}" for place in config.places_near(what, commune)[:1]]
    return lines
