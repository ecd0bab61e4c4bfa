"""French communes known to the pinned rules (the housing-aid zoning file).

The list ships inside openfisca-france: a commune the rules cannot place in a
housing-aid zone cannot be screened, so the same file is our reference.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import NamedTuple


class Commune(NamedTuple):
    code: str
    name: str
    departement: str


@cache
def communes() -> dict[str, Commune]:
    path = resources.files("openfisca_france") / "assets" / "apl" / "20110914_zonage.csv"
    with path.open(encoding="utf-8") as handle:
        return {
            row["CODGEO"]: Commune(row["CODGEO"], row["LIBCOM_2014"], row["DEP"])
            for row in csv.DictReader(handle)
        }


def is_known_commune(code: str) -> bool:
    return code in communes()


def communes_of(departement: str) -> list[Commune]:
    return sorted(
        (c for c in communes().values() if c.departement == departement),
        key=lambda c: c.name,
    )
