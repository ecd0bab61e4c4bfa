"""Import and export of a household as JSON.

Export: the library's own format, `Household.model_dump(mode="json")`.
Import: that format, or a kiosk session (`Session.to_dict()`), finished or
not: a resident often stops half-way and then sees an advisor, who picks up
what was answered and asks the rest. The session comes as a file, as pasted
JSON, or as its hand-over code (`questionnaires.handover`), which is what
the kiosk shows since it writes nothing to disk; `load_text` tells them apart.
Anything else — too big, too deeply nested, not JSON, wrong types, unknown
fields, a damaged code — raises `ImportRefused` with a French message, before
anything in the advisor's form is touched.

Its messages are for staff and in French, like every advisor screen: they
are declared here, once, and not in the project's error table
(`locales/errors.py`), which is extracted into the residents' 14 catalogs
(README, "Languages"). What is wrong *inside* a household comes from that
table all the same (`translate_pydantic_error`), in French: the advisor
reads the same sentences as the batch and the kiosk.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from eligibility.errors import located, location
from eligibility.household import Household
from locales import translate_pydantic_error

MAX_BYTES = 512 * 1024
MAX_DEPTH = 10

# The advisor's file messages (import and export), by code.
MESSAGES = {
    "too_big": "Fichier refusé : il est trop gros (plus de {limit} Ko).",
    "not_found": "Fichier introuvable : {path}",
    "unreadable": "Fichier illisible : {error}",
    "not_regular": "Fichier refusé : ce n'est pas un fichier ordinaire ({path}).",
    "not_json": "Fichier refusé : ce n'est pas du JSON valide.",
    "too_deep": "Fichier refusé : sa structure est trop imbriquée.",
    "not_object": "Fichier refusé : il ne décrit pas un foyer.",
    "invalid_household": "Fichier refusé, le foyer n'est pas valide :",
    "unknown_field": "champ inconnu",
    "session_invalid": "Fichier refusé : session de la borne illisible.",
    "session_empty": "Cette session de la borne ne contient encore aucune réponse : rien à reprendre.",
    "code_damaged": "Code refusé : il est incomplet ou abîmé. Scannez-le ou recopiez-le à nouveau.",
    "code_not_session": "Code refusé : il ne contient pas une session de la borne.",
    "read_timeout": "Lecture abandonnée : le fichier ne répond pas au bout de {seconds} secondes.",
    "not_written": "Impossible d'écrire le fichier : {error}",
}


#: Why a file could not be read or written, in the advisor's French: the
#: system's own words (`strerror`) are in the system's language.
REASONS = {
    errno.ENOENT: "ce dossier n'existe pas",
    errno.EACCES: "accès refusé",
    errno.EPERM: "accès refusé",
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "le quota du disque est dépassé",
    errno.EROFS: "le disque est en lecture seule",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENAMETOOLONG: "le nom est trop long",
    errno.EIO: "erreur de lecture ou d'écriture du disque",
}


def message(code: str, **values: object) -> str:
    return MESSAGES[code].format(**values)


def reason(error: Exception) -> str:
    """Why reading or writing a file failed, for a message: a system error,
    or a path no file can have (a NUL in it, pasted)."""
    if isinstance(error, OSError):
        return REASONS.get(error.errno, error.strerror or type(error).__name__)
    return "ce chemin n'est pas valide"


def write(path: str | Path, data: bytes) -> Path:
    """Write a file the worker named, and return where; OSError or
    ValueError (see reason)."""
    target = _expanded(path)
    with open(target, "wb") as handle:
        handle.write(data)
    return target


class ImportRefused(ValueError):
    def __init__(self, code: str, details: list[str] | None = None, **values: object):
        super().__init__(code)
        self.code = code
        self.details = details or []
        self.values = values

    def message(self) -> str:
        return "\n".join([message(self.code, **self.values), *(f"  – {d}" for d in self.details[:8])])


@dataclass
class Imported:
    """A whole household (a JSON file, or a finished kiosk session) in
    `household`; or, for a kiosk session stopped half-way, the advisor form
    with what was answered in `form` and the questions still to ask, in
    French, in `missing`."""

    household: Household | None = None
    lang: str | None = None  # the resident's language, for a kiosk session
    form: dict | None = None
    missing: list[str] = field(default_factory=list)
    answers: int = 0  # how many answers the session holds

    @property
    def complete(self) -> bool:
        return self.household is not None

    def to_form(self) -> dict:
        """The advisor form to show (a new dict each time)."""
        from kiosk.advisor.form import copy_form, form_from_household

        return form_from_household(self.household) if self.household is not None else copy_form(self.form)


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


def loads(data: bytes | str) -> Imported:
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
    if _is_session(value):
        return _from_session(value)
    try:
        return Imported(Household.model_validate(value))
    except ValidationError as error:
        details = []
        for item in error.errors():
            if item["type"] == "extra_forbidden":
                text = message("unknown_field")
            else:
                text = translate_pydantic_error("fr", item)
            details.append(located(location(item), text, sep=" : "))
        raise ImportRefused("invalid_household", details) from None
    except (TypeError, ValueError, RecursionError):
        raise ImportRefused("not_object") from None


def _is_session(value: dict) -> bool:
    return "answers" in value and "format" in value


def _from_session(value: dict) -> Imported:
    from kiosk.advisor.form import form_from_partial
    from questionnaires import IncompleteSession, Session, flow_names

    # A session names its flow, and a name with a "/" is read as a path: an
    # imported one could make the advisor read any file (/dev/zero never
    # ends). The kiosk only writes the shipped flows' names.
    if value.get("flow") not in flow_names():
        raise ImportRefused("session_invalid")
    try:
        session = Session.from_dict(value)
    except Exception:  # any malformed session: refused, whatever broke
        raise ImportRefused("session_invalid") from None
    # Answers that no longer fit the flow were dropped while resuming.
    count = len(session.answers)
    if not count:
        raise ImportRefused("session_empty")
    lang = session.lang
    # Every question answered is enough, even if the person went back to
    # look at an earlier screen: the household is whole.
    if session.all_answered:
        try:
            return Imported(session.household(), lang=lang, answers=count)
        except (IncompleteSession, ValidationError, ValueError):
            raise ImportRefused("session_invalid") from None
    # The advisor reads French, whatever the resident's language.
    session.set_language("fr")
    missing = [f"{q.title} : {q.text}" if q.title else q.text for q in session.unanswered()]
    try:
        form = form_from_partial(session.partial_household_data())
    except (KeyError, TypeError, ValueError):
        raise ImportRefused("session_invalid") from None
    return Imported(lang=lang, form=form, missing=missing, answers=count)


def _expanded(path: str | Path) -> Path:
    # os.path's: pathlib's expanduser raises for "~name" of no such user.
    return Path(os.path.expanduser(path))


def load(path: str | Path) -> Imported:
    try:
        # A path with a NUL in it (pasted) names no file: ValueError.
        path = _expanded(path)
        info = path.stat()
    except (FileNotFoundError, ValueError):
        raise ImportRefused("not_found", path=str(path)) from None
    except OSError as error:
        raise ImportRefused("unreadable", error=reason(error)) from None
    try:
        # A FIFO would block the read until someone writes to it, a device
        # (/dev/zero) never ends: only regular files are opened.
        if not stat.S_ISREG(info.st_mode):
            raise ImportRefused("not_regular", path=str(path))
        if info.st_size > MAX_BYTES:
            raise ImportRefused("too_big", limit=MAX_BYTES // 1024)
        # O_NONBLOCK: should the path be swapped for a FIFO after the check,
        # opening it still returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ImportRefused("not_regular", path=str(path))
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImportRefused("not_found", path=str(path)) from None
    except OSError as error:
        raise ImportRefused("unreadable", error=reason(error)) from None
    return loads(data)


def exists(path: str, *, file: bool = False) -> bool:
    """Is something (with `file`, a regular file) at `path`? False for a
    path no file can have, and (os.path's, not pathlib's) for a name too
    long to be one, such as a 600-character code."""
    try:
        target = os.path.expanduser(path)
    except ValueError:  # "~" then a NUL: the user's name is looked up
        return False
    return os.path.isfile(target) if file else os.path.exists(target)


def load_text(text: str) -> Imported:
    """What the worker typed, pasted or scanned into the import dialog: the
    path of a file, JSON text, or a hand-over code."""
    from questionnaires import handover

    text = text.strip()
    # An existing file wins: a file may well be named "aad1….json".
    if exists(text, file=True):
        return load(text)
    if handover.looks_like_code(text):
        try:
            value = handover.decode(text)
        except ValueError:
            raise ImportRefused("code_damaged") from None
        if not _is_session(value):
            raise ImportRefused("code_not_session")
        return _from_session(value)
    if text.startswith(("{", "[")):
        return loads(text)
    return load(text)


def dumps(household: Household) -> str:
    return json.dumps(household.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def save(household: Household, path: str | Path) -> Path:
    return write(path, dumps(household).encode("utf-8"))
