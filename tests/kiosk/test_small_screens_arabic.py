"""Every question in Arabic at 80×24 (right to left): the question text is in
view when the screen opens, every answer and "Je ne sais pas" can be reached
by keyboard and is then drawn with its focus marks, and a scroll hint says
when there is more below. Asserted on the rendered text.

The walk is also the Arabic journey by keyboard alone: it ends on the
results, checked against a direct screening as test_journeys.py checks the
other journeys (journey_checks.py), then "Finish"."""

from __future__ import annotations

import logging

import pytest
from journey_checks import check_results_then_finish
from small_screens_checks import ANSWERS, walk_every_question

pytestmark = pytest.mark.heavy


# A whole journey with every answer focused and the screen read each time:
# 120 s was too little on a loaded 2-core machine.
@pytest.mark.timeout(300)
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable_in_arabic(make_app, engine, caplog):
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_every_question(pilot, app, "ar")
        # Back to the top of the results, as the screen opened, for the journey's checks.
        app.screen.query_one("#results").scroll_home(animate=False, immediate=True)
        await pilot.pause()
        await check_results_then_finish(pilot, app, engine, ANSWERS, "ar", "keys")
    assert not [r for r in caplog.records if r.name == "kiosk"]
