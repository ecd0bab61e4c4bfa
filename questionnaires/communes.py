"""Finding a commune of the Nord (département 59) by name or code.

The reference list is the one the rules ship (`eligibility.communes`): it has
INSEE codes and names but no postal codes, and no other offline list is
installed. So a five-digit number is read as an INSEE code. A postal code is
*not* an INSEE code (Lille is INSEE 59350 while postal code 59350 is
Saint-André-lez-Lille): `search` always shows the name with the code so the
person confirms the commune they see, and typing a name is the safe way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from eligibility.communes import Commune, communes_of

DEPARTEMENT = "59"


def _key(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces, `saint` for `st`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\-'’`.,()]", " ", text)
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in text.split()]
    return " ".join(words)


@cache
def nord_communes() -> dict[str, Commune]:
    return {c.code: c for c in communes_of(DEPARTEMENT)}


@cache
def _by_key() -> dict[str, list[Commune]]:
    found: dict[str, list[Commune]] = {}
    for commune in nord_communes().values():
        found.setdefault(_key(commune.name), []).append(commune)
    return found


def check_site_commune(code: str) -> str:
    """The INSEE code of the commune where a kiosk or an office stands, checked:
    the one rule for the kiosk's configuration and the `Session` (the resident
    flow only places communes of the Nord). Raises ValueError with a message
    for the staff."""
    if not isinstance(code, str):
        raise ValueError('site_commune must be an INSEE code, in quotes ("59350" for Lille)')
    code = code.strip()
    if code not in nord_communes():
        raise ValueError(f'{code!r} is not the INSEE code of a commune of the Nord (59); Lille is "59350"')
    return code


def label(code: str) -> str:
    commune = nord_communes()[code]
    return f"{commune.name} ({commune.code})"


def search(text: str, *, site_commune: str | None = None, limit: int = 8) -> list[Commune]:
    """Communes matching `text` (an INSEE code, the start of a code, or of a
    name, or a word of a name), best first; the site's commune first when it
    matches. An empty text gives the site's commune alone."""
    table = nord_communes()
    query = _key(str(text or ""))
    if not query:
        return [table[site_commune]] if site_commune in table else []
    compact = query.replace(" ", "")
    if compact.isdigit():
        found = [c for code, c in table.items() if code.startswith(compact)]
    else:
        exact, prefix, word = [], [], []
        for key, items in _by_key().items():
            if key == query:
                exact.extend(items)
            elif key.startswith(query):
                prefix.extend(items)
            elif f" {query}" in f" {key}":
                word.extend(items)
        found = exact + sorted(prefix, key=lambda c: c.name) + sorted(word, key=lambda c: c.name)
    if site_commune:
        found.sort(key=lambda c: c.code != site_commune)
    return found[:limit]


def resolve(text: str) -> str:
    """The INSEE code a typed answer designates, or LookupError with the
    candidates: an INSEE code of the Nord, or a name matching one commune."""
    table = nord_communes()
    raw = str(text or "").strip()
    if raw in table:
        return raw
    query = _key(raw)
    if query.replace(" ", "").isdigit():
        raise LookupError([])
    exact = _by_key().get(query, [])
    if len(exact) == 1:
        return exact[0].code
    candidates = exact or search(raw)
    if len(candidates) == 1 and _key(candidates[0].name).startswith(query) and len(query) >= 3:
        # A unique prefix ("Roubai") is the same commune, nothing else matches.
        return candidates[0].code
    raise LookupError(candidates)
