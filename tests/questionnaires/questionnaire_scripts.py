"""Scripted answers shared by the questionnaire tests.

A script maps a question id to the answer to give; `drive` answers whatever
the session asks, so a script only needs the questions its path meets, and a
question the script does not know fails the test loudly.
"""

from __future__ import annotations

from datetime import date

from questionnaires import Session, load_flow

TODAY = date(2025, 6, 15)

SINGLE_NO_INCOME_HOSTED = {
    "commune": "59000",  # Lille's postal code
    "birth": 40,
    "nationality": "fr",
    "activity": "unemployed",
    "incomes": ["none"],
    "worked_five_years": False,
    "disabled": False,
    "pregnant": False,
    "couple": False,
    "child_count": 0,
    "housing": "hosted_free",
    "received": ["none"],
}

SINGLE_WORKER_TENANT = {
    "commune": "Roubaix",
    "birth": date(1990, 3, 12),
    "nationality": "other",
    "permit_years": 6,
    "activity": "employed",
    "incomes": ["salary"],
    "salary": 1100,
    "disabled": True,
    "disability_rate": "dont_know",
    "pregnant": False,
    "couple": False,
    "child_count": 0,
    "housing": "tenant_private",
    "rent": 520,
    "received": ["aide_logement"],
}

PARENT_TWO_CHILDREN = {
    "commune": "59000",  # Lille's postal code
    "birth": 34,
    "nationality": "fr",
    "activity": "employed",
    "incomes": ["salary", "alimony"],
    "salary": (14400, "year"),
    "alimony": 150,
    "disabled": False,
    "pregnant": False,
    "couple": False,
    "child_count": 2,
    "child_birth": [date(2014, 9, 1), 4],
    "child_school": ["college", "primary"],
    "child_disability": [None, None],
    "single_parent_since": 18,
    "housing": "tenant_social",
    "rent": 430,
    "received": ["af"],
}

COUPLE_TWO_CHILDREN = {
    **PARENT_TWO_CHILDREN,
    "couple": True,
    "partner_birth": 36,
    "partner_activity": "unemployed",
    "partner_incomes": ["unemployment"],
    "partner_unemployment": 900,
}


def drive(session: Session, script: dict, limit: int = 200) -> Session:
    """Answer every question the session asks from `script`. A list in the
    script gives one answer per repeat (child 1, child 2…)."""
    for _ in range(limit):
        question = session.current
        if question is None:
            return session
        if question.id not in script:
            raise AssertionError(f"the script has no answer for {question.key!r}")
        answer_first(session, script, 1)
    raise AssertionError("the session did not end")


def answer_first(session: Session, script: dict, count: int) -> Session:
    """Answer the `count` first questions the session asks, from `script`."""
    for _ in range(count):
        question = session.current
        answer = script[question.id]
        if isinstance(answer, list) and question.repeat_index is not None:
            answer = answer[question.repeat_index - 1]
        session.answer(answer)
    return session


def half_session(count: int = 13) -> Session:
    """PARENT_TWO_CHILDREN at the kiosk, in Arabic, up to the first child's
    school: the second child's age, the housing and the benefits received
    are still to ask (a resident who stopped half-way)."""
    session = Session(load_flow("resident"), lang="ar", site_commune="59350", today=TODAY)
    return answer_first(session, PARENT_TWO_CHILDREN, count)
