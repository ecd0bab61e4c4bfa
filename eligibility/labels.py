"""Names and texts from the benefit catalog, in the reader's language.

The catalog (`eligibility/*.yaml`) holds French; its `name`, `summary`,
document and reason texts are extracted into the message catalogs by
`locales.extract`, so gettext finds them under their French text. They
live here, beside the catalog, because `locales` knows nothing of benefits.

The official French short name (RSA, APL, Chèque énergie…) always stays
visible: it is what the person says or reads at the counter.
"""

from __future__ import annotations

from eligibility import catalog
from locales import SOURCE_LANGUAGE, check_language, gettext


def _benefit(benefit_id: str):
    try:
        return catalog.benefits()[benefit_id]
    except KeyError:
        raise KeyError(f"unknown benefit {benefit_id!r}") from None


def official_name(benefit_id: str) -> str:
    """French name with its acronym, as the institutions write it:
    "Revenu de solidarité active (RSA)"."""
    return _benefit(benefit_id).official_name


def benefit_label(benefit_id: str, lang: str) -> str:
    """The benefit's name in `lang` with the French short name kept:
    fr "Revenu de solidarité active (RSA)", en "Active solidarity income — RSA",
    ar "دخل التضامن الفعال — RSA". Untranslated: the French official name."""
    check_language(lang)
    benefit = _benefit(benefit_id)
    if lang == SOURCE_LANGUAGE:
        return benefit.official_name
    translated = gettext(lang, benefit.name)
    if translated == benefit.name:
        return benefit.official_name
    if benefit.short in translated:
        return translated
    return f"{translated} — {benefit.short}"


def benefit_summary(benefit_id: str, lang: str) -> str:
    """The one-sentence summary of the benefit in `lang`."""
    return gettext(check_language(lang), _benefit(benefit_id).summary)


def document_text(code: str, lang: str) -> str:
    """A document to bring (`eligibility/documents.yaml`), in `lang`."""
    return gettext(check_language(lang), catalog.documents()[code])


def reason_text(code: str, lang: str) -> str:
    """A reason code's text (`eligibility/reasons.yaml`) in `lang`;
    `missing_input:<field>` shares the text of `missing_input`."""
    return gettext(check_language(lang), catalog.reason_text(code))


def institution_name(institution_id: str, lang: str) -> str:
    """The institution's name in `lang` with its French name kept visible:
    en "Family allowance fund — CAF"."""
    check_language(lang)
    institution = catalog.institutions()[institution_id]
    if lang == SOURCE_LANGUAGE:
        return institution.name
    translated = gettext(lang, institution.name)
    if translated == institution.name or institution.name in translated:
        return translated
    # A one-word short name (CAF, CPAM, Carsat, ASP) is what people see on
    # letters; otherwise keep the French name itself.
    kept = institution.short if " " not in institution.short else institution.name
    return f"{translated} — {kept}"
