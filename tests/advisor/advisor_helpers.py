"""Shared by the advisor's Pilot tests."""

from __future__ import annotations

import asyncio
import json
import time

from tests.kiosk.kiosk_helpers import screen_text, wait_until

SIZE = (120, 40)
WIDE = (160, 50)

__all__ = [
    "SIZE",
    "WIDE",
    "form_text",
    "import_household",
    "new_appointment",
    "screen_line",
    "screen_text",
    "settle",
    "side_text",
    "start_over",
    "type_into",
    "wait_until",
]


def form_text(text: str) -> str:
    """The left-hand side of the screen (the form) as one line."""
    parts = [line.split("│", 1)[0].strip(" █▌▐▊▎▁▔") for line in text.splitlines()[1:-2]]
    return " ".join(" ".join(parts).split())


def screen_line(text: str, start: str) -> str:
    """The line of the right-hand side (the comparison…) that starts with `start`."""
    for line in text.splitlines():
        side = line.split("│", 1)[-1].strip()
        if side.startswith(start):
            return side
    raise AssertionError(f"no line {start!r} on screen:\n{text}")


def side_text(text: str) -> str:
    """The right-hand side of the screen (comparison, status, changes,
    explanations) as one line: sentences wrapped on screen read whole."""
    parts = [line.split("│", 1)[1].strip() for line in text.splitlines() if "│" in line]
    return " ".join(" ".join(parts).split())


async def settle(pilot, app, timeout: float = 30.0) -> None:
    """Wait until every scenario is screened and its results are shown.

    Polled by the clock with plain sleeps (the app runs in the same event
    loop meanwhile), then one `pilot.pause()` for what is left to process:
    each `pilot.pause()` sends a message to every widget of the screen and
    waits for all of them, about 25 CPU-ms with the advisor's 350 widgets,
    and a test machine under load polled it hundreds of times per test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        if app.up_to_date and not app.workers:
            await pilot.pause()
            if app.up_to_date and not app.workers:
                return
    raise AssertionError("the results were never brought up to date")


async def type_into(pilot, app, widget, text: str) -> None:
    """Focus a field, empty it and type `text` key by key."""
    app.set_focus(widget)
    await pilot.pause()
    if widget.value:
        await pilot.press("ctrl+a", "ctrl+k")  # home, delete to the end
    await pilot.press(*text)


async def import_household(pilot, app, household, tmp_path) -> None:
    path = tmp_path / "foyer.json"
    path.write_text(json.dumps(household.model_dump(mode="json")))
    assert app.import_path(str(path)) is None
    await settle(pilot, app)


async def _at_size(pilot, app, size) -> None:
    """The terminal at `size`; left alone when it is: a resize to the same
    size still lays the whole screen out again."""
    if tuple(app.size) != tuple(size):
        await pilot.resize_terminal(*size)


async def new_appointment(pilot, app, size=SIZE) -> None:
    """The shared app (conftest `shared_app`) with no dialog, at `size`,
    after a new appointment: an empty form, as a new app has (checked in
    test_new_appointment.py), the results of that form on screen."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await _at_size(pilot, app, size)
    app.new_appointment()
    await settle(pilot, app)
    app.clear_notifications()


async def start_over(pilot, app, household, tmp_path, size=SIZE) -> None:
    """The shared app (conftest `shared_app`) as a new one is once `household`
    is imported: no dialog, at `size`, a new appointment (the app's own
    `new_appointment`, tested in test_new_appointment.py), then the import,
    and no notification. The form is redrawn once for both."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await _at_size(pilot, app, size)
    app.new_appointment()
    await import_household(pilot, app, household, tmp_path)
    app.clear_notifications()
    assert len(app.scenarios) == 1 and app.scenario.parsed.household() == household
