"""A long multiple choice by keyboard: "Quelles aides recevez-vous déjà ?"
(24 answers) used to need 26 Tabs from the first answer to "Valider". End
now goes to "Valider" from anywhere on the question, Home back to the first
answer, and a line under the question says so (in the person's language).
Read on the drawn screen at 80×24, French and Arabic (mirrored); touch is
unchanged.
"""

from __future__ import annotations

import pytest
from focus_checks import assert_focus_drawn, session_at, show_question, wait_for
from kiosk_helpers import click, screen_text

from kiosk.screens.question import KEY_HINT_ABOVE, QuestionScreen
from kiosk.widgets import BigButton
from locales import display, gettext

HINT = "Clavier : Entrée coche, la touche Fin va à « {button} »."
SIZE = (80, 24)


def drawn(app) -> str:
    return " ".join(screen_text(app).split())


def hint(lang: str) -> str:
    return gettext(lang, HINT).format(button=gettext(lang, "Valider"))


async def test_end_goes_to_valider_and_enter_validates_what_was_ticked(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=SIZE) as pilot:
        await show_question(pilot, app, "received")
        question = app.session.current
        assert question.id == "received" and len(question.choices) > KEY_HINT_ABOVE
        assert hint("fr") in drawn(app)
        # Tick the 2nd and 4th answers by keys, as a person would.
        assert app.focused.id == "choice-0"
        keys = ["down", "enter", "down", "down", "enter", "end"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert app.focused.id == "next"
        assert_focus_drawn(app, "End on the received question")
        assert "▶ Valider → ◀" in screen_text(app)
        # Home: back to the first answer, drawn in view.
        await pilot.press("home")
        await pilot.pause()
        assert app.focused.id == "choice-0"
        assert_focus_drawn(app, "Home on the received question")
        await pilot.press("end", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, QuestionScreen), "the results")
        ticked = [question.choices[1][0], question.choices[3][0]]
        assert app.session.answers["received"] == ticked
        # Eight keys in all, where 26 Tabs were needed to reach "Valider".
        assert len(keys) + 2 < 26


async def test_end_and_home_mirrored_in_arabic(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=SIZE) as pilot:
        app.lang = "ar"
        app.session = session_at("received", lang="ar")
        app.show(QuestionScreen())
        await wait_for(pilot, lambda: getattr(app.screen, "question", None) is not None, "received")
        await pilot.pause(0.1)
        text = app.screen.query_one("#key-hint").text
        assert text == hint("ar") and "Fin" in text
        # Drawn shaped, right to left: the Arabic words of the hint are on screen.
        shown = drawn(app)
        assert display(gettext("ar", "Valider"), "ar") in shown
        await pilot.press("end")
        await pilot.pause()
        valider = app.screen.query_one("#next", BigButton)
        assert app.focused is valider
        assert_focus_drawn(app, "ar End")
        # Mirrored: "Valider" ends the line on the left, "Back" starts it on the right.
        back = app.screen.query_one("#back", BigButton)
        assert valider.region.x < back.region.x
        await pilot.press("home")
        await pilot.pause()
        first = app.screen.query_one("#choice-0", BigButton)
        assert app.focused is first and first.region.x + first.region.width // 2 > SIZE[0] // 2
        assert_focus_drawn(app, "ar Home")


async def test_touch_journey_is_unchanged(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=SIZE) as pilot:
        await show_question(pilot, app, "received")
        question = app.session.current
        await click(pilot, app.screen.query_one("#choice-2", BigButton))
        await click(pilot, app.screen.query_one("#next", BigButton))
        await wait_for(pilot, lambda: not isinstance(app.screen, QuestionScreen), "the results")
        assert app.session.answers["received"] == [question.choices[2][0]]


@pytest.mark.parametrize("question_id", ["nationality", "incomes"])
async def test_hint_only_on_long_multiple_choices_and_end_never_strands_the_focus(make_app, question_id):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=SIZE) as pilot:
        await show_question(pilot, app, question_id)
        question = app.session.current
        long = question.kind == "multiple_choice" and len(question.choices) > KEY_HINT_ABOVE
        assert (hint("fr") in drawn(app)) == long
        assert bool(app.screen.query("#key-hint")) == long
        await pilot.press("end")
        await pilot.pause()
        # A single choice has no "Valider": End scrolls, the focus stays drawn on an answer.
        expected = "next" if question.kind == "multiple_choice" else "choice-0"
        assert app.focused.id == expected
        assert_focus_drawn(app, f"End on {question_id}")


async def test_end_under_a_dialog_stays_in_the_dialog(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=SIZE) as pilot:
        await show_question(pilot, app, "received")
        question_screen = app.screen
        await click(pilot, question_screen.query_one("#change-language", BigButton))
        await wait_for(pilot, lambda: app.screen is not question_screen, "the language picker")
        dialog = app.screen
        await pilot.press("end")
        await pilot.pause()
        assert app.screen is dialog
        assert app.focused is None or app.focused.screen is dialog
