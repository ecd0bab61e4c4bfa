"""The session runner on the resident flow: paths, skip logic, back,
estimated answers, saving and resuming."""

from __future__ import annotations

import json
from datetime import date

import pytest
from questionnaire_scripts import (
    COUPLE_TWO_CHILDREN,
    PARENT_TWO_CHILDREN,
    SINGLE_NO_INCOME_HOSTED,
    SINGLE_WORKER_TENANT,
    TODAY,
    drive,
)

from eligibility.household import Household
from questionnaires import DONT_KNOW, AnswerError, IncompleteSession, Session, load_flow


def new(**kwargs) -> Session:
    kwargs.setdefault("today", TODAY)
    return Session(load_flow("resident"), **kwargs)


def screens(script: dict) -> int:
    session = drive(new(), script)
    assert session.is_complete
    return session.progress.done


def test_single_adult_without_children_in_at_most_15_screens():
    # A job seeker without unemployment benefit is asked about the last ten
    # years of work (ASS): 12 screens; 11 for others (SINGLE_WORKER_TENANT
    # does not know their disability rate, so is not asked about the RSDAE).
    assert screens(SINGLE_NO_INCOME_HOSTED) == 12
    assert screens({**SINGLE_NO_INCOME_HOSTED, "activity": "retired"}) == 11
    assert screens(SINGLE_WORKER_TENANT) == 15


def test_parent_with_two_children_in_at_most_25_screens():
    assert screens(PARENT_TWO_CHILDREN) <= 25
    assert screens(COUPLE_TWO_CHILDREN) <= 25


def test_single_adult_household():
    household = drive(new(), SINGLE_NO_INCOME_HOSTED).household()
    assert isinstance(household, Household)
    assert household.commune == "59350"
    assert household.housing.status == "hosted_free"
    assert household.housing.rent is None
    assert [p.role for p in household.people] == ["applicant"]
    assert household.applicant.age_at(household.month.first_day) == 40
    assert household.applicant.income.total() == 0
    assert household.received == {}
    # An age instead of a birth date is an answer, not an estimate.
    assert household.estimated == []
    Household.model_validate(household.model_dump(mode="json"))


def test_worker_household_and_estimates():
    session = drive(new(), SINGLE_WORKER_TENANT)
    household = session.household()
    assert household.commune == "59512"  # Roubaix
    assert household.applicant.birth_date == date(1990, 3, 12)
    assert household.applicant.nationality == "other"
    assert household.applicant.residence_permit_years == 6
    assert household.applicant.income.salary == 1100
    assert household.applicant.disability_rate == 0.5  # documented default
    assert household.housing.rent == 520
    assert household.received == {"aide_logement": None}
    assert session.estimated == ["people[0].disability_rate"]
    assert household.estimated == session.estimated


def test_parent_household_children_and_yearly_salary():
    household = drive(new(), PARENT_TWO_CHILDREN).household()
    assert [p.id for p in household.people] == ["applicant", "children1", "children2"]
    assert household.applicant.income.salary == 1200  # 14 400 a year
    assert household.applicant.income.alimony == 150
    first, second = household.children
    assert first.birth_date == date(2014, 9, 1) and first.school == "college"
    assert second.age_at(household.month.first_day) == 4 and second.school == "primary"
    assert household.estimated == []


def test_couple_household():
    household = drive(new(), COUPLE_TWO_CHILDREN).household()
    assert household.partner is not None
    assert household.partner.income.unemployment == 900
    assert [p.role for p in household.people] == ["applicant", "partner", "child", "child"]


def test_no_rent_question_for_an_owner_and_no_children_questions_without_children():
    session = new()
    asked = []
    script = {**SINGLE_NO_INCOME_HOSTED, "housing": "owner"}
    while session.current is not None:
        asked.append(session.current.id)
        session.answer(script[session.current.id])
    assert "rent" not in asked
    assert not any(i.startswith("child_") and i != "child_count" for i in asked)


def test_changing_an_earlier_answer_drops_what_no_longer_applies():
    session = drive(new(), PARENT_TWO_CHILDREN)
    assert "children[1].child_birth" in session.answers
    # Go back to the number of children and say one.
    while session.current is None or session.current.id != "child_count":
        assert session.back()
    assert session.current.value == 2
    session.answer(1)
    assert "children[1].child_birth" not in session.answers
    assert "children[0].child_birth" in session.answers
    # Go back to housing: owner drops the rent.
    while session.current.id != "housing":
        session.answer(session.current.value)
    session.answer("owner")
    assert "rent" not in session.answers
    while not session.is_complete:
        session.answer(session.current.value)
    household = session.household()
    assert len(household.children) == 1 and household.housing.rent is None


def test_back_keeps_the_answer_and_forward_shows_it():
    session = new()
    session.answer("Lille")
    session.answer("35")
    assert session.current.id == "nationality"
    assert session.back()
    assert session.current.id == "birth"
    assert session.current.value == 35
    assert session.back() and not session.back()
    assert session.current.id == "commune" and session.current.value == "59350"


def test_refused_answer_keeps_the_question():
    session = new()
    session.answer("Lille")
    with pytest.raises(AnswerError) as error:
        session.answer("12")
    assert error.value.code == "age_too_low"
    assert "16" in error.value.message
    assert session.current.id == "birth"
    for bad, code in [
        ("", "empty_answer"),
        ("  ", "empty_answer"),
        ("01/01/2031", "birth_date_in_future"),
        ("1/2/85", "date_year_two_digits"),
        ("abc", "date_invalid"),
        (DONT_KNOW, "dont_know_not_allowed"),
    ]:
        with pytest.raises(AnswerError) as error:
            session.answer(bad)
        assert error.value.code == code, bad
    assert session.current.id == "birth"


def test_unknown_commune_is_refused():
    session = new()
    for bad, code in [
        ("Marseille", "commune_unknown"),
        ("75001", "postal_code_unknown"),  # Paris
        ("62000", "postal_code_unknown"),  # Arras, in the Pas-de-Calais
        ("59999", "postal_code_unknown"),
        ("Saint", "commune_ambiguous"),
        # Bouvines (in the Métropole) and six communes of the Pévèle share it.
        ("59830", "commune_ambiguous"),
    ]:
        with pytest.raises(AnswerError) as error:
            session.answer(bad)
        assert error.value.code == code, bad
    session.answer("villeneuve d'ascq")
    assert session.answers["commune"] == "59009"


def test_typed_digits_are_a_postal_code_and_a_picked_code_an_insee_code():
    # La Poste: 59350 is Saint-André-lez-Lille; INSEE: 59350 is Lille.
    for typed, insee in [("59350", "59527"), ("59 000", "59350"), ("59800", "59350"), ("59491", "59009")]:
        session = new()
        session.answer(typed)
        assert session.answers["commune"] == insee, typed
    session = new()
    [(code, label)] = session.current.search("59350")
    assert (code, label) == ("59527", "Saint-André-lez-Lille (59350)")
    session.answer(code)
    assert session.answers["commune"] == "59527"
    session.back()
    # The stored answer comes back as an INSEE code and is kept as one.
    assert session.current.value == "59527"
    session.answer(session.current.value)
    assert session.answers["commune"] == "59527"


def test_a_shared_postal_code_is_refused_with_every_commune_it_serves():
    session = new()
    with pytest.raises(AnswerError) as error:
        session.answer("59830")
    for name in ("Bachy", "Bourghelles", "Bouvines", "Cobrieux", "Cysoing", "Louvil", "Wannehain"):
        assert name in error.value.message
    assert [label for _, label in session.current.search("59830", limit=20)] == [
        f"{name} (59830)" for name in ("Bachy", "Bourghelles", "Bouvines", "Cobrieux", "Cysoing", "Louvil", "Wannehain")
    ]


def test_a_former_commune_name_finds_the_commune_it_joined():
    session = new()
    assert session.current.search("lomme")[0] == ("59350", "Lille (59000)")
    session.answer("Lomme")
    assert session.answers["commune"] == "59350"


def test_commune_search_puts_the_site_first():
    session = new(site_commune="59350")
    question = session.current
    assert question.kind == "commune"
    assert question.suggested == "59350"
    assert question.search("")[0] == ("59350", "Lille (59000)")
    assert ("59512", "Roubaix (59100)") in question.search("roub")
    assert question.search("lille")[0][0] == "59350"
    assert question.search("5900")[0] == ("59350", "Lille (59000)")


def test_money_with_period_and_dont_know():
    session = drive(new(), {**SINGLE_WORKER_TENANT, "salary": DONT_KNOW})
    assert session.household().applicant.income.salary == pytest.approx(1426.30)
    assert "people[0].income.salary" in session.estimated


def test_incomplete_session_has_no_household():
    session = new()
    session.answer("Lille")
    assert not session.is_complete
    with pytest.raises(IncompleteSession):
        session.household()


def test_to_dict_is_json_and_resumes():
    session = new(site_commune="59350")
    drive_part = dict(PARENT_TWO_CHILDREN)
    for _ in range(8):
        session.answer(drive_part[session.current.id])
    saved = json.loads(json.dumps(session.to_dict()))
    resumed = Session.from_dict(saved)
    assert resumed.current.key == session.current.key
    assert resumed.answers == session.answers
    assert resumed.progress == session.progress
    drive(resumed, PARENT_TWO_CHILDREN)
    drive(session, PARENT_TWO_CHILDREN)
    assert resumed.household() == session.household()


def test_set_language_keeps_answers():
    session = new()
    session.answer("Lille")
    session.set_language("en")
    assert session.lang == "en"
    assert session.answers == {"commune": "59350"}
    with pytest.raises(ValueError):
        session.set_language("xx")


def test_progress_counts_up():
    session = new()
    assert session.progress.done == 0 and session.progress.remaining > 5
    session.answer("Lille")
    assert session.progress.done == 1


def test_repeat_index_for_children():
    session = new()
    script = dict(PARENT_TWO_CHILDREN)
    while session.current.id != "child_birth":
        session.answer(script[session.current.id])
    question = session.current
    assert (question.repeat_index, question.repeat_count) == (1, 2)
    assert question.title == "Enfant 1 sur 2"
    assert question.role == "child"


def test_from_dict_refuses_other_data():
    with pytest.raises(ValueError):
        Session.from_dict({"format": 99})


def test_from_dict_drops_answers_that_no_longer_fit():
    saved = drive(new(), PARENT_TWO_CHILDREN).to_dict()
    saved["answers"]["applicant[0].birth"] = {"date": "2020-01-01", "age": None}  # too young
    saved["answers"]["bogus"] = 1
    session = Session.from_dict(saved)
    assert "bogus" not in session.answers
    assert "applicant[0].birth" not in session.answers
    assert session.current.id == "birth"
