"""Département du Nord."""

from __future__ import annotations

from openfisca_france.model.base import MONTH, Famille, Variable

from eligibility.local_rules.territory import in_nord


class nord_activ_emploi_allocataire_rsa(Variable):
    value_type = bool
    entity = Famille
    label = "Foyer allocataire du RSA (condition d'Activ'Emploi)"
    definition_period = MONTH

    def formula(famille, period):
        return famille("rsa", period) > 0


class nord_activ_emploi(Variable):
    value_type = float
    entity = Famille
    label = "Activ'Emploi du Département du Nord: montant maximal, par an (versé une fois)"
    definition_period = MONTH
    reference = "info.lenord.fr, « RSA : toutes nos aides pour la reprise d'activité » (2021)"
    documentation = """
    An aid of the Département du Nord to RSA beneficiaries who start a job or
    a training and have trouble paying for travel, childcare or work
    equipment: up to 150 € a year, asked through the RSA referent, the
    « coach emploi » or France Travail.

    Computed once per family (openfisca-france-local defines it per person,
    so every member, children included, got 150 €). The start of a job or a
    training is not asked: the amount is what a family of the Nord receiving
    the RSA can ask for when it happens, as openfisca-france-local reads it.
    """

    def formula_2018_06_29(famille, period, parameters):
        in_departement = in_nord(famille.demandeur.menage, period)
        rsa = famille("nord_activ_emploi_allocataire_rsa", period)
        return parameters(period).local.nord.activ_emploi.montant * in_departement * rsa


VARIABLES = (nord_activ_emploi_allocataire_rsa, nord_activ_emploi)
