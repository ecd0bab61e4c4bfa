"""What the small-screen tests check on each question and on the results
(test_small_screens.py in French at every size, test_small_screens_arabic.py
in Arabic at 80×24: two files, so the two long walks run on different
workers)."""

from __future__ import annotations

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


def widget_kind(app) -> str:
    """The kind of answer widgets the current question draws."""
    q = app.session.current
    if q.kind == "count":
        return "count buttons" if app.screen.query("BigButton.choice") else "count pad"
    if q.kind == "birth":
        return f"birth of the {q.role}"
    return q.kind


async def check_question_screen(pilot, app, lang: str, size=(80, 24)) -> None:
    """The question in view and the scroll hint, then every answer focused
    by keyboard and drawn with its focus marks."""
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
    # Tab round the screen from where the focus stands (in Tab order, which
    # right to left is not the order of the widgets): each answer, once
    # focused, is read on the drawn screen.
    waiting = list(buttons)
    for _ in range(len(buttons) + 60):
        if app.focused in waiting:
            button = app.focused
            waiting.remove(button)
            await pilot.pause()
            shown = _norm(screen_text(app))
            line = _norm(first_line(button))
            assert "▶" in line and line[:20] in shown, (where, button.label, shown)
            if not waiting:
                break
        await pilot.press("tab")
    assert not waiting, f"{where}: never reached by Tab: {[b.label for b in waiting]}"


async def walk_every_question(pilot, app, lang: str) -> None:
    """From the language screen to the results by keyboard, each question
    checked as it opens (`check_question_screen`), then "Finish" focused."""
    await choose_language(pilot, app, lang, "keys")
    for _ in range(40):
        if app.session.is_complete:
            break
        await check_question_screen(pilot, app, lang)
        if app.session.current.id == "received":
            await check_received_marks(pilot, app)
        await answer_current(pilot, app, ANSWERS, "keys")
    await check_finish(pilot, app, lang)


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
