"""The advisor picks up a kiosk session left half-way: ctrl+o, the hand-over
code pasted (or scanned), Enter (Pilot)."""

from __future__ import annotations

import json

import pytest
from textual import events
from textual.screen import ModalScreen
from textual.widgets import Select

from eligibility.screening import Status
from kiosk.advisor.dialogs import ImportDialog
from questionnaires import handover
from tests.advisor.advisor_helpers import settle
from tests.questionnaires.questionnaire_scripts import half_session


def _notes(app) -> list[str]:
    notes: list[str] = []
    notify = app.notify

    def keep(message, *args, **kwargs):
        notes.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = keep
    return notes


@pytest.mark.asyncio(loop_scope="module")
async def test_a_damaged_code_is_refused_in_the_dialog(shared_app):
    # First on the module's app (conftest `shared_app`): its form is still
    # empty, and must stay so for the next test.
    code = handover.encode(half_session())
    app, pilot = shared_app
    before = json.dumps(app.form, sort_keys=True)
    await pilot.press("ctrl+o")
    await pilot.pause()
    # A scanner that missed the end: it types what it read, then Enter.
    await pilot.press(*code[:-8], "enter")
    await pilot.pause()
    assert isinstance(app.screen, ImportDialog)  # still open, with the reason
    assert "Code refusé" in str(app.screen.query_one("#dialog-error").render())
    await pilot.press("escape")
    await settle(pilot, app)
    assert json.dumps(app.form, sort_keys=True) == before


@pytest.mark.asyncio(loop_scope="module")
async def test_paste_the_code_of_a_half_finished_session(shared_app):
    session = half_session()
    code = handover.encode(session)
    app, pilot = shared_app
    assert len(app.scenarios) == 1 and app.form["people"][0]["birth_date"] == ""  # as a new app
    notes = _notes(app)
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(app.screen, ImportDialog)
    field = app.screen.query_one("#path")
    assert app.focused is field
    # Copied from a screen over two lines: the whole paste is kept.
    half = len(code) // 2
    field.post_message(events.Paste(code[:half] + "\n" + code[half:]))
    await pilot.pause()
    assert field.value == code[:half] + " " + code[half:]
    await pilot.press("enter")
    await settle(pilot, app)
    assert not isinstance(app.screen, ModalScreen)

    # What the resident answered is in the form…
    assert app.query_one("#f-commune").value == "59350"
    assert app.query_one("#f-month").value == "06/2025"
    assert app.person_widget(0, "income.salary").value == "1200"
    assert app.person_widget(0, "income.alimony").value == "150"
    assert app.person_widget(0, "activity").value == "employed"
    await app.show_person("*")  # every person's fields
    await pilot.pause()
    assert app.person_widget(1, "birth_date").value == "01/09/2014"
    assert app.person_widget(1, "school").value == "college"
    assert app.person_widget(2, "birth_date").value == ""
    assert app.query_one("#f-housing-status").value == Select.NULL
    assert app.person_lang == "ar"
    # …and what was not asked yet shows as missing, with "?" results.
    assert app.scenario.parsed.missing == ["housing.status", "people[2].birth_date"]
    by_id = {b.id: b for b in app.scenario.screening.benefits}
    assert by_id["aide_logement"].status == Status.unknown
    status = str(app.query_one("#status-line").render())
    # In words, never as field paths.
    assert "À compléter : la situation de logement, la date de naissance de l'enfant 2 (personne 3)" in status
    assert "housing.status" not in status and "people[" not in status
    # What the kiosk never asked stays on screen, not only in the notification.
    assert "Session de la borne inachevée" in status and "Quel est votre logement ?" in status
    await pilot.press("ctrl+d")  # a scenario made from it inherits the warning
    await settle(pilot, app)
    assert app.scenarios[1].not_asked == app.scenarios[0].not_asked != []
    [note] = notes
    assert note.startswith("Session de la borne reprise dans le scénario 1 : 13 réponses ; à compléter : ")
    assert "Quel est votre logement ?" in note and "Enfant 2 sur 2 : Quel âge a cet enfant ?" in note


def _hostile(tmp_path) -> dict[str, str]:
    import base64
    import zlib

    def code_of(payload: bytes) -> str:
        return handover.PREFIX + base64.b32encode(zlib.compress(payload, 9)).decode("ascii").rstrip("=")

    code = handover.encode(half_session())
    middle = len(code) // 2
    return {
        "truncated": code[:-12],
        "changed letter": code[:middle] + ("B" if code[middle] != "B" else "C") + code[middle + 1 :],
        "zlib bomb": code_of(b" " * 10_000_000),
        "not a session": code_of(json.dumps({"people": "everyone"}).encode()),
        "no such file": str(tmp_path / "absent.json"),
    }


@pytest.mark.parametrize("case", ["truncated", "changed letter", "zlib bomb", "not a session", "no such file"])
def test_hostile_inputs_leave_the_form_unchanged(make_app, tmp_path, case):
    app = make_app()
    # A form already being filled in by the worker.
    app.form["people"][0]["birth_date"] = "14/03/1991"
    app.form["housing.status"] = "owner"
    before = json.dumps(app.form, sort_keys=True)
    error = app.import_path(_hostile(tmp_path)[case])
    assert error and ("refusé" in error or "introuvable" in error)
    assert json.dumps(app.form, sort_keys=True) == before
    assert app.person_lang == "fr"
