"""The advisor screen driven by the keyboard (Pilot)."""

from __future__ import annotations

import json

from eligibility.household import Household
from kiosk.advisor.compare import totals
from locales import format_money
from tests.advisor.advisor_helpers import SIZE, settle


async def _type(pilot, app, widget, text: str) -> None:
    app.set_focus(widget)
    await pilot.press("ctrl+a", "ctrl+k") if widget.value else None
    await pilot.press(*text)


def _table(app) -> list[list[str]]:
    table = app.query_one("#comparison")
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_fill_by_keys_and_compare_two_scenarios(make_app, engine):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.focused.id == "f-month"
        await pilot.press("ctrl+a", "ctrl+k", *"05/2025")
        # Tab goes on to the next fields in order: the person's language, then the first person.
        await pilot.press("tab")
        assert app.focused.id == "f-lang"
        await pilot.press("tab", "tab")
        assert app.focused is app.person_widget(0, "birth_date")
        await pilot.press(*"14/03/1991")
        await _type(pilot, app, app.person_widget(0, "income.salary"), "1100")
        await pilot.press("ctrl+n")  # a second person: the partner
        await pilot.pause()
        assert app.focused is app.person_widget(1, "birth_date")
        await pilot.press(*"02/02/1990")
        await pilot.press("ctrl+n")  # a child
        await pilot.pause()
        await pilot.press(*"20/01/2017")
        app.query_one("#f-housing-status").value = "tenant_private"
        await _type(pilot, app, app.query_one("#f-housing-rent"), "600")
        await _type(pilot, app, app.query_one("#f-commune"), "Lille")
        await settle(pilot, app)
        first = app.scenario.parsed.household()
        assert first.commune == "59350" and len(first.people) == 3

        await pilot.press("ctrl+d")  # duplicate, then change the salary
        await pilot.pause()
        assert len(app.scenarios) == 2 and app.current == 1
        await _type(pilot, app, app.person_widget(0, "income.salary"), "1800")
        await settle(pilot, app)
        second = app.scenarios[1].parsed.household()
        assert second.applicant.income.salary == 1800

        direct = [engine.screen(first, explain=True), engine.screen(second, explain=True)]
        assert [s.screening.model_dump() for s in app.scenarios] == [d.model_dump() for d in direct]
        rows = {row[0]: row[1:] for row in _table(app)}
        for index, (screening, household) in enumerate(zip(direct, [first, second])):
            t = totals(screening, household)
            assert rows["Total des aides par mois"][index] == format_money(t.benefits_monthly, "fr")
            assert rows["Ressources totales par mois"][index] == format_money(t.resources_monthly, "fr")
            assert t.resources_monthly == round(household.applicant.income.salary + t.benefits_monthly, 2)
        ppa = next(k for k in rows if "(PPA)" in k or "prime d'activité" in k.lower())
        assert rows[ppa] == [
            format_money(d.benefit("ppa").amount, "fr") if d.benefit("ppa").amount else "—" for d in direct
        ]
        changes = str(app.query_one("#changes").render())
        assert "Salaires nets" in changes and format_money(1800, "fr") in changes


async def test_field_error_beside_the_field(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        rent = app.query_one("#f-housing-rent")
        await _type(pilot, app, rent, "-40")
        await pilot.pause()
        assert str(rent.parent.error.render()) == "Un montant ne peut pas être négatif."
        await pilot.press("backspace", "backspace", "backspace", *"400")
        await pilot.pause()
        assert str(rent.parent.error.render()) == ""
        birth = app.person_widget(0, "birth_date")
        await _type(pilot, app, birth, "01/01/2999")
        await settle(pilot, app)
        assert "futur" in str(birth.parent.error.render())
        # Still screened, with unknowns where the data is missing.
        assert app.scenario.screening is not None
        assert any(b.status == "unknown" for b in app.scenario.screening.benefits)


async def test_preset_and_import(make_app, family, tmp_path):
    app = make_app()
    good = tmp_path / "foyer.json"
    good.write_text(json.dumps(family.model_dump(mode="json")))
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(family.model_dump(mode="json") | {"people": "everyone"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.import_path(str(good)) is None
        await settle(pilot, app)
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
        # Export from the screen: ctrl+s, a path, Enter.
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = tmp_path / "out.json"
        await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
        await pilot.pause()
        assert Household.model_validate_json(target.read_text()) == app.scenarios[1].parsed.household()


async def test_print_saves_a_pdf_when_no_printer(make_app, family, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        path = tmp_path / "f.json"
        path.write_text(json.dumps(family.model_dump(mode="json")))
        app.import_path(str(path))
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        target = tmp_path / "resume.pdf"
        await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
        for _ in range(50):
            await pilot.pause(0.1)
            if target.exists():
                break
        assert target.read_bytes().startswith(b"%PDF")


async def test_a_change_made_during_a_screening_is_screened_next(make_app, family, engine, tmp_path):
    # No typing pause: the first change starts a screening at once; the
    # second, made while it runs, must not be lost nor shown mixed up.
    app = make_app()
    path = tmp_path / "f.json"
    path.write_text(json.dumps(family.model_dump(mode="json")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.import_path(str(path))
        await settle(pilot, app)
        salary = app.person_widget(0, "income.salary")
        salary.value = "1500"
        for _ in range(100):
            await pilot.pause(0.01)
            if app.workers:
                break
        assert app.workers, "the first screening should be running"
        salary.value = "400"
        await settle(pilot, app)
        shown = app.scenario.parsed.household()
        assert shown.applicant.income.salary == 400
        direct = engine.screen(shown, explain=True)
        assert app.scenario.screening.model_dump() == direct.model_dump()
        rows = {row[0]: row[1:] for row in _table(app)}
        assert rows["Total des aides par mois"] == [format_money(totals(direct, shown).benefits_monthly, "fr")]


async def test_results_keep_coming_when_the_form_is_redrawn_during_a_screening(make_app, family, tmp_path):
    # A result arriving while the form is redrawn (import, scenario switch,
    # a person added) once left the screening flag up: the results froze.
    app = make_app()
    path = tmp_path / "f.json"
    path.write_text(json.dumps(family.model_dump(mode="json")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for salary in ("1500", "900", "1300"):
            app.person_widget(0, "income.salary").value = salary
            await pilot.pause(0.05)  # the screening is running…
            assert app.import_path(str(path)) is None  # …and the form is redrawn
            await settle(pilot, app)
            app.person_widget(0, "income.salary").value = salary
            await pilot.pause(0.05)
            await pilot.press("ctrl+n")  # a person added mid-screening
            await settle(pilot, app)  # fails if the results stop coming
            assert len(app.form["people"]) == 4
        assert app.scenario.screening is not None


async def test_the_app_warms_a_cold_engine_and_freezes_what_lives_long():
    # Started from the command line, the advisor gets a cold engine: without
    # warm_up() its objects stayed in the collector's sight (275 ms pauses).
    import gc

    from eligibility.engine import Engine
    from kiosk.advisor import AdvisorApp

    cold = Engine()
    app = AdvisorApp(engine=cold, printer=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app, timeout=120)
        for _ in range(50):
            if app._gc_frozen:
                break
            await pilot.pause(0.1)
        assert cold.is_warm and app._gc_frozen
        assert gc.get_freeze_count() > 100_000
