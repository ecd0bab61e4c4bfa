"""Errors as located lines: the one place where a location is written.

A location is the path of a field in the household's JSON
(`people[1].income.salary`), or a column of the batch's CSV (`p2_salary`),
or a key of a configuration file (`places[0].hours`); a located line is
`where: message`. The messages themselves are in `locales.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from locales import translate_error


def path(loc: Iterable[str | int]) -> str:
    """A pydantic location as a path: ("people", 1, "income") -> people[1].income."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def located(where: str, message: str, *, sep: str = ": ") -> str:
    """`where: message`, or the message alone when there is no location.
    `sep=" : "` for French typography in French texts."""
    return f"{where}{sep}{message}" if where else message


def located_error(where: str, lang: str, code: str, context: dict | None = None) -> str:
    """The message of the error `code` (`locales.errors`) in `lang`, at `where`."""
    return located(where, translate_error(lang, code, context))


def location(error: dict) -> str:
    """Where one item of `ValidationError.errors()` is: the location a model
    validator carried in its context (`household._located`), else its path."""
    context = error.get("ctx") or {}
    if "loc" in context:
        return context["loc"]
    return path(error["loc"]) or "household"


def describe(error: ValidationError, lang: str = "fr") -> list[str]:
    """One `field: message` line per problem, in `lang` when translated."""
    lines = []
    for item in error.errors():
        message = item["msg"]
        try:
            message = translate_error(lang, item["type"], item.get("ctx") or {}) or message
        except ValueError:  # a language we do not ship: pydantic's English text
            pass
        lines.append(located(location(item), message))
    return lines


def describe_file(error: ValidationError, top: str = "(file)") -> list[str]:
    """One `key: message` line per problem of a configuration or data file
    (places, kiosk configuration, flows), in English for whoever edits it."""
    return [
        located(
            path(item["loc"]) or top,
            "unknown key (misspelt?)" if item["type"] == "extra_forbidden" else item["msg"],
        )
        for item in error.errors()
    ]
