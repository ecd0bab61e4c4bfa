"""Validation messages for people, keyed by the error code: the one table.

`eligibility.household` and `eligibility.periods` raise
`PydanticCustomError`s whose *type* is a stable code; their English message
is for developers. `eligibility.parsing` (typed values), the kiosk's flows
(`questionnaires`) and the advisor's form raise codes too. Here is the
French text of each code, marked with N_() so that `pybabel extract` puts
it in the catalogs. Placeholders are the
keys of the error's context (`{limit}`, `{age}`…); numbers, amounts and
months are formatted for the language before they are put in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from locales.core import N_, check_language, gettext
from locales.formatting import format_money, format_month, format_number

ERROR_MESSAGES: dict[str, str] = {
    # Household (eligibility/household.py)
    "birth_date_in_future": N_("La date de naissance ne peut pas être dans le futur."),
    "birth_date_too_old": N_("Cette date de naissance est trop ancienne. Vérifiez l'année."),
    "unknown_commune": N_("Cette commune n'est pas connue de l'outil (code {code}). Vérifiez la commune."),
    "amount_negative": N_("Un montant ne peut pas être négatif."),
    "amount_too_large": N_("Ce montant est trop grand : plus de {limit} par mois. Vérifiez le nombre."),
    "amount_not_a_number": N_("Écrivez le montant en chiffres, par exemple 450."),
    "disability_rate_out_of_range": N_("Le taux d'incapacité doit être entre 0 et 100 %."),
    "id_not_printable": N_("Cet identifiant contient un caractère invisible. Retapez-le."),
    "duplicate_person_id": N_("Deux personnes ont le même identifiant ({id})."),
    "no_applicant": N_("Il faut indiquer la personne qui fait la demande."),
    "two_applicants": N_("Une seule personne peut faire la demande."),
    "two_partners": N_("Vous ne pouvez indiquer qu'un seul conjoint."),
    "born_after_month": N_("Cette personne est née après le mois étudié."),
    "child_too_old": N_("Un enfant à charge doit avoir {limit} ans ou moins. Âge indiqué : {age}."),
    "adult_too_young": N_(
        "La personne qui fait la demande et son conjoint doivent avoir au moins {limit} ans. Âge indiqué : {age}."
    ),
    "unknown_benefit": N_("Cette aide n'est pas connue de l'outil ({benefit})."),
    "benefit_of_the_household": N_(
        "Cette aide est versée au foyer, pas à une personne ({benefit}) : indiquez-la dans les aides du foyer."
    ),
    "received_twice": N_("Cette aide est indiquée deux fois pour la même personne ({benefit})."),
    "invalid_year": N_("« {year} » n'est pas une année."),
    # Months (eligibility/periods.py)
    "month_out_of_range": N_("Le mois doit être entre {first} et {last}."),
    "invalid_month": N_("« {value} » n'est pas un mois valide."),
    # Pydantic's own codes that a form can meet.
    "missing": N_("Cette réponse est obligatoire."),
    "float_parsing": N_("Écrivez un nombre, par exemple 450."),
    "int_parsing": N_("Écrivez un nombre, par exemple 450."),
    "date_parsing": N_("Cette date n'est pas valide."),
    "date_from_datetime_parsing": N_("Cette date n'est pas valide."),
    "enum": N_("Choisissez une des réponses proposées."),
    "string_too_short": N_("Cette réponse est vide."),
    # Typed values (eligibility/parsing.py), everywhere they are read.
    "empty_answer": N_("Merci de répondre à la question."),
    "number_invalid": N_("« {value} » n'est pas un nombre. Écrivez seulement des chiffres, par exemple 1200."),
    "number_negative": N_("Le nombre ne peut pas être négatif."),
    "number_ambiguous": N_(
        "« {value} » peut se lire {first} ou {second}. Écrivez le nombre sans point ni espace, par exemple 1200."
    ),
    "integer_expected": N_("Écrivez un nombre entier, sans virgule."),
    "date_invalid": N_("« {value} » n'est pas une date. Écrivez-la comme ceci : 25/12/1980."),
    "date_ambiguous": N_(
        "« {value} » peut se lire de deux façons. Écrivez le jour, puis le mois, puis l'année : 25/12/1980."
    ),
    "date_year_two_digits": N_("Écrivez l'année avec 4 chiffres, par exemple 1980."),
    "month_invalid": N_("Écrivez le mois comme ceci : 04/2025."),
    "choice_unknown": N_("Cette réponse ne fait pas partie des choix proposés."),
    # Questions of the kiosk's flows (questionnaires/session.py).
    "session_complete": N_("Le questionnaire est terminé."),
    "count_out_of_range": N_("Écrivez un nombre entre {min} et {max}."),
    "period_invalid": N_("Choisissez « par mois » ou « par an »."),
    "age_too_low": N_("L'âge doit être d'au moins {min} ans."),
    "age_too_high": N_("L'âge doit être de {max} ans au maximum."),
    "age_invalid": N_("Écrivez un âge entre 0 et {max} ans, ou une date de naissance."),
    "choice_exclusive": N_("« {label} » ne peut pas être choisi avec une autre réponse."),
    "dont_know_not_allowed": N_("Ici, il faut une réponse. Demandez de l'aide si besoin."),
    "commune_unknown": N_("Nous ne trouvons pas ce nom dans le département du Nord. Vérifiez le nom de votre ville."),
    "postal_code_unknown": N_(
        "Nous ne trouvons pas ce code postal dans le département du Nord. Vérifiez-le, ou écrivez le nom de votre ville."
    ),
    "commune_ambiguous": N_("Plusieurs villes correspondent : {candidates}. Choisissez la vôtre."),
    "answer_invalid": N_("Cette réponse n'est pas valable."),
    # Fields of the advisor's form (kiosk/advisor/form.py).
    "rate_format": N_("Écrivez un pourcentage entre 0 et 100, par exemple 80."),
    "years_format": N_("Écrivez un nombre d'années entre 0 et 100."),
    "months_format": N_("Écrivez un nombre entier de mois, par exemple 6."),
    "commune_not_found": N_("Commune introuvable : écrivez son code INSEE (5 chiffres) ou son nom exact."),
    "postal_code_shared": N_("Le code postal {code} dessert plusieurs communes ({communes}) : écrivez le nom."),
    # Rows of a caseload CSV file (eligibility/batch_csv.py).
    "csv_cell_too_long": N_("Une cellule fait plus de {limit} caractères : la ligne n'est pas lue."),
    "csv_quote_not_closed": N_(
        "Un guillemet (\") ouvert sur cette ligne n'est pas fermé, ou un guillemet est mal placé."
    ),
    "csv_row_unreadable": N_("Cette ligne CSV ne peut pas être lue ({detail})."),
    "csv_row_width": N_("La ligne a {fields} colonnes, l'en-tête en a {width}."),
    # Lines of a caseload, either format (eligibility/batch_records.py, batch_run.py).
    "line_too_long": N_("Cette ligne fait plus de {limit} octets : elle n'est pas lue."),
    "line_not_text": N_(
        "Cette ligne n'est pas du texte {encoding} (octet 0x{byte}, colonne {column}). Essayez l'option --encoding cp1252."
    ),
    "line_unreadable": N_("Cette ligne ne peut pas être lue ({detail})."),
    "json_malformed": N_("Cette ligne n'est pas du JSON valide (colonne {column} : {detail})."),
    "json_too_deep": N_("Le JSON de cette ligne est imbriqué trop profondément pour être un foyer."),
    "json_number_too_long": N_("Un nombre de cette ligne a plus de {limit} chiffres."),
    "json_not_object": N_("Une ligne doit être un objet JSON (un foyer)."),
    "ref_not_text": N_("La référence doit être un texte ou un nombre entier."),
    "ref_integer_too_long": N_("Une référence en nombre entier a au plus {limit} chiffres."),
    "ref_empty": N_("La référence est vide."),
    "ref_too_long": N_("La référence fait plus de {limit} caractères ({value})."),
    "ref_unsafe": N_("La référence contient un caractère de contrôle ou invisible ({value})."),
    "ref_duplicate": N_("La référence {value} est déjà celle de la ligne {line}."),
    "screening_failed": N_("Le calcul a échoué pour ce foyer ({detail})."),
    # A household's file (`python -m eligibility screen`, eligibility/cli.py).
    "file_is_directory": N_("C'est un dossier, pas un fichier."),
    "file_too_large": N_("Ce fichier fait plus de {limit} Mo : ce n'est pas un foyer."),
    "file_wide_unicode": N_("Ce fichier est en UTF-16 ou UTF-32 : enregistrez-le en UTF-8."),
    "file_not_utf8": N_("Ce n'est pas du texte UTF-8 (octet 0x{byte}) : enregistrez le fichier en UTF-8."),
    "file_binary": N_("Ce fichier contient des données binaires (un octet NUL) : ce n'est pas du texte JSON."),
    "file_json_malformed": N_("Ce n'est pas du JSON valide ({detail})."),
    "file_json_too_deep": N_("Le JSON de ce fichier est imbriqué trop profondément pour être un foyer."),
    "file_json_number_too_long": N_("Un nombre de ce fichier a plus de {limit} chiffres."),
}

GENERIC_ERROR = N_("Cette réponse n'est pas valide. Vérifiez-la, s'il vous plaît.")

# How a context value is written in the reader's language, per code and key.
_Formatter = Callable[[Any, str], str]

# Context values that are whole numbers (limits, ages, counts, columns, lines).
_WHOLE_NUMBERS = [
    ("child_too_old", "limit"),
    ("child_too_old", "age"),
    ("adult_too_young", "limit"),
    ("adult_too_young", "age"),
    ("csv_cell_too_long", "limit"),
    ("csv_row_width", "fields"),
    ("csv_row_width", "width"),
    ("line_too_long", "limit"),
    ("line_not_text", "column"),
    ("json_malformed", "column"),
    ("json_number_too_long", "limit"),
    ("ref_integer_too_long", "limit"),
    ("ref_too_long", "limit"),
    ("ref_duplicate", "line"),
    ("file_too_large", "limit"),
    ("file_json_number_too_long", "limit"),
]


def _whole(value: Any, lang: str) -> str:
    return format_number(int(value), lang)


_FORMATTERS: dict[tuple[str, str], _Formatter] = {
    ("amount_too_large", "limit"): lambda v, lang: format_money(float(v), lang),
    ("month_out_of_range", "first"): lambda v, lang: format_month(str(v), lang),
    ("month_out_of_range", "last"): lambda v, lang: format_month(str(v), lang),
    ("number_ambiguous", "first"): lambda v, lang: _decimal(v, lang),
    ("number_ambiguous", "second"): lambda v, lang: _decimal(v, lang),
    **dict.fromkeys(_WHOLE_NUMBERS, _whole),
}


def _decimal(value: Any, lang: str) -> str:
    """A reading of an ambiguous number, written as the language writes it
    (so that a person sees the two readings differ)."""
    return format_decimal(Decimal(str(value)), locale=lang, decimal_quantization=False)


class _Blank(dict):
    """Missing placeholders are left blank rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def translate_error(lang: str, code: str, context: Mapping[str, Any] | None = None) -> str:
    """The message for a validation error `code` in `lang`, with the values
    of `context` (a pydantic error's `ctx`) put in. Unknown code: a generic
    message."""
    check_language(lang)
    french = ERROR_MESSAGES.get(code)
    if french is None:
        return gettext(lang, GENERIC_ERROR)
    values = _Blank()
    for key, value in (context or {}).items():
        formatter = _FORMATTERS.get((code, key))
        try:
            values[key] = formatter(value, lang) if formatter else str(value)
        except (TypeError, ValueError, ArithmeticError):
            values[key] = str(value)
    try:
        return gettext(lang, french).format_map(values)
    except (ValueError, IndexError, AttributeError):
        # A broken translation must not hide the error: use the French text.
        return french.format_map(values)


def translate_pydantic_error(lang: str, error: Mapping[str, Any]) -> str:
    """Shortcut for one item of `ValidationError.errors()`."""
    return translate_error(lang, error.get("type", ""), error.get("ctx"))
