"""The advisor's files from the keyboard (Pilot): export and its question
before overwriting, import (refused files, a FIFO), the PDF summary saved
when there is no printer, a preset then an export."""

from __future__ import annotations

import json

import pytest

from eligibility.household import Household
from tests.advisor.advisor_helpers import screen_text, settle, side_text, start_over, wait_until

# One app for the module (conftest `shared_app`), in the module's event loop.
pytestmark = [pytest.mark.heavy, pytest.mark.asyncio(loop_scope="module")]


async def test_focus_after_a_switch_and_print_at_once(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    salary = app.person_widget(0, "income.salary")
    app.set_focus(salary)
    await pilot.press("ctrl+d")
    await pilot.pause()
    # The same field, in the new scenario: what is typed goes to that one.
    assert app.current == 1 and app.focused is app.person_widget(0, "income.salary")
    await pilot.press("end", "0")
    assert [s.form["people"][0]["income.salary"] for s in app.scenarios] == ["1100", "11000"]
    await pilot.press("f6", "ctrl+p")
    await pilot.pause(0.5)
    assert app.current == 0 and salary.value == "1100"  # the field shows scenario 1 again
    assert "Résumé PDF du scénario 1" in screen_text(app)


async def test_save_asks_before_overwriting(shared_app, family, tmp_path):
    app, pilot = shared_app
    target = tmp_path / "out.json"
    target.write_text("keep me")
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
    await pilot.pause()
    assert "existe déjà" in screen_text(app)
    assert target.read_text() == "keep me"
    await pilot.press("enter")
    await pilot.pause()
    assert Household.model_validate_json(target.read_text()) == family


async def test_preset_and_import(shared_app, family, tmp_path):
    app, pilot = shared_app
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(family.model_dump(mode="json") | {"people": "everyone"}))
    await start_over(pilot, app, family, tmp_path)
    assert app.scenario.parsed.household() == family
    before = json.dumps(app.form, sort_keys=True)
    error = app.import_path(str(hostile))
    assert error and "refusé" in error
    assert json.dumps(app.form, sort_keys=True) == before
    await pilot.press("f3")
    await pilot.pause()
    await pilot.press("3")  # a child is born
    await settle(pilot, app)
    assert len(app.scenarios) == 2
    assert len(app.scenarios[1].parsed.household().children) == 3
    assert "(par rapport au 1) : Naissance d'un enfant (mai 2025)" in side_text(screen_text(app))
    # Export from the screen: ctrl+s, a path, Enter.
    await pilot.press("ctrl+s")
    await pilot.pause()
    target = tmp_path / "out.json"
    await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
    await pilot.pause()
    assert Household.model_validate_json(target.read_text()) == app.scenarios[1].parsed.household()


async def test_print_saves_a_pdf_when_no_printer(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("ctrl+p")
    await pilot.pause()
    target = tmp_path / "resume.pdf"
    await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
    await wait_until(pilot, target.exists, 10)
    assert target.read_bytes().startswith(b"%PDF")


async def test_importing_a_fifo_from_the_dialog_is_refused(shared_app, family, tmp_path):
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("ctrl+o")
    await pilot.pause()
    app.screen.query_one("#path").value = str(fifo)
    await pilot.press("enter")
    await wait_until(pilot, lambda: "pas un fichier ordinaire" in screen_text(app), 5)
    assert "Fichier refusé : ce n'est pas un fichier ordinaire" in screen_text(app)
    await pilot.press("escape")
    await pilot.pause()
    assert app.focused is not None  # the app still answers


async def test_a_path_no_file_can_have_is_refused_in_the_dialog(shared_app, family, tmp_path):
    """A path pasted with a NUL in it (or "~" then a NUL) raised ValueError
    in the export and PDF dialogs: now the dialog says why, in French, and
    stays open for another name; the situation stays."""
    from textual import events

    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    for key in ("ctrl+s", "ctrl+p"):
        for pasted in (f"{tmp_path}/a\x00b", "~\x00x"):
            await pilot.press(key)
            assert await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "path")
            await pilot.press("ctrl+a", "ctrl+k")
            app.focused.post_message(events.Paste(pasted))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            text = screen_text(app)
            assert "Impossible d'écrire le fichier : ce chemin n'est pas valide" in " ".join(text.split()), text
            assert app.focused.id == "path"  # the dialog is still there
            await pilot.press("escape")
            await pilot.pause()
    assert app.scenario.parsed.household() == family
