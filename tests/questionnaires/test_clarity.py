"""What a resident reads about their own answers: estimated answers in the
questions' words, questions that apply to them, benefits by the French name
on their letters, a child's birth as month/year."""

from __future__ import annotations

from datetime import date

import pytest
from questionnaire_scripts import PARENT_TWO_CHILDREN, SINGLE_WORKER_TENANT, TODAY, drive

from eligibility import catalog
from locales import LANGUAGES, gettext
from questionnaires import Session, load_flow


def new(lang: str = "fr") -> Session:
    return Session("resident", lang=lang, today=TODAY)


@pytest.mark.parametrize("lang", ["fr", "ar", "uk"])
def test_estimated_labels_are_the_questions_in_the_persons_language(lang):
    script = {**SINGLE_WORKER_TENANT, "salary": "dont_know"}  # disability_rate is "dont_know" too
    session = drive(new(lang), script)
    labels = session.estimated_labels()
    assert labels == [
        gettext(lang, "Combien gagnez-vous par mois ?"),
        gettext(lang, "Quel pourcentage est écrit sur votre lettre de la MDPH ?"),
    ]
    assert not any("people[" in label or "." in label.split()[0] for label in labels)
    # The household still names the fields, for the rules and the advisor.
    assert session.estimated == ["people[0].income.salary", "people[0].disability_rate"]


def test_a_typed_age_is_not_an_estimate_but_a_repeated_question_is_named():
    script = {**PARENT_TWO_CHILDREN, "child_disability": [None, "dont_know"]}
    session = drive(new(), script)
    # Ages were typed (34, 4): answers, not estimates.
    assert session.estimated == ["people[2].disability_rate"]
    assert session.estimated_labels() == ["Cet enfant a-t-il un handicap reconnu par la MDPH ? (Enfant 2 sur 2)"]


def test_no_estimate_no_label():
    session = drive(new(), {**SINGLE_WORKER_TENANT, "disability_rate": 0.8})
    assert session.estimated_labels() == [] and session.household().estimated == []


def test_pregnancy_is_asked_once_per_household_without_assuming_who():
    flow = load_flow("resident")
    texts = [q.text for q, _group in flow.questions.values()]
    assert "Êtes-vous enceinte ?" not in texts
    pregnancy = [q for q, _g in flow.questions.values() if q.field == "person.pregnant"]
    assert len(pregnancy) == 1 and pregnancy[0].text == "Attendez-vous un bébé ?"
    # Once for a couple with two children: never in the partner's questions.
    script = {
        **PARENT_TWO_CHILDREN,
        "couple": True,
        "partner_birth": 30,
        "partner_activity": "employed",
        "partner_incomes": ["none"],
    }
    session = new()
    asked = []
    for _ in range(100):
        q = session.current
        if q is None:
            break
        asked.append(q.id)
        value = script[q.id]
        session.answer(value[q.repeat_index - 1] if isinstance(value, list) and q.repeat_index else value)
    assert asked.count("pregnant") == 1


def test_received_lists_every_benefit_screened():
    flow = load_flow("resident")
    received = next(q for q, _g in flow.questions.values() if q.field == "received")
    values = {c.value for c in received.choices if not c.exclusive}
    assert values == set(catalog.benefits())


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "fr"])
def test_received_choices_keep_the_french_name_in_every_language(lang):
    session = new(lang)
    script = {k: v for k, v in SINGLE_WORKER_TENANT.items() if k != "received"}
    for _ in range(60):
        q = session.current
        if q.id == "received":
            break
        session.answer(script[q.id])
    flow = load_flow("resident")
    french = {c.value: c.label for c in flow.question("received").choices if not c.exclusive}
    shown = dict(session.current.choices)
    for value, label in french.items():
        assert label in shown[value], (value, shown[value])
    # The prime d'activité, known from CAF letters, is there by its name.
    assert "Prime d'activité" in shown["ppa"]


@pytest.mark.parametrize(("typed", "born"), [("03/2021", date(2021, 3, 1)), ("3-2021", date(2021, 3, 1))])
def test_a_childs_birth_as_month_and_year(typed, born):
    script = {**PARENT_TWO_CHILDREN, "child_birth": [typed, 4]}
    household = drive(new(), script).household()
    assert household.children[0].birth_date == born
    assert household.estimated == []


def test_an_impossible_month_is_refused_with_a_message():
    from questionnaires import AnswerError

    session = new()
    script = dict(PARENT_TWO_CHILDREN)
    for _ in range(60):
        if session.current.id == "child_birth":
            break
        session.answer(script[session.current.id])
    with pytest.raises(AnswerError) as error:
        session.answer("13/2021")
    assert error.value.message and "13/2021" in error.value.message
