"""Page Down held on the results (or pressed quickly, or the "scroll down"
hint tapped twice) scrolls a page per press, as a reader expects: each
press goes on from where the last one went, not from where the screen
was last drawn. Keys come the way the terminal sends them (all at once),
with the focus outside the results and on a button inside them."""

from __future__ import annotations

import pytest
from kiosk_helpers import caught_up, click, held, on_results, screen_text, wait_until
from textual import events

from kiosk.widgets.scrollhint import ScrollHint

SIZE = (120, 40)


def first_row_of_the_page(app) -> str:
    """The first drawn row of the results' text (under the screen's title)."""
    area = app.screen.query_one("#results")
    return screen_text(app).splitlines()[area.region.y + 1]


@pytest.mark.parametrize("focus", ["outside", "inside"])
async def test_page_down_held_scrolls_a_page_per_press(make_app, focus):
    app = make_app()
    async with on_results(app, size=SIZE) as pilot:
        area = app.screen.query_one("#results")
        # A button inside the results (brought into view when focused), or
        # "Retour" under them; then the top of the results.
        app.set_focus(area.query("BigButton").first() if focus == "inside" else app.screen.query_one("#back"))
        await pilot.pause()
        area.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        assert area.scroll_y == 0
        page = area.scrollable_content_region.height
        assert area.max_scroll_y > 3 * page, "results too short to test three pages"
        await held(app, "pagedown", 3)
        await pilot.pause()
        assert area.scroll_y == 3 * page
        # Read on the screen: the page drawn is the one 3 pages down.
        drawn = first_row_of_the_page(app)
        await held(app, "pageup", 3)
        await pilot.pause()
        assert area.scroll_y == 0
        assert first_row_of_the_page(app) != drawn
        await held(app, "pagedown", 40)
        await pilot.pause()
        assert area.scroll_y == area.max_scroll_y


async def test_two_taps_on_the_hint_scroll_two_pages(make_app):
    app = make_app()
    async with on_results(app, size=SIZE) as pilot:
        area = app.screen.query_one("#results")
        hint = app.screen.query_one(ScrollHint)
        await pilot.pause()
        page = area.scrollable_content_region.height
        # Both taps posted before the screen is drawn again (Pilot's click
        # waits for a redraw after each).
        for _ in range(2):
            hint.post_message(
                events.Click(
                    hint, 1, 0, 0, 0, 1, False, False, False, screen_x=hint.region.x + 1, screen_y=hint.region.y
                )
            )
        await caught_up(app)
        await pilot.pause()
        assert area.scroll_y == 2 * page


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_the_procedures_say_in_words_when_more_is_below(make_app, size):
    """On a small screen the places and the buttons of the procedures are
    below the fold: the hint says so, as on the results, and a tap on it
    scrolls a page; where everything fits, no hint."""
    app = make_app(places="lille")
    async with on_results(app, size=size) as pilot:
        await click(pilot, app.screen.query_one("#procedures"))
        area = app.screen.query_one("#procedures")
        await pilot.pause()
        below = "▼ Faites défiler : la suite est plus bas ▼"
        assert await wait_until(pilot, lambda: (below in screen_text(app)) == (area.max_scroll_y > 0))
        if size == (80, 24):
            assert area.max_scroll_y > 0 and below in screen_text(app)
            hint = app.screen.query_one(ScrollHint)
            await click(pilot, hint)
            await pilot.pause()
            assert area.scroll_y == min(area.scrollable_content_region.height, area.max_scroll_y)
