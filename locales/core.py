"""Languages and message catalogs.

French is the source language: every msgid is the French text. Each
language has `locales/<code>/LC_MESSAGES/messages.po`; a `.po` is compiled
in memory with Babel on first use, so no build step is needed. A compiled
`messages.mo` beside it (from `pybabel compile`) is used instead when it is
at least as new as the `.po`. Nothing is ever written at run time.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# Code -> name of the language, written in that language. The order is the
# order of the language picker: French first, then by how often the
# languages are needed at the counters of the Lille metropolis.
LANGUAGES: dict[str, str] = {
    "fr": "Français",
    "en": "English",
    "ar": "العربية",
    "es": "Español",
    # Dari (Persian as spoken in Afghanistan). Babel and CLDR know it as `fa`.
    "fa": "دری",
    "ps": "پښتو",
    "pt": "Português",
    "ro": "Română",
    "ru": "Русский",
    "uk": "Українська",
    "ka": "ქართული",
    "ca": "Català",
    "tr": "Türkçe",
    "sq": "Shqip",
}

SOURCE_LANGUAGE = "fr"
DOMAIN = "messages"

_ROOT = resources.files("locales")


def N_(message: str) -> str:
    """Mark a French string for extraction; it is translated later, where the
    language is known (`gettext(lang, message)`)."""
    return message


def check_language(lang: str) -> str:
    """Return `lang` if it is one of LANGUAGES, else raise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def catalog_path(lang: str) -> Traversable:
    return _ROOT / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _mtime(entry: Traversable) -> float | None:
    try:
        return os.stat(entry).st_mtime  # type: ignore[arg-type]
    except (TypeError, OSError):
        return None


def _compile_po(po: Traversable, lang: str) -> bytes:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    # Fuzzy translations are guesses from an older French text: never shown.
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _mo_bytes(lang: str) -> bytes | None:
    po = catalog_path(lang)
    mo = _ROOT / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.is_file():
        po_time, mo_time = _mtime(po), _mtime(mo)
        if not po.is_file() or (po_time is not None and mo_time is not None and mo_time >= po_time):
            return mo.read_bytes()
    if po.is_file():
        return _compile_po(po, lang)
    return None


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of `lang` (cached). A missing catalog gives the French
    source texts. Unknown language: ValueError."""
    check_language(lang)
    data = _mo_bytes(lang)
    if data is None:
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(BytesIO(data))


def gettext(lang: str, message: str) -> str:
    """`message` (French) in `lang`; the French text when not translated."""
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` (French) for the number `n` in `lang`."""
    return translations(lang).ngettext(singular, plural, n)


def pgettext(lang: str, context: str, message: str) -> str:
    """`message` in `lang`, told apart from the same French text elsewhere
    by `context` (e.g. pgettext(lang, "bouton", "Suivant"))."""
    return translations(lang).pgettext(context, message)


def npgettext(lang: str, context: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).npgettext(context, singular, plural, n)
