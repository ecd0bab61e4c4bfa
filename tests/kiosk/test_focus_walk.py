"""Keyboard focus on every resident screen, read on the drawn screen.

Tab and Shift+Tab are walked over every kind of screen (language, postal
code, single and multiple choice, yes/no, number pad with a count, a date or
an amount, the dialogs here; the results, procedures, take-away and goodbye
in test_focus_walk_results.py) at 80×24 and 100×30 (test_small_screens_larger.py). After each key the
focused button must be drawn with its ▶ ◀ marks inside its own rows of the
rendered text (an unmarked stop, or a button left below the fold, fails),
and every button a person can press must be one of the stops
(focus_checks.py). At 80×24 every button, pad keys included, can also be
brought under a finger by scrolling and is then the widget under the tap.
Right to left, Tab follows the line from the right.
"""

from __future__ import annotations

import pytest
from focus_checks import (
    ANSWERS,
    NAVIGATION_ROW,
    assert_focus_drawn,
    mark_column,
    show_question,
    wait_for,
    walk_focus,
    walk_language_and_every_kind,
)
from kiosk_helpers import answered, resume

from kiosk.widgets import BigButton

pytestmark = pytest.mark.heavy


# The language screen and every kind of question at 80×24 here, at 100×30
# in test_small_screens_larger.py (with the other checks at that size).
@pytest.mark.timeout(300)
async def test_tab_shows_the_focus_on_the_language_screen_and_every_kind_of_question(make_app):
    await walk_language_and_every_kind(make_app, (80, 24))


async def test_tab_shows_the_focus_in_the_dialogs_over_a_question(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_question(pilot, app, "incomes")
        for opener, where in (("#restart", "confirm restart"), ("#change-language", "language picker")):
            app.screen.query_one(opener, BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.is_modal, where)
            await walk_focus(pilot, app, where)
            await pilot.press("escape")
            await wait_for(pilot, lambda: not app.screen.is_modal, f"{where} closed")


@pytest.mark.parametrize("lang", ["ar", "fa"])
async def test_right_to_left_tab_follows_the_line_from_the_right(make_app, lang):
    """In a grid of choices, the navigation row and the number pad's side,
    each Tab within a row goes leftwards on the drawn screen, and the first
    choice is at the right."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await resume(pilot, app, answered(ANSWERS, lang, until="incomes"))
        first = app.screen.query_one("#choice-0", BigButton)
        assert app.focused is first
        assert_focus_drawn(app, f"{lang} incomes")
        assert first.region.x + first.region.width // 2 > app.size.width // 2, "the first choice stands on the right"
        stops = [(first.id, *mark_column(app))]
        while True:
            await pilot.press("tab")
            await pilot.pause()
            assert_focus_drawn(app, f"{lang} incomes")
            if app.focused.id == "change-language":
                break
            stops.append((app.focused.id, *mark_column(app)))
        ids = [stop[0] for stop in stops]
        # The choices in order, "Valider", then the navigation row from "Back".
        assert ids[: ids.index("next")] == [f"choice-{i}" for i in range(ids.index("next"))], ids
        assert ids[ids.index("next") + 1] == "back", ids
        # Drawn: within a row each Tab goes left; a new row starts at the right.
        rows = [stop for stop in stops if stop[0] != "next"]
        for (_a, row_a, col_a), (_b, row_b, col_b) in zip(rows, rows[1:]):
            assert row_b > row_a or (row_b == row_a and col_b < col_a), stops
            if row_b > row_a:
                assert col_b > col_a, stops
        nav = [stop for stop in rows if stop[1] == NAVIGATION_ROW]
        assert len(nav) >= 3, stops
        positions = [(row, col) for _id, row, col in stops]
        # The arrow towards where the line goes (left) moves on, like Tab.
        app.screen.query_one("#choice-0", BigButton).focus()
        await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert app.focused.id == "choice-1" and mark_column(app) == positions[1]
        await pilot.press("right")
        await pilot.pause()
        assert app.focused.id == "choice-0"
