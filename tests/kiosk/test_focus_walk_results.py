"""Keyboard focus on the results, the take-away screen, the procedures and
goodbye, read on the drawn screen at 80×24 and 100×30: Tab and Shift+Tab
round each, the focused button drawn with its ▶ ◀ marks at every stop, and
at 80×24 every button under a finger once scrolled to (what is checked at
each key: focus_checks.py; the questions: test_focus_walk.py)."""

from __future__ import annotations

import pytest
from focus_checks import assert_every_button_tappable, session_at, wait_for, walk_focus

from kiosk.screens.goodbye import GoodbyeScreen
from kiosk.screens.results import ResultsScreen
from kiosk.widgets import BigButton

SIZES = [(80, 24), (100, 30)]


@pytest.mark.timeout(300)
async def test_tab_shows_the_focus_on_results_take_away_procedures_and_goodbye(make_app, engine):
    app = make_app(goodbye_delay=600, idle_timeout=3600)
    session = session_at(None)
    screening = engine.screen(session.household())
    async with app.run_test(size=SIZES[0]) as pilot:
        await pilot.pause()
        for size in SIZES:
            small = size == (80, 24)
            await pilot.resize_terminal(*size)
            app.session, app.screening = session, screening
            app.show(ResultsScreen())
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.is_mounted, "results")
            await pilot.pause(0.1)
            stops = await walk_focus(pilot, app, f"results {size}")
            if small:
                await assert_every_button_tappable(pilot, app, "results")
            ids = [b.id for b in stops]
            assert {"procedures", "finish", "takeaway-phone"} <= set(ids), ids

            # Take-away: its screen over the results, walked, then closed.
            app.screen.query_one("#takeaway-phone", BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, ResultsScreen), "take-away")
            await walk_focus(pilot, app, f"take-away {size}")
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen), "back to the results")

            app.screen.query_one("#procedures", BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.query("#see-results"), "procedures")
            await walk_focus(pilot, app, f"procedures {size}")
            if small:
                await assert_every_button_tappable(pilot, app, "procedures")
            app.screen.query_one("#finish", BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, GoodbyeScreen), "goodbye")
            await walk_focus(pilot, app, f"goodbye {size}")
