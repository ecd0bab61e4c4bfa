"""Official values the pinned rules lack, applied as one OpenFisca reform.

The values and their legal sources live in `parameter_updates.yaml`; the few
rules adapted to what we ask are in `adapted_rules.py`."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import yaml
from openfisca_core import periods
from openfisca_core.reforms import Reform


@cache
def _data() -> dict:
    text = (resources.files("eligibility") / "parameter_updates.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def updates() -> list[dict]:
    return list(_data()["updates"])


@cache
def known_until() -> dict[str, date]:
    return {k: date.fromisoformat(v) for k, v in _data()["known_until"].items()}


def _parameter(root, dotted: str):
    node = root
    for part in dotted.split("."):
        node = node.children[part]
    return node


class ParameterUpdates(Reform):
    name = "Accès aux droits: official values missing from openfisca-france"

    def apply(self):
        # Updated in place, as LocalRules adds its tree: `modify_parameters`
        # would deep-copy the whole tree first, to protect a baseline that
        # only this engine's chain of reforms ever sees.
        for update in updates():
            _parameter(self.parameters, update["parameter"]).update(
                start=periods.instant(update["from"]), value=update["value"]
            )
        self._parameters_at_instant_cache = {}
        from eligibility.adapted_rules import VARIABLES

        for variable in VARIABLES:
            self.update_variable(variable)
