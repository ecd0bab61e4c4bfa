"""What the key-burst tests share (test_key_bursts*.py: three files, so the
bursts on the journey's screens, on the dialogs and on the results run on
different test workers).

A key held down, a double tap, a child drumming on the keyboard: bursts of
keys 10–30 ms apart (Enter, Escape, digits, Tab, space) on every screen and
dialog. None may stop the kiosk, draw an error, or even need the error
screen (`app.error_count` stays 0): they must be harmless, not recovered from.

The keys go through the terminal driver as a real keyboard's do, without
waiting for the app between them (a key repeat does not wait either)."""

from __future__ import annotations

import asyncio
import json
import random

from kiosk_helpers import caught_up, screen_text, wait_until
from textual import events

from kiosk.screens.base import KioskModal, KioskScreen
from kiosk.screens.confirm import ConfirmRestart
from kiosk.screens.error import ErrorScreen
from kiosk.screens.goodbye import GoodbyeScreen
from kiosk.screens.handover import HandoverScreen
from kiosk.screens.idle import IdleScreen
from kiosk.screens.language import LanguagePicker, LanguageScreen
from kiosk.screens.question import QuestionScreen
from kiosk.screens.results import ResultsScreen
from kiosk.screens.staff import StaffScreen

# (key, character) as a terminal sends them.
KEYS = {
    "enter": ("enter", "\r"),
    "escape": ("escape", "\x1b"),
    "tab": ("tab", "\t"),
    "space": ("space", " "),
    "digits": None,  # 0-9 in turn
}
BURST = 40


async def wait_for(pilot, condition) -> None:
    assert await wait_until(pilot, condition), "condition not reached"
    await pilot.pause()


def _complete_session():
    """A finished resident session (a parent of two in Lille)."""
    from questionnaires import Session, handover

    data = json.loads(handover.DICTIONARY.decode("utf-8").split("\n")[2])
    session = Session.from_dict(data)
    # The sample's cursor counts the questions of the flow it was written
    # for: answer what the flow now asks after it, from the same answers.
    while session.current is not None:
        session.answer(data["answers"][session.current.id])
    return session


_SCREENED: list = []


async def _reach(pilot, app, name: str):
    """Put the kiosk on the screen or dialog `name`, as a journey leaves it,
    the person before forgotten; returns that screen."""
    if name == "language":
        app.erase()
        await wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
        return app.screen
    if name == "error":  # as the app's recovery leaves it (KioskApp.recover)
        app.forget()
        app.lang = app.config.languages[0]
        app.show(ErrorScreen("fr"))
        await wait_for(pilot, lambda: isinstance(app.screen, ErrorScreen))
        return app.screen
    if name == "goodbye":  # "Finish": the person forgotten, then goodbye
        app.lang = "fr"
        app.finish()
        await wait_for(pilot, lambda: isinstance(app.screen, GoodbyeScreen))
        return app.screen
    app.forget()
    if name in ("results", "handover"):
        # The results of one finished session, screened once for every burst.
        if not _SCREENED:
            _SCREENED.append(app.engine.screen(_complete_session().household()))
        app.lang, app.session, app.screening = "fr", _complete_session(), _SCREENED[0]
        app.show(ResultsScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.is_mounted)
        if name == "handover":
            app.push_screen(HandoverScreen())
            await wait_for(pilot, lambda: isinstance(app.screen, HandoverScreen))
        return app.screen
    app.start_session("fr")
    await wait_for(pilot, lambda: isinstance(app.screen, QuestionScreen))
    if name != "question":
        if name == "idle":
            app.idle_prompt_open = True
        dialog = {"staff": StaffScreen, "confirm": ConfirmRestart, "picker": LanguagePicker}.get(name)
        app.push_screen(dialog() if dialog else IdleScreen(60))
        await wait_for(pilot, lambda: isinstance(app.screen, KioskModal) and app.screen.is_mounted)
    return app.screen


async def _burst(app, key: str, rng: random.Random) -> None:
    for i in range(BURST):
        name, char = KEYS[key] or (str(i % 10), str(i % 10))
        event = events.Key(name, char)
        event.set_sender(app)
        app.post_message(event)  # as the terminal driver does
        await asyncio.sleep(rng.uniform(0.010, 0.030))


async def bursts_are_harmless(make_app, screens: list[str]) -> None:
    """Every burst on each of `screens`, in one kiosk, as one kiosk meets
    every person. Each burst is on the screen named: reached again when the
    burst before left it (a burst that stays, Tab or digits, leaves the next
    one its focus and text)."""
    app = make_app(goodbye_delay=60, idle_timeout=600)
    async with app.run_test(size=(80, 24)) as pilot:
        for name in screens:
            rng = random.Random(name)
            reached = None
            for key in KEYS:
                if reached is None or app.screen is not reached or not reached.is_mounted:
                    reached = await _reach(pilot, app, name)
                await _burst(app, key, rng)
                await asyncio.sleep(0.3)
                # Not pilot.pause() straight away: see caught_up.
                await caught_up(app)
                await pilot.pause()
                where = f"{key} on {name}"
                assert app.is_running and app.return_code is None, where
                assert app.error_count == 0, where
                assert len(app.screen_stack) >= 2, where
                assert isinstance(app.screen, (KioskScreen, KioskModal)), (where, app.screen_stack)
                text = screen_text(app)
                assert "Traceback" not in text and "Error" not in text, (where, text)
        # Still usable: the staff exit's PIN was never accepted by accident.
        assert app.return_code is None
