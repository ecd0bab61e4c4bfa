"""Screening latency: warm p50/p95 of `screen()` over varied households,
beside plain OpenFisca (net incomes only, same benefits) in the same run,
measured in a separate pristine process (`FranceTaxBenefitSystem()` as
published: none of our reforms nor of our speed-ups of openfisca-core);
cold start (process start → engine warm) and peak memory.

Run: ./run bench   (or .venv/bin/python benchmarks/eligibility_latency.py)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generated_households import generate

from eligibility import catalog, default_engine
from eligibility.situation import HOUSING

WARM_SAMPLE = 60
PLAIN_SAMPLE = 8


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def plain_openfisca(system, household) -> None:
    """The same household as plain OpenFisca sees it: current net incomes,
    no past, then the same benefits computed."""
    from openfisca_core.simulation_builder import SimulationBuilder

    month = str(household.month)
    individus = {}
    for person in household.people:
        individus[person.id] = {
            "date_naissance": {"ETERNITY": person.birth_date.isoformat()},
            "salaire_net": {month: person.income.salary},
            "chomage_net": {month: person.income.unemployment},
            "retraite_nette": {month: person.income.pension},
            "taux_incapacite": {month: person.disability_rate or 0},
        }
    parents = [p.id for p in household.adults]
    children = [p.id for p in household.children]
    others = [p.id for p in household.people if p.role == "other"]
    situation = {
        "individus": individus,
        "familles": {"f": {"parents": parents, "enfants": children}},
        "foyers_fiscaux": {"ff": {"declarants": parents, "personnes_a_charge": children}},
        "menages": {
            "m": {
                "personne_de_reference": parents[:1],
                "conjoint": parents[1:],
                "enfants": children,
                "autres": others,
                "loyer": {month: household.housing.rent or 0},
                "statut_occupation_logement": {month: HOUSING[household.housing.status]},
                "depcom": {month: household.commune},
            }
        },
    }
    for i, other in enumerate(others):
        situation["familles"][f"f{i}"] = {"parents": [other]}
        situation["foyers_fiscaux"][f"ff{i}"] = {"declarants": [other]}
    simulation = SimulationBuilder().build_from_entities(system, situation)
    for benefit in catalog.benefits().values():
        source = benefit.openfisca
        period = str(household.month.year) if source.period == "year" and not source.yearly_from_month else month
        try:
            simulation.calculate(source.paid_variable or source.variable, period)
        except Exception:
            pass


def pristine_plain() -> list[float]:
    """Plain OpenFisca's seconds per household, measured in a separate
    process that builds nothing of ours: `FranceTaxBenefitSystem()` as
    published, none of our reforms, none of our process-wide speed-ups of
    openfisca-core (which this process has once the engine is built)."""
    done = subprocess.run(
        [sys.executable, __file__, "--plain-only"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    return [float(value) for value in done.stdout.split()]


def _plain_only() -> None:
    from openfisca_core.periods import Instant
    from openfisca_core.populations import Population
    from openfisca_france import FranceTaxBenefitSystem

    from eligibility.openfisca_compat import parameter_trees_are_lazy

    system = FranceTaxBenefitSystem()
    households = generate(WARM_SAMPLE, seed=7)
    plain_openfisca(system, households[0])  # its own warm-up
    times = []
    for household in households[:PLAIN_SAMPLE]:
        start = time.perf_counter()
        plain_openfisca(system, household)
        times.append(time.perf_counter() - start)
    assert not hasattr(Instant.offset, "cache_info") and not getattr(Population.has_role, "memoized", False)
    assert not parameter_trees_are_lazy()
    print(" ".join(str(t) for t in times))


def cold_start() -> tuple[float, float]:
    code = (
        "import time, resource; t = time.perf_counter();"
        "from eligibility import default_engine; default_engine().warm_up();"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    start = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    total = time.perf_counter() - start
    return total, float(output[1])


def main() -> None:
    total, rss = cold_start()
    print(f"cold: process start → engine warm {total:.2f} s; peak RSS {rss:.0f} MiB (target ≤ 300 MiB)")

    engine = default_engine()
    engine.warm_up()
    households = generate(WARM_SAMPLE, seed=7)
    for household in households[:3]:
        engine.screen(household)  # parameter instants of this month
    ours = []
    for household in households:
        start = time.perf_counter()
        engine.screen(household)
        ours.append(time.perf_counter() - start)
    plain = pristine_plain()
    p50, p95 = statistics.median(ours), percentile(ours, 0.95)
    plain50, plain95 = statistics.median(plain), percentile(plain, 0.95)
    print(f"warm screen(), {len(ours)} varied households, all {len(catalog.benefits())} benefits:")
    print(f"  ours   p50 {p50 * 1000:6.0f} ms   p95 {p95 * 1000:6.0f} ms   (target p50 ≤ 200 ms)")
    print(
        f"  plain  p50 {plain50 * 1000:6.0f} ms   p95 {plain95 * 1000:6.0f} ms   ({len(plain)} households, net incomes only;"
        " pristine FranceTaxBenefitSystem() in a separate process)"
    )
    print(f"  ratio plain/ours at p50: {plain50 / p50:.1f}×")


if __name__ == "__main__":
    if sys.argv[1:] == ["--plain-only"]:
        _plain_only()
    else:
        main()
