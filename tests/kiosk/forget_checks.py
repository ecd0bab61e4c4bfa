"""Checks that nothing of a person is left in the process once they have
gone (test_forget.py: leaving by the idle timeout and "Recommencer";
test_safety.py: "Terminer et effacer" at the end of a whole journey by touch)."""

from __future__ import annotations

import gc
import weakref

from kiosk_helpers import SINGLE_PARENT

# A salary no other object of the test process holds: 1 137,83 € a month.
SALARY = 1137.83
ANSWERS = {**SINGLE_PARENT, "salary": ("1137,83", "month")}


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


def their_objects(app) -> tuple:
    """Weak references to the person's session, screening and household."""
    return weakref.ref(app.session), weakref.ref(app.screening), weakref.ref(app.session.household())


async def assert_nothing_left(pilot, objects: tuple) -> None:
    """Once the person has left: the session, screening and household
    (`their_objects` before they left) and the salary are gone."""
    session, screening, household = objects
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


def assert_salary_held() -> None:
    """While the person is there, their salary is found (the search works)."""
    gc.collect()
    assert _holding(SALARY), "the test looks for the wrong value"
