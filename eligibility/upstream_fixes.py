"""Fixes of bugs in the pinned OpenFisca-France, applied as one reform.

Each fix keeps the upstream variable's name, entity and period, so that it
can be proposed upstream as it is (the plain-OpenFisca test beside it, in
tests/eligibility/test_upstream_fixes.py, shows the bug and the fix).
"""

from __future__ import annotations

from numpy import logical_or
from openfisca_core.reforms import Reform
from openfisca_france.model.base import MONTH, Individu, Variable, set_input_dispatch_by_period


class asi_aspa_condition_nationalite(Variable):
    value_type = bool
    default_value = True
    label = "Condition de nationalité et de titre de séjour pour bénéficier de l'ASPA ou l'ASI"
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    # Upstream would add the Légifrance link of LEGIARTI000042920144; this
    # project keeps URLs in its data files only.
    reference = "Article L816-1 du Code de la sécurité sociale (Légifrance LEGIARTI000042920144)"
    documentation = """
    L816-1 CSS: the ASPA and the ASI go to foreign nationals who hold, for at
    least ten years, a residence permit allowing work (1°), who are refugees,
    stateless, under subsidiary protection or fought for France (2°, not
    modelled), or who are nationals of the EEA or Switzerland (3°).

    Fixes openfisca-france 176.1.8, whose formula called
    `numpy.logical_or(eee, suisse, duree >= duree_min)`: the third argument of
    logical_or is its `out` array, so the permit test was overwritten and no
    non-EEA national ever qualified.
    """

    def formula(individu, period, parameters):
        ressortissant_eee = individu("ressortissant_eee", period)
        ressortissant_suisse = individu("nationalite", period) == b"CH"
        duree_possession_titre_sejour = individu("duree_possession_titre_sejour", period)
        duree_min_titre_sejour = parameters(
            period
        ).prestations_sociales.solidarite_insertion.minimum_vieillesse.aspa.duree_min_titre_sejour

        return logical_or(
            logical_or(ressortissant_eee, ressortissant_suisse),
            duree_possession_titre_sejour >= duree_min_titre_sejour,
        )


class UpstreamFixes(Reform):
    name = "Accès aux droits: fixes of openfisca-france bugs"

    def apply(self):
        self.update_variable(asi_aspa_condition_nationalite)
