"""A monkey test: thousands of random taps and keys across every screen
never crash the kiosk, and never let anyone out of it."""

from __future__ import annotations

import asyncio
import logging
import random

import pytest
from kiosk_helpers import SIZE, caught_up
from textual import events

pytestmark = pytest.mark.heavy

KEYS = (
    list("0123456789abcdelisx/,.-' ")
    + ["tab", "shift+tab", "enter", "space", "backspace", "escape", "up", "down", "left", "right"]
    + ["ctrl+q", "ctrl+c", "ctrl+p", "ctrl+z", "f1", "home", "end", "pageup", "pagedown"]
)
# A number of actions, not a time: on a loaded machine each burst takes
# longer, and the test waits for it rather than counting less.
ACTIONS = 1000
# Events are sent as fast as a frantic finger would, without waiting for the
# screen between them (Pilot waits after each, far too slow for thousands);
# every BURST events the test lets the app catch up.
BURST = 10


# Taps and keys are posted to the app as the terminal driver posts them: a
# finger is a button press then its release at the same cell (the app makes
# the click of them, as it does for a real terminal).
def _tap(app, x: int, y: int) -> None:
    for cls in (events.MouseDown, events.MouseUp):
        event = cls(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y)
        event.set_sender(app)
        app.post_message(event)


def _key(app, key: str) -> None:
    char = key if len(key) == 1 else (" " if key == "space" else None)
    name = {" ": "space", "/": "slash", ",": "comma", ".": "full_stop", "-": "minus", "'": "apostrophe"}.get(key, key)
    event = events.Key(name, char)
    event.set_sender(app)
    app.post_message(event)


@pytest.mark.timeout(400)
async def test_random_taps_and_keys_never_crash(make_app, caplog):
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app(idle_timeout=3, idle_countdown=2, goodbye_delay=1)
    rng = random.Random(20240611)
    seen: set[str] = set()
    done = 0
    async with app.run_test(size=SIZE) as pilot:
        while done < ACTIONS:
            if rng.random() < 0.7:
                _tap(app, rng.randrange(SIZE[0]), rng.randrange(SIZE[1]))
            else:
                _key(app, rng.choice(KEYS))
            done += 1
            await asyncio.sleep(0)
            if done % BURST == 0:
                await caught_up(app)
                seen.add(type(app.screen).__name__)
                assert app.is_running
        await caught_up(app)
        await pilot.pause()
        assert app.is_running
    assert app.return_code is None or app.return_code == 0
    # The monkey got past the language screen, and never emptied the screen
    # stack down to Textual's blank default screen (a dialog closed twice
    # used to pop the journey's screen: a dead kiosk that looked "fast").
    assert "QuestionScreen" in seen, seen
    assert "Screen" not in seen, seen
    # Not even recovered from: an error would show the calm error screen.
    recovered = [r.getMessage() for r in caplog.records if r.name == "kiosk" and "unexpected error" in r.getMessage()]
    # (A tap queued for a question screen and handled after the session was
    # erased used to read `app.session`, None: tests/kiosk/test_errors.py.)
    # (Written out whole when it fails: pytest shortens a list it compares.)
    assert not recovered and app.error_count == 0, "\n".join(recovered) or f"{app.error_count} errors"
