"""A new appointment (F9): between two people the worker empties the form,
after a confirmation when something of the previous person is on it, and
nothing of that person can be reached afterwards: not on screen, not in
the scenarios, not in the screenings kept to answer faster."""

from __future__ import annotations

import gc
import weakref

import pytest

from tests.advisor.advisor_helpers import screen_text, settle, start_over, wait_until

pytestmark = pytest.mark.asyncio(loop_scope="module")

# What only the previous person had: a name typed in the form and a salary.
NAME = "Zéphyrine"
SALARY = "1234,56"
SAID = "Nouveau rendez-vous : tout ce qui concernait la personne précédente est effacé."


def _dialog_text(text: str) -> str:
    """The text inside the dialog's frame (drawn over the form), as one line."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "█▀▀▀" in line)
    left, right = lines[top].index("█▀"), lines[top].rindex("▀█") + 1
    inside = []
    for line in lines[top + 1 :]:
        if "▄▄▄" in line[left:right]:
            break
        inside.append(line[left + 1 : right].strip())
    return " ".join(" ".join(inside).split())


async def _person_on_screen(pilot, app, family, tmp_path) -> None:
    await start_over(pilot, app, family, tmp_path)
    app.person_widget(0, "name").value = NAME
    app.person_widget(0, "income.salary").value = SALARY
    await settle(pilot, app)
    await pilot.press("ctrl+d")  # a second scenario
    await settle(pilot, app)
    app.set_focus(app.query_one("#f-commune"))  # a field far down the form
    app.query_one("#f-lang").value = "uk"  # the summary in Ukrainian
    assert await wait_until(pilot, lambda: app.person_lang == "uk", 10)
    assert len(app.scenarios) == 2 and not app.is_blank


async def test_asked_first_and_escape_keeps_everything(shared_app, family, tmp_path):
    app, pilot = shared_app
    await _person_on_screen(pilot, app, family, tmp_path)
    await pilot.press("f9")
    await pilot.pause()
    text = screen_text(app)
    assert "Nouveau rendez-vous : effacer la situation de cette personne, les 2 scénarios" in _dialog_text(text)
    assert "Tout effacer et commencer" in text and "Annuler" in text
    await pilot.press("escape")
    await settle(pilot, app)
    assert len(app.scenarios) == 2 and app.person_lang == "uk"
    assert app.focused is app.query_one("#f-commune")  # back where the worker was
    app.query_one("#form").scroll_home(animate=False)
    await pilot.pause()
    assert NAME in screen_text(app)


async def test_a_new_appointment_forgets_the_previous_person(shared_app, family, tmp_path, monkeypatch):
    app, pilot = shared_app
    await _person_on_screen(pilot, app, family, tmp_path)
    # Said in a notification (Pilot draws none: run_test turns them off).
    said = []
    monkeypatch.setattr(app, "notify", lambda message, *args, **kwargs: said.append(message))
    gone = [weakref.ref(x) for s in app.scenarios for x in (s, s.screening, s.household)]
    gone.append(weakref.ref(app.screenings))
    gone.append(weakref.ref(app.person_widget(0, "income.salary")))
    await pilot.press("f9")
    await pilot.pause()
    await pilot.press("enter")  # on "Tout effacer et commencer"
    await settle(pilot, app)
    text = screen_text(app)
    assert said == [SAID]
    assert NAME not in text and "1234" not in text and "Copie de" not in text
    assert "1. Situation actuelle" in text and "2." not in text.splitlines()[0]
    # An empty form again, as the app starts: the applicant alone, no salary,
    # the site's commune, the summary in French; its results on the side.
    assert app.is_blank and app.person_lang == "fr"
    assert app.person_widget(0, "name").value == "" and app.person_widget(0, "income.salary").value == ""
    assert app.query_one("#f-commune").value == "59350"
    # The form starts again at its first field (the focus was further down).
    assert app.focused is app.query_one("#f-month")
    assert "Mois étudié" in text and "Personnes du foyer" in text
    # Nothing of the person is left in the process: their scenarios,
    # screenings, household, the cache of screenings, the fields.
    for _ in range(3):
        gc.collect()
        await pilot.pause(0.05)
    left = [ref() for ref in gone if ref() is not None]
    assert left == [], [type(x).__name__ for x in left]
    # A blank form needs no confirmation.
    await pilot.press("f9")
    await settle(pilot, app)
    assert len(app.screen_stack) == 1 and app.is_blank
    assert said == [SAID, SAID]
