"""Languages, translations and locale-aware formatting.

French is the source language: texts are written in French in the code
(marked `_()`/`N_()`) and in the YAML data, and translated at the edge::

    from locales import gettext, format_money, display

    text = gettext("ar", "Revenu de solidarité active")
    amount = format_money(646.52, "fr")       # "646,52 €" (CLDR spaces)
    screen = display(text, "ar")              # shaped and reordered for a terminal

In a module with many strings, bind the catalog once; `pybabel extract`
finds both forms::

    _ = translations(lang).gettext
    _("Suivant")

The catalogs are `locales/<lang>/LC_MESSAGES/messages.po`; refresh them with
`python -m locales update`, check them with `python -m locales check`.

This package is the bottom layer: it knows nothing of benefits. Benefit
names in a language are in `eligibility.labels`.
"""

from locales.core import (
    DOMAIN,
    LANGUAGES,
    N_,
    SOURCE_LANGUAGE,
    check_language,
    gettext,
    ngettext,
    npgettext,
    pgettext,
    translations,
)
from locales.display import display, isolate, isolate_latin, join_number_groups, strip_isolates
from locales.errors import ERROR_MESSAGES, translate_error, translate_pydantic_error
from locales.formatting import (
    direction,
    format_date,
    format_money,
    format_month,
    format_number,
    format_percent,
    format_time,
    format_weekday,
    is_rtl,
    list_separators,
)

__all__ = [
    "DOMAIN",
    "ERROR_MESSAGES",
    "LANGUAGES",
    "N_",
    "SOURCE_LANGUAGE",
    "check_language",
    "direction",
    "display",
    "isolate",
    "isolate_latin",
    "join_number_groups",
    "strip_isolates",
    "format_date",
    "format_money",
    "format_month",
    "format_number",
    "format_percent",
    "format_time",
    "format_weekday",
    "list_separators",
    "gettext",
    "is_rtl",
    "ngettext",
    "npgettext",
    "pgettext",
    "translate_error",
    "translate_pydantic_error",
    "translations",
]
