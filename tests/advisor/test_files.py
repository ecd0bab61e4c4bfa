"""Picking up a kiosk session in the advisor: from a file, pasted JSON or
its hand-over code, finished or stopped half-way; and what is refused."""

from __future__ import annotations

import base64
import json
import shutil
import zlib
from datetime import date

import pytest

from eligibility.screening import Status
from kiosk.advisor import files
from kiosk.advisor import form as forms
from kiosk.advisor.screening import screen_forms
from questionnaires import Session, handover, load_flow
from questionnaires.flow import FLOWS_DIR
from tests.questionnaires.questionnaire_scripts import PARENT_TWO_CHILDREN, TODAY, drive, half_session

# What a resident still had to answer after the 13 first screens of
# PARENT_TWO_CHILDREN (stopped after the first child's school), in French
# although they used the kiosk in Arabic.
STILL_TO_ASK = [
    "Enfant 1 sur 2 : Cet enfant a-t-il un handicap reconnu par la MDPH ?",
    "Enfant 2 sur 2 : Quel âge a cet enfant ?",
    "Enfant 2 sur 2 : Cet enfant a-t-il un handicap reconnu par la MDPH ?",
    "Depuis quand élevez-vous seul vos enfants ?",
    "Quel est votre logement ?",
    "Quelles aides recevez-vous déjà ?",
]


def whole_session() -> Session:
    return drive(Session(load_flow("resident"), lang="uk", today=TODAY), PARENT_TWO_CHILDREN)


def code_of(payload: bytes) -> str:
    return handover.PREFIX + base64.b32encode(zlib.compress(payload, 9)).decode("ascii").rstrip("=")


def _check_half(imported: files.Imported, session: Session) -> None:
    assert not imported.complete and imported.household is None
    assert imported.lang == "ar"
    assert imported.answers == 13
    assert imported.missing == STILL_TO_ASK
    form = imported.to_form()
    assert form["month"] == "06/2025"
    assert form["commune"] == "59350"
    assert form["housing.status"] is None and form["housing.rent"] == ""
    assert [(p["id"], p["role"]) for p in form["people"]] == [
        ("applicant", "applicant"),
        ("children1", "child"),
        ("children2", "child"),
    ]
    applicant, first, second = form["people"]
    # An age was given: the session turned it into a date, which the form shows.
    born = date.fromisoformat(session.answers["applicant[0].birth"]["date"])
    assert applicant["birth_date"] == forms.date_text(born) and born.year in (1990, 1991)
    assert applicant["activity"] == "employed" and applicant["nationality"] == "fr"
    assert applicant["income.salary"] == "1200"  # 14 400 a year
    assert applicant["income.alimony"] == "150"
    assert applicant["income.unemployment"] == "" and applicant["pregnant"] is False
    assert first["birth_date"] == "01/09/2014" and first["school"] == "college"
    assert second["birth_date"] == "" and second["school"] is None
    assert form["received"] == {}
    assert form["estimated"] == []  # a typed age is an answer, not an estimate
    # The form's own parsing names what is missing.
    parsed = forms.parse_form(form)
    assert parsed.missing == ["housing.status", "people[2].birth_date"]
    assert not parsed.errors


@pytest.fixture
def half() -> Session:
    return half_session()


def test_unfinished_session_from_a_file(half, tmp_path):
    path = tmp_path / "session.json"
    path.write_text(json.dumps(half.to_dict(), ensure_ascii=False))
    _check_half(files.load(path), half)
    _check_half(files.load_text(f"  {path}\n"), half)


def test_unfinished_session_from_pasted_json(half):
    _check_half(files.load_text(json.dumps(half.to_dict())), half)
    _check_half(files.load_text(json.dumps(half.to_dict(), indent=2)), half)


def test_unfinished_session_from_its_code(half):
    code = handover.encode(half)
    _check_half(files.load_text(code), half)
    # As a scanner or a copy from the screen may give it.
    _check_half(files.load_text(code.lower()[:200] + "\n " + code.lower()[200:] + "\r\n"), half)


def test_unfinished_session_screens_with_unknowns(half, engine):
    [screening] = screen_forms(engine, [files.load_text(handover.encode(half)).to_form()])
    by_id = {b.id: b for b in screening.benefits}
    assert by_id["aide_logement"].status == Status.unknown
    assert by_id["aide_logement"].reasons == ["missing_input:housing.status"]


def test_finished_session_gives_the_same_household(tmp_path):
    session = whole_session()
    assert session.is_complete
    path = tmp_path / "fini.json"
    path.write_text(json.dumps(session.to_dict()))
    for imported in (files.load_text(handover.encode(session)), files.load_text(str(path))):
        assert imported.complete and imported.form is None and imported.missing == []
        assert imported.household == session.household()
        assert imported.lang == "uk"
        assert forms.parse_form(imported.to_form()).household() == session.household()


def test_every_answer_given_is_enough_even_after_going_back():
    session = whole_session()
    session.back()  # looking again at the last screen: not "complete"
    assert not session.is_complete
    assert files.load_text(handover.encode(session)).household == session.household()


def test_an_existing_file_wins_over_a_code_look_alike(tmp_path, half, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aad1-foyer.json").write_text(json.dumps(half.to_dict()))
    _check_half(files.load_text("aad1-foyer.json"), half)


def _refused(text: str) -> str:
    with pytest.raises(files.ImportRefused) as caught:
        files.load_text(text)
    assert caught.value.message()
    return caught.value.code


def test_hostile_codes_are_refused(half):
    code = handover.encode(half)
    middle = len(code) // 2
    changed = code[:middle] + ("B" if code[middle] != "B" else "C") + code[middle + 1 :]
    assert _refused(code[: len(code) - 12]) == "code_damaged"
    assert _refused(code[:middle]) == "code_damaged"
    assert _refused(changed) == "code_damaged"
    assert _refused(code + "8") == "code_damaged"  # not a base 32 letter
    assert _refused(code_of(b" " * 10_000_000)) == "code_damaged"  # a zlib bomb
    assert _refused(code_of(b"[" * 30_000 + b"]" * 30_000)) == "code_damaged"  # too deep for json
    assert _refused(code_of(json.dumps({"commune": "59350"}).encode())) == "code_not_session"
    assert _refused(code_of(b'"AAD1"')) == "code_damaged"  # JSON, but not an object
    empty = Session(load_flow("resident"), today=TODAY)
    assert _refused(handover.encode(empty)) == "session_empty"


def test_an_imported_session_cannot_name_a_flow_file(half, tmp_path):
    # A real, valid flow on disk: refused all the same, since an imported
    # session may only name the shipped flows (else any file would be read).
    flow = tmp_path / "resident.yaml"
    shutil.copy(FLOWS_DIR / "resident.yaml", flow)
    data = half.to_dict() | {"flow": str(flow)}
    assert Session.from_dict(data).answers == half.answers  # the library would accept it
    assert _refused(code_of(json.dumps(data).encode())) == "session_invalid"
    assert _refused(json.dumps(data)) == "session_invalid"


def test_pasted_household_json(family):
    imported = files.load_text(files.dumps(family))
    assert imported.complete and imported.household == family and imported.lang is None


def test_other_texts_are_refused(tmp_path):
    missing = tmp_path / "absent.json"
    assert _refused(str(missing)) == "not_found"
    assert _refused("{ pas du json") == "not_json"
    assert _refused("[1, 2]") == "not_object"
    assert _refused('{"format": 1, "answers": {}, "flow": "resident", "lang": "xx"}') == "session_invalid"


def test_special_files_are_refused_without_waiting(tmp_path):
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(files.ImportRefused) as caught:
            files.load_text(str(path))
        assert caught.value.code == "not_regular"
        assert "pas un fichier ordinaire" in caught.value.message()
