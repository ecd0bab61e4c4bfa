"""The arrow keys move between a dialog's buttons as they do on the screens
under it: Up and Down to the previous and next button, the arrow towards
where a line goes (right in French, left in Arabic) to the next one. A
dialog is a modal screen: the app's own arrow keys did not reach it, and
in the language dialog only Up and Down moved. Read on the drawn screen
(the focus marks ▶ ◀)."""

from __future__ import annotations

import pytest
from focus_checks import assert_focus_drawn, mark_column
from kiosk_helpers import SIZE, answered, resume, wait_until

from kiosk.screens.confirm import ConfirmRestart
from kiosk.screens.language import LanguagePicker


async def press(pilot, app, key: str, where: str) -> str:
    await pilot.press(key)
    await pilot.pause()
    assert_focus_drawn(app, f"{where}, after {key}")
    return app.focused.id


@pytest.mark.parametrize(("lang", "onwards", "backwards"), [("fr", "right", "left"), ("ar", "left", "right")])
async def test_arrows_move_between_the_languages_of_the_dialog(make_app, lang, onwards, backwards):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resume(pilot, app, answered(lang=lang, until="activity"))
        app.push_screen(LanguagePicker())
        assert await wait_until(pilot, lambda: isinstance(app.screen, LanguagePicker) and app.focused is not None)
        where = f"language dialog in {lang}"
        assert app.focused.id == f"lang-{lang}"
        assert_focus_drawn(app, where)
        # Tab's order: from the right in Arabic.
        order = [w.id for w in app.screen.focus_chain]
        start = order.index(app.focused.id)
        row, column = mark_column(app)
        assert await press(pilot, app, onwards, where) == order[start + 1]
        # Drawn further along the line: on its right in French, on its left in Arabic.
        next_row, next_column = mark_column(app)
        assert next_row > row or (next_column > column) == (lang == "fr")
        assert await press(pilot, app, backwards, where) == order[start]
        assert await press(pilot, app, "down", where) == order[start + 1]
        assert await press(pilot, app, "up", where) == order[start]


async def test_arrows_move_between_the_two_answers_of_start_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resume(pilot, app, answered(until="activity"))
        app.push_screen(ConfirmRestart())
        assert await wait_until(pilot, lambda: isinstance(app.screen, ConfirmRestart) and app.focused is not None)
        assert app.focused.id == "no"
        assert await press(pilot, app, "right", "start again") == "yes"
        assert await press(pilot, app, "left", "start again") == "no"
        assert await press(pilot, app, "down", "start again") == "yes"
        assert await press(pilot, app, "up", "start again") == "no"
        # And the dialog still answers: Enter on "No" keeps the answers.
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmRestart))
        assert app.session is not None and app.session.answers
