"""`CollectorTuned` (around a batch run) leaves the garbage collector as it
found it: its thresholds, and the objects frozen before the run (the warm
rules, `Engine.warm_up`) still frozen."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from eligibility.batch_executors import GC_THRESHOLDS, CollectorTuned

ROOT = Path(__file__).resolve().parents[2]


def test_the_warm_rules_stay_frozen_after_a_run(engine):
    assert gc.get_freeze_count() > 0  # the warm-up froze the rules
    frozen = gc.get_freeze_count()
    thresholds = gc.get_threshold()
    with CollectorTuned():
        assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_freeze_count() >= frozen
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() >= frozen


def test_the_run_unfreezes_what_it_froze_when_nothing_was_frozen():
    # A fresh process: nothing frozen yet (this one froze the warm rules).
    code = (
        "import gc\n"
        "from eligibility.batch_executors import CollectorTuned\n"
        "assert gc.get_freeze_count() == 0\n"
        "kept = [[] for _ in range(1000)]\n"
        "thresholds = gc.get_threshold()\n"
        "with CollectorTuned():\n"
        "    assert gc.get_freeze_count() >= 1000\n"
        "assert gc.get_freeze_count() == 0, gc.get_freeze_count()\n"
        "assert gc.get_threshold() == thresholds\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT)}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
