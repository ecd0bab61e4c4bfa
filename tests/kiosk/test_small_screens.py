"""Every question at 80×24 and at a larger size, each kind of answer widget
at 80×24, 100×30 and 120×40: the question text is in view when the screen
opens, every answer and "Je ne sais pas" can be reached by keyboard and is
then drawn on screen with its focus marks, and a scroll hint says when there
is more below. Asserted on the rendered text.

Every question is read at 80×24, the size that scrolls most, and at one of
the two larger sizes in turn: the first question of each kind of widget
(choices, yes/no, number pad, commune...) at both, the next ones of that
kind at one, then the other. So each question is checked at a larger size
and each kind of widget at every size, for two thirds of the redraws of
every question at every size."""

from __future__ import annotations

from collections import Counter

import pytest
from kiosk_helpers import answer_current, choose_language, screen_text, wait_until
from small_screens_checks import (
    ANSWERS,
    check_finish,
    check_question_screen,
    check_received_marks,
    show_afresh,
    widget_kind,
)

from kiosk.screens.results import ResultsScreen
from locales import display

SMALLEST, LARGER = (80, 24), [(100, 30), (120, 40)]


def sizes_for(kind_seen: int) -> list[tuple[int, int]]:
    """Where a question is read, for the `kind_seen`-th of its kind (0: the first)."""
    return [SMALLEST, *(LARGER if kind_seen == 0 else [LARGER[kind_seen % 2]])]


# French in one kiosk: each question is read at the size its screen opened
# at (when it is one of its sizes), then shown afresh at its others and
# answered by keyboard at the last (the next question opens there); the
# results at every size.
@pytest.mark.timeout(400)
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable_in_french(make_app):
    from kiosk.screens.question import QuestionScreen

    app = make_app()
    kinds: Counter[str] = Counter()
    read: set[tuple[str, str, tuple[int, int]]] = set()
    async with app.run_test(size=SMALLEST) as pilot:
        await choose_language(pilot, app, "fr", "keys")
        for _ in range(40):
            if app.session.is_complete:
                break
            kind = widget_kind(app)
            sizes = sizes_for(kinds[kind])
            kinds[kind] += 1
            if app.size in sizes:  # first where the screen opened
                sizes.remove(app.size)
                sizes.insert(0, app.size)
            for size in sizes:
                if app.size != size:
                    await pilot.resize_terminal(*size)
                    await show_afresh(pilot, app, QuestionScreen())
                await check_question_screen(pilot, app, "fr", size)
                read.add((app.session.current.id, kind, size))
                if app.session.current.id == "received":
                    await check_received_marks(pilot, app)
            await answer_current(pilot, app, ANSWERS, "keys")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)), app.screen
        for size in sorted({app.size, SMALLEST, *LARGER}, key=lambda each: each != app.size):
            if app.size != size:
                await pilot.resize_terminal(*size)
                await show_afresh(pilot, app, ResultsScreen())
            await check_finish(pilot, app, "fr")
    # What the turns covered: every question at 80×24 and at a larger size,
    # every kind of widget at every size.
    for question in {question for question, _kind, _size in read}:
        at = {size for each, _kind, size in read if each == question}
        assert SMALLEST in at and at & set(LARGER), (question, at)
    for kind in kinds:
        assert {size for _q, each, size in read if each == kind} == {SMALLEST, *LARGER}, kind
    assert len(kinds) >= 8, kinds


async def test_language_screen_shows_every_language_at_100x30(make_app):
    from locales import LANGUAGES

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for code in app.config.languages:
            assert display(LANGUAGES[code], code) in shown, code
