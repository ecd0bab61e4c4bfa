"""Same results before and after a speed change: the batch output of this
tree and of a git revision (default `main`), byte for byte.

    python benchmarks/batch_same_output.py                # against main
    python benchmarks/batch_same_output.py --base HEAD~3 --count 2000

Generated households (`eligibility.batch_sample`, nothing real): one file
spread over five months, one in a single month. Each goes through
`python -m eligibility batch` (one worker, so the two runs do the same
work) as CSV and as JSON Lines, with the code of each side; then full
screenings (explanations, amounts after claiming) of the first --full
households are compared as JSON. The base revision is extracted with
`git archive` into a temporary folder; nothing is written in the tree.
Exit 0 when everything is identical, 1 otherwise (the first difference
is printed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FULL_SCREENINGS = """
import json, sys
from eligibility.engine import default_engine
from eligibility.household import Household
households = []
with open(sys.argv[1], encoding="utf-8") as handle:
    for line, _ in zip(handle, range(int(sys.argv[3]))):
        data = json.loads(line)
        data.pop("ref")
        households.append(Household.model_validate(data))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for screening in default_engine().screen_many(households, explain=True):
        out.write(screening.model_dump_json() + "\\n")
"""


def _generate(path: Path, count: int, month: str | None) -> None:
    sys.path.insert(0, str(ROOT))
    from eligibility.batch_sample import households

    with open(path, "w", encoding="utf-8") as handle:
        for index, data in enumerate(households(count, seed=2026, month=month)):
            handle.write(json.dumps({"ref": f"h{index}", **data}) + "\n")


def _run(code: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, *args], cwd=code, env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"}, capture_output=True
    )
    if done.returncode != 0:
        raise SystemExit(f"failed in {code}: {' '.join(args)}\n{done.stderr.decode(errors='replace')[-2000:]}")


def _first_difference(a: Path, b: Path) -> str | None:
    left, right = a.read_bytes().splitlines(), b.read_bytes().splitlines()
    for number, (x, y) in enumerate(zip(left, right), 1):
        if x != y:
            return f"line {number}:\n  base: {x[:300]!r}\n  this: {y[:300]!r}"
    if len(left) != len(right):
        return f"{len(left)} lines in the base, {len(right)} here"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="main", help="git revision to compare with (default main)")
    parser.add_argument("--count", type=int, default=2000, help="households per file (default 2 000)")
    parser.add_argument("--full", type=int, default=400, help="households screened in full (default 400)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="same-output-") as folder:
        work = Path(folder)
        base = work / "base"
        base.mkdir()
        archive = subprocess.run(["git", "archive", args.base], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        inputs = {"mixed": work / "mixed.jsonl", "one-month": work / "one-month.jsonl"}
        _generate(inputs["mixed"], args.count, None)
        _generate(inputs["one-month"], args.count, "2025-05")
        differences = 0
        for side, code in (("base", base), ("this", ROOT)):
            for name, source in inputs.items():
                for fmt in ("csv", "jsonl"):
                    out = work / f"{side}-{name}.{fmt}"
                    rejects = work / f"{side}-{name}-rejects.csv"
                    _run(code, "-m", "eligibility", "batch", str(source), str(out), "--workers", "1",
                         "--rejects", str(rejects))  # fmt: skip
            _run(code, "-c", FULL_SCREENINGS, str(inputs["mixed"]), str(work / f"{side}-full.jsonl"), str(args.full))
        compared = [f"{n}.{f}" for n in inputs for f in ("csv", "jsonl")] + [f"{n}-rejects.csv" for n in inputs]
        for name in [*compared, "full.jsonl"]:
            difference = _first_difference(work / f"base-{name}", work / f"this-{name}")
            status = "identical" if difference is None else f"DIFFERENT, {difference}"
            differences += difference is not None
            print(f"{name:<26} {status}")
        print(
            f"{args.count} households per file against {args.base}: {'same output' if not differences else 'differences'}"
        )
        return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
