"""The passes after claiming (`Engine._after_claiming`, `Engine._settle`)
simulate households again with other past benefits, seeded with what the
first simulation computed that does not depend on those benefits
(`engine.KeptSimulation`). Seeded or computed from scratch, every amount,
reason and figure is the same: the real rules both ways, on varied households."""

from __future__ import annotations

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


@pytest.fixture
def seeds(monkeypatch):
    """The calculations each seeded pass is given."""
    given: list[int] = []
    original = engine_module.seed_arrays

    def counting(source, target, computed, rows):
        given.append(len(computed))
        return original(source, target, computed, rows)

    monkeypatch.setattr(engine_module, "seed_arrays", counting)
    return given


def test_seeded_screenings_are_the_screenings_computed_from_scratch(engine, varied, seeds, monkeypatch):
    seeded = [s.model_dump() for s in engine.screen_many(varied, explain=True)]
    seeded_rows = engine.screen_rows(varied)
    # The passes were seeded, with many calculations each.
    assert len(seeds) >= 3 and min(seeds) > 50
    monkeypatch.setattr(engine_module.KeptSimulation, "seeding", lambda self, households: lambda target: None)
    assert [s.model_dump() for s in engine.screen_many(varied, explain=True)] == seeded
    assert engine.screen_rows(varied) == seeded_rows
    # Someone's amounts changed once what they are told to claim is paid:
    # the passes had something to compute.
    assert any(r["recurring_amount"] != r["amount"] for s in seeded for r in s["benefits"] if r["status"] == "eligible")


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


def test_households_whose_estimates_are_all_0_keep_their_first_simulation(engine, varied, monkeypatch):
    """Received at an unknown amount: the household is simulated again with
    the rules' amounts as estimates, unless those are all 0, which gives it
    the inputs of the first simulation. The same screenings as with every
    such household simulated again, from scratch (no seeding)."""
    simulated_again: list[int] = []
    original = engine_module.Engine._simulate_again

    def noting(self, households, month, ratios, past, computed, explain, kept, rows):
        simulated_again.extend(id(households[row]) for row in rows)
        return original(self, households, month, ratios, past, computed, explain, kept, rows)

    monkeypatch.setattr(engine_module.Engine, "_simulate_again", noting)
    skipping = [s.model_dump() for s in engine.screen_many(varied, explain=True)]
    skipping_rows = engine.screen_rows(varied)
    unsure = [
        h for h in varied if any(engine_module._unknown(a) for a in engine_module.Engine._declared_past(h).values())
    ]
    again = set(simulated_again)
    # Both kinds are in the sample: estimated at 0, and estimated at more.
    assert any(id(h) not in again for h in unsure) and any(id(h) in again for h in unsure)
    monkeypatch.setattr(engine_module, "_declared_alike", lambda past, other: False)
    monkeypatch.setattr(engine_module.KeptSimulation, "seeding", lambda self, households: lambda target: None)
    assert [s.model_dump() for s in engine.screen_many(varied, explain=True)] == skipping
    assert engine.screen_rows(varied) == skipping_rows
