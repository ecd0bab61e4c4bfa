"""The passes after claiming (`Engine._after_claiming`, `Engine._settle`)
simulate households again with other past benefits, seeded with what the
first simulation computed that does not depend on those benefits
(`engine.KeptSimulation`). Seeded or computed from scratch, every amount,
reason and figure is the same: the real rules both ways, on varied households."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import eligibility.engine as engine_module
from eligibility.batch_sample import households
from eligibility.household import Household
from eligibility.situation import build_simulation, rows_of


@pytest.fixture(scope="module")
def varied(engine):
    return [Household.model_validate(data) for data in households(240, seed=31)]


@pytest.fixture
def unseeded(monkeypatch):
    """Every pass computed from scratch, as before seeding existed."""
    monkeypatch.setattr(engine_module.KeptSimulation, "seeding", lambda self, households: lambda target: None)


@pytest.fixture(scope="module")
def as_run(engine, varied):
    """The sample screened as the engine does (`screen_many` with the
    explanations, and `screen_rows`), noting the calculations each seeded
    pass was given and the households simulated again (`_simulate_again`)."""
    seeds: list[int] = []
    simulated_again: list[int] = []
    seed_arrays, simulate_again = engine_module.seed_arrays, engine_module.Engine._simulate_again

    def counting(source, target, computed, rows):
        seeds.append(len(computed))
        return seed_arrays(source, target, computed, rows)

    def noting(self, households, month, ratios, past, computed, explain, kept, rows):
        simulated_again.extend(id(households[row]) for row in rows)
        return simulate_again(self, households, month, ratios, past, computed, explain, kept, rows)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_module, "seed_arrays", counting)
        patch.setattr(engine_module.Engine, "_simulate_again", noting)
        screenings = [s.model_dump() for s in engine.screen_many(varied, explain=True)]
        rows = engine.screen_rows(varied)
    return SimpleNamespace(screenings=screenings, rows=rows, seeds=seeds, simulated_again=set(simulated_again))


def test_the_screenings_are_those_computed_from_scratch(engine, varied, as_run, monkeypatch):
    """Against every pass computed from scratch and every household received
    at an unknown amount simulated again: seeding, and keeping the first
    simulation of those whose estimates are all 0 (which gives them its
    inputs), change nothing. A fault in either shows here: the two are
    compared at once because each comparison screens the whole sample twice."""
    # The passes were seeded, with many calculations each.
    assert len(as_run.seeds) >= 3 and min(as_run.seeds) > 50
    # Both kinds of household received at an unknown amount are in the
    # sample: estimated at 0 (kept), and estimated at more (simulated again).
    unsure = [
        h for h in varied if any(engine_module._unknown(a) for a in engine_module.Engine._declared_past(h).values())
    ]
    assert any(id(h) not in as_run.simulated_again for h in unsure)
    assert any(id(h) in as_run.simulated_again for h in unsure)
    # Someone's amounts changed once what they are told to claim is paid:
    # the passes had something to compute.
    assert any(
        r["recurring_amount"] != r["amount"]
        for s in as_run.screenings
        for r in s["benefits"]
        if r["status"] == "eligible"
    )
    monkeypatch.setattr(engine_module.KeptSimulation, "seeding", lambda self, households: lambda target: None)
    monkeypatch.setattr(engine_module, "_declared_alike", lambda past, other: False)
    assert [s.model_dump() for s in engine.screen_many(varied, explain=True)] == as_run.screenings
    assert engine.screen_rows(varied) == as_run.rows


def test_a_household_screened_alone_is_the_same_seeded_or_not(engine, varied, unseeded):
    alone = [engine.screen(h, explain=True).model_dump() for h in varied[:12]]
    assert [s.model_dump() for s in engine.screen_many(varied[:12], explain=True)] == alone


def test_rows_of_are_the_rows_of_a_simulation_of_those_households(engine, varied):
    """Households picked out of order, an "other" adult among them: the
    smaller simulation's inputs per entity are the larger one's at those rows."""
    month = varied[0].month
    group = [h for h in varied if h.month == month][:40]
    assert any(p.role == "other" for h in group for p in h.people)
    chosen = [7, 2, 30, 3, *[i for i, h in enumerate(group) if any(p.role == "other" for p in h.people)][:3]]
    chosen = list(dict.fromkeys(chosen))
    ratios = engine.income_ratios(month)
    whole, layout = build_simulation(engine.system, group, month, ratios, [{} for _ in group])
    part, _ = build_simulation(engine.system, [group[i] for i in chosen], month, ratios, [{} for _ in chosen])
    rows = rows_of(layout, chosen)
    for variable, period in (
        ("date_naissance", "ETERNITY"),
        ("salaire_net", str(month)),
        ("loyer", str(month)),
        ("rsa_isolement_recent", str(month)),
        ("statut_occupation_logement", str(month)),
    ):
        entity = engine.system.variables[variable].entity.key
        expected = whole.calculate(variable, period)[rows[entity]]
        np.testing.assert_array_equal(part.calculate(variable, period), expected, err_msg=variable)
    people = rows["individu"]
    for entity, population in part.populations.items():
        assert population.count == len(rows[entity]), entity
        if entity == "individu":
            continue
        # Each person is in the same group, with the same role.
        larger = whole.populations[entity]
        position = {row: index for index, row in enumerate(rows[entity])}
        expected = [position[group] for group in larger.members_entity_id[people]]
        np.testing.assert_array_equal(population.members_entity_id, expected, err_msg=entity)
        assert [r.key for r in population.members_role] == [r.key for r in larger.members_role[people]], entity
