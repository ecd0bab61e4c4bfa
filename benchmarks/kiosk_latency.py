"""Kiosk latency, printed (not asserted):

- launch to first screen: from creating the app (imports included) to the
  language screen drawn, while the rules engine warms up in its thread;
- last answer to results on screen, with a warm engine.

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


async def results(runs: int = 5) -> list[float]:
    from eligibility.engine import default_engine
    from kiosk.app import KioskApp
    from kiosk.config import KioskConfig
    from kiosk.screens.results import ResultsScreen

    engine = default_engine()
    engine.warm_up()
    times = []
    app = KioskApp(KioskConfig(site_commune="59350"), engine=engine)
    answers = [
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
        "tenant_private",
        (600, "month"),
    ]
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(runs):
            app.start_session("fr")
            for value in answers:
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
            app.erase()
            await pilot.pause()
    return times


def main() -> None:
    first = asyncio.run(first_screen())
    print(f"launch to first screen: {first:.3f} s (target <= 1 s)")
    timings = asyncio.run(results())
    print(
        f"last answer to results on screen (warm): median {statistics.median(timings):.3f} s, "
        f"max {max(timings):.3f} s over {len(timings)} runs (target <= 0.5 s)"
    )


if __name__ == "__main__":
    main()
