"""What the household declared about its past taxable income, made visible to
every rule that reads year N-2, as one OpenFisca reform.

A revenu fiscal de référence given in `Household.taxable_income` is set as
the tax household's `rfr`, which the school grants and the chèque énergie
read. The family benefits (allocations familiales and their modulation, ARS,
complément familial, PAJE) read instead their own base of resources, rebuilt
by the rules from individual incomes of year N-2; this reform makes that base
the declared revenu fiscal de référence when there is one. The CAF takes the
« revenu net catégoriel » of N-2 from the tax authority, after the 10 %
deductions and the deductions for people aged 65 or more and invalid people
(Code de la sécurité sociale, R532-3 and D521-4): for wages, pensions and
benefits, the population screened here, it is the revenu fiscal de référence.
"""

from __future__ import annotations

from numpy import where
from openfisca_core.reforms import Reform
from openfisca_france.model.base import MONTH, YEAR, Famille, FoyerFiscal, Variable

FAMILY_RESOURCES = "prestations_familiales_base_ressources"


class rfr_declare_par_le_menage(Variable):
    value_type = bool
    default_value = False
    entity = FoyerFiscal
    label = "Le revenu fiscal de référence de l'année est celui que le foyer a déclaré"
    definition_period = YEAR


class DeclaredTaxableIncome(Reform):
    name = "Accès aux droits: the declared revenu fiscal de référence reaches the family benefits"

    def apply(self):
        computed = self.get_variable(FAMILY_RESOURCES).get_formula()

        class prestations_familiales_base_ressources(Variable):
            value_type = float
            entity = Famille
            label = "Base ressource des prestations familiales (le revenu fiscal de référence déclaré s'il l'est)"
            definition_period = MONTH
            unit = "currency"

            def formula(famille, period):
                year = period.n_2
                declared = famille.demandeur.foyer_fiscal("rfr_declare_par_le_menage", year)
                rfr = famille.demandeur.foyer_fiscal("rfr", year)
                return where(declared, rfr, computed(famille, period))

        self.add_variable(rfr_declare_par_le_menage)
        self.update_variable(prestations_familiales_base_ressources)
