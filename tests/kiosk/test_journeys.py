"""Complete journeys, language screen to results, by touch alone and by
keyboard alone, in French, English and Arabic. What the kiosk shows is
compared with a direct screening of the same household (journey_checks.py).
French by touch is the journey of test_safety.py (which also checks that it
writes and leaves nothing); Arabic by keyboard is walked at 80×24 in
test_small_screens_arabic.py; both with the same checks at the end."""

from __future__ import annotations

import logging

import pytest
from journey_checks import check_results_then_finish
from kiosk_helpers import SINGLE_PARENT, SIZE, run_journey

pytestmark = pytest.mark.heavy


@pytest.mark.parametrize(
    ("lang", "mode"),
    # Each language, and each way of using it; French by touch in
    # test_safety.py, Arabic by keyboard in test_small_screens_arabic.py.
    [("en", "keys"), ("ar", "click")],
)
async def test_journey_shows_the_screening_of_the_household(make_app, engine, caplog, lang, mode):
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await run_journey(pilot, app, SINGLE_PARENT, lang, mode)
        await check_results_then_finish(pilot, app, engine, SINGLE_PARENT, lang, mode)
    assert app.error_count == 0 and not [r for r in caplog.records if r.name == "kiosk"]
