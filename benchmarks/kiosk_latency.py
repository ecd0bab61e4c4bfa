"""Kiosk latency, printed (not asserted):

- launch to first screen: from creating the app (imports included) to the
  language screen drawn, while the rules engine warms up in its thread;
- last answer to results on screen, with a warm engine;
- one question screen: its CPU time from the answer before it to the screen
  drawn (built, styled, laid out, painted), for each question of a journey,
  in French and in Arabic (shaped), at 120×40 and at 80×24.

Targets: first screen <= 1 s; results <= 0.5 s.
Run: python benchmarks/kiosk_latency.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


# A single parent of 34 in Lille (tests/kiosk/kiosk_helpers.SINGLE_PARENT),
# as the screens give the answers.
ANSWERS = [
    "59000",  # Lille (a postal code, as a person types it)
    34,
    "fr",
    "employed",
    ["salary"],
    (1100, "month"),
    False,
    False,
    False,
    2,
    8,
    "primary",
    None,
    12,
    "college",
    None,
    18,
    "tenant_private",
    (600, "month"),
]


async def first_screen() -> float:
    start = time.perf_counter()
    from kiosk.app import KioskApp
    from kiosk.config import KioskConfig
    from kiosk.screens.language import LanguageScreen

    app = KioskApp(KioskConfig(site_commune="59350", places="lille"))
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, LanguageScreen) or not app.screen.query("#lang-fr"):
            await pilot.pause(0.005)
        await pilot.pause()
        elapsed = time.perf_counter() - start
        app.wait_for_engine()
    return elapsed


async def journeys(lang: str, size: tuple[int, int], runs: int):
    """A kiosk on a warm rules engine (warmed before: no warm-up thread runs
    while a screen is timed), at `size`: its pilot at the start of each of
    `runs` journeys in `lang`, erased after each."""
    from eligibility.engine import default_engine
    from kiosk.app import KioskApp
    from kiosk.config import KioskConfig

    engine = default_engine()
    engine.warm_up()
    app = KioskApp(KioskConfig(site_commune="59350"), engine=engine)
    async with app.run_test(size=size) as pilot:
        for _ in range(runs):
            app.start_session(lang)
            yield app, pilot
            app.erase()
            await pilot.pause()


async def results(runs: int = 5) -> list[float]:
    from kiosk.screens.results import ResultsScreen

    times = []
    async for app, pilot in journeys("fr", (120, 40), runs):
        for value in ANSWERS:
            app.session.answer(value)
        app.show_current()
        await pilot.pause()
        # The last answer, through the screen, as a tap would give it.
        start = time.perf_counter()
        app.screen.submit(["af"])
        while not isinstance(app.screen, ResultsScreen):
            await pilot.pause(0.002)
        await pilot.pause()
        times.append(time.perf_counter() - start)
    return times


async def question_screens(lang: str, size: tuple[int, int], runs: int = 3) -> list[float]:
    """CPU seconds per question screen (the process's time: the machine's
    other load does not count), over `runs` journeys of ANSWERS."""
    from kiosk.screens.question import QuestionScreen

    times = []
    async for app, pilot in journeys(lang, size, runs):
        await pilot.pause()
        for value in ANSWERS[:-1]:
            before = app.screen
            start = time.process_time()
            app.session.answer(value)
            app.show_current()
            while app.screen is before or not (isinstance(app.screen, QuestionScreen) and app.screen.is_mounted):
                await asyncio.sleep(0)
            # Laid out and painted (Textual paints on its next refresh).
            await pilot.pause()
            times.append(time.process_time() - start)
    return times


def main() -> None:
    first = asyncio.run(first_screen())
    print(f"launch to first screen: {first:.3f} s (target <= 1 s)")
    timings = asyncio.run(results())
    print(
        f"last answer to results on screen (warm): median {statistics.median(timings):.3f} s, "
        f"max {max(timings):.3f} s over {len(timings)} runs (target <= 0.5 s)"
    )
    for lang, size in (("fr", (120, 40)), ("ar", (120, 40)), ("fr", (80, 24)), ("ar", (80, 24))):
        per_screen = asyncio.run(question_screens(lang, size))
        print(
            f"one question screen ({lang}, {size[0]}×{size[1]}): median {statistics.median(per_screen) * 1000:.0f} ms CPU, "
            f"total {sum(per_screen):.2f} s CPU over {len(per_screen)} screens"
        )


if __name__ == "__main__":
    main()
