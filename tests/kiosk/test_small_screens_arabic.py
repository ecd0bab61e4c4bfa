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
from kiosk_helpers import answer_current, choose_language
from small_screens_checks import ANSWERS, check_finish, check_question_screen, check_received_marks


# A whole journey with every answer focused and the screen read each time:
# 120 s was too little on a loaded 2-core machine.
@pytest.mark.timeout(300)
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable_in_arabic(make_app, engine, caplog):
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_language(pilot, app, "ar", "keys")
        for _ in range(40):
            if app.session.is_complete:
                break
            await check_question_screen(pilot, app, "ar")
            if app.session.current.id == "received":
                await check_received_marks(pilot, app)
            await answer_current(pilot, app, ANSWERS, "keys")
        await check_finish(pilot, app, "ar")
        # Back to the top of the results, as the screen opened, for the journey's checks.
        app.screen.query_one("#results").scroll_home(animate=False, immediate=True)
        await pilot.pause()
        await check_results_then_finish(pilot, app, engine, ANSWERS, "ar", "keys")
    assert not [r for r in caplog.records if r.name == "kiosk"]
