"""Forget completely: once a person has left ("Terminer et effacer", the idle
timeout, "Recommencer"), no object of their session can be reached in the
process: not the Session, not its answers, not the Screening (a finished
worker, an old screen or a timer used to keep them all until the next
person's screening)."""

from __future__ import annotations

import gc
import weakref

import pytest
from kiosk_helpers import SINGLE_PARENT, SIZE, answered, click, resume, run_journey, wait_until

from kiosk.screens.idle import IdleScreen
from kiosk.screens.language import LanguageScreen

# A salary no other object of the test process holds: 1 137,83 € a month.
SALARY = 1137.83
ANSWERS = {**SINGLE_PARENT, "salary": ("1137,83", "month")}


async def _wait_for(pilot, condition) -> None:
    assert await wait_until(pilot, condition), "condition not reached"
    await pilot.pause()


def _values(obj, depth: int = 2):
    """The values in a dict, list or tuple, and in those it holds (CPython's
    collector does not track a dict of plain numbers, such as a money answer
    {"amount": 1137.83, "per": "month"}: it is found through its container)."""
    items = obj.values() if isinstance(obj, dict) else obj
    for value in list(items):
        yield value
        if depth > 0 and isinstance(value, (dict, list, tuple)):
            yield from _values(value, depth - 1)


def _holding(value: float) -> list:
    """Containers in the process that hold `value` (the person's salary)."""
    found = []
    for obj in gc.get_objects():
        if not isinstance(obj, (dict, list, tuple)):
            continue
        try:
            if any(type(v) is float and v == value for v in _values(obj)):
                found.append(obj)
        except Exception:
            continue
    return found


def _referrers(obj, depth: int = 7, seen=None) -> str:
    """Who holds `obj`, and who holds them (for the failure message)."""
    import inspect

    seen = seen if seen is not None else {id(obj)}
    lines = []
    for holder in gc.get_referrers(obj):
        if (
            id(holder) in seen
            or inspect.isframe(holder)
            or isinstance(holder, list)
            or type(holder).__name__ == "list_iterator"
        ):
            continue
        seen.add(id(holder))
        line = f"{type(holder).__name__}: {repr(holder)[:100]}"
        if depth > 0:
            line += "\n    " + _referrers(holder, depth - 1, seen).replace("\n", "\n    ")
        lines.append(line)
    return "\n".join(lines[:8])


async def _leave(pilot, app, how: str) -> None:
    if how == "finish":
        await click(pilot, app.screen.query_one("#finish"))
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
    elif how == "idle":
        app.config.idle_timeout = 0.5  # (after the journey: a loaded machine is slow to answer)
        await _wait_for(pilot, lambda: isinstance(app.screen, IdleScreen))
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
    elif how == "restart":
        await click(pilot, app.screen.query_one("#restart"))
        await click(pilot, app.screen.query_one("#yes"))
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))


# Leaving by "Finish" follows a whole journey by touch (every question screen
# it drew must be gone too); the other ways leave the results of the same
# answers, given to the session directly.
@pytest.mark.parametrize("how", ["finish", "idle", "restart"])
async def test_nothing_of_the_person_is_left(make_app, how):
    app = make_app(goodbye_delay=0.3, idle_countdown=0.5)
    async with app.run_test(size=SIZE) as pilot:
        if how == "finish":
            await run_journey(pilot, app, ANSWERS, "fr", "click")
        else:
            await pilot.pause()
            await resume(pilot, app, answered(ANSWERS, "fr"))
        session, screening = weakref.ref(app.session), weakref.ref(app.screening)
        household = weakref.ref(app.session.household())
        gc.collect()
        assert _holding(SALARY), "the test looks for the wrong value"
        await _leave(pilot, app, how)
        # Let the goodbye screen and the finished workers go.
        await pilot.pause(0.5)
        for _ in range(3):
            gc.collect()
            await pilot.pause(0.1)
        gc.collect()
        if session() is not None:
            raise AssertionError("the session is still held by:\n" + _referrers(session()))
        assert screening() is None, _referrers(screening())
        assert household() is None
        assert _holding(SALARY) == []
