"""Flow definitions: the shipped flows load, and wrong definitions are
refused with a message naming the file and the question."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from questionnaires import FlowError, Kind, flow_names, load_flow

MINIMAL = """
title: Test
questions:
  - id: commune
    kind: commune
    text: Commune
    field: commune
  - group: applicant
    role: applicant
    questions:
      - id: birth
        kind: birth
        text: Âge
        field: person.birth_date
  - id: housing
    kind: single_choice
    text: Logement
    field: housing.status
    choices:
      - {value: owner, label: Propriétaire}
      - {value: hosted_free, label: Hébergé}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def append(extra: str) -> str:
    return MINIMAL + textwrap.indent(textwrap.dedent(extra), "  ")


def test_shipped_flows_load():
    # The advisor's form is `kiosk.advisor.form` (every field of the household,
    # a form on one screen); the only shipped flow is the resident's.
    assert flow_names() == ["resident"]
    flow = load_flow("resident")
    assert flow.title and flow.items


def test_a_flow_may_ask_the_month_screened(tmp_path):
    from questionnaire_scripts import TODAY

    from questionnaires import AnswerError, Session

    flow = load_flow(
        write(
            tmp_path,
            MINIMAL.replace(
                "questions:\n",
                "questions:\n  - id: month\n    kind: month\n    text: Mois étudié\n    field: month\n",
                1,
            ),
        )
    )
    session = Session(flow, lang="fr", today=TODAY)
    for typed, code in (("13/2025", "month_invalid"), ("avril", "month_invalid"), ("01/2019", "month_out_of_range")):
        with pytest.raises(AnswerError) as error:
            session.answer(typed)
        assert error.value.code == code
        assert session.current.id == "month"
    session.answer("06/2025")
    assert session.answers["month"] == "2025-06"
    session.back()
    session.answer("2025-07")
    assert session.answers["month"] == "2025-07"


def test_minimal_flow_loads_from_a_path(tmp_path):
    flow = load_flow(write(tmp_path, MINIMAL))
    assert list(flow.questions) == ["commune", "birth", "housing"]


@pytest.mark.parametrize(
    ("extra", "question", "message"),
    [
        (
            """
            - id: rent
              kind: money
              text: Loyer
              field: housing.rent
              colour: red
            """,
            "rent",
            "unknown field 'colour'",
        ),
        (
            """
            - id: rent
              kind: money
              text: Loyer
              field: housing.rent
              when: {question: tenancy, equals: tenant_private}
            """,
            "rent",
            "condition on a question that does not exist: 'tenancy'",
        ),
        (
            """
            - id: pets
              kind: yes_no
              text: Avez-vous un chat ?
            """,
            "pets",
            "mapped to no household field",
        ),
        (
            """
            - id: pets
              kind: yes_no
              text: Avez-vous un chat ?
              field: housing.cat
            """,
            "pets",
            "not a field of the household model",
        ),
        (
            """
            - id: first
              kind: yes_no
              gate: true
              text: A ?
              when: {question: second, equals: true}
            - id: second
              kind: yes_no
              gate: true
              text: B ?
              when: {question: first, equals: true}
            """,
            "second",
            "conditions form a cycle: first -> second -> first",
        ),
        (
            """
            - id: loop
              kind: yes_no
              gate: true
              text: A ?
              when: {question: loop, equals: true}
            """,
            "loop",
            "cycle",
        ),
        (
            """
            - id: status2
              kind: single_choice
              text: Logement
              field: housing.status
              choices:
                - {value: castle, label: Château}
                - {value: owner, label: Propriétaire}
            """,
            "status2",
            "value 'castle' does not fit",
        ),
        (
            """
            - id: shared
              kind: yes_no
              text: Colocation ?
              field: housing.shared
              when: {question: housing, equals: owner, in: [owner]}
            """,
            "shared",
            "exactly one operator",
        ),
        (
            """
            - id: unused
              kind: yes_no
              gate: true
              text: Rien ?
            """,
            "unused",
            "no condition or repeat uses it",
        ),
        (
            """
            - id: shared
              kind: money
              text: Colocation ?
              field: housing.shared
            """,
            "shared",
            "cannot fill 'housing.shared'",
        ),
    ],
)
def test_wrong_definitions_name_the_file_and_question(tmp_path, extra, question, message):
    path = write(tmp_path, append(extra))
    with pytest.raises(FlowError) as error:
        load_flow(path)
    text = str(error.value)
    assert str(path) in text
    assert repr(question) in text
    assert message in text


def test_later_dependency_is_refused(tmp_path):
    text = MINIMAL.replace(
        "        field: person.birth_date\n",
        "        field: person.birth_date\n        when: {question: housing, equals: owner}\n",
    )
    with pytest.raises(FlowError, match="'birth'.*'housing', which is asked later"):
        load_flow(write(tmp_path, text))


def test_a_person_needs_a_birth_date(tmp_path):
    text = MINIMAL.replace("field: person.birth_date", "field: person.pregnant").replace("kind: birth", "kind: yes_no")
    with pytest.raises(FlowError, match="group 'applicant'.*birth_date"):
        load_flow(write(tmp_path, text))


def test_unknown_flow_name():
    with pytest.raises(FlowError, match="no flow named 'nope'"):
        load_flow("nope")


def test_every_dont_know_is_documented():
    for question, _group in load_flow("resident").questions.values():
        if question.dont_know is not None:
            assert len(question.dont_know.why) > 30, question.id


def test_resident_kinds_cover_the_issue():
    kinds = {q.kind for q, _g in load_flow("resident").questions.values()}
    assert kinds >= {
        Kind.single_choice,
        Kind.multiple_choice,
        Kind.yes_no,
        Kind.count,
        Kind.money,
        Kind.birth,
        Kind.commune,
    }
