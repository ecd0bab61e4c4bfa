"""French communes known to the pinned rules (the housing-aid zoning file).

The list ships inside openfisca-france: a commune the rules cannot place in a
housing-aid zone cannot be screened, so the same file is our reference.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple


class Commune(NamedTuple):
    code: str
    name: str
    departement: str


@cache
def communes() -> dict[str, Commune]:
    # Located without importing openfisca_france, which loads all the rules.
    package = Path(next(iter(find_spec("openfisca_france").submodule_search_locations)))
    path = package / "assets" / "apl" / "20110914_zonage.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        code, name, departement = (header.index(k) for k in ("CODGEO", "LIBCOM_2014", "DEP"))
        return {row[code]: Commune(row[code], row[name], row[departement]) for row in rows}


def is_known_commune(code: str) -> bool:
    return code in communes()


def communes_of(departement: str) -> list[Commune]:
    return sorted(
        (c for c in communes().values() if c.departement == departement),
        key=lambda c: c.name,
    )
