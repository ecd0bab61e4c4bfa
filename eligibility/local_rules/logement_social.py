"""Social housing (HLM): may the household apply, by its resources?

OpenFisca-France 176.1.8 carries the official ceilings of ordinary HLM homes
(PLUS, arrêté du 29 juillet 1987, annexe I, as amended every December; the
values from 1 January 2026 come from the arrêté du 19 décembre 2025, with
their Légifrance references, in prestations_sociales/aides_logement/
logement_social/plu), but its `logement_social_eligible` compares resources
with the PLAI ceilings (the "very social" homes, last values 2022). This
variable applies the same rule to the PLUS ceilings, and counts a person
with a disability card as the arrêté does.
"""

from __future__ import annotations

from numpy import maximum, minimum
from openfisca_core.periods import Period
from openfisca_france.model.base import MONTH, Famille, Variable

# CASF L241-3: the carte mobilité inclusion « invalidité » is granted from an
# 80 % rate (the rate the project asks as `disability_rate`).
INVALIDITY_CARD_RATE = 0.8
CATEGORIES = 6


class logement_social_plus_plafond_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Plafond de ressources annuelles des logements HLM ordinaires (PLUS) pour ce ménage"
    reference = [
        "Arrêté du 29 juillet 1987 relatif aux plafonds de ressources des bénéficiaires de la législation "
        "sur les habitations à loyer modéré…, annexe I (logements autres que PLAI, notamment PLUS)",
        "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000053307202/2026-01-01",
    ]
    documentation = """
    The category of household (arrêté du 29 juillet 1987, annexe I) as
    OpenFisca-France computes it (`logement_social_categorie_menage`:
    persons, dependants, « jeune ménage » whose two ages add up to 55 at
    most), in the zone of the home (`zone_logement_social`), plus an amount
    per person beyond the sixth category. A household with a person « en
    situation de handicap » (holder of the carte mobilité inclusion
    « invalidité », so a rate of 80 % or more) belongs to the category of
    one more person: categories 2 to 6 of the annexe (« une personne seule en
    situation de handicap », « deux personnes dont au moins une est en
    situation de handicap »…); the higher of the two ceilings is kept.
    """

    def formula(famille, period, parameters):
        plus = parameters(period).prestations_sociales.aides_logement.logement_social.plu
        zone = famille.demandeur.menage("zone_logement_social", period)
        by_category = plus.par_categorie_de_menage
        extra = plus.par_personne_supplementaire[zone]

        category = famille("logement_social_categorie_menage", period)
        dependants = famille("al_nb_personnes_a_charge", period)
        beyond = maximum(dependants - 4, 0)
        ceiling = by_category[category][zone] + beyond * extra

        # With a disability card: the category of one more person.
        card = famille.any(famille.members("taux_incapacite", period) >= INVALIDITY_CARD_RATE)
        persons = famille.nb_persons() + 1
        index = minimum(persons, CATEGORIES)
        with_card = (
            sum((index == n) * by_category[f"categorie_{n}"][zone] for n in range(1, CATEGORIES + 1))
            + maximum(persons - CATEGORIES, 0) * extra
        )
        return maximum(ceiling, card * with_card)


class logement_social_plus_eligible(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Ressources sous le plafond des logements HLM ordinaires (PLUS) : le ménage peut faire une demande"
    reference = "Code de la construction et de l'habitation, R441-1 1° (resources of year N-2, or N-1 or the last 12 months when 10 % lower)"
    documentation = """
    The revenu fiscal de référence of year N-2 at most the PLUS ceiling; or,
    when the resources of year N-1 or of the current year are at least 10 %
    lower than those of N-2, these under the ceiling (the rule of
    OpenFisca-France's `logement_social_eligible`, with the PLUS ceilings).
    The project sets the revenu fiscal de référence of each past year from
    the one the household declares, else from its incomes of today assumed
    stable — so a fall of income since N-2 shows in the current year. At
    least one parent of full age.
    """

    def formula(famille, period, parameters):
        ceiling = famille("logement_social_plus_plafond_ressources", period)
        foyer = famille.demandeur.foyer_fiscal
        rfr_n0 = foyer("rfr", Period(("year", period.start.offset("first-of", "year"), 1)))
        rfr_n1 = foyer("rfr", period.last_year)
        rfr_n2 = foyer("rfr", period.n_2)
        adult = famille.any(famille.members("majeur", period), role=Famille.PARENT)
        lower_n1 = (rfr_n1 < 0.9 * rfr_n2) * (rfr_n1 <= ceiling)
        lower_n0 = (rfr_n0 < 0.9 * rfr_n2) * (rfr_n0 <= ceiling)
        return adult * ((rfr_n2 <= ceiling) + lower_n1 + lower_n0)


VARIABLES = (logement_social_plus_plafond_ressources, logement_social_plus_eligible)
