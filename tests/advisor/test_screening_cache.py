"""The advisor screens a scenario again only when what the rules are given
changes; what it paints is always what a full screening of the form gives."""

from __future__ import annotations

import gc
import time

import pytest

from kiosk.advisor import form as forms
from kiosk.advisor.collector import IDLE_SECONDS, POSTPONED, Collector
from kiosk.advisor.compare import comparison_rows
from kiosk.advisor.scheduler import ScreeningCache
from kiosk.advisor.screening import screen_forms
from tests.advisor.advisor_helpers import SIZE, import_household, screen_text, settle, start_over, type_into
from tests.kiosk.kiosk_helpers import wait_until

# The Pilot tests run in the module's event loop: the first two share one
# app (conftest `shared_app`); the collector's test starts its own, with
# CPython's thresholds set before the app reads them.
in_the_module_loop = pytest.mark.asyncio(loop_scope="module")


def _amounts(screening) -> dict[str, tuple]:
    return {b.id: (b.status, b.amount, b.recurring_amount, tuple(b.reasons)) for b in screening.benefits}


def test_the_same_households_are_screened_once(engine, family):
    form = forms.form_from_household(family)
    cache = ScreeningCache()
    first = screen_forms(engine, [form], cache=cache)[0]
    assert (cache.hits, cache.misses) == (0, 1)
    # A name: the rules do not see it.
    form["people"][0]["name"] = "Karima"
    assert screen_forms(engine, [form], cache=cache)[0] is first
    assert (cache.hits, cache.misses) == (1, 1)
    # A salary: screened again, and equal to a screening without the cache.
    form["people"][0]["income.salary"] = "1400"
    changed = screen_forms(engine, [form], cache=cache)[0]
    assert cache.misses == 2 and changed is not first
    assert _amounts(changed) == _amounts(screen_forms(engine, [form])[0])
    assert _amounts(changed) != _amounts(first)
    # Typed back: the first screening, which a fresh one equals.
    form["people"][0]["income.salary"] = "1 100,00"
    back = screen_forms(engine, [form], cache=cache)[0]
    assert back is first and cache.misses == 2
    assert _amounts(back) == _amounts(screen_forms(engine, [form])[0])


def test_twice_the_same_form_in_one_call_is_one_screening(engine, family):
    form = forms.form_from_household(family)
    other = forms.copy_form(form)
    other["people"][0]["income.salary"] = "300"
    cache = ScreeningCache()
    a, b, c = screen_forms(engine, [form, other, forms.copy_form(form)], cache=cache)
    assert a is c and cache.misses == 2
    assert _amounts(b) == _amounts(screen_forms(engine, [other])[0])


def test_a_missing_field_is_part_of_the_key(engine, family):
    # The reason of an unknown result names the missing field: two forms
    # missing different fields never share a screening.
    form = forms.form_from_household(family)
    form["people"][1]["birth_date"] = ""
    other = forms.copy_form(form)
    other["people"][1]["birth_date"] = "20/01/2017"
    other["people"][2]["birth_date"] = ""
    keys = {ScreeningCache.key(forms.parse_form(f)) for f in (form, other)}
    assert len(keys) == 2


def test_the_cache_keeps_the_last_screenings_only(engine, family):
    cache = ScreeningCache(size=2)
    form = forms.form_from_household(family)
    for salary in ("900", "1000", "1100"):
        form["people"][0]["income.salary"] = salary
        screen_forms(engine, [form], cache=cache)
    form["people"][0]["income.salary"] = "900"  # the oldest: dropped
    screen_forms(engine, [form], cache=cache)
    assert (cache.hits, cache.misses) == (0, 4)


def _cells_on_screen(text: str, rows) -> None:
    """Each comparison row's amounts, as drawn on the line of its label."""
    lines = [line.split("│", 1)[-1].strip() for line in text.splitlines()]
    at = 0
    for row in rows:  # in the table's order (a label can come twice: "1ers mois")
        found = next((i for i in range(at, len(lines)) if lines[i].startswith(row.label.strip() + " ")), None)
        assert found is not None, f"no line {row.label!r} on screen:\n{text}"
        for cell in row.cells:
            assert cell in lines[found], f"{row.label}: {cell!r} not in {lines[found]!r}"
        at = found + 1


@in_the_module_loop
async def test_the_painted_amounts_are_those_of_a_full_screening(shared_app, engine, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    misses = app.screenings.misses
    # A name changes the summary and nothing the rules see: no screening.
    await type_into(pilot, app, app.person_widget(0, "name"), "Karima")
    await settle(pilot, app)
    assert app.screenings.misses == misses
    assert "Karima" in screen_text(app)
    first = app.scenario.screening
    # The salary: screened again; the screen shows what a fresh
    # screening of the whole form gives.
    await type_into(pilot, app, app.person_widget(0, "income.salary"), "1500")
    await settle(pilot, app)
    assert app.screenings.misses > misses
    fresh = screen_forms(engine, [forms.copy_form(app.form)])[0]
    assert _amounts(app.scenario.screening) == _amounts(fresh) != _amounts(first)
    household = forms.parse_form(app.form).household()
    text = screen_text(app)
    _cells_on_screen(text, comparison_rows([fresh], [household]))
    assert "À jour." in text
    # Back to 1 100 €: the first screening again, equal to a fresh one.
    await type_into(pilot, app, app.person_widget(0, "income.salary"), "1100")
    await settle(pilot, app)
    fresh = screen_forms(engine, [forms.copy_form(app.form)])[0]
    assert app.scenario.screening is first and _amounts(first) == _amounts(fresh)
    household = forms.parse_form(app.form).household()
    _cells_on_screen(screen_text(app), comparison_rows([fresh], [household]))


@in_the_module_loop
async def test_a_duplicated_scenario_is_not_screened_again(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    misses = app.screenings.misses
    await app.action_duplicate()
    await settle(pilot, app)
    assert app.screenings.misses == misses
    assert app.scenarios[1].screening is app.scenarios[0].screening
    assert all(s.fresh for s in app.scenarios)


def test_full_collections_wait_for_the_results_to_be_shown():
    collected = []

    def seen(phase, info):
        if phase == "stop" and info["generation"] == 2:
            collected.append(info)

    saved = gc.get_threshold()  # the test processes' own (tests/conftest.py)
    collector = Collector()
    gc.callbacks.append(seen)
    try:
        gc.set_threshold(700, 10, 10)  # CPython's defaults
        collector.start()
        assert gc.get_threshold() == (700, 10, 10 * 100)
        gc.collect()
        collected.clear()
        # Cyclic garbage until as many middle-generation collections have run
        # as make CPython alone start a full one.
        for _ in range(10**6):
            a = []
            a.append(a)
            if gc.get_count()[2] >= 10:
                break
        assert gc.get_count()[2] >= 10
        assert collected == []
        # Due once, not overdue: the app waits for a pause in the typing.
        assert collector.results_shown(overdue=True) is False
        assert collector.results_shown() is True
        assert len(collected) == 1
        assert collector.results_shown() is False  # not due any more
        collector.stop()
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.callbacks.remove(seen)
        collector.stop()
        gc.set_threshold(*saved)


def _make_a_full_collection_due() -> None:
    """Cyclic garbage until CPython alone would start a full collection."""
    for _ in range(10**7):
        a = []
        a.append(a)
        if gc.get_count()[2] >= gc.get_threshold()[2] // POSTPONED:
            return
    raise AssertionError("no full collection became due")


@in_the_module_loop
async def test_a_due_full_collection_waits_until_the_worker_pauses(make_app, family, tmp_path):
    full = []

    def seen(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(time.perf_counter())

    saved = gc.get_threshold()  # the test processes' own (tests/conftest.py)
    gc.set_threshold(700, 10, 10)  # CPython's defaults, as in the advisor
    gc.callbacks.append(seen)
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await import_household(pilot, app, family, tmp_path)
            _make_a_full_collection_due()
            full.clear()
            app.person_widget(0, "income.salary").value = "1234"
            await settle(pilot, app)
            assert await wait_until(pilot, lambda: full, seconds=30)
            # Made once the worker paused after the paint, not right after it.
            assert full[0] - app.refreshed_at >= IDLE_SECONDS
            assert app.collector.collections == 1
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*saved)
