"""The tests read the screen as text (tests/drawn_screen.py `screen_text`)
from the recording console of Textual's screenshot, not from the SVG the
screenshot is: the two give the same characters, row for row (and cell for
cell, `screen_cells`, as the colour grid has them), on the screens
that draw most unlike plain left-to-right text (right to left and shaped,
every script of the language list, a dialog drawn over the screen under it,
the QR code's half blocks)."""

from __future__ import annotations

from kiosk_helpers import answered, click, on_results, resume, wait_until

from kiosk.screens.language import LanguagePicker
from kiosk.widgets import BigButton
from locales import LANGUAGES, display
from tests.drawn_screen import drawn_grid, screen_cells, screen_text, svg_screen_text


def same_text(app) -> str:
    text = screen_text(app)
    assert text == svg_screen_text(app)
    assert screen_cells(app) == [[cell.char for cell in row] for row in drawn_grid(app)]
    width, height = app.size
    assert len(text.splitlines()) == height
    return text


async def test_the_text_read_is_the_svg_s_on_every_script_and_under_a_dialog(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = same_text(app)
        for code in app.config.languages:
            assert display(LANGUAGES[code], code) in shown, code
        await resume(pilot, app, answered(lang="ar", until="incomes"))
        question = same_text(app)
        assert display(app.session.current.text, "ar")[:20] in question
        await click(pilot, app.screen.query_one("#change-language", BigButton))
        assert await wait_until(pilot, lambda: isinstance(app.screen, LanguagePicker))
        await pilot.pause()
        over = same_text(app)
        # The dialog's languages, and the question's rows still drawn round it.
        assert "Choose your language" in over and display(LANGUAGES["es"], "es") in over
        assert over.splitlines()[0].startswith(question.splitlines()[0][:40])


async def test_the_text_read_is_the_svg_s_on_the_results_and_the_take_away_code(make_app):
    from kiosk.screens.takeaway import TakeawayScreen

    app = make_app(takeaway={"desk": "accueil"})
    async with on_results(app, lang="fa") as pilot:
        same_text(app)
        app.push_screen(TakeawayScreen())
        assert await wait_until(pilot, lambda: isinstance(app.screen, TakeawayScreen))
        await pilot.pause()
        assert set("▀▄█") & set(same_text(app))
