"""The advisor screen driven by the keyboard (Pilot) at real sizes, checked
on the text a worker reads on screen."""

from __future__ import annotations

import gc
import json
import time

import pytest

from eligibility.household import Household
from eligibility.screening import Status
from kiosk.advisor.compare import totals
from locales import format_money
from tests.advisor.advisor_helpers import (
    SIZE,
    WIDE,
    form_text,
    new_appointment,
    screen_text,
    settle,
    side_text,
    start_over,
    type_into,
    wait_until,
)
from tests.households import tenant_earning_800

# One app for the module (conftest `shared_app`), in the module's event loop;
# the test that needs an app of its own comes first, before that one starts.
pytestmark = pytest.mark.asyncio(loop_scope="module")


def _table(app) -> dict[str, list[str]]:
    table = app.query_one("#comparison")
    rows = {}
    for i in range(table.row_count):
        cells = [str(c).strip() for c in table.get_row_at(i)]
        rows[cells[0]] = cells[1:]
    return rows


def _line(text: str, start: str) -> str:
    """The screen line of the comparison that starts with `start`."""
    for line in text.splitlines():
        side = line.split("│", 1)[-1].strip()
        if side.startswith(start):
            return side
    raise AssertionError(f"no line {start!r} on screen:\n{text}")


async def test_the_app_warms_a_cold_engine_and_freezes_what_lives_long():
    # Started from the command line, the advisor gets a cold engine: without
    # warm_up() its objects stayed in the collector's sight (275 ms pauses).
    from kiosk.advisor import AdvisorApp
    from tests.unwarmed import Unwarmed

    cold = Unwarmed()
    assert not cold.is_warm
    app = AdvisorApp(engine=cold, printer=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app, timeout=60)
        assert cold.is_warm
        # The first results read, made after the engine's own freeze at
        # warm-up, live as long as the form: once painted, the app puts them
        # out of the collector's sight too (gc.get_objects() lists only what
        # it still walks).
        parsed = app.scenario.parsed
        assert parsed is not None
        deadline = time.monotonic() + 10
        while any(o is parsed for o in gc.get_objects()) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert not any(o is parsed for o in gc.get_objects()), "the app froze nothing after its first paint"


async def test_fill_the_form_by_keys(shared_app):
    # The next person of the day: a new appointment (F9) on the module's
    # app, then their household typed in, as in a new app.
    app, pilot = shared_app
    await new_appointment(pilot, app)
    assert app.focused.id == "f-month"
    await pilot.press("ctrl+a", "ctrl+k", *"05/2025")
    # Tab goes on in order: the summary's language, the person shown, then their fields.
    await pilot.press("tab")
    assert app.focused.id == "f-lang"
    await pilot.press("tab", "tab")
    assert app.focused is app.person_widget(0, "name")
    await pilot.press(*"Karim", "tab", "tab")
    assert app.focused is app.person_widget(0, "birth_date")
    await pilot.press(*"14/03/1991")
    await type_into(pilot, app, app.person_widget(0, "income.salary"), "1100")
    await settle(pilot, app)
    await pilot.press("ctrl+n")  # asks the role: a partner for someone alone
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert app.form["people"][1]["role"] == "partner"
    assert app.focused is app.person_widget(1, "name")
    await pilot.press(*"Sarah", "tab", "tab", *"02/02/1990")
    await settle(pilot, app)
    await pilot.press("ctrl+n")  # then a child
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert app.form["people"][2]["role"] == "child"
    await pilot.press("tab", "tab", *"20/01/2017")
    app.query_one("#f-housing-status").value = "tenant_private"
    await type_into(pilot, app, app.query_one("#f-housing-rent"), "600")
    await type_into(pilot, app, app.query_one("#f-commune"), "Lille")
    await settle(pilot, app)
    first = app.scenario.parsed.household()
    assert first.commune == "59350" and len(first.people) == 3
    assert [p.role.value for p in first.people] == ["applicant", "partner", "child"]
    app.query_one("#form").scroll_home(animate=False)
    await pilot.pause()
    form = form_text(screen_text(app))
    assert "1. Karim (demandeur) : 34 ans, salaire 1100 €" in form
    assert "2. Sarah (conjoint) : 35 ans" in form


async def test_what_changes_names_the_person(shared_app, family, engine, tmp_path):
    # Alone with the children for more than 18 months: no single-parent
    # increase (CASF R262-2), and the prime d'activité can be computed.
    family.single_parent_months = 30
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    app.person_widget(0, "name").value = "Karim"
    await settle(pilot, app)
    first = app.scenario.household
    await pilot.press("ctrl+d")  # duplicate, then change Karim's salary
    await pilot.pause()
    assert len(app.scenarios) == 2 and app.current == 1
    app.person_widget(0, "income.salary").value = "1800"
    await settle(pilot, app)
    second = app.scenarios[1].household
    assert second.applicant.income.salary == 1800
    direct = [engine.screen(first, explain=True), engine.screen(second, explain=True)]
    assert [s.screening.model_dump() for s in app.scenarios] == [d.model_dump() for d in direct]
    text = screen_text(app)
    for label, value in (("Aides /mois", "benefits_monthly"), ("Ressources /mois", "resources_monthly")):
        line = _line(text, label)
        for screening, household in zip(direct, [first, second]):
            assert format_money(getattr(totals(screening, household), value), "fr") in line, line
    ppa = _line(text, "PPA")
    assert direct[0].benefit("ppa").status == Status.eligible and direct[0].benefit("ppa").amount
    for d in direct:
        # The headline is the amount once housing aid is paid (recurring).
        shown = d.benefit("ppa").recurring_amount
        assert (format_money(shown, "fr") if d.benefit("ppa").amount else "—") in ppa, ppa
    assert "?" not in ppa
    # What changes, with the person's name and in words.
    expected = f"(par rapport au 1) : Karim : salaire {format_money(1100, 'fr')} → {format_money(1800, 'fr')}"
    assert " ".join(expected.split()) in side_text(text)


async def test_the_people_fields_are_on_screen(shared_app, family, tmp_path):
    # The advisor's two screen sizes (a desk's terminal and a wide one).
    app, pilot = shared_app
    for size in (SIZE, WIDE):
        await start_over(pilot, app, family, tmp_path, size)
        text = screen_text(app)
        # One line per person, then the fields of the one shown.
        assert "1. Demandeur : 34 ans, salarié, salaire 1100 €" in text
        assert "3. Enfant 2 : 12 ans" in text
        for label, value in (
            ("Date de naissance", "14/03/1991"),
            ("Salaires nets", "1100"),
            ("Activité", "Emploi salarié"),
            ("Nationalité", "Française"),
            ("ASS : 5 ans travail/10", "non demandé"),
            ("RSDAE (MDPH)", "non demandé"),
        ):
            line = next((line for line in text.splitlines() if label in line), "")
            assert value in line, (size, label, text)
        app.query_one("#f-single-parent-months").scroll_visible(animate=False)
        await pilot.pause()
        line = next((line for line in screen_text(app).splitlines() if "Parent seul depuis" in line), "")
        assert "mois (vide : non demandé)" in line, (size, line)
        # All the people at once.
        await app.show_person("*")
        await pilot.pause()
        assert len(app.query("PersonBlock")) == 3
        app.person_widget(2, "birth_date").scroll_visible(animate=False)
        await pilot.pause()
        assert "02/02/2013" in screen_text(app)


async def test_field_error_under_the_field_and_no_silent_zero(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    before = screen_text(app)
    total = _line(before, "Aides /mois")
    assert "À jour." in before
    rent = app.query_one("#f-housing-rent")
    rent.scroll_visible(animate=False)
    await type_into(pilot, app, rent, "-40")
    await settle(pilot, app)
    assert "Un montant ne peut pas être négatif." in screen_text(app)
    await type_into(pilot, app, rent, "600")
    await settle(pilot, app)
    salary = app.person_widget(0, "income.salary")
    salary.scroll_visible(animate=False)
    app.set_focus(salary)
    await pilot.press("ctrl+shift+a", *"mille")  # typed over the old value
    await settle(pilot, app)
    assert salary.value == "mille"
    text = screen_text(app)
    assert "« mille » n'est pas un nombre." in text  # under the field
    assert "PAS À JOUR" in text and "À jour." not in text
    assert "corrigez les salaires nets du demandeur (personne 1) (« mille » n'est pas" in side_text(text)
    app.query_one("#form").scroll_home(animate=False)
    await pilot.pause()
    assert "1. Demandeur : 34 ans, salarié, salaire mille € ⚠ 1 erreur" in form_text(screen_text(app))
    # The last good results stay, never those of a salary of 0.
    assert _line(text, "Aides /mois") == total
    assert app.scenario.screened_key != app.scenario.key
    await type_into(pilot, app, salary, "1100")
    await settle(pilot, app)
    assert "À jour." in screen_text(app)


async def test_a_very_great_age_is_said(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await type_into(pilot, app, app.person_widget(0, "birth_date"), "01/01/1915")
    await settle(pilot, app)
    assert "110 ans : vérifiez la date de naissance." in screen_text(app)


async def test_four_scenarios_read_at_120_columns_then_six_at_160(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    for count, size in ((4, SIZE), (6, WIDE)):
        await pilot.resize_terminal(*size)
        for salary in (1300, 1500, 1700, 1900, 2100)[len(app.scenarios) - 1 : count - 1]:
            await pilot.press("ctrl+d")
            await pilot.pause()
            app.person_widget(0, "income.salary").value = str(salary)
        await settle(pilot, app)
        assert len(app.scenarios) == count
        expected = [
            format_money(totals(scenario.screening, scenario.household).benefits_monthly, "fr")
            for scenario in app.scenarios
        ]
        # The table's columns are laid out again a frame or two after the
        # results arrive: wait for the drawn line (a few seconds at most).
        deadline = time.monotonic() + 10
        while True:
            text = screen_text(app)
            line = _line(text, "Aides /mois")
            if all(amount in line for amount in expected) or time.monotonic() > deadline:
                break
            await pilot.pause(0.1)
        for amount in expected:
            assert amount in line, (size, line)
        # The explanations are still on screen below the comparison.
        assert "— Probablement" in text


async def test_explanations_follow_the_row_under_the_cursor(shared_app, family, tmp_path):
    family.single_parent_months = 30  # else the PPA is unknown (not asked)
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("f7")
    assert app.focused.id == "comparison"
    table = app.query_one("#comparison")
    rows = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
    await pilot.press(*["down"] * rows.index("PPA"))
    await pilot.pause(0.2)
    text = screen_text(app)
    assert _line(text, "PPA")  # the comparison is still there
    assert "Prime d'activité (PPA) — Probablement éligible" in side_text(text)


async def test_presets_ask_which_person(shared_app, family, tmp_path):
    data = family.model_dump(mode="json")
    data["people"].insert(
        1,
        {
            "id": "partner",
            "role": "partner",
            "birth_date": "1990-06-01",
            "activity": "unemployed",
            "income": {"unemployment": 700.0},
        },
    )
    couple = Household.model_validate(data)
    app, pilot = shared_app
    await start_over(pilot, app, couple, tmp_path)
    await pilot.press("f3")
    await pilot.pause()
    # Whoever looks for work is proposed.
    assert app.screen.query_one("#person").value == "partner"
    await pilot.press("1")  # takes a job at 1 400 €
    await settle(pilot, app)
    after = app.scenarios[1].household
    assert after.partner.income.salary == 1400 and after.applicant.income.salary == 1100
    text = screen_text(app)
    assert "(par rapport au 1) : Conjoint :" in text
    changes = str(app.query_one("#changes-text").render())
    assert f"Conjoint : au chômage → salarié {format_money(1400, 'fr')}" in changes
    assert "unemployed" not in text + changes and "partner" not in text + changes


async def test_adding_a_person_asks_the_role(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("ctrl+n")  # a single parent: a child by default
    await pilot.pause()
    assert "quel est son rôle" in screen_text(app)
    await pilot.press("enter")
    await pilot.pause()
    assert [p["role"] for p in app.form["people"]] == ["applicant", "child", "child", "child"]
    await pilot.press("ctrl+n", "2")  # or a partner, when asked for
    await pilot.pause()
    assert app.form["people"][-1]["role"] == "partner"


async def test_focus_after_a_switch_and_print_at_once(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    salary = app.person_widget(0, "income.salary")
    app.set_focus(salary)
    await pilot.press("ctrl+d")
    await pilot.pause()
    # The same field, in the new scenario.
    assert app.focused is app.person_widget(0, "income.salary") and app.focused is not salary
    await pilot.press("f6", "ctrl+p")
    await pilot.pause(0.5)
    assert app.current == 0
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


# A single tenant earning 800 € in Lille, May 2025 (tests/households.py;
# tests/eligibility/test_after_claiming.py): the prime d'activité is 334,32 €
# the first months, then 259,56 € once housing aid is paid — 74,76 € less, its housing flat rate
# (12 % of the base amount for one person, CSS R844-3, net of CRDS).
PPA_FIRST, PPA_AFTER = "334,32 €", "259,56 €"


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


async def test_the_recurring_amount_is_the_headline(shared_app, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, tenant_earning_800(), tmp_path)
    text = _plain(screen_text(app))
    # The PPA row gives the settled amount; the row under it the first months.
    assert PPA_AFTER in _line(text, "PPA"), text
    lines = [line.split("│", 1)[-1].strip() for line in text.splitlines()]
    row = next(i for i, line in enumerate(lines) if line.startswith("PPA"))
    assert "1ers mois" in lines[row + 1] and PPA_FIRST in lines[row + 1], lines[row : row + 2]
    # The totals lead with the settled sum too (334,32 - 259,56 = 74,76 € less).
    screening = app.scenario.screening
    housing = screening.benefit("aide_logement").amount
    after = _plain(format_money(round(housing + 259.56, 2), "fr"))
    first = _plain(format_money(round(housing + 334.32, 2), "fr"))
    assert after in _line(text, "Aides /mois"), text
    total_row = next(i for i, line in enumerate(lines) if line.startswith("Aides /mois"))
    assert "1ers mois" in lines[total_row + 1] and first in lines[total_row + 1]
    # The explanation says it in words.
    explanation = " ".join(_plain(app.query_one("#explain-text").render().plain).split())
    assert f"Montant calculé : {PPA_AFTER} par mois, {PPA_FIRST} les premiers mois" in explanation


async def test_a_checkbox_says_ticked_or_not_in_its_text(shared_app, family, tmp_path):
    """Ticked and unticked must differ in the characters drawn, not only in
    colour (a compact checkbox drew "▐X▌" both ways)."""
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    box = app.query_one("#f-housing-shared")
    box.scroll_visible(animate=False)
    await pilot.pause()
    line = next(line for line in screen_text(app).splitlines() if "Colocation" in line).split("│")[0]
    assert "▐ ▌ Oui" in line and "X" not in line, line
    app.set_focus(box)
    await pilot.press("space")
    await pilot.pause()
    line = next(line for line in screen_text(app).splitlines() if "Colocation" in line).split("│")[0]
    assert "▐X▌ Oui" in line, line
    assert app.form["housing.shared"] is True
