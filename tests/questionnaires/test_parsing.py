"""Typed text: amounts, numbers, dates and ages in each language's
conventions; ambiguity refused, never guessed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from questionnaire_scripts import SINGLE_WORKER_TENANT, TODAY

from eligibility.parsing import ParseError, parse_date_text, parse_integer, parse_number
from locales import LANGUAGES
from questionnaires import AnswerError, Session


@pytest.mark.parametrize("lang", ["fr", "en", "ar", "fa", "es", "ru", "tr"])
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 200,50 €", "1200.50"),
        ("1\u202f200,50\u00a0€", "1200.50"),
        ("1,200.50", "1200.50"),
        ("1.200,50", "1200.50"),
        ("1200", "1200"),
        ("€ 350", "350"),
        ("12,5", "12.5"),
        ("12.50", "12.5"),
        ("۱۲۰۰٫۵", "1200.5"),
        ("١٢٠٠", "1200"),
        ("0", "0"),
    ],
)
def test_amounts_in_every_convention(lang, text, value):
    assert parse_number(text, lang, currency=True) == Decimal(value)


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
@pytest.mark.parametrize("text", ["1,200", "1.200", "12.345", "2,500"])
def test_thousands_or_decimals_is_ambiguous(lang, text):
    with pytest.raises(ParseError) as error:
        parse_number(text, lang, currency=True)
    assert error.value.code == "number_ambiguous"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abc", "number_invalid"),
        ("12 €€ 3x", "number_invalid"),
        ("-5", "amount_negative"),  # an amount: the household model's own code
        ("", "empty_answer"),
        ("1,2,3,4", "number_invalid"),
    ],
)
def test_bad_numbers(text, code):
    with pytest.raises(ParseError) as error:
        parse_number(text, "fr", currency=True)
    assert error.value.code == code


def test_integers():
    assert parse_integer("3", "fr") == 3
    assert parse_integer("٣", "ar") == 3
    with pytest.raises(ParseError, match="integer_expected"):
        parse_integer("2,5", "fr")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "25/03/1990", date(1990, 3, 25)),
        ("fr", "03/04/1990", date(1990, 4, 3)),
        ("fr", "3.4.1990", date(1990, 4, 3)),
        ("fr", "1990-04-03", date(1990, 4, 3)),
        ("en", "3/25/1990", date(1990, 3, 25)),  # CLDR short M/d/y
        ("en", "25/03/1990", date(1990, 3, 25)),  # DD/MM/YYYY
        ("de" if "de" in LANGUAGES else "ru", "25.03.1990", date(1990, 3, 25)),
        ("fa", "1990/3/25", date(1990, 3, 25)),  # CLDR short y/M/d
        ("fa", "۲۵/۰۳/۱۹۹۰", date(1990, 3, 25)),
        ("ar", "25\u200f/3\u200f/1990", date(1990, 3, 25)),
    ],
)
def test_dates(lang, text, expected):
    assert parse_date_text(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "code"),
    [
        ("en", "03/04/1990", "date_ambiguous"),  # 3 April or March 4
        ("fr", "3/4/90", "date_year_two_digits"),
        ("fr", "31/02/1990", "date_invalid"),
        ("fr", "le 3 avril", "date_invalid"),
        ("fr", "3/4", "date_invalid"),
    ],
)
def test_bad_dates(lang, text, code):
    with pytest.raises(ParseError) as error:
        parse_date_text(text, lang)
    assert error.value.code == code


def _at(question_id: str, lang: str = "fr") -> Session:
    session = Session("resident", lang=lang, today=TODAY)
    while session.current.id != question_id:
        session.answer(SINGLE_WORKER_TENANT[session.current.id])
    return session


def test_money_question_accepts_text_tuples_and_numbers():
    for answer, expected in [
        ("1 100,50 €", 1100.5),
        (1100, 1100.0),
        (("13 200", "year"), 1100.0),
        ({"amount": 13200, "per": "year"}, 1100.0),
        (Decimal("99.99"), 99.99),
    ]:
        session = _at("salary")
        session.answer(answer)
        assert session.current.id != "salary"
        script = dict(SINGLE_WORKER_TENANT)
        while session.current is not None:
            session.answer(script[session.current.id])
        assert session.household().applicant.income.salary == pytest.approx(expected)


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("1,200", "number_ambiguous"),
        ("", "empty_answer"),
        ("-3", "amount_negative"),
        (float("nan"), "number_invalid"),
        (5_000_000, "amount_too_large"),
        (("100", "week"), "period_invalid"),
        (True, "answer_invalid"),
        ("beaucoup", "number_invalid"),
    ],
)
def test_money_refusals_are_translated_and_keep_the_question(answer, code):
    session = _at("salary")
    with pytest.raises(AnswerError) as error:
        session.answer(answer)
    assert error.value.code == code
    assert error.value.message and "{" not in error.value.message
    assert session.current.id == "salary"


def test_ambiguous_message_shows_both_readings():
    session = _at("salary")
    with pytest.raises(AnswerError) as error:
        session.answer("1,200")
    assert "1,2" in error.value.message and "1\u202f200" in error.value.message


def test_rent_is_monthly_only():
    session = _at("rent")
    assert [p for p, _label in session.current.periods] == ["month"]
    with pytest.raises(AnswerError):
        session.answer(("6000", "year"))


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        (12, "age_too_low"),
        ("12", "age_too_low"),
        (130, "age_invalid"),
        (date(2012, 1, 1), "age_too_low"),
        (date(2030, 1, 1), "birth_date_in_future"),
        ("1/1/1890", "birth_date_too_old"),
        (-1, "age_invalid"),
        ("2,5", "date_invalid"),
        (True, "answer_invalid"),
    ],
)
def test_out_of_range_ages_are_refused(answer, code):
    session = _at("birth")
    with pytest.raises(AnswerError) as error:
        session.answer(answer)
    assert error.value.code == code


def test_child_age_limit():
    session = Session("resident", today=TODAY)
    script = {**SINGLE_WORKER_TENANT, "child_count": 1}
    while session.current.id != "child_birth":
        session.answer(script[session.current.id])
    with pytest.raises(AnswerError) as error:
        session.answer(30)
    assert error.value.code == "age_too_high"
    session.answer("0")
    assert session.current.id == "child_disability"  # no school question under 3


def test_count_question():
    session = _at("child_count")
    for bad, code in [
        ("-1", "number_negative"),
        ("99", "count_out_of_range"),
        ("1,5", "integer_expected"),
        ("deux", "number_invalid"),
        (2.5, "integer_expected"),
    ]:
        with pytest.raises(AnswerError) as error:
            session.answer(bad)
        assert error.value.code == code, bad
    session.answer(" 2 ")
    assert session.current.repeat_count == 2


def test_choice_by_label_and_value():
    session = _at("nationality")
    with pytest.raises(AnswerError) as error:
        session.answer("martian")
    assert error.value.code == "choice_unknown"
    session.answer("un autre pays")
    assert session.answers["applicant[0].nationality"] == "other"


def test_multiple_choice_exclusive_and_empty():
    session = _at("incomes")
    for bad, code in [([], "empty_answer"), (["none", "salary"], "choice_exclusive"), (["lottery"], "choice_unknown")]:
        with pytest.raises(AnswerError) as error:
            session.answer(bad)
        assert error.value.code == code
    session.answer(["pension", "salary", "salary"])
    assert session.answers["applicant[0].incomes"] == ["salary", "pension"]


def test_yes_no_text():
    session = _at("disabled")
    with pytest.raises(AnswerError):
        session.answer("peut-être")
    session.answer("OUI")
    assert session.answers["applicant[0].disabled"] is True
