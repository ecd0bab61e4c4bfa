"""Rules of OpenFisca-France adapted to what the questionnaires ask, applied
with the parameter updates (one reform). Each says what it changes and why.

- `paje_naissance`: the rules pay the prime à la naissance for a child born
  two months after the month screened (the 7th month of pregnancy, art.
  D531-2 of the Code de la sécurité sociale), so they need a birth date we
  never have. We ask whether someone in the family is pregnant: that counts
  as one expected child. Everything else is the rules' own computation
  (`paje_naissance_adoption`: resources of year N-2 against the PAJE ceiling
  with the expected child counted, amount = 229,75 % of the BMAF).
- `pass_sport`: profiles not added up, and the grant-holder profile kept for
  students (see the formula).
- `contrat_engagement_jeune_eligibilite`: young people without a job (the
  rules only excluded students).
"""

from __future__ import annotations

from numpy import datetime64, maximum
from openfisca_france.model.base import (
    ADD,
    MONTH,
    Famille,
    Individu,
    TypesActivite,
    Variable,
    set_input_dispatch_by_period,
    set_input_divide_by_period,
)
from openfisca_france.model.prestations.prestations_familiales.paje import paje_naissance_adoption


class paje_naissance(Variable):
    value_type = float
    entity = Famille
    label = "Allocation de naissance de la PAJE (grossesse déclarée comptée comme un enfant attendu)"
    definition_period = MONTH
    set_input = set_input_divide_by_period

    def formula_2018_04_01(famille, period, parameters):
        months_to_birth = famille.members("date_naissance", period).astype("datetime64[M]") - datetime64(
            period.start, "M"
        )
        born_in_two_months = famille.sum(months_to_birth.astype("int") == 2, role=Famille.ENFANT)
        pregnant = famille.any(famille.members("enceinte", period))
        expected = maximum(born_in_two_months, pregnant * 1)
        paje = parameters(period).prestations_sociales.prestations_familiales.petite_enfance.paje
        bmaf = parameters(period).prestations_sociales.prestations_familiales.bmaf.bmaf
        prime = round(100 * paje.paje_cm2.montant.prime_naissance * bmaf) / 100
        children = famille("af_nbenf", period) + expected
        return paje_naissance_adoption(famille, parameters, period, children, expected, prime)


class pass_sport(Variable):
    value_type = float
    entity = Individu
    label = "Pass'Sport (profils non cumulés ; boursiers : étudiants seulement)"
    definition_period = MONTH

    def formula_2022_06_30(individu, period, parameters):
        # Two changes to the rules' formula. (1) A young person fitting two
        # profiles (ARS and a school grant) got the amount twice: the profiles
        # are alternatives. (2) `boursier` is true for everyone in a family
        # with a collège or lycée grant, so a 10-year-old became eligible as a
        # "boursier" when the 2025 season excluded children under 14: the
        # grant-holder profile is for students (CROUS grants), per the decree.
        criteria = parameters(period).prestations_sociales.education.pass_sport
        ages = criteria.critere_age
        age = individu("age", period)
        student_grant = (individu("bourse_criteres_sociaux", period) > 0) + (
            individu("bourse_enseignement_sup", period) > 0
        )
        profiles = (
            student_grant * (age <= ages.age_maximum_profil_boursier)
            + (individu.famille("ars", period.this_year) > 0)
            * (age >= ages.age_minimum_profil_ars)
            * (age <= ages.age_maximum_profil_ars)
            + (individu.famille("aeeh", period) > 0)
            * (age >= ages.age_minimum_profil_aeeh)
            * (age <= ages.age_maximum_profil_aeeh)
            + (individu("aah", period) > 0)
            * (age >= ages.age_minimum_profil_aah)
            * (age <= ages.age_maximum_profil_aah)
        )
        return criteria.montant * (profiles > 0)


class contrat_engagement_jeune_eligibilite(Variable):
    value_type = bool
    entity = Individu
    label = "Éligibilité au Contrat d'Engagement Jeune (sans emploi ni études)"
    definition_period = MONTH
    set_input = set_input_dispatch_by_period

    def formula_2022_03_01(individu, period, parameters):
        # The rules' formula, with one change: the CEJ is for young people
        # "ni en emploi, ni étudiants, ni en formation" (service-public.fr
        # F32700); the rules only excluded students, so a young person at work
        # got a reduced CEJ on top of the prime d'activité.
        ages = parameters(period).prestations_sociales.education.contrat_engagement_jeune.critere_age
        age = individu("age", period)
        disabled = individu("handicap", period)
        of_age = (ages.minimum <= age) * ((age <= ages.maximum) + (age <= ages.maximum_handicap) * disabled)
        activity = individu("activite", period)
        without_job = (activity == TypesActivite.chomeur) + (activity == TypesActivite.inactif)
        tax_band = individu.foyer_fiscal("ir_tranche", period.n_2) <= 1
        last_3_months = period.last_3_months
        no_other = (
            (individu("indemnites_volontariat", period) == 0)
            * (individu.famille("rsa", last_3_months, options=[ADD]) <= 0)
            * (individu.famille("ppa", last_3_months, options=[ADD]) <= 0)
        )
        return of_age * without_job * tax_band * no_other


VARIABLES = (paje_naissance, pass_sport, contrat_engagement_jeune_eligibilite)
