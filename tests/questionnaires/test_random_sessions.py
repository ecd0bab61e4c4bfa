"""Random answer sequences, with back and changed answers: the session only
ever raises AnswerError, and a complete session yields a valid household."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from questionnaire_scripts import TODAY

from eligibility.household import Household
from questionnaires import DONT_KNOW, AnswerError, Session, load_flow

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10, max_value=200),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "1 200,50 €",
            "1,200",
            "03/04/1990",
            "25/12/1980",
            "Lille",
            "59350",
            "Roubaix",
            DONT_KNOW,
            "oui",
            "non",
            "12",
            "0",
            "٣",
            "1/1/2090",
            "04/2025",
        ]
    ),
    st.dates(min_value=date(1880, 1, 1), max_value=date(2040, 1, 1)),
    st.lists(st.text(max_size=8), max_size=3),
    st.tuples(st.sampled_from(["300", "1 200", 99.5]), st.sampled_from(["month", "year", "week"])),
)


def valid(question) -> object:
    """A plausible answer that the question accepts."""
    kind = question.kind
    if kind in ("single_choice", "yes_no"):
        return question.choices[0][0]
    if kind == "multiple_choice":
        return [question.choices[0][0]]
    if kind == "count":
        return question.min
    if kind == "money":
        return 0
    if kind == "birth":
        return {"applicant": 30, "partner": 32, "child": 5}.get(question.role, 40)
    if kind == "commune":
        return "59350"
    if kind == "month":
        return "06/2025"
    raise AssertionError(kind)


def a_good_answer(data, question):
    kind = question.kind
    if kind in ("single_choice", "yes_no") and question.choices:
        return data.draw(st.sampled_from([v for v, _ in question.choices]))
    if kind == "multiple_choice":
        values = [v for v, _ in question.choices]
        return data.draw(st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True))
    if kind == "count":
        return data.draw(st.integers(min_value=question.min, max_value=min(question.max, 4)))
    if kind == "money":
        return data.draw(
            st.one_of(
                st.integers(0, 5000),
                st.tuples(st.integers(0, 60000), st.sampled_from([p for p, _ in question.periods])),
            )
        )
    if kind == "birth":
        return data.draw(st.integers(min_value=question.min or 0, max_value=question.max or 90))
    return valid(question)


def finish(session: Session) -> None:
    for _ in range(500):
        if session.current is None:
            return
        session.answer(valid(session.current))
    raise AssertionError("did not finish")


def run(flow_name: str, data) -> None:
    flow = load_flow(flow_name)
    session = Session(
        flow, lang=data.draw(st.sampled_from(["fr", "en", "ar", "uk"])), site_commune="59350", today=TODAY
    )
    steps = data.draw(st.integers(min_value=0, max_value=60))
    for _ in range(steps):
        action = data.draw(st.sampled_from(["good", "good", "good", "junk", "back", "language"]))
        if action == "back":
            session.back()
            continue
        if action == "language":
            session.set_language(data.draw(st.sampled_from(["fr", "fa", "es"])))
            continue
        question = session.current
        if question is None:
            session.back()
            continue
        value = a_good_answer(data, question) if action == "good" else data.draw(JUNK)
        before = session.to_dict()
        try:
            session.answer(value)
        except AnswerError as error:
            assert error.code and error.message
            assert session.to_dict() == before  # nothing moved
        progress = session.progress
        assert progress.done >= 0 and progress.remaining >= 0
    # Save, resume, and finish with plausible answers.
    session = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    finish(session)
    assert session.is_complete
    household = session.household()
    Household.model_validate(household.model_dump(mode="json"))
    assert household.estimated == session.estimated


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_random_resident_sessions(data):
    run("resident", data)
