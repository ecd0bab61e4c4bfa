"""Validation errors as located, translatable lines."""

from __future__ import annotations

from pydantic import ValidationError

from locales import translate_error


def location(error: dict) -> str:
    context = error.get("ctx") or {}
    if "loc" in context:
        return context["loc"]
    text = ""
    for part in error["loc"]:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "household"


def describe(error: ValidationError, lang: str = "fr") -> list[str]:
    """One `field: message` line per problem, in `lang` when translated."""
    lines = []
    for item in error.errors():
        message = item["msg"]
        try:
            message = translate_error(lang, item["type"], item.get("ctx") or {}) or message
        except ValueError:  # a language we do not ship: pydantic's English text
            pass
        lines.append(f"{location(item)}: {message}")
    return lines
