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


async def check_question_screen(pilot, app, lang: str) -> None:
    await pilot.pause()
    q = app.session.current
    # The question first in view, as the screen opens (on a loaded machine
    # the first paint may come a few frames after the screen is shown).
    text = app.screen.query_one("#question-text", Para)
    await wait_until(pilot, lambda: _norm(first_line(text))[:30] in _norm(screen_text(app)))
    shown = _norm(screen_text(app))
    assert _norm(first_line(text))[:30] in shown, (q.id, shown)
    area = app.screen.query_one("#question")
    hint = app.screen.query_one("#more")
    # The hint follows the layout within a few frames.
    await wait_until(pilot, lambda: hint.display == (area.max_scroll_y > 0))
    if area.max_scroll_y > 0:
        assert "▼" in screen_text(app), f"{q.id}: more below and no hint"
    else:
        assert "▼" not in screen_text(app), f"{q.id}: a hint and nothing below"
    # Every answer reachable by keyboard, drawn with its focus marks.
    buttons = list(app.screen.query(TARGETS).results(BigButton))
    labels = [b.label for b in buttons]
    if q.allows_dont_know:
        assert gettext(lang, "Je ne sais pas") in labels, q.id
    for button in buttons:
        await press_focus(pilot, app, button)
        await pilot.pause()
        shown = _norm(screen_text(app))
        line = _norm(first_line(button))
        assert "▶" in line and line[:20] in shown, (q.id, button.label, shown)


# A whole journey with every answer focused and the screen read each time
# (~26 CPU-s for Arabic): 120 s was too little on a loaded 2-core machine.
@pytest.mark.timeout(300)
@pytest.mark.parametrize(("size", "lang"), [((80, 24), "fr"), ((100, 30), "fr"), ((120, 40), "fr"), ((80, 24), "ar")])
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable(make_app, size, lang):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await choose_language(pilot, app, lang, "keys")
        for _ in range(40):
            if app.session.is_complete:
                break
            await check_question_screen(pilot, app, lang)
            if app.session.current.id == "received":
                # A chosen answer that has the focus shows both marks.
                chosen = app.screen.query_one("#choice-0", BigButton)
                await press_focus(pilot, app, chosen)
                await pilot.press("enter")
                await pilot.pause()
                line = _norm(first_line(chosen))
                assert "▶" in line and "✔" in line and line[:20] in _norm(screen_text(app))
                await pilot.press("enter")  # unselect it again
            await answer_current(pilot, app, ANSWERS, "keys")
        for _ in range(200):
            if isinstance(app.screen, ResultsScreen) and app.screen.is_mounted:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        # The results end with "Finish and erase", reachable and visibly focused.
        finish = app.screen.query_one("#finish", BigButton)
        await press_focus(pilot, app, finish)
        await pilot.pause()
        shown = screen_text(app)
        assert display("▶ " + gettext(lang, "Terminer et effacer mes réponses"), lang)[:12] in shown or (
            "▶" in first_line(finish) and first_line(finish)[:12] in shown
        )


async def test_language_screen_shows_every_language_at_100x30(make_app):
    from locales import LANGUAGES

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for code in app.config.languages:
            assert display(LANGUAGES[code], code) in shown, code
