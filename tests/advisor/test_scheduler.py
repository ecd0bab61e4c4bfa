"""The advisor's screening scheduler, without Textual."""

from __future__ import annotations

from kiosk.advisor.scheduler import ScreeningScheduler


def test_one_screening_at_a_time_and_changes_gathered_into_the_next():
    s = ScreeningScheduler()
    assert s.changed() is True  # start one
    first = s.generation
    assert s.changed() is False and s.changed() is False  # gathered
    assert not s.is_current(first)
    # The first ends; its results are not current: the next must start.
    assert s.finished(work_left=True) is True
    s.shown(s.generation)
    assert s.finished(work_left=False) is False
    assert s.up_to_date and not s.running


def test_results_shown_then_nothing_left():
    s = ScreeningScheduler()
    s.changed()
    s.shown(s.generation)
    assert s.finished(work_left=False) is False
    assert s.up_to_date


def test_a_failure_lets_the_next_change_start_one():
    s = ScreeningScheduler()
    s.changed()
    s.failed()
    assert not s.up_to_date
    assert s.changed() is True


def test_the_advisor_core_imports_without_textual():
    # Form model, scenarios, comparison, explanations, files, PDF: usable
    # from a script or another interface.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import kiosk.advisor.form, kiosk.advisor.compare, kiosk.advisor.presets, kiosk.advisor.explain\n"
        "import kiosk.advisor.screening, kiosk.advisor.scheduler, kiosk.advisor.files, kiosk.advisor.printing\n"
        "import kiosk.advisor.process\n"
        "import kiosk.pdf\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
