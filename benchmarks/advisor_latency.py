"""Advisor latency (printed, not asserted): a field change -> the results of
every scenario of the comparison painted on screen.

Issue 13's measure: "15 people stay responsive (p95 field change -> results
painted <= 300 ms with 6 scenarios)". Printed, p50 and p95:

1. The screening alone (outside the app, parse + `screen_forms`), one
   scenario then six at once, for comparison.
2. One scenario in the running app (headless, 120×40): a salary changed.
3. Typing four digits 60 ms apart: last key -> results painted.
4. 15 people and 6 scenarios in the app: a salary of the scenario shown
   changed; the other five stay in the comparison.
5. Keys (`--only keys`, 120×40, one scenario): CPU of the app's thread for
   one digit typed into the rent field (the key, the field redrawn, its
   screening's results shown and painted) and for one Tab to the next
   field (focus moved, the screen repainted), for F6 between two
   scenarios (the form shows the other one), and for F7 (to the comparison,
   the explanations, the form: at 120×40, then at 80×24 where each is shown
   alone), each counted over at least
   `KEY_WINDOW` seconds and until the results are painted, less what the
   app's thread uses in such a window idle (timers).

How it is timed. Each change sets the value of the salary field (focused,
so on screen), as the field itself does on a key; the time runs until the
app has painted the results of that exact form for every scenario
(`app.up_to_date` and its `results_painted` event, set after the screen is
refreshed). The next change comes `--look` seconds after the results are
painted (a worker reads them). Its time is counted from the moment it was
due: anything the app still did then (a garbage collection after the
paint, a repaint) is in the figure.

Options: --runs N (30), --look S (0.3), --only one|typing|big|screening|keys,
--profile FILE (cProfile, CPU time of the app's thread over the measured changes;
read with `python -m pstats FILE`), --breakdown (where each change's time
goes: screening, results shown, paint; full collections; CPU of the app's
thread and of its screening process per change), --screen-in process|thread
(where the app screens: its forked process, the default, or a thread as
before; given twice, both are measured in turn in the same run).

On a shared machine the wall-clock figures follow its load; the CPU
figures per change do much less.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Keys typed this far apart in the "typing" measure: a quick typist.
KEY_GAP = 0.06
# The "keys" measure's window: long enough for a key's results to be painted.
KEY_WINDOW = 0.5


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))] * 1000


def _report(label: str, values: list[float]) -> None:
    print(f"{label}: p50 {_pct(values, 0.5):.0f} ms, p95 {_pct(values, 0.95):.0f} ms (n={len(values)})", flush=True)


class Breakdown:
    """Where a change's time goes, from timestamps the app's own steps leave."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float]] = []
        self.collections: list[tuple[int, float, bool]] = []
        self._started = 0.0

    def install(self) -> None:
        import threading

        from kiosk.advisor.app import AdvisorApp

        marks = self.marks
        for name in ("_launch", "_apply", "_painted"):
            original = getattr(AdvisorApp, name)

            def timed(self, *args, _original=original, _name=name):
                marks.append((_name, time.perf_counter()))
                try:
                    return _original(self, *args)
                finally:
                    marks.append((_name + ":end", time.perf_counter()))

            setattr(AdvisorApp, name, timed)

        def collected(phase, info):
            if phase == "start":
                self._started = time.perf_counter()
            elif info["generation"] == 2:
                on_ui = threading.current_thread() is threading.main_thread()
                self.collections.append((2, time.perf_counter() - self._started, on_ui))

        gc.callbacks.append(collected)

    def change(self) -> None:
        """A field is about to change (the benchmark's start)."""
        self.marks.append(("change", time.perf_counter()))

    def print(self) -> None:
        steps = {
            "until the screening starts": ("change", "_launch"),
            "screening (its thread or process)": ("_launch", "_apply"),
            "results shown (app's thread)": ("_apply", "_apply:end"),
            "until painted": ("_apply:end", "_painted"),
        }
        values: dict[str, list[float]] = {label: [] for label in steps}
        # Each change's last step of each kind (a screening given up for a
        # newer change is followed by another _launch).
        change: dict[str, float] = {}
        for name, at in [*self.marks, ("change", 0.0)]:
            if name == "change" and change:
                for label, (a, b) in steps.items():
                    if a in change and b in change and change[b] >= change[a]:
                        values[label].append(change[b] - change[a])
                change = {}
            change[name] = at
        for label, found in values.items():
            if found:
                _report(f"  {label}", found)
        full = [d for _g, d, _ui in self.collections]
        if full:
            where = sum(1 for *_x, ui in self.collections if ui)
            print(f"  full collections: {len(full)} ({where} on the app's thread), {_pct(full, 0.5):.0f} ms each (p50)")


def _process_cpu(app) -> float:
    """CPU seconds used so far by the app's screening process (0 without one)."""
    process = app.process
    if process is None or process.pid is None:
        return 0.0
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _app_latency(
    engine, household, scenarios=1, runs=30, typing_runs=15, look=0.3, profile=None, in_process=True
):
    from kiosk.advisor import AdvisorApp

    app = AdvisorApp(engine=engine, printer=None, screening_process=in_process)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _imported(pilot, app, household)
        for _ in range(scenarios - 1):
            await app.action_duplicate()
        await _settled(pilot, app)
        assert len(app.scenarios) == scenarios
        # The worker types in the salary field: it has the focus, so it is
        # scrolled into view (a change to a field off screen costs a new
        # map of the whole screen, which typing never does).
        app.set_focus(app.person_widget(0, "income.salary"))
        await _settled(pilot, app)
        await pilot.pause(look)
        if _BREAKDOWN is not None:  # the measured changes only
            _BREAKDOWN.marks.clear()
            _BREAKDOWN.collections.clear()
        if profile is not None:
            profile.enable()
        cpu = time.thread_time()
        process_cpu = _process_cpu(app)
        for run in range(runs):
            salary = app.person_widget(0, "income.salary")
            due = app.refreshed_at + look
            app.results_painted.clear()
            # Counted from when the change was due (see the docstring).
            start = min(time.perf_counter(), due) if run else time.perf_counter()
            if _BREAKDOWN is not None:
                _BREAKDOWN.change()
            salary.value = str(1001 + 10 * run)  # never a value seen before
            # Woken by the app when results are painted (no polling: a
            # polling loop would compete with the screening thread).
            await _painted(app)
            times.append(app.refreshed_at - start)
            await asyncio.sleep(max(0.0, app.refreshed_at + look - time.perf_counter()))
        if runs and _BREAKDOWN is not None:
            # Everything the app's thread did, whenever: less sensitive to the
            # machine's load than the wall-clock figures.
            print(f"  app's thread CPU per change: {(time.thread_time() - cpu) / runs * 1000:.0f} ms", flush=True)
            if app.process is not None:
                used = (_process_cpu(app) - process_cpu) / runs * 1000
                print(f"  screening process CPU per change: {used:.0f} ms (forked {app.process.starts}×)", flush=True)
        typing = []
        for run in range(typing_runs):
            salary = app.person_widget(0, "income.salary")
            salary.value = ""
            await _painted(app)
            await asyncio.sleep(look)
            # The value grows as keys would make it (Pilot.press would wait
            # for the screening to end before returning).
            text = str(1201 + run)
            first = time.perf_counter()
            for end in range(1, len(text) + 1):
                due = first + KEY_GAP * (end - 1)
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                salary.value = text[:end]
                last = min(time.perf_counter(), due)
            await _painted(app)
            typing.append(app.refreshed_at - last)
            await asyncio.sleep(look)
        if profile is not None:
            profile.disable()
        # Every scenario still shows the result of its own form.
        assert app.up_to_date and all(s.fresh for s in app.scenarios)
    return times, typing


async def _keys_cpu(engine, household, runs: int, in_process: bool) -> tuple[list[float], ...]:
    """CPU seconds of the app's thread per digit typed, per Tab, per F6 and
    per F7 (at 120×40, then at 80×24) (see 5.)."""
    from textual import events

    from kiosk.advisor import AdvisorApp

    app = AdvisorApp(engine=engine, printer=None, screening_process=in_process)
    async with app.run_test(size=(120, 40)) as pilot:
        await _imported(pilot, app, household)

        async def window(event=None) -> float:
            """CPU seconds from `event` until the app is idle again."""
            cpu = time.thread_time()
            if event is not None:
                app.post_message(event)
            await asyncio.sleep(KEY_WINDOW)
            while not app.up_to_date or app.workers:  # a loaded machine: the results come later
                await asyncio.sleep(0.02)
            # What is left (a form still being redrawn) before the next key: two
            # F6 at once made new fields twice together and crashed 9f211f7.
            await pilot.pause()
            return time.thread_time() - cpu

        idle = sorted([await window() for _ in range(5)])[2]  # timers, the cursor's blink

        async def cost(event) -> float:
            return max(0.0, await window(event) - idle)

        keys, tabs = [], []
        for run in range(runs):
            # The rent: a line of its own (the people's summary, which
            # echoes a salary, may wrap or not as it grows).
            rent = app.query_one("#f-housing-rent")
            app.set_focus(rent)
            # The key adds a tenth of a cent: new results, of the same shape.
            rent.value = f"{401 + run},1"
            await _settled(pilot, app)
            await pilot.press("end")  # typed after the value, not over it (selected on focus)
            await asyncio.sleep(KEY_WINDOW)
            keys.append(await cost(events.Key("5", "5")))
            tabs.append(await cost(events.Key("tab", None)))
        await app.action_duplicate()
        await _settled(pilot, app)
        switches = [await cost(events.Key("f6", None)) for _ in range(runs)]
        # F7: the form, the comparison, the explanations in turn; under 100
        # columns each shown alone (AdvisorApp._show_view).
        wide = [await cost(events.Key("f7", None)) for _ in range(runs)]
        await pilot.resize_terminal(80, 24)
        await _settled(pilot, app)
        idle = sorted([await window() for _ in range(5)])[2]
        narrow = [await cost(events.Key("f7", None)) for _ in range(runs)]
    return keys, tabs, switches, wide, narrow


async def _imported(pilot, app, household) -> None:
    """`household` imported into the running app, its results painted."""
    path = Path("/tmp") / f"advisor-bench-{time.time_ns()}.json"
    path.write_text(json.dumps(household.model_dump(mode="json")))
    try:
        assert app.import_path(str(path)) is None
    finally:
        path.unlink()
    await _settled(pilot, app)


async def _settled(pilot, app) -> None:
    for _ in range(600):
        if app.up_to_date and not app.workers:
            return
        await pilot.pause(0.05)
    raise RuntimeError("the advisor never settled")


async def _painted(app) -> None:
    while True:
        try:
            await asyncio.wait_for(app.results_painted.wait(), 10)
        except TimeoutError:
            print("results never came:", app.scheduler.__dict__, app.workers, file=sys.stderr)
            raise
        if app.up_to_date:
            return
        app.results_painted.clear()


def _screening_alone(engine, form, runs: int) -> None:
    from kiosk.advisor import form as forms
    from kiosk.advisor.screening import screen_forms

    one = []
    for run in range(runs):
        form["people"][0]["income.salary"] = str(900 + 10 * run)
        start = time.perf_counter()
        screen_forms(engine, [form])
        one.append(time.perf_counter() - start)
    _report("screening one scenario (parse + screen_forms, with explanations)", one)
    six_forms = []
    for n in range(6):
        f = forms.copy_form(form)
        f["people"][0]["income.salary"] = str(600 + 200 * n)
        six_forms.append(f)
    six = []
    for run in range(max(5, runs // 2)):
        six_forms[0]["people"][0]["income.salary"] = str(500 + run)
        start = time.perf_counter()
        screen_forms(engine, six_forms)
        six.append(time.perf_counter() - start)
    _report("screening six scenarios at once (one screen_many)", six)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--look", type=float, default=0.3, help="seconds between results painted and the next change")
    parser.add_argument("--only", choices=["screening", "one", "typing", "big", "keys"], action="append")
    parser.add_argument("--profile", metavar="FILE", help="cProfile of the app's thread (measured changes only)")
    parser.add_argument("--breakdown", action="store_true", help="screening / shown / painted, full collections")
    parser.add_argument(
        "--screen-in",
        choices=["process", "thread"],
        action="append",
        help="where the app screens: its forked process (the default) or a thread; both: measured in turn",
    )
    args = parser.parse_args()
    modes = args.screen_in or ["process"]
    only = set(args.only or ["screening", "one", "typing", "big", "keys"])

    from eligibility.engine import default_engine
    from eligibility.examples import warm_up_household
    from kiosk.advisor import form as forms

    engine = default_engine()
    engine.warm_up()
    household = warm_up_household()
    if "screening" in only:
        _screening_alone(engine, forms.form_from_household(household), args.runs)

    profile = None
    if args.profile:
        import cProfile

        # CPU time of the app's thread: what it costs, apart from waiting
        # for the screening thread (the shared machine's load left out too).
        profile = cProfile.Profile(time.thread_time)
    for mode in modes:
        print(f"Screening in the app's {mode}:", flush=True)
        _measure_app(engine, household, only, args, profile, in_process=mode == "process")
    if profile is not None:
        profile.dump_stats(args.profile)
        print(f"profile of the app's thread: python -m pstats {args.profile}")


def _measure_app(engine, household, only, args, profile, in_process: bool) -> None:
    if "keys" in only:
        keys, tabs, switches, wide, narrow = asyncio.run(_keys_cpu(engine, household, args.runs, in_process))
        print(
            f"app's thread CPU per digit typed (until its results are painted): p50 {_pct(keys, 0.5):.0f} ms",
            flush=True,
        )
        print(f"app's thread CPU per Tab (focus to the next field): p50 {_pct(tabs, 0.5):.0f} ms", flush=True)
        print(
            f"app's thread CPU per F6 (the other of two scenarios shown): p50 {_pct(switches, 0.5):.0f} ms", flush=True
        )
        print(
            f"app's thread CPU per F7 (form, comparison, explanations in turn): p50 {_pct(wide, 0.5):.0f} ms"
            f" at 120x40, {_pct(narrow, 0.5):.0f} ms at 80x24 (each shown alone)",
            flush=True,
        )
    if "one" in only or "typing" in only:
        breakdown = _breakdown(args)
        times, typing = asyncio.run(
            _app_latency(
                engine,
                household,
                runs=args.runs if "one" in only else 0,
                typing_runs=args.runs // 2 if "typing" in only else 0,
                look=args.look,
                profile=profile,
                in_process=in_process,
            )
        )
        if times:
            _report("1 scenario: field change -> results painted", times)
        if typing:
            _report(f"1 scenario, typing 4 digits ({KEY_GAP * 1000:.0f} ms apart): last key -> painted", typing)
        if breakdown:
            breakdown.print()
    if "big" in only:
        breakdown = _breakdown(args)
        big, _typing = asyncio.run(
            _app_latency(
                engine,
                _fifteen(household),
                scenarios=6,
                runs=args.runs,
                typing_runs=0,
                look=args.look,
                profile=profile,
                in_process=in_process,
            )
        )
        _report("15 people + 6 scenarios: field change -> results painted", big)
        if breakdown:
            breakdown.print()


_BREAKDOWN: Breakdown | None = None


def _breakdown(args) -> Breakdown | None:
    """The one Breakdown (installed once), emptied for the next measure."""
    global _BREAKDOWN
    if not args.breakdown:
        return None
    if _BREAKDOWN is None:
        _BREAKDOWN = Breakdown()
        _BREAKDOWN.install()
    _BREAKDOWN.marks.clear()
    _BREAKDOWN.collections.clear()
    return _BREAKDOWN


def _fifteen(household):
    """The warm-up household grown to 15 people (a partner, children)."""
    from eligibility.household import Household

    data = household.model_dump(mode="json")
    roles = [p["role"] for p in data["people"]]
    if "partner" not in roles:
        data["people"].append({"id": "partner", "role": "partner", "birth_date": "1989-09-09"})
    n = 0
    while len(data["people"]) < 15:
        n += 1
        if f"bench{n}" not in {p["id"] for p in data["people"]}:
            data["people"].append({"id": f"bench{n}", "role": "child", "birth_date": f"{2004 + n}-03-15"})
    return Household.model_validate(data)


if __name__ == "__main__":
    main()
