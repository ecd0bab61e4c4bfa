"""Forget completely: once a person has left (the idle timeout,
"Recommencer"), no object of their session can be reached in the process:
not the Session, not its answers, not the Screening (a finished worker, an
old screen or a timer used to keep them all until the next person's
screening). Leaving by "Terminer et effacer" at the end of a whole journey
by touch (every question screen it drew must be gone too) is checked in
test_safety.py::test_a_full_journey_writes_nothing_and_leaves_nothing."""

from __future__ import annotations

import pytest
from forget_checks import ANSWERS, assert_nothing_left, assert_salary_held, their_objects
from kiosk_helpers import SIZE, answered, click, resume, wait_until

from kiosk.screens.idle import IdleScreen
from kiosk.screens.language import LanguageScreen


async def _wait_for(pilot, condition) -> None:
    assert await wait_until(pilot, condition), "condition not reached"
    await pilot.pause()


async def _leave(pilot, app, how: str) -> None:
    if how == "idle":
        app.config.idle_timeout = 0.5  # (after the results: a loaded machine is slow to answer)
        await _wait_for(pilot, lambda: isinstance(app.screen, IdleScreen))
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
    elif how == "restart":
        await click(pilot, app.screen.query_one("#restart"))
        await click(pilot, app.screen.query_one("#yes"))
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))


# From the results of the answers, given to the session directly.
@pytest.mark.parametrize("how", ["idle", "restart"])
async def test_nothing_of_the_person_is_left(make_app, how):
    app = make_app(goodbye_delay=0.3, idle_countdown=0.5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await resume(pilot, app, answered(ANSWERS, "fr"))
        objects = their_objects(app)
        assert_salary_held()
        await _leave(pilot, app, how)
        await assert_nothing_left(pilot, objects)
