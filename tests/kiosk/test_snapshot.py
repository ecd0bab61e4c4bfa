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

from eligibility import Household
from kiosk.screens.results import ResultsScreen

HERE = Path(__file__).parent / "snapshots"

# Fixed month and birth dates: the drawing does not change with today's date.
HOUSEHOLD = {
    "month": "2025-06",
    "commune": "59350",
    "housing": {"status": "tenant_private", "rent": 600},
    "people": [
        {
            "id": "a",
            "role": "applicant",
            "birth_date": "1990-03-01",
            "activity": "employed",
            "income": {"salary": 1100},
        },
        {"id": "c1", "role": "child", "birth_date": "2016-09-01", "school": "primary"},
        {"id": "c2", "role": "child", "birth_date": "2012-09-01", "school": "college"},
    ],
    "received": {"af": 150.0},
    # A parent alone for more than 18 months: no increase, and no "unknown"
    # prime d'activité waiting for that answer (issue 10, item 6).
    "single_parent_months": 30,
}


def _svg(app) -> str:
    # The terminal title and Rich's random-free ids are stable; only keep the drawing.
    return re.sub(r"terminal-\d+", "terminal", app.export_screenshot(title="results"))


@pytest.mark.parametrize("lang", ["fr", "ar"])
async def test_results_screen_snapshot(make_app, engine, lang):
    screening = engine.screen(Household.model_validate(HOUSEHOLD))
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        app.lang = lang
        app.screening = screening
        app._replace(ResultsScreen())
        await pilot.pause()
        svg = _svg(app)
    reference = HERE / f"results_{lang}.svg"
    if os.environ.get("KIOSK_UPDATE_SNAPSHOTS") or not reference.exists():
        HERE.mkdir(exist_ok=True)
        reference.write_text(svg, encoding="utf-8")
        pytest.skip("reference written; check it and run again")
    assert svg == reference.read_text(encoding="utf-8")
