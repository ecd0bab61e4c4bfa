"""French communes: the ones the pinned rules know, and their postal codes.

Two lists, each with one job:
- `communes()`: the communes known to the rules (the housing-aid zoning file
  shipped inside openfisca-france). A commune the rules cannot place in a
  housing-aid zone cannot be screened, so this list decides what is valid.
- `directory()`: the current communes of France with their postal codes and
  EPCI, from `data/communes.tsv` (npm @etalab/decoupage-administratif 6.0.0,
  Licence Ouverte 2.0; rebuilt by scripts/build_communes.py). A postal code is
  not an INSEE code: 59350 is the postal code of Saint-André-lez-Lille and the
  INSEE code of Lille; several communes may share one postal code.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Literal, NamedTuple

from eligibility.openfisca_compat import housing_aid_zoning_csv

# SIREN of the Métropole Européenne de Lille (95 communes; DGCL list of EPCI,
# in data/communes.tsv). An older code, 245900410, is no longer in use.
METROPOLE_EUROPEENNE_DE_LILLE = "200093201"


class Commune(NamedTuple):
    code: str  # INSEE code
    name: str
    departement: str
    postal_codes: tuple[str, ...] = ()
    epci: str | None = None  # SIREN of its intercommunality
    former_names: tuple[str, ...] = ()  # merged or associated communes (Lomme, Hellemmes-Lille)


class Match(NamedTuple):
    commune: Commune
    # What the text matched: a postal code, an INSEE code, or a name.
    matched: Literal["postal_code", "insee_code", "name"]


@cache
def communes() -> dict[str, Commune]:
    """Communes known to the rules, by INSEE code (names of 2014, no postal codes)."""
    with housing_aid_zoning_csv().open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        code, name, departement = (header.index(k) for k in ("CODGEO", "LIBCOM_2014", "DEP"))
        return {row[code]: Commune(row[code], row[name], row[departement]) for row in rows}


def is_known_commune(code: str) -> bool:
    return code in communes()


def communes_of(departement: str) -> list[Commune]:
    """Communes of a département known to the rules, by name."""
    return sorted(
        (c for c in communes().values() if c.departement == departement),
        key=lambda c: c.name,
    )


@cache
def _lines() -> list[str]:
    text = (resources.files("eligibility") / "data" / "communes.tsv").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def directory(departement: str | None = None) -> dict[str, Commune]:
    """Current communes of France (or of one département) by INSEE code,
    with their postal codes (data/communes.tsv). One département reads in a
    few milliseconds, the whole country in about 0.1 s."""
    found = {}
    for line in _lines():
        if departement is not None and not line.startswith(departement):
            continue
        code, name, postal, epci, former = (line.split("\t") + ["", "", ""])[:5]
        found[code] = Commune(
            code,
            name,
            _departement(code),
            tuple(postal.split()),
            epci or None,
            tuple(former.split("|")) if former else (),
        )
    return found


def commune(code: str) -> Commune | None:
    """One current commune by INSEE code (reads only its département)."""
    return directory(_departement(code)).get(code) if code else None


def _departement(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


@cache
def _by_postal_code() -> dict[str, list[Commune]]:
    found: dict[str, list[Commune]] = {}
    for commune in directory().values():
        for postal in commune.postal_codes:
            found.setdefault(postal, []).append(commune)
    for items in found.values():
        items.sort(key=lambda c: name_key(c.name))
    return found


def by_postal_code(postal_code: str) -> list[Commune]:
    """Every commune that a postal code serves, by name (often several)."""
    return list(_by_postal_code().get(postal_code.strip(), []))


def in_metropole(code: str) -> bool:
    """Is this INSEE code a commune of the Métropole Européenne de Lille?"""
    found = commune(code)
    return found is not None and found.epci == METROPOLE_EUROPEENNE_DE_LILLE


def name_key(text: str) -> str:
    """A name as compared: lower case, no accents, hyphens and apostrophes as
    spaces, `saint` for `st`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\-'’`.,()]", " ", text)
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in text.split()]
    return " ".join(words)


def lookup(text: str) -> list[Match]:
    """Communes a text designates, in France: five digits are read both as a
    postal code (first: it is what people know) and as an INSEE code; other
    text as a name or a former commune's name (exact, accents and case aside)."""
    raw = str(text or "").strip().replace(" ", "")
    if raw.isdigit() or re.fullmatch(r"2[AaBb]\d{3}", raw):
        found = [Match(c, "postal_code") for c in by_postal_code(raw)]
        if raw.upper() in directory():
            found.append(Match(directory()[raw.upper()], "insee_code"))
        return found
    query = name_key(str(text or ""))
    if not query:
        return []
    return [
        Match(c, "name")
        for c in sorted(directory().values(), key=lambda c: c.code)
        if name_key(c.name) == query or any(name_key(n) == query for n in c.former_names)
    ]
