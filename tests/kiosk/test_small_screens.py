"""Every question in French at 80×24, walked by keyboard from the language
screen to the results: the question text is in view when the screen opens,
every answer and "Je ne sais pas" can be reached by keyboard and is then
drawn on screen with its focus marks, and a scroll hint says when there is
more below. Asserted on the rendered text. The larger sizes:
test_small_screens_larger.py; Arabic: test_small_screens_arabic.py."""

from __future__ import annotations

import pytest
from kiosk_helpers import screen_text
from small_screens_checks import walk_every_question

from locales import display

pytestmark = pytest.mark.heavy


@pytest.mark.timeout(300)
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable_in_french_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_every_question(pilot, app, "fr")


async def test_language_screen_shows_every_language_at_100x30(make_app):
    from locales import LANGUAGES

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for code in app.config.languages:
            assert display(LANGUAGES[code], code) in shown, code
