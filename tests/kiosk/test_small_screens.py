"""Every question at 80×24, 100×30 and 120×40: the question text is in view
when the screen opens, every answer and "Je ne sais pas" can be reached by
keyboard and is then drawn on screen with its focus marks, and a scroll hint
says when there is more below. Asserted on the rendered text."""

from __future__ import annotations

import pytest
from kiosk_helpers import SINGLE_PARENT, answer_current, choose_language, press_focus, screen_text, wait_until

from kiosk.screens.results import ResultsScreen
from kiosk.widgets import BigButton, Para
from locales import display, gettext

ANSWERS = {**SINGLE_PARENT, "received": ["af", "rsa"]}
TARGETS = "BigButton.choice, #dont-know, BigButton.period, BigButton.commune, #next"


def _norm(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def first_line(widget) -> str:
    """The first line the widget draws, as shaped for its language."""
    rendered = widget.render()
    lines = rendered.lines(max(1, widget.content_size.width))
    return next(line.strip() for line in lines if line.strip())


async def check_question_screen(pilot, app, lang: str, size=(80, 24)) -> None:
    await pilot.pause()
    q = app.session.current
    where = f"{q.id} at {size[0]}×{size[1]}"
    # The question first in view, as the screen opens, and the hint "more
    # below" there exactly when the question scrolls (on a loaded machine the
    # first paint, and the hint, may come a few frames after the screen).
    text = app.screen.query_one("#question-text", Para)
    area = app.screen.query_one("#question")
    hint = app.screen.query_one("#more")
    await wait_until(pilot, lambda: hint.display == (area.max_scroll_y > 0))
    drawn: list[str] = []

    def question_drawn() -> bool:
        drawn.append(screen_text(app))
        return _norm(first_line(text))[:30] in _norm(drawn[-1])

    await wait_until(pilot, question_drawn)
    shown = drawn[-1]
    assert _norm(first_line(text))[:30] in _norm(shown), (where, shown)
    if area.max_scroll_y > 0:
        assert "▼" in shown, f"{where}: more below and no hint"
    else:
        assert "▼" not in shown, f"{where}: a hint and nothing below"
    # Every answer reachable by keyboard, drawn with its focus marks.
    buttons = list(app.screen.query(TARGETS).results(BigButton))
    labels = [b.label for b in buttons]
    if q.allows_dont_know:
        assert gettext(lang, "Je ne sais pas") in labels, where
    for button in buttons:
        await press_focus(pilot, app, button)
        await pilot.pause()
        shown = _norm(screen_text(app))
        line = _norm(first_line(button))
        assert "▶" in line and line[:20] in shown, (where, button.label, shown)


async def check_received_marks(pilot, app) -> None:
    """A chosen answer that has the focus shows both marks (then unchosen)."""
    chosen = app.screen.query_one("#choice-0", BigButton)
    await press_focus(pilot, app, chosen)
    await pilot.press("enter")
    await pilot.pause()
    line = _norm(first_line(chosen))
    assert "▶" in line and "✔" in line and line[:20] in _norm(screen_text(app))
    await pilot.press("enter")  # unselect it again


async def check_finish(pilot, app, lang: str) -> None:
    """The results end with "Finish and erase", reachable and visibly focused."""
    assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.is_mounted)
    await pilot.pause()
    finish = app.screen.query_one("#finish", BigButton)
    await press_focus(pilot, app, finish)
    await pilot.pause()
    shown = screen_text(app)
    assert display("▶ " + gettext(lang, "Terminer et effacer mes réponses"), lang)[:12] in shown or (
        "▶" in first_line(finish) and first_line(finish)[:12] in shown
    )


async def show_afresh(pilot, app, screen) -> None:
    """`screen` shown as the journey shows it, at the terminal's size now."""
    app.show(screen)
    assert await wait_until(pilot, lambda: app.screen is screen and screen.is_mounted)
    await pilot.pause()


# A whole journey with every answer focused and the screen read each time
# (~26 CPU-s for Arabic): 120 s was too little on a loaded 2-core machine.
@pytest.mark.timeout(300)
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable_in_arabic(make_app):
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
