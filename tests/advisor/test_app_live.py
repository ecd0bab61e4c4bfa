"""The advisor's live screening under fast changes (Pilot): a change made
while a screening runs, the form redrawn meanwhile, a fast typist or a
scanner into a form of 15 people and 6 scenarios."""

from __future__ import annotations

import json
import time

import pytest

from eligibility.household import Household
from kiosk.advisor.compare import totals
from locales import format_money
from tests.advisor.advisor_helpers import screen_text, settle, start_over

# One app for the module (conftest `shared_app`), in the module's event loop.
pytestmark = [pytest.mark.heavy, pytest.mark.asyncio(loop_scope="module")]


def _table(app) -> dict[str, list[str]]:
    table = app.query_one("#comparison")
    rows = {}
    for i in range(table.row_count):
        cells = [str(c).strip() for c in table.get_row_at(i)]
        rows[cells[0]] = cells[1:]
    return rows


async def test_a_change_made_during_a_screening_is_screened_next(shared_app, family, engine, tmp_path):
    # No typing pause: the first change starts a screening at once; the
    # second, made while it runs, must not be lost nor shown mixed up.
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    salary = app.person_widget(0, "income.salary")
    salary.value = "1500"
    deadline = time.monotonic() + 20  # by the clock: the test machine may be loaded
    while not app.workers and time.monotonic() < deadline:
        await pilot.pause(0.01)
    assert app.workers, "the first screening should be running"
    salary.value = "400"
    await settle(pilot, app)
    shown = app.scenario.parsed.household()
    assert shown.applicant.income.salary == 400
    direct = engine.screen(shown, explain=True)
    assert app.scenario.screening.model_dump() == direct.model_dump()
    assert _table(app)["Aides /mois"] == [format_money(totals(direct, shown).benefits_monthly, "fr")]


async def test_results_keep_coming_when_the_form_is_redrawn_during_a_screening(shared_app, family, tmp_path):
    # A result arriving while the form is redrawn (import, scenario switch,
    # a person added) once left the screening flag up: the results froze.
    app, pilot = shared_app
    path = tmp_path / "f.json"
    path.write_text(json.dumps(family.model_dump(mode="json")))
    await start_over(pilot, app, family, tmp_path)
    for salary in ("1500", "900", "1300"):
        await app.show_person("applicant")
        app.person_widget(0, "income.salary").value = salary
        await pilot.pause(0.05)  # the screening is running…
        assert app.import_path(str(path)) is None  # …and the form is redrawn
        await settle(pilot, app)
        app.person_widget(0, "income.salary").value = salary
        await pilot.pause(0.05)
        await app.add_person("child")  # a person added mid-screening
        await settle(pilot, app)  # fails if the results stop coming
        assert len(app.form["people"]) == 4
    assert app.scenario.screening is not None


def _big_family(family, people: int = 15) -> Household:
    data = family.model_dump(mode="json")
    data["people"].append(
        {
            "id": "partner",
            "role": "partner",
            "birth_date": "1989-09-09",
            "activity": "unemployed",
            "income": {"unemployment": 640.0},
        }
    )
    for n in range(3, people - 1):
        data["people"].append(
            {"id": f"child{n}", "role": "child", "birth_date": f"{2005 + n}-0{1 + n % 9}-15", "school": "primary"}
        )
    return Household.model_validate(data)


async def test_fast_typing_and_pasting_keep_every_character(shared_app, family, tmp_path):
    # A scanner or a fast typist: 300 characters a second, into a form of
    # 15 people and 6 scenarios that screens after every key.
    import asyncio

    from textual import events

    big = _big_family(family)
    assert len(big.people) == 15
    app, pilot = shared_app
    await start_over(pilot, app, big, tmp_path)
    for _ in range(5):
        await pilot.press("ctrl+d")
        await pilot.pause()
    await settle(pilot, app)
    assert len(app.scenarios) == 6
    salary = app.person_widget(0, "income.salary")
    app.set_focus(salary)
    await pilot.press("ctrl+a", "ctrl+k")
    typed = "1540,25" * 8
    for char in typed:
        app.post_message(events.Key(char, char))
        await asyncio.sleep(1 / 300)
    await settle(pilot, app)
    assert salary.value == typed
    assert app.form["people"][0]["income.salary"] == typed
    await pilot.press("ctrl+a", "ctrl+k")
    app.post_message(events.Paste("2310"))
    await settle(pilot, app)
    assert salary.value == "2310"
    assert app.scenario.household.applicant.income.salary == 2310
    assert "2310" in screen_text(app)
