"""Every question at 80×24, 100×30 and 120×40: the question text is in view
when the screen opens, every answer and "Je ne sais pas" can be reached by
keyboard and is then drawn on screen with its focus marks, and a scroll hint
says when there is more below. Asserted on the rendered text."""

from __future__ import annotations

import pytest
from kiosk_helpers import answer_current, choose_language, screen_text, wait_until
from small_screens_checks import ANSWERS, check_finish, check_question_screen, check_received_marks, show_afresh

from kiosk.screens.results import ResultsScreen
from locales import display

#: French at every size, in one kiosk: each question is read at the size its
#: screen opened at, then shown afresh at the two others and answered by
#: keyboard at the last (the next question opens there); the same for the
#: results.
FRENCH_SIZES = [(80, 24), (100, 30), (120, 40)]


@pytest.mark.timeout(400)
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable_in_french_at_every_size(make_app):
    from kiosk.screens.question import QuestionScreen

    app = make_app()
    sizes = list(FRENCH_SIZES)
    async with app.run_test(size=sizes[0]) as pilot:
        await choose_language(pilot, app, "fr", "keys")
        for _ in range(40):
            if app.session.is_complete:
                break
            for index, size in enumerate(sizes):
                if index:
                    await pilot.resize_terminal(*size)
                    await show_afresh(pilot, app, QuestionScreen())
                await check_question_screen(pilot, app, "fr", size)
                if app.session.current.id == "received":
                    await check_received_marks(pilot, app)
            await answer_current(pilot, app, ANSWERS, "keys")
            sizes = [sizes[-1], *sizes[:-1]]
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)), app.screen
        for index, size in enumerate(sizes):
            if index:
                await pilot.resize_terminal(*size)
                await show_afresh(pilot, app, ResultsScreen())
            await check_finish(pilot, app, "fr")


async def test_language_screen_shows_every_language_at_100x30(make_app):
    from locales import LANGUAGES

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for code in app.config.languages:
            assert display(LANGUAGES[code], code) in shown, code
