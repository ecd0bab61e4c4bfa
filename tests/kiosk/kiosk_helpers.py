"""Driving the kiosk like a person: by touch (clicks) or by keyboard alone."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from textual import events

from kiosk.widgets import BigButton, Para
from tests.drawn_screen import screen_text as drawn_text

#: The staff PIN of the test kiosks (stored hashed, as on a real site). It
#: lives here, not in conftest.py: `from conftest import` finds whichever
#: conftest module was imported first (tests/advisor has one too).
STAFF_PIN = "975312"

SIZE = (120, 40)

# A known household, answered question by question (by question id).
# Lille; a single parent of 34, employed at 1 100 € a month, two children of
# 8 and 12, renting privately at 600 € a month, already receiving the
# allocations familiales.
SINGLE_PARENT: dict[str, Any] = {
    "commune": "59350",
    "birth": "34",
    "nationality": "fr",
    "activity": "employed",
    "incomes": ["salary"],
    "salary": ("1100", "month"),
    "disabled": False,
    "pregnant": False,
    "couple": False,
    "child_count": 2,
    "child_birth": ["8", "12"],
    "child_school": ["primary", "college"],
    "child_disability": [None, None],
    "single_parent_since": 18,
    "housing": "tenant_private",
    "rent": ("600", "month"),
    "received": ["af"],
}


def screen_text(app) -> str:
    """The characters on the screen, as a person sees them (after shaping),
    dialogs over the screens under them; one line per row."""
    return drawn_text(app)


def pdf_text(data: bytes) -> str:
    """The first page of a PDF's text as pypdf extracts it, Arabic
    presentation forms (initial, medial, final letters) back to letters."""
    import io
    import unicodedata

    from pypdf import PdfReader

    return unicodedata.normalize("NFKC", PdfReader(io.BytesIO(data)).pages[0].extract_text())


def para_texts(app) -> list[str]:
    return [p.text for p in app.screen.query(Para)]


def answer_for(answers: dict[str, Any], question) -> Any:
    value = answers[question.id]
    if isinstance(value, list) and question.repeat_index is not None:
        return value[question.repeat_index - 1]
    return value


def _value_matches(button_value: Any, wanted: Any) -> bool:
    return type(button_value) is type(wanted) and button_value == wanted


def choice_button(app, wanted: Any) -> BigButton:
    for button in app.screen.query("BigButton.choice").results(BigButton):
        if _value_matches(button.value, wanted):
            return button
    raise AssertionError(f"no choice {wanted!r} on {app.session.current.id}")


async def click(pilot, widget) -> None:
    """Tap `widget`, scrolling it into view first if it is not (as a finger would)."""
    screen = widget.screen
    if not screen.region.contains_region(widget.region):
        widget.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
    assert await pilot.click(widget), f"click on {widget!r} missed"
    await pilot.pause()


async def press_focus(pilot, app, widget, limit: int = 60) -> None:
    """Tab until `widget` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if app.focused is widget:
            return
        await pilot.press("tab")
    raise AssertionError(f"could not reach {widget!r} with Tab")


async def press_button(pilot, app, button, mode: str) -> None:
    """Tap `button` (mode "click"), or Tab to it and press Enter ("keys")."""
    if mode == "click":
        await click(pilot, button)
    else:
        await press_focus(pilot, app, button)
        await pilot.press("enter")


async def go_back(pilot, app, mode: str) -> None:
    """Back to the screen before: Escape by keyboard, the Back button by touch."""
    if mode == "keys":
        await pilot.press("escape")
    else:
        await click(pilot, app.screen.query_one("#back"))
    await pilot.pause()


async def open_results(make_app, screening, session=None, lang: str = "fr", size=SIZE):
    """An app showing the results of `screening` (and `session`, when the
    answers matter) as a journey leaves them: (app, pilot, context); the
    caller ends with `await context.__aexit__(None, None, None)`."""
    from kiosk.screens.results import ResultsScreen

    app = make_app()
    context = app.run_test(size=size)
    pilot = await context.__aenter__()
    await pilot.pause()
    await show_screen(pilot, app, ResultsScreen(), lang=lang, session=session, screening=screening)
    return app, pilot, context


async def show_screen(pilot, app, screen, *, lang: str, session=None, screening=None) -> None:
    """Put the running app on `screen` in `lang`, with the session and the
    screening a journey would have left it."""
    app.lang = lang
    if session is not None:
        app.session = session
    if screening is not None:
        app.screening = screening
    app.show(screen)
    await pilot.pause()


def answered(
    answers: dict[str, Any] = SINGLE_PARENT,
    lang: str = "fr",
    *,
    until: str | None = None,
    today=None,
    session=None,
    site_commune: str = "59350",
    steps: int | None = None,
):
    """A resident session (a new one, or `session` carried on) given
    `answers` as the screens give them, up to the question `until` (left
    unanswered), or `steps` answers, or to the end."""
    from questionnaires import Session, load_flow
    from questionnaires.communes import InseeCode

    if session is None:
        session = Session(load_flow("resident"), lang, site_commune=site_commune, today=today)
    given = 0
    while not session.is_complete and session.current.id != until and given != steps:
        given += 1
        value = answer_for(answers, session.current)
        if session.current.kind == "commune":
            value = InseeCode(value)  # as its button gives it (typed digits are a postal code)
        session.answer(value)
    if until is not None:
        assert not session.is_complete, f"the flow never asks {until}"
    return session


async def resume(pilot, app, session) -> None:
    """Put the running app where `session` stands, as its last answer would:
    the question screen, or the screening (the app's own worker) then the
    results. Whole journeys are driven in test_journeys.py."""
    from kiosk.screens.question import QuestionScreen
    from kiosk.screens.results import ResultsScreen

    app.lang = session.lang
    app.session = session
    app.show_current()
    wanted = ResultsScreen if session.is_complete else QuestionScreen
    assert await wait_until(pilot, lambda: isinstance(app.screen, wanted) and app.screen.is_mounted), app.screen
    # Laid out before anyone taps on it.
    await pilot.pause()


@asynccontextmanager
async def on_results(app, answers: dict[str, Any] = SINGLE_PARENT, lang: str = "fr", size=SIZE) -> AsyncIterator[Any]:
    """The running app on the results of `answers` in `lang` (the pilot)."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await resume(pilot, app, answered(answers, lang, site_commune=app.config.site_commune))
        yield pilot


async def read_whole_screen(app, pilot, limit: int = 120) -> str:
    """Scroll the results page by page, as a person would, and collect what is drawn."""
    seen = []
    area = app.screen.query_one("#results")
    for _ in range(limit):
        seen.append(screen_text(app))
        if area.scroll_y >= area.max_scroll_y:
            break
        area.scroll_page_down(animate=False)
        await pilot.pause()
    return "\n".join(seen)


async def answer_current(pilot, app, answers: dict[str, Any], mode: str) -> None:
    q = app.session.current
    value = answer_for(answers, q)
    screen = app.screen
    if q.kind in ("single_choice", "yes_no") or (q.kind == "count" and screen.query("BigButton.choice")):
        await press_button(pilot, app, choice_button(app, value), mode)
    elif q.kind == "multiple_choice":
        for wanted in value:
            await press_button(pilot, app, choice_button(app, wanted), mode)
        await submit(pilot, app, mode)
    elif q.kind == "commune":
        if mode == "click":
            await click(pilot, screen.query_one(f"#commune-{value}"))
        else:
            await pilot.press(*"lille")
            await pilot.pause()
            await submit(pilot, app, mode)
    else:
        text, period = value if isinstance(value, tuple) else (str(value), None)
        if mode == "click":
            for ch in text:
                key = {",": "comma", "/": "comma"}.get(ch, ch)
                await click(pilot, screen.query_one(f"#pad-{key}"))
            if period and screen.query(f"#period-{period}"):
                await click(pilot, screen.query_one(f"#period-{period}"))
        else:
            await pilot.press(*text)
            if period and screen.query(f"#period-{period}"):
                button = screen.query_one(f"#period-{period}", BigButton)
                await press_focus(pilot, app, button)
                await pilot.press("enter")
        await submit(pilot, app, mode)
    await pilot.pause()


async def submit(pilot, app, mode: str) -> None:
    await press_button(pilot, app, app.screen.query_one("#next", BigButton), mode)


async def choose_language(pilot, app, lang: str, mode: str) -> None:
    await press_button(pilot, app, app.screen.query_one(f"#lang-{lang}", BigButton), mode)
    await pilot.pause()


async def run_journey(pilot, app, answers: dict[str, Any], lang: str, mode: str, limit: int = 60) -> None:
    """From the language screen to the results screen."""
    from kiosk.screens.results import ResultsScreen

    await choose_language(pilot, app, lang, mode)
    for _ in range(limit):
        if app.session is None or app.session.is_complete:
            break
        before = app.session.progress.done
        await answer_current(pilot, app, answers, mode)
        assert app.session.progress.done == before + 1, f"answer refused at {app.session.current.id}: {para_texts(app)}"
    shown = await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.is_mounted)
    assert shown, f"no results screen, on {app.screen!r}"
    # Let the screen compose and lay out before anyone taps on it.
    await pilot.pause()
    await pilot.pause(0.05)


# ------------------------------------------------- what the process writes
# One audit hook for the whole test session (hooks cannot be removed): it
# records only inside `recording()`. Files opened for writing, created,
# renamed or removed, and sockets opened or names looked up.
_RECORD: list[tuple[str, str]] | None = None
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGES = {
    "os.remove",
    "os.rename",
    "os.mkdir",
    "os.rmdir",
    "os.symlink",
    "os.link",
    "os.truncate",
    "os.chmod",
    "os.utime",
    "shutil.copyfile",
    "shutil.move",
}
NETWORK_EVENTS = {
    "socket.connect",
    "socket.bind",
    "socket.sendto",
    "socket.sendmsg",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "urllib.Request",
}


def _audit(event: str, args: tuple) -> None:
    if _RECORD is None:
        return
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        if writing and isinstance(path, (str, bytes, os.PathLike)):
            _RECORD.append((event, os.fsdecode(path)))
    elif event in _CHANGES:
        first = args[0] if args else ""
        _RECORD.append((event, os.fsdecode(first) if isinstance(first, (str, bytes, os.PathLike)) else repr(args)))
    elif event in NETWORK_EVENTS:
        _RECORD.append((event, repr(args)[:200]))


sys.addaudithook(_audit)


@contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    """What the process writes (and connects to) inside the block, as
    (event, path or arguments); checked first to see a temporary write.
    Python writes no bytecode cache meanwhile: a module first imported in
    the block (a fresh clone, or the first test of a worker) would write
    one, which is the interpreter's and says nothing of the kiosk."""
    global _RECORD
    _RECORD = []
    writes_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        with tempfile.NamedTemporaryFile("w") as probe:  # the hook does see writes
            probe.write("x")
        assert _RECORD, "the audit hook saw no write"
        _RECORD.clear()
        yield _RECORD
    finally:
        _RECORD = None
        sys.dont_write_bytecode = writes_bytecode


def outside_temp(path: str) -> bool:
    temp = {tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"}
    path = os.path.abspath(path)
    return not any(path == t or path.startswith(t + os.sep) for t in temp) and path != "/dev/null"


async def caught_up(app, seconds: float = 120.0) -> None:
    """Waits, by the clock, until the kiosk has handled everything posted so
    far (keys or taps sent the way the terminal driver sends them) and the
    screens they opened or closed: the app's queue, then the queue of the
    screen on top, again until that screen stays the same.

    Call it before a Pilot method after such a burst. Pilot's own wait
    (inside `pause`, `press`, `click`) waits on the messages of every widget
    of the screen shown when it is called; a key still queued that replaces
    that screen left it waiting for widgets that no longer exist, and it
    gave up after 30 s (WaitForScreenTimeout) on a loaded machine, the
    kiosk itself fine."""
    deadline = time.monotonic() + seconds
    shown = None
    while shown is not app.screen:
        shown = app.screen
        for node in (app, shown):
            handled = asyncio.Event()
            node.call_later(handled.set)
            while True:
                try:
                    await asyncio.wait_for(asyncio.shield(handled.wait()), timeout=1.0)
                    break
                except TimeoutError:
                    # Still busy, or the screen was closed meanwhile (its queue
                    # is gone): look again at what is on top.
                    assert time.monotonic() < deadline, "the kiosk never caught up"
                    if not shown.is_attached:
                        break
        await asyncio.sleep(0.05)


async def held(app, key: str, times: int) -> None:
    """`key` pressed `times` times as a terminal sends a held key (all at
    once, before anything is drawn), then everything handled."""
    for _ in range(times):
        app.post_message(events.Key(key, None))
    await caught_up(app)


async def wait_until(pilot, condition, seconds: float = 20.0) -> bool:
    """Waits, by the clock and not by a count of pauses, until `condition()`
    holds: four test workers share two cores, and a redraw may take seconds
    there. Returns whether it held (the caller asserts what it reads).

    It polls with plain sleeps (the app runs meanwhile, and redraws on its
    own timer), then, if it had to wait, pauses once so the screen is laid
    out: a `pilot.pause()` a poll cost a forced refresh each time."""
    if condition():
        return True
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.05)
    await pilot.pause()
    return True
