"""Where the test suite's time goes, printed (not asserted): the whole suite
(`pytest`, as `./run tests` runs it) with the CPU time of each test written
down, then the totals by folder and by file, and what the workers spend
before their first test (imports, collection, the rules built and warmed).

The suite's target is four minutes on the 2-core CI machine: at most
480 CPU-seconds in all, since two cores give two CPU-seconds a second. The
CPU time is what to compare from one day to the next, not the wall time
alone; the same suite took 650 to 1 170 CPU-seconds on different days of
the same machine.

Run: python benchmarks/suite_cost.py [--top N] [-- pytest arguments]
(`-- tests/kiosk` for one folder, `-- -m "not heavy"` for the lighter part).

It is also a pytest plugin (`-p suite_cost`, benchmarks/ on the path), which
is how it is loaded in every worker.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Four minutes on two cores.
BUDGET_CPU_SECONDS = 4 * 60 * 2
#: Where each pytest process (the controller, every worker) writes its records.
RECORDS = "SUITE_COST_RECORDS"


# -------------------------------------------------- the plugin, in each process
_records = None


def _cpu() -> float:
    """This process's CPU time (its threads included) and that of the
    children it has waited for (a command run by a test)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def pytest_configure(config):
    global _records
    folder = os.environ.get(RECORDS)
    if folder:
        _records = open(os.path.join(folder, f"{os.getpid()}.jsonl"), "a", encoding="utf-8")
        # pytest-xdist's workers have their input; the process that hands out the files has not.
        _records.write(json.dumps({"worker": hasattr(config, "workerinput")}) + "\n")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    # A test's setup, call and teardown.
    before = _cpu()
    yield
    if _records is not None:
        heavy = item.get_closest_marker("heavy") is not None
        _records.write(json.dumps({"test": item.nodeid, "cpu": _cpu() - before, "heavy": heavy}) + "\n")


def pytest_unconfigure(config):
    if _records is not None:
        _records.write(json.dumps({"process": _cpu()}) + "\n")
        _records.close()


# -------------------------------------------------------------- the report
def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _read(folder: str):
    tests: dict[str, float] = {}
    heavy: set[str] = set()
    start_ups: list[float] = []
    for path in Path(folder).glob("*.jsonl"):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        own = [r for r in records if "test" in r]
        for record in own:
            tests[record["test"]] = record["cpu"]
            if record["heavy"]:
                heavy.add(record["test"])
        ends = [r["process"] for r in records if "process" in r]
        if ends and any(r.get("worker") for r in records):  # what a worker spent outside its tests
            start_ups.append(ends[-1] - sum(r["cpu"] for r in own))
    return tests, heavy, start_ups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=25, help="how many of the heaviest files to list")
    parser.add_argument("--tests", type=int, default=0, help="how many of the heaviest tests to list")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="suite-cost-") as folder:
        env = {
            **os.environ,
            RECORDS: folder,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "benchmarks"), os.environ.get("PYTHONPATH")])),
        }
        command = [sys.executable, "-m", "pytest", "-q", "-p", "suite_cost", "-p", "no:cacheprovider"]
        before, started = _children_cpu(), time.monotonic()
        done = subprocess.run(command + args.pytest_args, cwd=ROOT, env=env, capture_output=True, text=True)
        wall, cpu = time.monotonic() - started, _children_cpu() - before
        tests, heavy, start_ups = _read(folder)

    output = done.stdout.splitlines()
    summary = [line for line in output if line.strip()][-1:]
    print(f"pytest: {summary[0] if summary else '(no summary)'} (exit {done.returncode})")
    # Which tests failed (pytest's short summary, `-ra`): a cost measured on a
    # failing run is not the suite's.
    for line in output:
        if line.startswith(("FAILED ", "ERROR ")):
            print(f"  {line}")
    print(f"wall {wall:.0f} s; CPU {cpu:.0f} s in all processes (user + system)")
    print(
        f"  at best {cpu / 2:.0f} s on 2 cores; four minutes there allow {BUDGET_CPU_SECONDS} CPU-s "
        f"(this run took {cpu / BUDGET_CPU_SECONDS:.2f}× that)"
    )
    in_tests = sum(tests.values())
    print(f"  in the {len(tests)} tests: {in_tests:.0f} CPU-s (the commands they start included)")
    in_heavy = sum(tests[t] for t in heavy)
    heavy_files = {t.split("::")[0] for t in heavy}
    print(
        f"    of which the {len(heavy_files)} files marked heavy: {in_heavy:.0f} CPU-s; the others {in_tests - in_heavy:.0f}"
    )
    if start_ups:
        print(
            f"  outside them, in {len(start_ups)} workers (imports, collection, rules built and warmed, "
            f"teardown): {sum(start_ups):.0f} CPU-s"
        )
    folders: collections.Counter[str] = collections.Counter()
    files: collections.Counter[str] = collections.Counter()
    counts: collections.Counter[str] = collections.Counter()
    for test, seconds in tests.items():
        path = test.split("::")[0]
        parts = path.split("/")
        folders["/".join(parts[:2]) if len(parts) > 2 else path] += seconds
        files[path] += seconds
        counts[path] += 1
    print("by folder:")
    for name, seconds in folders.most_common():
        print(f"  {seconds:7.1f} CPU-s  {100 * seconds / max(in_tests, 1e-9):4.1f} %  {name}")
    print(f"the {args.top} heaviest files:")
    for name, seconds in files.most_common(args.top):
        print(f"  {seconds:7.1f} CPU-s  {counts[name]:4d} tests  {name}")
    if args.tests:
        print(f"the {args.tests} heaviest tests:")
        for name, seconds in collections.Counter(tests).most_common(args.tests):
            print(f"  {seconds:7.1f} CPU-s  {name}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
