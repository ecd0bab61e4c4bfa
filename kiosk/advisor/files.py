"""Import and export of a household as JSON.

Export: the library's own format, `Household.model_dump(mode="json")`.
Import: that format, or a kiosk session saved with `Session.to_dict()`.
Anything else — too big, too deeply nested, not JSON, wrong types, unknown
fields — raises `ImportRefused` with a French message, before anything in
the advisor's form is touched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from eligibility.household import Household
from locales import N_, gettext, translate_pydantic_error

MAX_BYTES = 512 * 1024
MAX_DEPTH = 10

MESSAGES = {
    "too_big": N_("Fichier refusé : il est trop gros (plus de {limit} Ko)."),
    "not_found": N_("Fichier introuvable : {path}"),
    "unreadable": N_("Fichier illisible : {error}"),
    "not_json": N_("Fichier refusé : ce n'est pas du JSON valide."),
    "too_deep": N_("Fichier refusé : sa structure est trop imbriquée."),
    "not_object": N_("Fichier refusé : il ne décrit pas un foyer."),
    "invalid_household": N_("Fichier refusé, le foyer n'est pas valide :"),
    "session_incomplete": N_("Cette session de la borne n'est pas terminée : reprenez-la à la borne ou saisissez le reste."),
    "session_invalid": N_("Fichier refusé : session de la borne illisible."),
}


class ImportRefused(ValueError):
    def __init__(self, code: str, details: list[str] | None = None, **values: object):
        super().__init__(code)
        self.code = code
        self.details = details or []
        self.values = values

    def message(self, lang: str = "fr") -> str:
        text = gettext(lang, MESSAGES[self.code]).format(**self.values)
        return "\n".join([text, *(f"  – {d}" for d in self.details[:8])])


@dataclass
class Imported:
    household: Household
    lang: str | None = None  # the resident's language, for a kiosk session


def _depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def loads(data: bytes | str, lang: str = "fr") -> Imported:
    if len(data) > MAX_BYTES:
        raise ImportRefused("too_big", limit=MAX_BYTES // 1024)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused("not_json") from None
    if _depth(data) > MAX_DEPTH:
        raise ImportRefused("too_deep")
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        raise ImportRefused("not_json") from None
    if not isinstance(value, dict):
        raise ImportRefused("not_object")
    if "answers" in value and "format" in value:
        return _from_session(value)
    try:
        return Imported(Household.model_validate(value))
    except ValidationError as error:
        details = []
        for item in error.errors():
            where = ".".join(str(p) for p in item["loc"])
            text = (
                gettext(lang, "champ inconnu") if item["type"] == "extra_forbidden" else translate_pydantic_error(lang, item)
            )
            details.append(f"{where} : {text}" if where else text)
        raise ImportRefused("invalid_household", details) from None
    except (TypeError, ValueError, RecursionError):
        raise ImportRefused("not_object") from None


def _from_session(value: dict) -> Imported:
    from questionnaires import IncompleteSession, Session

    try:
        session = Session.from_dict(value)
    except Exception:  # any malformed session: refused, whatever broke
        raise ImportRefused("session_invalid") from None
    if not session.is_complete:
        raise ImportRefused("session_incomplete")
    try:
        return Imported(session.household(), lang=session.lang)
    except (IncompleteSession, ValidationError, ValueError):
        raise ImportRefused("session_invalid") from None


def load(path: str | Path, lang: str = "fr") -> Imported:
    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused("too_big", limit=MAX_BYTES // 1024)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImportRefused("not_found", path=str(path)) from None
    except OSError as error:
        raise ImportRefused("unreadable", error=error.strerror or str(error)) from None
    return loads(data, lang)


def dumps(household: Household) -> str:
    return json.dumps(household.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def save(household: Household, path: str | Path) -> Path:
    path = Path(path).expanduser()
    path.write_text(dumps(household), encoding="utf-8")
    return path
