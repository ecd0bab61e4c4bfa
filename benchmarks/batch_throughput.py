"""Caseload screening throughput: households per second, beside plain
OpenFisca in the same run, and peak memory.

    python benchmarks/batch_throughput.py                 # 1 000 and 10 000 households
    python benchmarks/batch_throughput.py --sizes 1 100 1000 10000
    python benchmarks/batch_throughput.py --sizes 10000 --repeat 5  # the ratio's median over 5 pairs
    python benchmarks/batch_throughput.py --large         # + 100 000 (about 2 minutes on 2 cores)
    python benchmarks/batch_throughput.py --sweep         # best --chunk-size at 10 000
    python benchmarks/batch_throughput.py --profile       # where the time goes, one chunk

For a profile by function without cProfile's overhead, py-spy (a tool for
the developer, not a dependency: `pip install py-spy==0.4.1`, the version
these figures were profiled with) samples a run from outside:
`py-spy record -r 200 -f raw -o spy.txt -- python benchmarks/batch_throughput.py
--one 10000 --workers 1 --chunk-size 3000 --month 2025-05 --single 0`.

Every measurement runs `eligibility.batch.screen_file` in a fresh process on
generated households (`eligibility.batch_sample`, nothing real; written to
a temporary directory, removed afterwards), so peak memory is per run:
ru_maxrss of the main process and of the largest worker (forked workers
share the rules' pages, so their RSS overstates what they add).
Throughput excludes building and warming the rules (reported apart).
Right after each batch run, a separate process that builds nothing of
ours computes the same benefits for the first --plain households of the
same input with plain OpenFisca (`eligibility_latency.plain_openfisca` on
`FranceTaxBenefitSystem()` as published: none of our reforms, none of our
process-wide speed-ups of openfisca-core; net incomes only, one simulation
per household, the median). The batch process also screens up to --single
of them one by one with `screen()`. The headline
figure is the ratio: households the batch screens in the time plain
OpenFisca takes for one (batch rate × plain seconds), which holds across
machines and loads better than either figure alone. Figures are printed, never asserted; on a shared machine
the wall-clock rate moves with the load, the CPU figure much less; compare
two trees by running both in turn, interleaved. A speed change must leave
the results as they were: `benchmarks/batch_same_output.py` compares the
batch output with a git revision's, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _generate(path: Path, count: int, month: str | None, seed: int = 2026) -> None:
    from eligibility.batch_sample import households

    with open(path, "w", encoding="utf-8") as handle:
        for index, data in enumerate(households(count, seed=seed, month=month)):
            handle.write(json.dumps({"ref": f"h{index}", **data}) + "\n")


def _cpu(who) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure_one(args) -> dict:
    """Run in a child process: one batch run, then the single-screen loop."""
    import io

    import eligibility.engine as engine_module
    from eligibility.batch import screen_file
    from eligibility.household import Household

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as folder:
        source = Path(folder) / "in.jsonl"
        _generate(source, args.one, None if args.mixed_months else args.month)
        # The rules are built first, apart: CPU figures are for screening.
        warm_started = time.perf_counter()
        engine_module.default_engine().warm_up()
        build_seconds = time.perf_counter() - warm_started
        cpu_before = _cpu(resource.RUSAGE_SELF)
        summary = screen_file(
            str(source),
            str(Path(folder) / "out.csv"),
            rejects_path=str(Path(folder) / "rejects.csv"),
            workers=args.workers,
            chunk_size=args.chunk_size,
            progress_stream=io.StringIO(),
        )
        main_cpu = _cpu(resource.RUSAGE_SELF) - cpu_before
        cpu = main_cpu + _cpu(resource.RUSAGE_CHILDREN)
        peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        screening_seconds = summary.seconds - summary.start_seconds
        result = {
            "size": args.one,
            "workers": summary.workers,
            "chunk_size": args.chunk_size or "auto",
            "read": summary.read,
            "rejected": summary.rejected,
            "start_seconds": summary.start_seconds + build_seconds,
            "seconds": screening_seconds,
            "rate": summary.read / screening_seconds,
            "cpu_seconds": cpu,
            "main_cpu_seconds": main_cpu,
            "peak_main_mb": peak_main,
            "peak_worker_mb": peak_worker,
        }
        subset = []
        with open(source, encoding="utf-8") as handle:
            for line, _ in zip(handle, range(args.single)):
                data = json.loads(line)
                data.pop("ref")
                subset.append(Household.model_validate(data))
        if args.single:
            subset = subset[: args.single]
            engine = engine_module.default_engine()
            engine.screen(subset[0])  # same warm state as the batch had
            started = time.perf_counter()
            for household in subset:
                engine.screen(household)
            single = time.perf_counter() - started
            result["single_measured"] = len(subset)
            result["single_rate"] = len(subset) / single
    return result


def measure_plain(args) -> dict:
    """Run in a child process of its own, which builds nothing of ours:
    plain OpenFisca (`FranceTaxBenefitSystem()` as published, none of our
    reforms, none of our process-wide speed-ups of openfisca-core) computing
    the same benefits for the first --plain households of the same input,
    one household per simulation; the median."""
    import statistics

    from eligibility_latency import plain_openfisca
    from openfisca_core.periods import Instant
    from openfisca_core.populations import Population
    from openfisca_france import FranceTaxBenefitSystem

    from eligibility.household import Household
    from eligibility.openfisca_compat import parameter_trees_are_lazy

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as folder:
        source = Path(folder) / "in.jsonl"
        _generate(source, max(args.plain, 1), None if args.mixed_months else args.month)
        households = []
        with open(source, encoding="utf-8") as handle:
            for line in handle:
                data = json.loads(line)
                data.pop("ref")
                households.append(Household.model_validate(data))
    system = FranceTaxBenefitSystem()
    plain_openfisca(system, households[0])  # its own warm-up
    times, cpu_times = [], []
    for household in households[: args.plain]:
        started, cpu_started = time.perf_counter(), time.process_time()
        plain_openfisca(system, household)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    # Nothing of ours touched openfisca in this process.
    assert not hasattr(Instant.offset, "cache_info") and not getattr(Population.has_role, "memoized", False)
    assert not parameter_trees_are_lazy()
    return {
        "plain_seconds": statistics.median(times),
        "plain_cpu_seconds": statistics.median(cpu_times),
        "plain_measured": len(times),
    }


def _run(
    size: int,
    args,
    workers: int | None = None,
    chunk_size: int | None = None,
    mixed: bool = False,
    single: int | None = None,
) -> dict:
    command = [
        sys.executable,
        __file__,
        "--one",
        str(size),
        "--workers",
        str(workers or args.workers),
        "--month",
        args.month,
        "--single",
        str(args.single if single is None else single),
    ]
    if chunk_size or args.chunk_size:
        command += ["--chunk-size", str(chunk_size or args.chunk_size)]
    if mixed:
        command.append("--mixed-months")
    result = _child(command)
    if args.plain:
        # Plain OpenFisca in a pristine process of its own, right after the batch.
        plain = [sys.executable, __file__, "--plain-one", "--month", args.month, "--plain", str(args.plain)]
        result.update(_child(plain + (["--mixed-months"] if mixed else [])))
    return result


def _child(command: list[str]) -> dict:
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measurement failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def _row(r: dict) -> str:
    line = (
        f"{_n(r['size']):>8}  {r['workers']:>2} × {r['chunk_size']:>5}  {_n(r['rate']):>9}/s  "
        f"{_n(r['size'] / r['cpu_seconds']):>9}/cpu-s  {r['start_seconds']:>6.1f} s  "
        f"{_n(r['peak_main_mb']):>7} MB {_n(r['peak_worker_mb']):>7} MB"
    )
    if "plain_seconds" in r:
        # Wall clock: what the target is stated in. CPU: the same
        # comparison with each side's CPU time (the batch's over all its
        # processes), which a loaded machine moves much less.
        line += (
            f"  {r['plain_seconds']:>5.2f} s ({r['plain_cpu_seconds']:.2f} cpu-s)"
            f"  ×{_n(r['rate'] * r['plain_seconds']):>6} wall, ×{_n(r['size'] / r['cpu_seconds'] * r['plain_cpu_seconds']):>6} cpu"
        )
    if "single_rate" in r:
        if r["single_measured"] >= r["size"]:
            note = "measured"
        else:
            note = f"{r['single_measured']} measured, {_n(r['size'] / r['single_rate'] / 60)} min extrapolated"
        line += f"  {r['single_rate']:>7.1f}/s ({note})  ×{_n(r['rate'] / r['single_rate'])}"
    return line


HEADER = (
    "    size  workers×chunk   batch rate   per CPU-second   start   peak main  worker   "
    "plain OpenFisca, one household   households screened in that time   single screen() loop   ratio"
)


def profile(args) -> None:
    """Where the time of one chunk goes: input building, OpenFisca formulas,
    result interpretation, and the batch's own validation and flattening."""
    import functools

    import eligibility.engine as engine_module
    import eligibility.situation as situation
    from eligibility.batch import DEFAULT_CHUNK_SIZE, CollectorTuned, screen_chunk
    from eligibility.batch_io import Lines
    from eligibility.batch_records import JsonlFormat, Task

    totals: dict[str, float] = {}

    def timed(name, function):
        @functools.wraps(function)
        def wrapper(*a, **k):
            started = time.process_time()
            try:
                return function(*a, **k)
            finally:
                totals[name] = totals.get(name, 0.0) + time.process_time() - started

        return wrapper

    engine = engine_module.default_engine()
    engine.warm_up()
    engine_module.build_simulation = timed("building the simulation inputs (situation.py)", situation.build_simulation)
    engine_module.Engine._amounts = timed("OpenFisca formulas (simulation.calculate)", engine_module.Engine._amounts)
    import eligibility.batch_records as records_module

    engine_module.Engine._rows = staticmethod(timed("interpreting results (Engine._rows)", engine_module.Engine._rows))
    records_module.read_record = timed("reading lines (JSON)", records_module.read_record)
    records_module.validate = timed("validating households (pydantic)", records_module.validate)
    records_module.render_rows = timed("rendering result rows (CSV)", records_module.render_rows)
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as folder:
        source = Path(folder) / "in.jsonl"
        _generate(source, args.chunk_size or DEFAULT_CHUNK_SIZE, None if args.mixed_months else args.month)
        with open(source, "rb") as handle:
            items = list(Lines(handle, "utf-8"))
    reader = Task(JsonlFormat())
    screen_chunk(reader, items[:10])  # this month's caches
    totals.clear()
    with CollectorTuned():
        started = time.process_time()
        screen_chunk(reader, items)
        total = time.process_time() - started
    rate = f"{len(items) / total:,.0f}".replace(",", " ")
    print(f"One chunk of {len(items)} households, one process: {total:.2f} CPU s, {rate} households per CPU-second")
    accounted = sum(v for k, v in totals.items() if not k.startswith(" "))
    order = [k for k in totals if not k.startswith(" ")] + [k for k in totals if k.startswith(" ")]
    for name, seconds in [(k, totals[k]) for k in order] + [("validation, flattening, rest", total - accounted)]:
        print(f"  {name:<50} {seconds:6.2f} s  {100 * seconds / total:5.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--chunk-size", type=int, default=None, help="default: the batch's own choice")
    parser.add_argument("--month", default="2025-05", help="month screened (default 2025-05)")
    parser.add_argument("--mixed-months", action="store_true", help="households spread over five months")
    parser.add_argument("--single", type=int, default=0, help="households screened one by one beside the batch")
    parser.add_argument("--plain", type=int, default=5, help="households computed by plain OpenFisca (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000], help="caseload sizes")
    parser.add_argument(
        "--repeat", type=int, default=1, help="batch run and plain OpenFisca N times a size, then the ratio's median"
    )
    parser.add_argument("--large", action="store_true", help="also 100 000 households (about 2 minutes on 2 cores)")
    parser.add_argument("--sweep", action="store_true", help="try chunk sizes at 10 000 households")
    parser.add_argument("--profile", action="store_true", help="where the time of one chunk goes")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--plain-one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args)))
        return
    if args.plain_one:
        print(json.dumps(measure_plain(args)))
        return
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    if args.profile:
        profile(args)
        return
    if args.sweep:
        print(f"Chunk sizes at 10 000 households, {args.workers} workers:")
        print(HEADER)
        for chunk in (1000, 2000, 3000, 4000, 5000):
            print(_row(_run(10_000, args, chunk_size=chunk, single=0)), flush=True)
        return
    sizes = args.sizes + ([100_000] if args.large else [])
    print(
        f"Generated households, month {'mixed (5 months)' if args.mixed_months else args.month}; "
        f"plain OpenFisca: median of {args.plain} households, measured in a separate pristine process "
        f"(FranceTaxBenefitSystem() as published) right after each batch run; "
        f"single screen() loop: at most {args.single}."
    )
    print(HEADER)
    for size in sizes:
        runs = []
        for _ in range(args.repeat):
            runs.append(_run(size, args, mixed=args.mixed_months))
            print(_row(runs[-1]), flush=True)
        if len(runs) > 1 and args.plain:
            print(_spread(runs), flush=True)


def _spread(runs: list[dict]) -> str:
    """The ratio over repeated pairs (batch run, then plain OpenFisca): each
    pair sees the machine as it was for a minute; the median says more than
    any one pair on a machine whose speed moves by a third from minute to
    minute, and the range says how much it moved."""
    import statistics

    ratios = sorted(r["rate"] * r["plain_seconds"] for r in runs)
    rates = [r["rate"] for r in runs]
    plains = [r["plain_seconds"] for r in runs]
    return (
        f"{len(runs)} pairs: ratio median ×{_n(statistics.median(ratios))} (×{_n(ratios[0])} to ×{_n(ratios[-1])}), "
        f"{sum(r >= 12_000 for r in ratios)} of {len(runs)} at ×12 000 or more; batch rate {_n(min(rates))}-{_n(max(rates))}/s, "
        f"plain OpenFisca {min(plains):.2f}-{max(plains):.2f} s"
    )


if __name__ == "__main__":
    main()
