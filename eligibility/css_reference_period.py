"""Complémentaire santé solidaire: housing aid counts as received during the
reference period, as one OpenFisca reform written so it can go upstream.

Code de la sécurité sociale, L861-2: the resources are those of the
reference period (the twelve months before the claim, R861-8), and housing
aid ("aides personnelles au logement") is counted up to a flat rate set as a
percentage of the RSA base amount (R861-7: 12 %, 16 %, 16,5 %).
OpenFisca-France 176.1.8 (`css_cmu_forfait_logement_al`) applies that flat
rate when housing aid is due in the month of the claim, so a tenant who has
never received housing aid gets it counted, and can lose the free C2S for
aid they have never been paid. Here the flat rate applies when housing aid
was received during the twelve months before the month screened, capped by
what was received (the rules' own cap, on the year's sum).
"""

from __future__ import annotations

from numpy import minimum as min_
from numpy import select
from openfisca_core.model_api import ADD, MONTH, Variable
from openfisca_core.periods import Period
from openfisca_core.reforms import Reform
from openfisca_france.entities import Famille


class css_cmu_forfait_logement_al(Variable):
    value_type = float
    entity = Famille
    label = "Forfait logement applicable en cas d'aide au logement reçue pendant la période de référence"
    reference = [
        "Article L861-2 du code de la sécurité sociale",
        "Article R861-7 du code de la sécurité sociale",
        "Article R861-8 du code de la sécurité sociale",
    ]
    definition_period = MONTH

    def formula_2019_10_01(famille, period, parameters):
        nbp_foyer = famille("cmu_nbp_foyer", period)
        P = parameters(period).prestations_sociales.solidarite_insertion.minima_sociaux.cs.css.forfait_logement_avec_al
        rsa = parameters(period).prestations_sociales.solidarite_insertion.minima_sociaux.rsa
        montant_rsa_socle = rsa.rsa_m.montant_de_base_du_rsa * (
            1
            + rsa.rsa_maj.maj_montant_max.couples_celibataire_avec_enfant * (nbp_foyer >= 2)
            + rsa.rsa_maj.maj_montant_max.couple_1_enfant_ou_2e_enfant * (nbp_foyer >= 3)
        )
        forfait_logement = (
            12
            * montant_rsa_socle
            * select([nbp_foyer == 1, nbp_foyer == 2, nbp_foyer > 2], [P.taux_1p, P.taux_2p, P.taux_3p_plus])
        )
        douze_mois_precedents = Period(("month", period.first_month.start, 12)).offset(-12)
        aide_logement_recue = famille("aide_logement", douze_mois_precedents, options=[ADD])
        return (aide_logement_recue > 0) * min_(aide_logement_recue, forfait_logement)


class CssHousingAidOverReferencePeriod(Reform):
    name = "C2S: housing flat rate only for housing aid received in the reference period (CSS L861-2)"

    def apply(self):
        self.update_variable(css_cmu_forfait_logement_al)
