"""Every shipped language drives the same flows to the same household, with
typed values and with text written in that language's conventions."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date, get_date_format
from babel.numbers import format_decimal
from questionnaire_scripts import COUPLE_TWO_CHILDREN, SINGLE_WORKER_TENANT, TODAY, drive

from locales import LANGUAGES, gettext, is_rtl
from questionnaires import Session


def test_the_fourteen_languages_are_shipped():
    assert set(LANGUAGES) == {"fr", "en", "ar", "es", "fa", "ps", "pt", "ro", "ru", "uk", "ka", "ca", "tr", "sq"}


def reference(script: dict, flow: str = "resident"):
    return drive(Session(flow, lang="fr", today=TODAY), script).household()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_same_household_whatever_the_language(lang):
    for script in (SINGLE_WORKER_TENANT, COUPLE_TWO_CHILDREN):
        session = drive(Session("resident", lang=lang, today=TODAY), script)
        assert session.household() == reference(script)


def _full_year_short_pattern(lang: str) -> str:
    pattern = get_date_format("short", locale=lang).pattern
    return pattern.replace("yyyy", "y").replace("yy", "y")


def as_text(session: Session, script: dict) -> None:
    """Answer like a person would type, in the session's language."""
    lang = session.lang
    while session.current is not None:
        q = session.current
        value = script[q.id]
        if isinstance(value, list) and q.repeat_index is not None and q.kind != "multiple_choice":
            value = value[q.repeat_index - 1]
        if q.kind in ("single_choice", "yes_no") and value != "dont_know":
            label = dict(q.choices)[value]
            session.answer(label)
        elif q.kind == "money" and isinstance(value, (int, float)):
            # Babel's own formatting for the language, with the native digits.
            session.answer(format_decimal(value + 0.25, locale=lang, numbering_system="default") + " €")
        elif q.kind == "birth" and isinstance(value, date):
            session.answer(format_date(value, _full_year_short_pattern(lang), locale=lang))
        elif q.kind in ("birth", "count") and isinstance(value, int):
            session.answer(format_decimal(value, locale=lang, numbering_system="default"))
        elif q.kind == "commune":
            session.answer(" ROUBAIX ")
        else:
            session.answer(value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_typed_text_in_each_language(lang):
    # The 25th of the month: no day/month ambiguity in any short format.
    script = {**SINGLE_WORKER_TENANT, "birth": date(1990, 3, 25), "salary": 1100, "rent": 520}
    session = Session("resident", lang=lang, today=TODAY)
    as_text(session, script)
    household = session.household()
    assert household.commune == "59512"
    assert household.applicant.birth_date == date(1990, 3, 25)
    assert household.applicant.income.salary == pytest.approx(1100.25)
    assert household.housing.rent == pytest.approx(520.25)
    assert household.applicant.residence_permit_years == 6


@pytest.mark.parametrize("lang", LANGUAGES)
def test_questions_and_errors_are_shown_in_the_language(lang):
    session = Session("resident", lang=lang, today=TODAY)
    question = session.current
    assert question.text == gettext(lang, "Dans quelle ville habitez-vous ?")
    try:
        session.answer("")
    except Exception as error:
        assert error.code == "empty_answer"
        assert error.message == gettext(lang, "Merci de répondre à la question.")


def test_set_language_changes_texts_not_answers():
    session = Session("resident", lang="fr", today=TODAY)
    session.answer("Lille")
    before = session.answers
    for lang in LANGUAGES:
        session.set_language(lang)
        assert session.current.text == gettext(lang, "Quel âge avez-vous ?")
        assert session.answers == before


def test_rtl_languages_are_known():
    assert is_rtl("ar") and is_rtl("fa") and is_rtl("ps") and not is_rtl("fr")
