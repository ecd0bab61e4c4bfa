"""The hand-over code (a kiosk session as one line of text) and what a
session stopped half-way gives: the household data so far and the
questions still to ask."""

from __future__ import annotations

import base64
import json
import re
import zlib
from datetime import date

import pytest
from questionnaire_scripts import COUPLE_TWO_CHILDREN, PARENT_TWO_CHILDREN, TODAY, answer_first, drive

from questionnaires import IncompleteSession, Session, handover, load_flow


def new(**kwargs) -> Session:
    kwargs.setdefault("today", TODAY)
    return Session(load_flow("resident"), **kwargs)


def code_of(payload: bytes) -> str:
    return handover.PREFIX + base64.b32encode(zlib.compress(payload, 9)).decode("ascii").rstrip("=")


# ------------------------------------------------------------------ the code
def test_code_round_trip_letters_and_digits_only():
    session = drive(new(lang="ar"), COUPLE_TWO_CHILDREN)
    code = handover.encode(session)
    # QR "alphanumeric" mode and a keyboard-like scanner: A-Z and 2-7 only.
    assert re.fullmatch(handover.PREFIX + r"[A-Z2-7]+", code)
    assert len(code) < 1000
    data = handover.decode(code)
    assert data == json.loads(json.dumps(session.to_dict()))
    assert Session.from_dict(data).household() == session.household()


def test_code_is_short_enough_for_a_small_qr_code():
    # Values unlike the sessions the preset dictionary was made from: only
    # the keys and structure are shared, as with a real resident.
    script = {
        **COUPLE_TWO_CHILDREN,
        "commune": "Tourcoing",
        "birth": date(1977, 2, 17),
        "salary": (1333.33, "month"),
        "alimony": 212.5,
        "partner_birth": 51,
        "partner_unemployment": 1087.4,
        "child_birth": [date(2009, 12, 24), 13],
        "child_school": ["lycee", "college"],
        "rent": 612.8,
        "received": ["af", "aide_logement"],
    }
    session = drive(new(lang="uk", site_commune="59350"), script)
    code = handover.encode(session)
    # Version 10 of a QR code at level L holds 395 alphanumeric characters
    # (57×57 modules, 61×31 characters with its margin).
    assert len(code) < 395, len(code)
    assert Session.from_dict(handover.decode(code)).household() == session.household()


def test_code_ignores_case_spaces_and_line_breaks():
    session = answer_first(new(), PARENT_TWO_CHILDREN, 5)
    code = handover.encode(session)
    assert handover.looks_like_code("  " + code.lower())
    assert handover.decode(" " + code[:40].lower() + "\n" + code[40:] + "\r\n") == session.to_dict()


def test_damaged_codes_raise_value_error():
    code = handover.encode(drive(new(), PARENT_TWO_CHILDREN))
    middle = len(code) // 2
    changed = code[:middle] + ("Q" if code[middle] != "Q" else "R") + code[middle + 1 :]
    for damaged in (code[:-7], code[:middle], changed, handover.PREFIX, handover.PREFIX + "A" * 9, "BAD1" + code[4:]):
        with pytest.raises(ValueError):
            handover.decode(damaged)


def test_zlib_bombs_are_not_inflated():
    big = code_of(b" " * 10_000_000)
    assert len(big) > handover.MAX_CODE_CHARS  # refused before inflating
    with pytest.raises(ValueError):
        handover.decode(big)
    # Short enough to be read, but it would inflate past the limit.
    small = code_of(b" " * 4_000_000)
    assert len(small) <= handover.MAX_CODE_CHARS
    with pytest.raises(ValueError):
        handover.decode(small)


def test_valid_codes_that_are_not_sessions():
    with pytest.raises(ValueError):
        handover.decode(code_of(b"[1, 2]"))
    with pytest.raises(ValueError):  # too deep for json: a ValueError too, not a RecursionError
        handover.decode(code_of(b"[" * 30_000 + b"]" * 30_000))
    # Any object comes back: telling a session from the rest is the reader's job.
    assert handover.decode(code_of(b'{"commune": "59350"}')) == {"commune": "59350"}


# ------------------------------------------------------------- half-way data
def test_partial_household_data_holds_the_answers_so_far():
    session = answer_first(new(), PARENT_TWO_CHILDREN, 13)  # up to child 1's school
    assert not session.all_answered
    with pytest.raises(IncompleteSession):
        session.household()
    with pytest.raises(IncompleteSession):
        session.household_data()
    data = session.partial_household_data()
    assert data["commune"] == "59350" and data["month"] == "2025-06"
    assert data["housing"] == {}
    applicant, first, second = data["people"]
    assert applicant["id"] == "applicant" and applicant["activity"] == "employed"
    assert applicant["income"] == {"salary": 1200.0, "alimony": 150.0}
    assert date.fromisoformat(applicant["birth_date"]) == date(1990, 11, 30)  # 34 on 1 June 2025
    assert first == {"id": "children1", "role": "child", "birth_date": "2014-09-01", "school": "college"}
    assert second == {"id": "children2", "role": "child"}  # known to exist, nothing answered yet
    # A typed age is an answer, not an estimate ("I don't know" is).
    assert data["estimated"] == []


def test_partial_data_has_no_partner_before_couple_is_answered():
    session = answer_first(new(), COUPLE_TWO_CHILDREN, 9)  # up to "pregnant"
    assert session.current.id == "couple"
    assert [p["role"] for p in session.partial_household_data()["people"]] == ["applicant"]
    session.answer(True)
    assert [p["role"] for p in session.partial_household_data()["people"]] == ["applicant", "partner"]


def test_partial_data_of_a_whole_session_is_its_household_data():
    session = drive(new(), PARENT_TWO_CHILDREN)
    assert session.partial_household_data() == session.household_data()


def test_unanswered_lists_what_is_still_to_ask():
    session = answer_first(new(lang="en"), PARENT_TWO_CHILDREN, 4)  # up to the activity
    # Money questions wait for the income question; the rent for the housing.
    assert [q.key for q in session.unanswered()] == [
        "applicant[0].incomes",
        "applicant[0].disabled",
        "applicant[0].pregnant",
        "couple",
        "child_count",
        "housing",
        "received",
    ]
    assert session.unanswered()[0].text == "What money do you receive each month?"
    session.answer(PARENT_TWO_CHILDREN["incomes"])
    assert [q.key for q in session.unanswered()][:2] == ["applicant[0].salary", "applicant[0].alimony"]
    assert drive(session, PARENT_TWO_CHILDREN).unanswered() == []
