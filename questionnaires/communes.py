"""Finding a commune of the Nord (département 59) from what a person types:
a postal code, or a name (or the name of a former commune, like Lomme).

Digits a person types are a **postal code** — the number they know. It is not
an INSEE code: postal code 59350 is Saint-André-lez-Lille, while Lille's INSEE
code is 59350; and one postal code may serve several communes (59830: six),
which are then all offered. A commune picked from a list is passed on as an
`InseeCode`, the form stored answers take too, so it is never read again as a
postal code.
"""

from __future__ import annotations

from functools import cache

from eligibility.communes import Commune, directory, name_key

DEPARTEMENT = "59"


class InseeCode(str):
    """An INSEE code chosen from a list (or stored), not digits typed by a person."""

    __slots__ = ()


@cache
def nord_communes() -> dict[str, Commune]:
    """The 647 communes of the Nord (all known to the rules: tested)."""
    return directory(DEPARTEMENT)


@cache
def _by_key() -> dict[str, list[Commune]]:
    found: dict[str, list[Commune]] = {}
    for commune in nord_communes().values():
        for name in (commune.name, *commune.former_names):
            found.setdefault(name_key(name), []).append(commune)
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


@cache
def _by_postal_code() -> dict[str, list[Commune]]:
    found: dict[str, list[Commune]] = {}
    for commune in sorted(nord_communes().values(), key=lambda c: name_key(c.name)):
        for postal in commune.postal_codes:
            found.setdefault(postal, []).append(commune)
    return dict(sorted(found.items()))


def label(code: str, postal_code: str | None = None) -> str:
    """ "Saint-André-lez-Lille (59350)": the name with the postal code typed,
    else its first postal code, so that a person recognises their address."""
    commune = nord_communes()[code]
    shown = postal_code if postal_code in commune.postal_codes else next(iter(commune.postal_codes), code)
    return f"{commune.name} ({shown})"


def search(text: str, *, site_commune: str | None = None, limit: int = 8) -> list[tuple[Commune, str | None]]:
    """Communes matching `text`, best first, each with the postal code it
    matched (None for a name): digits are the start of a postal code; letters
    the start of a name, or a word of it, or a former commune's name. The
    site's commune comes first when it matches; an empty text gives it alone."""
    table = nord_communes()
    query = name_key(str(text or ""))
    if not query:
        return [(table[site_commune], None)] if site_commune in table else []
    compact = query.replace(" ", "")
    if compact.isdigit():
        matches = [
            (c, postal) for postal, items in _by_postal_code().items() if postal.startswith(compact) for c in items
        ]
        seen: set[str] = set()  # each commune once, with its first matching postal code
        found = [(c, p) for c, p in matches if not (c.code in seen or seen.add(c.code))]
    else:
        exact, prefix, word = [], [], []
        for key, items in _by_key().items():
            if key == query:
                exact.extend(items)
            elif key.startswith(query):
                prefix.extend(items)
            elif f" {query}" in f" {key}":
                word.extend(items)
        ordered = exact + sorted(prefix, key=lambda c: c.name) + sorted(word, key=lambda c: c.name)
        found = [(c, None) for c in dict.fromkeys(ordered)]
    if site_commune:
        found.sort(key=lambda item: item[0].code != site_commune)
    return found[:limit]


def resolve(text: str) -> str:
    """The INSEE code an answer designates, or LookupError with the candidate
    communes: an `InseeCode`; a postal code of a single commune; or a name
    matching one commune (a unique start of a name counts)."""
    table = nord_communes()
    if isinstance(text, InseeCode):
        if text in table:
            return str(text)
        raise LookupError([])
    raw = str(text or "").strip()
    query = name_key(raw)
    compact = query.replace(" ", "")
    if compact.isdigit():
        served = _by_postal_code().get(compact, [])
        if len(served) == 1:
            return served[0].code
        raise LookupError(served)
    exact = list(dict.fromkeys(_by_key().get(query, [])))
    if len(exact) == 1:
        return exact[0].code
    candidates = exact or [c for c, _ in search(raw)]
    if len(candidates) == 1 and len(query) >= 3 and name_key(candidates[0].name).startswith(query):
        # A unique prefix ("Roubai") is the same commune, nothing else matches.
        return candidates[0].code
    raise LookupError(candidates)
