"""Bursts of keys on the journey's own screens: language, question, goodbye
and the calm error screen (what a burst is, and what it may not do:
key_bursts.py; the dialogs: test_key_bursts_dialogs.py; the results and
the take-away code: test_key_bursts_results.py)."""

from __future__ import annotations

import asyncio

import pytest
from key_bursts import bursts_are_harmless, wait_for
from kiosk_helpers import screen_text
from textual import events

from kiosk.screens.staff import StaffScreen

pytestmark = pytest.mark.heavy


@pytest.mark.timeout(300)
async def test_bursts_of_keys_are_harmless_on_the_journey_screens(make_app):
    await bursts_are_harmless(make_app, ["language", "question", "goodbye", "error"])


async def test_enter_held_on_the_staff_pin_screen(make_app):
    """The reported crash: Enter held on the PIN screen (60 keys 20 ms apart)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f12")
        await wait_for(pilot, lambda: isinstance(app.screen, StaffScreen))
        for _ in range(60):
            event = events.Key("enter", "\r")
            event.set_sender(app)
            app.post_message(event)  # as the terminal driver does
            await asyncio.sleep(0.02)
        await pilot.pause(0.3)
        assert app.is_running and app.error_count == 0
        # An empty PIN is not a try.
        assert app.pin_throttle.failures == 0
        assert "Traceback" not in screen_text(app)
