"""Engine behaviour: vectorised batches, failures contained, warm-up, reform."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from eligibility import Household, catalog
from eligibility.engine import ScreeningStopped
from eligibility.parameter_updates import updates
from tests.unwarmed import Unwarmed

EXAMPLES = Path(__file__).parents[2] / "examples"


def examples() -> list[Household]:
    return [Household.model_validate(json.loads(p.read_text())) for p in sorted(EXAMPLES.glob("*.json"))]


def test_screen_many_equals_screen_one_by_one(engine):
    households = examples()
    # Mix months so that a batch holds several simulations.
    households.append(households[0].model_copy(update={"month": households[0].month.shift(-6)}))
    batch = engine.screen_many(households)
    for household, together in zip(households, batch):
        alone = engine.screen(household)
        assert together.model_dump() == alone.model_dump()


def test_one_failing_benefit_does_not_stop_the_others(engine, monkeypatch):
    broken = catalog.benefits()["rsa"].model_copy(
        update={"openfisca": catalog.benefits()["rsa"].openfisca.model_copy(update={"variable": "no_such_variable"})}
    )
    patched = {**catalog.benefits(), "rsa": broken}
    monkeypatch.setattr(catalog, "benefits", lambda: patched)
    screening = engine.screen(examples()[0])
    rsa = screening.benefit("rsa")
    assert rsa.status == "unknown" and rsa.reasons == ["computation_error"]
    assert screening.benefit("aah").status == "eligible"


def test_warm_up_in_background_then_screen():
    # On the rules already built (tests/unwarmed.py): what is checked is the
    # warming in a thread and the event waited on, not a second cold build.
    fresh = Unwarmed()
    assert not fresh.is_warm
    thread = fresh.warm_up_in_background()
    assert fresh.wait_until_warm(timeout=120)
    thread.join()
    assert fresh.is_warm
    assert fresh.screen(examples()[0]).rules_version.startswith("openfisca-france")


def test_concurrent_screenings_are_serialised(engine):
    households = examples()
    expected = [engine.screen(h).unclaimed_monthly_total for h in households]
    got = [None] * len(households)

    def work(i):
        got[i] = engine.screen(households[i]).unclaimed_monthly_total

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(households))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


def test_a_stopped_screening_leaves_the_engine_as_it_was(engine):
    household = examples()[0]
    expected = engine.screen(household).model_dump()
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2  # let two benefits through, then stop

    with pytest.raises(ScreeningStopped):
        engine.screen_many([household], stop=stop)
    assert len(asked) == 3
    # The lock is released and the next screening is not stopped.
    assert engine.screen(household).model_dump() == expected
    assert engine.screen_many([household], stop=lambda: False)[0].model_dump() == expected


def test_css_ceiling_update_is_applied(engine):
    update = next(u for u in updates() if u["parameter"].endswith("cmu.plafond_base"))
    node = engine.system.parameters("2025-05-01")
    for part in update["parameter"].split("."):
        node = node[part] if not hasattr(node, part) else getattr(node, part)
    # Official value from 2025-04-01 (see eligibility/parameter_updates.yaml):
    # 10 339 € a year for one person.
    assert float(node) == 10339
    # The rules' own 2024 value is untouched before that date: 10 166 €
    # (arrêté du 26 mars 2024), per shared/reference/parameter-updates.md.
    before = engine.system.parameters("2025-03-01")
    for part in update["parameter"].split("."):
        before = getattr(before, part)
    assert float(before) == 10166


def test_css_free_thanks_to_the_2025_ceiling(engine):
    # A single person without a home (no housing flat rate) whose yearly
    # resources fall between the 2024 ceiling (10 166 €) and the 2025 one
    # (10 339 €) gets the free C2S only with the update.
    household = Household.model_validate(
        {
            "month": "2025-06",
            "commune": "59350",
            "housing": {"status": "homeless"},
            "people": [
                {
                    "id": "me",
                    "role": "applicant",
                    "birth_date": "1960-01-01",
                    "activity": "retired",
                    "income": {"pension": 10250 / 12},
                }
            ],
        }
    )
    css = engine.screen(household, explain=True).benefit("css_participation_forfaitaire")
    figures = {f.id: f.value for f in css.figures}
    assert 10166 < figures["css_cmu_base_ressources"] <= 10339
    assert figures["cmu_c_plafond"] == 10339
    assert css.variant == "free"


def test_css_after_april_2026_says_values_may_be_outdated(engine):
    household = examples()[0].model_copy(update={"month": examples()[0].month.shift(13)})
    assert "parameter_may_be_outdated" in engine.screen(household).benefit("css_participation_forfaitaire").reasons


def test_default_month_never_leaves_the_rules_range(monkeypatch):
    from eligibility import periods

    monkeypatch.setattr(periods, "current_month", lambda: periods.Month(2027, 3))
    assert periods.default_month() == periods.LAST_MONTH


def test_screening_warns_when_the_rules_are_older_than_today(engine, monkeypatch):
    from eligibility import engine as engine_module
    from eligibility.periods import Month

    monkeypatch.setattr(engine_module, "current_month", lambda: Month(2027, 3))
    assert engine.screen(examples()[0]).warnings == ["rules_older_than_today"]
