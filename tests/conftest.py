"""Shared fixtures. The OpenFisca system is built once per test session
(once per pytest-xdist worker)."""

from __future__ import annotations

import gc
import os
import stat

import pytest
from hypothesis import settings

#: The months most tests screen (fixed months, so amounts do not move with
#: today's date): their parameters and income ratios are read at warm-up.
COMMON_MONTHS = ("2025-05", "2026-01")

#: The collector's thresholds for the test processes. A test process keeps
#: far more long-lived objects than the kiosk does (the rules' caches for
#: every month screened, apps, fonts, catalogs), and with the default
#: (700, 10, 10) the Textual tests spent a fifth of their CPU time walking
#: them. Cycles are still collected, less often; tests that look for
#: leftovers call gc.collect() themselves.
GC_THRESHOLDS = (100_000, 20, 10)


def pytest_configure(config):
    gc.set_threshold(*GC_THRESHOLDS)
    # Hypothesis's deadline (200 ms an example) times the machine, not the
    # code: four test workers share two cores, and a rendering that takes
    # 5 ms alone took 750 ms under that load. pytest-timeout bounds each test.
    settings.register_profile("shared-machine", deadline=None)
    settings.load_profile("shared-machine")


def pytest_unconfigure(config):
    # At the end, pytest collects five times in a row to find finalizers that
    # failed (its unraisable-exception plugin), each collection walking all
    # that is left (seconds in a worker that ran the advisor's tests). One
    # collection here finds them (the plugin's hook
    # is still on, they are still reported), then what survives is frozen:
    # the five that follow have nothing to walk.
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(config, items):
    # xdist hands out one file at a time, in this order (pyproject: no
    # reordering by its count of tests): the heavy files first, the rest as
    # collected. Started last, a heavy file once ran alone for the last
    # half-minute of the run while the other workers waited.
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)


def pytest_collection_finish(session):
    # Build and warm the rules before the first test starts, when a test
    # will need them: the per-test timeout (pytest-timeout) is for the test,
    # not for this one-off build, which takes tens of seconds on a busy machine.
    if session.config.option.collectonly:
        return
    if any("engine" in getattr(item, "fixturenames", ()) for item in session.items):
        from eligibility import Household
        from eligibility.engine import default_engine
        from eligibility.examples import warm_up_household

        engine = default_engine()
        engine.warm_up()
        # The months of the tests too, then their caches are set aside like
        # the rules' (Engine.warm_up): the first test of each month no longer
        # pays for them inside its timeout.
        template = warm_up_household().model_dump(mode="json")
        engine.screen_many([Household.model_validate({**template, "month": month}) for month in COMMON_MONTHS])
        gc.collect()
        gc.freeze()


@pytest.fixture(scope="session")
def engine():
    from eligibility.engine import default_engine

    engine = default_engine()
    engine.warm_up()
    return engine


@pytest.fixture
def fake_lp(tmp_path, monkeypatch):
    """A stand-in `lp` first on PATH: it keeps its arguments and the job
    (in the returned folder) and fails for the printer named "missing"."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    out = tmp_path / "printed"
    out.mkdir()
    script = bin_dir / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{out}/args"\n'
        f'cat > "{out}/data"\n'
        'case "$2" in missing) echo "lp: The printer or class does not exist." >&2; exit 1;; esac\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    # No lpstat: the configured name must be used without asking CUPS.
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return out
