"""Public-kiosk safety: idle timeout, finish, lockdown, staff exit, and no
personal data written to disk."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from forget_checks import ANSWERS, assert_nothing_left, assert_salary_held, their_objects
from journey_checks import check_goodbye, check_results
from kiosk_helpers import (
    SINGLE_PARENT,
    SIZE,
    answer_current,
    choose_language,
    click,
    on_results,
    outside_temp,
    recording,
    run_journey,
    wait_until,
)

from kiosk.screens.goodbye import GoodbyeScreen
from kiosk.screens.idle import IdleScreen
from kiosk.screens.language import LanguageScreen
from kiosk.screens.question import QuestionScreen
from kiosk.screens.staff import StaffScreen

pytestmark = pytest.mark.heavy

REPO = Path(__file__).resolve().parents[2]


async def _wait_for(pilot, condition) -> None:
    assert await wait_until(pilot, condition), "condition not reached"
    await pilot.pause()


async def test_idle_timeout_asks_then_erases_everything(make_app):
    # A countdown of 3 s: on a loaded machine 1 s once ran out between the
    # prompt being seen and being read.
    app = make_app(idle_timeout=1.0, idle_countdown=3.0)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session("en")
        app.session.answer("59350")
        assert app.session.answers
        app.show_current()
        asked: dict = {}

        def prompt_shown() -> bool:
            # Read the moment the prompt is seen, before the countdown ends.
            # The screen is on top a moment before its widgets are mounted.
            if isinstance(app.screen, IdleScreen):
                for countdown in app.screen.query("#countdown"):
                    asked.update(countdown=countdown.text, answering=app.session is not None)
                    return True
            return False

        assert await wait_until(pilot, prompt_shown), "no idle prompt"
        assert asked["countdown"]
        assert asked["answering"]
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
        assert app.session is None and app.screening is None
        assert app.lang == "fr"
        assert len(app.screen_stack) == 2


async def test_idle_prompt_touch_keeps_the_answers(make_app):
    app = make_app(idle_timeout=0.3, idle_countdown=30)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session("fr")
        app.session.answer("59350")
        app.show_current()
        await pilot.pause()
        answers = app.session.answers
        await _wait_for(pilot, lambda: isinstance(app.screen, IdleScreen))
        # Not idle again before the check below (0.3 s pass quickly on a loaded machine).
        app.config.idle_timeout = 60
        await click(pilot, app.screen.query_one("#still-here"))
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.answers == answers


@pytest.mark.parametrize("way", ["pilot", "terminal"])
async def test_taps_and_scrolls_keep_the_idle_prompt_away(make_app, way):
    """Someone touching the screen (a press, a scroll of the wheel), without
    a key, is someone there: no "Are you still there?" while they do. Taps
    come the way Pilot sends them (to the screen) or the way a terminal does
    (to the app)."""
    import asyncio

    from textual import events

    app = make_app(idle_timeout=3.0, idle_countdown=30)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session("fr")
        await _wait_for(pilot, lambda: isinstance(app.screen, QuestionScreen))
        loop = asyncio.get_running_loop()
        until = loop.time() + 7.0  # more than twice the timeout
        kinds = [events.MouseDown, events.MouseScrollDown, events.MouseScrollUp]
        touches = 0
        while loop.time() < until:
            kind = kinds[touches % len(kinds)]
            # The left edge of the header: no button there, nothing happens but the touch.
            event = kind(None, 0, 1, 0, 0, 1, False, False, False, screen_x=0, screen_y=1)
            if way == "pilot" and kind is events.MouseDown:
                await pilot.mouse_down(offset=(0, 1))
            elif way == "pilot":
                app.screen.post_message(event)
            else:
                app.post_message(event)
            touches += 1
            await asyncio.sleep(0.3)
            assert not isinstance(app.screen, IdleScreen), f"asked after {touches} touches"
        # Then no one: the question comes.
        assert await wait_until(pilot, lambda: isinstance(app.screen, IdleScreen)), "no idle prompt"


async def test_no_idle_prompt_on_the_language_screen(make_app):
    app = make_app(idle_timeout=0.2, idle_countdown=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.8)
        assert isinstance(app.screen, LanguageScreen)


async def test_finish_erases_and_says_goodbye(make_app):
    # Long enough for the goodbye screen to still be there when checked on a
    # loaded machine (0.3 s once went by before the check).
    app = make_app(goodbye_delay=2.0)
    async with on_results(app) as pilot:
        await click(pilot, app.screen.query_one("#finish"))
        await pilot.pause()
        assert isinstance(app.screen, GoodbyeScreen)
        assert app.session is None and app.screening is None
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))


async def test_start_again_asks_then_erases(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await answer_current(pilot, app, SINGLE_PARENT, "click")
        await click(pilot, app.screen.query_one("#restart"))
        await click(pilot, app.screen.query_one("#no"))
        assert app.session.answers
        await click(pilot, app.screen.query_one("#restart"))
        await click(pilot, app.screen.query_one("#yes"))
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen) and app.session is None


async def test_every_way_out_is_closed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        for key in (
            "ctrl+q",
            "ctrl+c",
            "ctrl+p",
            "ctrl+z",
            "ctrl+s",
            "ctrl+backslash",
            "escape",
            "f1",
            "ctrl+x",
            "ctrl+w",
        ):
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running, key
            assert isinstance(app.screen, QuestionScreen), key
        # The actions themselves do nothing either.
        await app.run_action("quit")
        await app.run_action("command_palette")
        await app.run_action("screenshot")
        await app.run_action("suspend_process")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, QuestionScreen)
        assert app.ENABLE_COMMAND_PALETTE is False
        assert "TEXTUAL_ALLOW_SIGNALS" not in os.environ


async def test_staff_leave_with_the_pin_only(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # Five quick taps on the site name open the staff screen.
        for _ in range(5):
            await click(pilot, app.screen.query_one("#site-name"))
        await pilot.pause()
        assert isinstance(app.screen, StaffScreen)
        await pilot.press(*"1111", "enter")
        await pilot.pause()
        assert app.is_running
        await pilot.press(*"975312", "enter")
        await pilot.pause()
    assert app.return_code == 0


async def test_no_staff_exit_without_a_configured_pin(make_app):
    app = make_app(staff_pin_hash=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f12")
        await pilot.pause()
        assert isinstance(app.screen, StaffScreen)
        assert not app.screen.query("#ok")
        await pilot.press(*"975312", "enter")
        await pilot.pause()
        assert app.is_running


def _snapshot(roots: list[Path]) -> dict[str, tuple[float, int]]:
    found: dict[str, tuple[float, int]] = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in files + dirs:
                path = os.path.join(folder, name)
                try:
                    stat = os.lstat(path)
                except OSError:
                    continue
                found[path] = (stat.st_mtime, stat.st_size)
    return found


async def test_a_full_journey_writes_nothing_and_leaves_nothing(make_app, engine, caplog):
    """The whole journey in French by touch, language screen to goodbye: the
    results it ends on are checked as test_journeys.py checks the journeys in
    the other languages (journey_checks.py).

    Every file opened for writing, created, renamed or removed by this
    process during the journey is recorded by an audit hook; none may be
    outside the temp areas (HOME and the repository included). The kiosk's
    own folders are also compared before and after (the rest of the
    repository and HOME are shared with other work running at the same
    time, so their modification times prove nothing here). Bytecode caches
    are left out (`recording`), so the journey is the first of the process
    when run alone.

    Then, the person gone ("Terminer et effacer"), nothing of them is left
    in the process (forget_checks.py; the other ways out: test_forget.py):
    not the session, the screening or the household, not their salary,
    whatever screen of the journey held them."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    roots = [REPO / "kiosk", REPO / "tests" / "kiosk"]
    before = _snapshot(roots)
    with recording() as recorded:
        # The goodbye screen stays long enough to be seen on a loaded machine.
        app = make_app(goodbye_delay=1.0)
        async with app.run_test(size=SIZE) as pilot:
            await run_journey(pilot, app, ANSWERS, "fr", "click")
            check_results(app, engine, ANSWERS, "fr")
            objects = their_objects(app)
            assert_salary_held()
            await click(pilot, app.screen.query_one("#procedures"))
            await click(pilot, app.screen.query_one("#finish"))
            await check_goodbye(pilot, app)
            await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
            await assert_nothing_left(pilot, objects)
        writes = list(recorded)
    assert [w for w in writes if outside_temp(w[1])] == []
    after = _snapshot(roots)
    assert sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p)) == []
    assert not [r for r in caplog.records if r.name == "kiosk"]
