"""The results screen, drawn: an SVG export compared with a stored reference.

Regenerate the reference after a deliberate change of the screen with
    KIOSK_UPDATE_SNAPSHOTS=1 python -m pytest tests/kiosk/test_snapshot.py
and look at the new SVG before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from kiosk_helpers import show_screen

from eligibility import Household
from kiosk.screens.results import ResultsScreen
from tests.households import PARENT_ALONE_JUNE_2025

HERE = Path(__file__).parent / "snapshots"

# Fixed month and birth dates: the drawing does not change with today's date.
HOUSEHOLD = PARENT_ALONE_JUNE_2025


def _svg(app) -> str:
    # The terminal title and Rich's random-free ids are stable; only keep the drawing.
    return re.sub(r"terminal-\d+", "terminal", app.export_screenshot(title="results"))


async def _settled_svg(app, pilot) -> str:
    """The drawing once it no longer changes (focus, scrolling and the scroll
    hint settle a few frames after the screen is mounted)."""
    frames = [_svg(app)]
    for _ in range(60):
        await pilot.pause(0.2)
        frames.append(_svg(app))
        # Unchanged over 0.6 s: longer than the scroll hint's 0.25 s check.
        if len(frames) >= 4 and len(set(frames[-4:])) == 1:
            return frames[-1]
    raise AssertionError("the screen never settled")


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_results_screen_snapshot(make_app, engine, lang):
    screening = engine.screen(Household.model_validate(HOUSEHOLD))
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        await show_screen(pilot, app, ResultsScreen(), lang=lang, screening=screening)
        svg = await _settled_svg(app, pilot)
    reference = HERE / f"results_{lang}.svg"
    if os.environ.get("KIOSK_UPDATE_SNAPSHOTS") or not reference.exists():
        HERE.mkdir(exist_ok=True)
        reference.write_text(svg, encoding="utf-8")
        pytest.skip("reference written; check it and run again")
    assert svg == reference.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("screen", ["question", "results"])
async def test_small_screen_snapshot(make_app, engine, lang, screen):
    """80×24, the smallest screen a kiosk may have: a question with seven
    answers (the activity), and the top of the results."""
    from datetime import date

    from kiosk.screens.question import QuestionScreen
    from questionnaires import Session

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = Session("resident", lang=lang, site_commune="59350", today=date(2025, 6, 15))
        for answer in ("59350", "34", "fr"):
            session.answer(answer)
        if screen == "results":
            screening = engine.screen(Household.model_validate(HOUSEHOLD))
            await show_screen(pilot, app, ResultsScreen(), lang=lang, session=session, screening=screening)
        else:
            await show_screen(pilot, app, QuestionScreen(), lang=lang, session=session)
        svg = await _settled_svg(app, pilot)
    reference = HERE / f"{screen}_80x24_{lang}.svg"
    if os.environ.get("KIOSK_UPDATE_SNAPSHOTS") or not reference.exists():
        HERE.mkdir(exist_ok=True)
        reference.write_text(svg, encoding="utf-8")
        pytest.skip("reference written; check it and run again")
    assert svg == reference.read_text(encoding="utf-8")
