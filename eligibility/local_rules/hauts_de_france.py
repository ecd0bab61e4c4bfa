"""Région Hauts-de-France."""

from __future__ import annotations

from numpy import datetime64, where
from openfisca_france.model.base import MONTH, Famille, FoyerFiscal, Individu, TypesActivite, Variable
from openfisca_france.model.prestations.education import TypesScolarite

from eligibility.local_rules.territory import in_hauts_de_france


def age_on_first_day(births, period):
    """Age in whole years on the first day of the period (the rules' `age`
    counts in months: someone born on 2 May 1994 is 31 in all of May 2025)."""
    day = datetime64(period.start, "D")
    years = day.astype("datetime64[Y]").astype(int) - births.astype("datetime64[Y]").astype(int)
    birthday_this_year = births - births.astype("datetime64[Y]") + day.astype("datetime64[Y]")
    return years - (birthday_this_year > day)


class hauts_de_france_aide_garde_enfant(Variable):
    value_type = float
    entity = Famille
    label = "Aide à la garde d'enfants de la Région Hauts-de-France (par mois)"
    definition_period = MONTH
    reference = "guide-aides.hautsdefrance.fr/dispositif636"
    documentation = """
    20 € a month per child under 3 not at school for two parents who both
    work (or follow a qualifying training), 30 € for a parent alone who
    works; the parents' net monthly income, bonuses aside, below 3 SMIC
    (couple) or 2 SMIC (parent alone); declared childcare of at least 20
    hours a week (not asked: said in the catalog's conditions). 10 € more
    per disabled child or for a disabled parent exist (not modelled: the
    conservative reading).

    Differs from openfisca-france-local, which compared the tax household's
    revenu net imposable of year N-2 with the gross SMIC: the Region's guide
    reads « je gagne moins de 2 SMIC » with the SMIC as a net monthly
    amount. Wages are compared in gross terms with the gross SMIC, which is
    the same comparison (contributions are proportional below the
    social-security ceiling); other incomes as declared, net. Training is
    not asked: only parents at work count (conservative).
    """

    def formula_2017_03_01(famille, period, parameters):
        aide = parameters(period).local.hauts_de_france.aide_garde_enfant
        couple = famille("en_couple", period)

        age_max = aide.age_maximum_enfant
        births = famille.members("date_naissance", period)
        third_birthday = births.astype("datetime64[M]") + (12 * int(age_max))
        # "Mon enfant n'a pas encore 3 ans": under 3 on the first day of the month.
        young = third_birthday > datetime64(period.start, "M")
        born = births.astype("datetime64[M]") <= datetime64(period.start, "M")
        not_at_school = famille.members("scolarite", period) == TypesScolarite.inconnue
        children = famille.sum(young * born * not_at_school, role=Famille.ENFANT)

        working = famille.members("activite", period) == TypesActivite.actif
        parents = famille.nb_persons(role=Famille.PARENT)
        all_parents_work = famille.sum(working, role=Famille.PARENT) == parents

        gross_wages = famille.members("salaire_de_base", period)
        other_incomes = (
            famille.members("rpns_auto_entrepreneur_benefice", period)
            + famille.members("chomage_net", period)
            + famille.members("retraite_nette", period)
            + famille.members("pensions_invalidite", period)
            + famille.members("pensions_alimentaires_percues", period)
            + famille.members("indemnites_journalieres_maladie", period)
        )
        resources = famille.sum(gross_wages + other_incomes, role=Famille.PARENT)
        smic = parameters(period).marche_travail.salaire_minimum.smic.smic_b_mensuel
        ceiling = where(couple, aide.plafond_en_smic.famille_biparentale, aide.plafond_en_smic.famille_monoparentale)
        below_ceiling = resources < ceiling * smic

        per_child = where(
            couple, aide.montant_par_enfant.famille_biparentale, aide.montant_par_enfant.famille_monoparentale
        )
        in_region = in_hauts_de_france(famille.demandeur.menage, period)
        return per_child * children * all_parents_work * below_ceiling * in_region


class hauts_de_france_aide_permis_rfr(Variable):
    value_type = float
    entity = FoyerFiscal
    label = "Revenu fiscal de référence de l'avis d'imposition le plus récent (aide au permis)"
    definition_period = MONTH

    def formula(foyer_fiscal, period):
        # The notice on year N-1's income comes in the summer of year N
        # (sent from late July): from September on it is the most recent.
        year = period.start.year - (1 if period.start.month >= 9 else 2)
        return foyer_fiscal("rfr", str(year))


class hauts_de_france_aide_permis(Variable):
    value_type = float
    entity = Individu
    label = "Aide au permis de conduire de la Région Hauts-de-France (montant maximal, versé une fois)"
    definition_period = MONTH
    reference = "guide-aides.hautsdefrance.fr/dispositif931"
    documentation = """
    Up to 90 % of the driving school's quote, within 1 200 € for a job
    seeker registered at France Travail; 16 to 30 at the claim, or a parent
    alone at any age; revenu fiscal de référence of the most recent notice
    below 32 472 € for a person alone on their notice, 48 708 € for a
    married or pacsé person or one attached to their parents' notice. Not
    for someone who already holds the licence (not asked: said in the
    catalog's conditions).

    Only job seekers are computed (`activite` chomeur, taken as registered
    at France Travail): trainees, apprentices (850 € or 1 350 €), young
    people in PACEA or CEJ, final-year vocational pupils are not asked.
    openfisca-france-local pays 1 500 € (the price the aid was sized on)
    to the unemployed and inactive; this follows the Region's current text.
    """

    def formula_2021_07_21(individu, period, parameters):
        aide = parameters(period).local.hauts_de_france.aide_permis
        age = age_on_first_day(individu("date_naissance", period), period)
        of_age = (age >= aide.age_minimum) * (age <= aide.age_maximum)
        famille_couple = individu.famille("en_couple", period)
        parent = individu.has_role(Famille.PARENT)
        single_parent = parent * (individu.famille("af_nbenf", period) > 0) * (1 - famille_couple)
        job_seeker = individu("activite", period) == TypesActivite.chomeur

        alone_on_notice = individu.has_role(FoyerFiscal.DECLARANT_PRINCIPAL) * (
            individu.foyer_fiscal.nb_persons(role=FoyerFiscal.DECLARANT) == 1
        )
        ceiling = where(
            alone_on_notice,
            aide.plafond_rfr.personne_autonome,
            aide.plafond_rfr.marie_pacse_ou_rattache,
        )
        below_ceiling = individu.foyer_fiscal("hauts_de_france_aide_permis_rfr", period) < ceiling
        in_region = in_hauts_de_france(individu.menage, period)
        eligible = (of_age + single_parent > 0) * job_seeker * below_ceiling * in_region
        return aide.montant_demandeur_emploi * eligible


VARIABLES = (hauts_de_france_aide_garde_enfant, hauts_de_france_aide_permis_rfr, hauts_de_france_aide_permis)
