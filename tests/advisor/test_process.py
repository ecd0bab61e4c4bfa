"""The advisor's screening process (kiosk/advisor/process.py): the same
screenings as the app's own engine, abandoned on request, replaced when it
dies, gone when the app is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eligibility.engine import ScreeningStopped
from kiosk.advisor import form as forms
from kiosk.advisor.compare import comparison_rows
from kiosk.advisor.process import ScreeningProcess, ScreeningProcessLost
from tests.advisor.advisor_helpers import import_household, screen_text, settle, type_into
from tests.advisor.test_screening_cache import _amounts, _cells_on_screen

ROOT = Path(__file__).resolve().parents[2]


def _gone(pid: int) -> bool:
    """No such process any more (or only its zombie, if nobody reaps here)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _wait_gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.02)
    return False


@pytest.fixture(scope="module")
def process(engine):
    # One for the module's first three tests (each fork touches the rules'
    # pages again: about half a CPU-second): they take it as the test before
    # left it, alive (the one that kills it starts it again).
    process = ScreeningProcess(engine)
    process.start()
    yield process
    process.close()


def test_the_process_screens_as_the_engine_does(process, engine, family):
    other = family.model_copy(update={"people": [family.people[0].model_copy(update={"activity": "unemployed"})]})
    remote = process.screen_many([family, other], explain=True)
    local = engine.screen_many([family, other], explain=True)
    assert [_amounts(s) for s in remote] == [_amounts(s) for s in local]
    assert remote[0].benefits[0].figures == local[0].benefits[0].figures  # the explanations came too
    assert _amounts(remote[0]) != _amounts(remote[1])
    assert process.pid != os.getpid()


def test_a_screening_given_up_leaves_the_process_ready(process, engine, family):
    with pytest.raises(ScreeningStopped):
        process.screen_many([family], explain=True, stop=lambda: True)
    # The answer to the abandoned request is not taken for this one.
    again = process.screen_many([family], explain=True)
    assert _amounts(again[0]) == _amounts(engine.screen(family, explain=True))


def test_a_dead_process_is_reported_then_replaced(process, family):
    pid, starts = process.pid, process.starts
    assert process.alive
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(ScreeningProcessLost):
        process.screen_many([family])
    assert not process.alive and _gone(pid)  # reaped: no zombie left behind
    process.start()
    assert process.pid != pid and process.starts == starts + 1
    assert process.screen_many([family])[0].benefits


def test_close_ends_the_process(engine):
    process = ScreeningProcess(engine)
    process.start()
    pid = process.pid
    process.close()
    assert _gone(pid) and process.pid is None and not process.alive


def test_the_process_dies_with_a_killed_app():
    # A parent of its own (a fresh engine: the rules are never built), killed
    # outright: it has no chance to close anything.
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from eligibility.engine import Engine\n"
            "from kiosk.advisor.process import ScreeningProcess\n"
            "p = ScreeningProcess(Engine()); p.start(); print(p.pid, flush=True); time.sleep(60)\n",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        child = int(parent.stdout.readline())
        assert not _gone(child)
        parent.kill()
        parent.wait()
        assert _wait_gone(child), "the screening process outlived the app"
    finally:
        parent.kill()
        parent.wait()


async def test_the_app_screens_in_its_process_and_survives_its_death(make_app, engine, family, tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await import_household(pilot, app, family, tmp_path)
        assert app.process is not None and app.process.alive
        first = app.process.pid
        await type_into(pilot, app, app.person_widget(0, "income.salary"), "1500")
        await settle(pilot, app)
        fresh = engine.screen_many(forms.parse_form(app.form).households(), explain=True)[0]
        assert _amounts(app.scenario.screening) == _amounts(fresh)
        # Killed (out of memory, by hand): the change is still screened and
        # painted, and the next screening has a new process.
        os.kill(first, signal.SIGKILL)
        assert _wait_gone(first)
        await type_into(pilot, app, app.person_widget(0, "income.salary"), "900")
        await settle(pilot, app)
        fresh = engine.screen_many(forms.parse_form(app.form).households(), explain=True)[0]
        assert _amounts(app.scenario.screening) == _amounts(fresh)
        text = screen_text(app)
        _cells_on_screen(text, comparison_rows([fresh], [forms.parse_form(app.form).household()]))
        assert "À jour." in text and "échoué" not in text
        await type_into(pilot, app, app.person_widget(0, "income.salary"), "950")
        await settle(pilot, app)
        assert app.process.alive and app.process.pid != first and app.process.starts == 2
        assert "À jour." in screen_text(app)
        last = app.process.pid
    # The app closed: its process is gone too.
    assert _gone(last)
