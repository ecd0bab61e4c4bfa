"""The incomes `situation.NOT_IN_THE_MODEL` declares 0 without running their
formulas are 0 by the rules too, for the households we build: their formulas
only add up inputs we never declare. An upgrade of the rules that makes one
of them read an input we do declare (a disability rate, an income) fails
here, by name, instead of changing amounts silently."""

from __future__ import annotations

import numpy as np
import pytest
from openfisca_core import periods

from eligibility.batch_sample import households
from eligibility.household import Household
from eligibility.situation import NOT_IN_THE_MODEL, build_simulation


@pytest.fixture(scope="module")
def varied(engine):
    """Generated households of several months, with the people who could
    have such incomes: disabled, self-employed, retired, several adults."""
    found = [Household.model_validate(data) for data in households(300, seed=14)]
    return found


def test_the_sample_has_the_people_these_incomes_would_concern(varied):
    people = [p for h in varied for p in h.people]
    assert any((p.disability_rate or 0) >= 0.1 for p in people)  # accident-at-work pension rates
    assert any(p.income.self_employment > 0 for p in people)
    assert any(p.income.salary > 0 for p in people)
    assert any(p.income.pension > 0 for p in people)
    assert len({h.month for h in varied}) > 1


@pytest.mark.parametrize("variable", sorted(NOT_IN_THE_MODEL))
def test_the_rules_give_zero_where_we_declare_zero(engine, varied, variable):
    by_month: dict = {}
    for household in varied:
        by_month.setdefault(household.month, []).append(household)
    for month, group in by_month.items():
        ratios = engine.income_ratios(month)
        simulation, _ = build_simulation(engine.system, group, month, ratios, [{} for _ in group])
        declared = simulation.calculate(variable, str(month))
        assert not declared.any()
        # Forget the declared zeros: the rules' own formula runs.
        simulation.get_holder(variable).delete_arrays()
        for offset in (0, -1, -3, -12, -24):
            period = periods.period(str(month.shift(offset)))
            computed = simulation.calculate(variable, period)
            assert np.array_equal(computed, np.zeros(len(computed))), (variable, str(period))
