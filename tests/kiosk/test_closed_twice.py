"""A screen opened over the results (the hand-over code, the take-away
code) is closed once, whatever reaches it after: "Retour" tapped twice, or
held, used to close the results under it too, leaving the kiosk on
Textual's empty screen, with nothing to tap (found by test_random_taps)."""

from __future__ import annotations

import pytest
from kiosk_helpers import on_results, screen_text, wait_until

from kiosk.screens.handover import HandoverScreen
from kiosk.screens.results import ResultsScreen
from kiosk.screens.takeaway import TakeawayScreen


@pytest.mark.parametrize(
    ("screen", "settings"), [(HandoverScreen, {}), (TakeawayScreen, {"takeaway": {"desk": "ici"}})]
)
async def test_back_twice_closes_the_screen_over_the_results_only(make_app, screen, settings):
    app = make_app(**settings)
    async with on_results(app) as pilot:
        results = app.screen
        app.push_screen(screen())
        assert await wait_until(pilot, lambda: isinstance(app.screen, screen) and app.screen.is_mounted)
        opened = app.screen
        # Two "Retour" before the first has closed anything (a double tap:
        # the second press is already queued for the button).
        opened.action_back()
        opened.action_back()
        assert await wait_until(pilot, lambda: not opened.is_attached)
        await pilot.pause()
        assert app.screen is results and isinstance(results, ResultsScreen)
        assert len(app.screen_stack) == 2
        assert "Vos résultats" in screen_text(app)
