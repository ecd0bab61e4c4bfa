"""The few translation calls the questionnaires need, through `locales`.

`locales` is owned by another module; until it is importable (or if a name
is missing) the French source text is returned, so the questionnaires keep
working in French.
"""

from __future__ import annotations

from typing import Any

LANGUAGES_FALLBACK = ("fr", "en", "ar", "es", "fa", "ps", "pt", "ro", "ru", "uk", "ka", "ca", "tr", "sq")


def _locales():
    try:
        import locales
    except ImportError:  # pragma: no cover - only before locales exists
        return None
    return locales


def N_(message: str) -> str:
    """Mark a French message for extraction; translated later with `gettext`."""
    return message


_ = N_


def languages() -> tuple[str, ...]:
    module = _locales()
    found = getattr(module, "LANGUAGES", None) if module else None
    return tuple(found) if found else LANGUAGES_FALLBACK


def gettext(lang: str, message: str) -> str:
    module = _locales()
    function = getattr(module, "gettext", None) if module else None
    if function is None or not message:
        return message
    try:
        return function(lang, message)
    except (ValueError, LookupError, OSError):
        return message


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    module = _locales()
    function = getattr(module, "ngettext", None) if module else None
    if function is None:
        return singular if n == 1 else plural
    try:
        return function(lang, singular, plural, n)
    except (ValueError, LookupError, OSError):
        return singular if n == 1 else plural


def translate_error(lang: str, code: str, context: dict[str, Any] | None) -> str | None:
    """The translated text of a household validation error code, or None."""
    module = _locales()
    function = getattr(module, "translate_error", None) if module else None
    if function is None:
        return None
    try:
        return function(lang, code, dict(context or {}))
    except (ValueError, LookupError, KeyError, OSError, TypeError):
        return None


def format_money(amount: float, lang: str) -> str:
    module = _locales()
    function = getattr(module, "format_money", None) if module else None
    if function is not None:
        try:
            return function(amount, lang)
        except (ValueError, LookupError, OSError, TypeError):
            pass
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=lang)


def is_rtl(lang: str) -> bool:
    module = _locales()
    function = getattr(module, "is_rtl", None) if module else None
    if function is not None:
        return bool(function(lang))
    from babel import Locale

    return Locale.parse(lang).character_order == "right-to-left"
