"""Local rights of the Nord and the Hauts-de-France, as a small OpenFisca
extension of the project: variables in `nord.py` and `hauts_de_france.py`
(and `logement_social.py`: the national HLM ceilings the rules carry but
do not apply),
parameters (each with its source and the date it was checked) in
`parameters/`, loaded under `local` in the parameter tree.

The rules come from openfisca-france-local (snapshot b5ae51c, which cannot be
a dependency: it pins pandas < 2 and fails to import beside numpy 2) and from
the institutions' own pages; they were rewritten here, not copied, and
corrected where the institutions' current texts differ (said in each
variable). Applied by `eligibility.engine` with the other reforms.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from openfisca_core.parameters import ParameterNode
from openfisca_core.reforms import Reform

from eligibility.local_rules import hauts_de_france, logement_social, nord

PARAMETERS = Path(str(resources.files("eligibility.local_rules") / "parameters"))
VARIABLES = (*nord.VARIABLES, *hauts_de_france.VARIABLES, *logement_social.VARIABLES)


class LocalRules(Reform):
    name = "Accès aux droits: rights of the Nord and the Hauts-de-France"

    def apply(self):
        # Added to the tree in place: `modify_parameters` would deep-copy the
        # whole tree first, 0.8 s of CPU at every start (measured), to protect
        # a baseline that only this engine's chain of reforms ever sees.
        self.parameters.add_child("local", ParameterNode("local", directory_path=str(PARAMETERS)))
        self._parameters_at_instant_cache = {}
        for variable in VARIABLES:
            self.add_variable(variable)
