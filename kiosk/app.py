"""The resident kiosk: a Textual app for a public touch screen.

Safety on a public kiosk:
- nothing personal is written to disk: answers live in one `Session` object in
  memory, dropped by `erase()` after "Finish", after the idle timeout, and on
  "Start again"; no screenshot, log or clipboard action is reachable;
- every way out is closed (ctrl+q, ctrl+c, the command palette, suspend,
  the screenshot action); staff leave through a hidden key or five quick taps
  on the site name, then the configured PIN (kept as a slow salted hash);
- no error reaches the screen: any unexpected exception erases the session,
  shows a calm message and starts again; the log gets the exception's type
  and code locations only (no message, no local variable, no answer).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from kiosk.config import KioskConfig
from kiosk.pin import PinThrottle
from kiosk.widgets.direction import ARROW_KEYS

if TYPE_CHECKING:
    from eligibility.screening import Screening

#: Errors go here; `python -m kiosk` decides where the log is written
#: (`error_log` in the configuration, or the system log). Without a handler
#: nothing is printed: Python's last-resort handler would write on the screen.
log = logging.getLogger("kiosk")
log.addHandler(logging.NullHandler())
log.propagate = True

#: More unexpected errors than this within ERROR_WINDOW seconds: the error
#: screen itself is failing, so the process stops (quietly; its service
#: restarts it) rather than loop.
MAX_ERRORS = 5
ERROR_WINDOW = 10.0


class RecentErrors:
    """When the unexpected errors came, for the kiosk and the advisor: more
    than MAX_ERRORS within ERROR_WINDOW seconds, recovering is failing too,
    and the app must stop rather than loop."""

    def __init__(self) -> None:
        self.count = 0  # since the app started
        self._times: list[float] = []

    def add(self) -> bool:
        """One more error: True when there are too many."""
        now = time.monotonic()
        self.count += 1
        self._times = [t for t in self._times if now - t < ERROR_WINDOW] + [now]
        return len(self._times) > MAX_ERRORS

    def __len__(self) -> int:
        return len(self._times)


# Five taps on the site name within this many seconds open the staff screen.
STAFF_TAPS = 5
STAFF_TAPS_WINDOW = 3.0
#: The hidden staff key (not shown anywhere on screen).
STAFF_KEY = "ctrl+f12"

KIOSK_THEME = Theme(
    name="kiosk",
    primary="#1f4e99",
    secondary="#2d6a4f",
    accent="#b45309",
    foreground="#111111",
    background="#f7f7f2",
    surface="#ffffff",
    panel="#e6e9ef",
    success="#1b5e20",
    warning="#8a4b00",
    error="#b00020",
    dark=False,
)

HIGH_CONTRAST_THEME = Theme(
    name="kiosk-high-contrast",
    primary="#ffffff",
    secondary="#ffff00",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#333333",
    success="#00ff00",
    warning="#ffff00",
    error="#ff8080",
    dark=True,
)


# Seconds between the first screen and the start of the rules' warm-up.
WARM_UP_DELAY = 0.4


class BlankScreen(Screen):
    """Nothing: the last frame an app draws before it leaves (LeavesBlank)."""

    DEFAULT_CSS = "BlankScreen { background: black; }"


#: Seconds an exit waits for the blank frame at most (a screen that is
#: never drawn must not keep the app running).
BLANK_FRAME_WAIT = 3.0


class LeavesBlank:
    """For an App: every exit first draws an empty screen, then leaves.

    A terminal should put back what it showed before the app, and forget the
    app's frames. tmux does not when its window was resized while the app
    ran (tmux 3.2 and later, tmux/tmux#3510): the app's last frame stays on
    the terminal after it, a person's answers or household under the
    shell's next lines. Drawn last, the blank screen is what stays."""

    _leave_with: tuple[Any, int, Any] | None = None
    _left = False

    @property
    def leaving(self) -> bool:
        """Whether the app was asked to exit (it may still draw a frame)."""
        return self._leave_with is not None

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None:
        asked_before = self.leaving
        self._leave_with = (result, return_code, message)  # the last one asked wins
        if asked_before:
            return
        if not self.is_running:
            self._leave()
            return
        try:
            self.push_screen(BlankScreen())
        except Exception:  # no screen can be shown now: leave as is
            self._leave()
            return
        self.call_after_refresh(self._leave)
        self.set_timer(BLANK_FRAME_WAIT, self._leave)

    def _leave(self) -> None:
        if not self._left:
            self._left = True
            result, return_code, message = self._leave_with
            super().exit(result, return_code, message)


class KioskApp(LeavesBlank, App):
    CSS_PATH = "kiosk.tcss"
    TITLE = "Accès aux droits"
    ENABLE_COMMAND_PALETTE = False
    # No text selection: nothing to copy from a resident's answers.
    ALLOW_SELECT = False

    # Priority bindings that swallow every key Textual or a terminal would use
    # to leave, suspend, copy or take a screenshot.
    BINDINGS = [
        Binding("ctrl+q", "blocked", show=False, priority=True, system=True),
        Binding("ctrl+c", "blocked", show=False, priority=True, system=True),
        Binding("ctrl+p", "blocked", show=False, priority=True, system=True),
        Binding("ctrl+z", "blocked", show=False, priority=True, system=True),
        Binding("ctrl+s", "blocked", show=False, priority=True, system=True),
        Binding("ctrl+backslash", "blocked", show=False, priority=True, system=True),
        Binding(STAFF_KEY, "staff", show=False, priority=True, system=True),
        *ARROW_KEYS,
    ]

    def __init__(self, config: KioskConfig | None = None, *, engine: Any = None, speaker: Any = None) -> None:
        # Ctrl+C must never become SIGINT, whatever the environment says.
        os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)
        super().__init__()
        self.config = config or KioskConfig()
        self.lang: str = self.config.languages[0]
        self.session: Any = None
        self.screening: Screening | None = None
        self._engine = engine
        # What reads aloud (kiosk.speech.Speaker); None: made from
        # `[speech]` on first use. Tests give a silent stand-in, so that what
        # the screens show does not depend on espeak-ng being installed.
        self._speaker = speaker
        self._engine_ready = threading.Event()
        self._warm_up_thread: threading.Thread | None = None
        self._warm_up_lock = threading.Lock()
        self._last_activity = time.monotonic()
        self._staff_taps: list[float] = []
        # Wrong staff PINs and the delay they impose; lives in the app (or a
        # file, in browser mode), so closing the dialog does not reset it.
        self.pin_throttle = PinThrottle.for_this_process()
        self.idle_prompt_open = False
        # Number of journeys erased, for tests and the staff screen.
        self.erased_count = 0
        # Unexpected errors recovered from (their times, for MAX_ERRORS).
        self.errors = RecentErrors()
        self._error_screen_pending = False

    # ----------------------------------------------------------------- state
    @property
    def rtl(self) -> bool:
        from locales import is_rtl

        return is_rtl(self.lang)

    @property
    def bidi_shaping(self) -> bool:
        return self.config.display.bidi_shaping

    def _(self, msgid: str, /, **values: object) -> str:
        """Translate a French msgid into the current language, then fill it in."""
        from locales import gettext

        text = gettext(self.lang, msgid)
        return text.format(**values) if values else text

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from eligibility.engine import default_engine

            self._engine = default_engine()
        return self._engine

    @property
    def engine_is_warm(self) -> bool:
        return self._engine_ready.is_set() or bool(self._engine is not None and getattr(self._engine, "is_warm", False))

    def action_focus_side(self, side: str) -> None:
        """An arrow to the right moves on in a left-to-right language, back
        in a right-to-left one (the line is read from the right)."""
        if (side == "right") != self.rtl:
            self.action_focus_next()
        else:
            self.action_focus_previous()

    # ------------------------------------------------------------ lifecycle
    def on_mount(self) -> None:
        self.register_theme(KIOSK_THEME)
        self.register_theme(HIGH_CONTRAST_THEME)
        self.theme = "kiosk-high-contrast" if self.config.display.high_contrast else "kiosk"
        self.set_class(self.config.display.large_text, "-large-text")
        self.set_class(self.config.display.high_contrast, "-high-contrast")
        from kiosk.screens.language import LanguageScreen

        self.push_screen(LanguageScreen())
        # The rules engine (OpenFisca) takes seconds to build: warm it in a
        # thread while the person chooses a language and answers, once the
        # first screen is drawn (the build holds the GIL much of the time,
        # and would slow that first drawing down by half a second or more).
        self.set_timer(WARM_UP_DELAY, self.start_warm_up)
        self.set_interval(min(1.0, self.config.idle_timeout / 4), self._check_idle)
        handle_stop_signals(self.stop)

    def on_unmount(self) -> None:
        release_stop_signals()

    def start_warm_up(self) -> None:
        with self._warm_up_lock:  # the timer and a screening thread may race here
            if self._warm_up_thread is None:
                self._warm_up_thread = threading.Thread(target=self._warm_up, name="engine-warm-up", daemon=True)
                self._warm_up_thread.start()

    def _warm_up(self) -> None:
        try:
            self.engine.warm_up()
        finally:
            self._engine_ready.set()

    def wait_for_engine(self, timeout: float | None = None) -> bool:
        self.start_warm_up()  # in case the delayed start has not come yet
        return self._engine_ready.wait(timeout)

    # --------------------------------------------------------------- idle
    def touch(self) -> None:
        """Someone is there: restart the idle clock."""
        self._last_activity = time.monotonic()

    async def on_event(self, event: events.Event) -> None:
        # Every input from the terminal comes here first; one handed to a
        # screen (as Textual's Pilot does) bubbles up here afterwards.
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self.touch()
        try:
            await super().on_event(event)
        except Exception as error:
            # Caught here, not in Textual's loop: the app's own message loop
            # stops at the first error it sees, and the kiosk must go on.
            self._handle_exception(error)

    def on_app_blur(self, event: events.AppBlur) -> None:
        # A kiosk is never a window in the background. Textual takes the
        # focus away on a blur (and its browser driver starts blurred), so a
        # kiosk in a browser showed no focused button until someone typed or
        # tapped: the focus stays where it is.
        event.prevent_default()

    @property
    def journey_started(self) -> bool:
        """Is there anything to erase or close when nobody is there?"""
        return self.session is not None or self.screening is not None or len(self.screen_stack) > 2

    def _check_idle(self) -> None:
        if self.idle_prompt_open or not self.journey_started:
            self.touch()
            return
        if time.monotonic() - self._last_activity >= self.config.idle_timeout:
            from kiosk.screens.idle import IdleScreen

            self.idle_prompt_open = True
            self.push_screen(IdleScreen(self.config.idle_countdown))

    # -------------------------------------------------------------- journey
    def set_language(self, lang: str) -> None:
        """Change language, keeping every answer, and redraw all screens."""
        if lang not in self.config.languages:
            return
        self.lang = lang
        if self.session is not None:
            self.session.set_language(lang)
        for screen in self.screen_stack:
            if hasattr(screen, "relabel"):
                self.call_later(screen.relabel)

    def start_session(self, lang: str) -> None:
        from questionnaires import Session, load_flow

        self.lang = lang
        self.session = Session(load_flow("resident"), lang, site_commune=self.config.site_commune)
        self.screening = None
        self.show_current()

    def show_current(self) -> None:
        """Show the screen for where the session stands: a question or the results."""
        from kiosk.screens.calculating import CalculatingScreen
        from kiosk.screens.question import QuestionScreen

        if self.session is None:
            self.erase()
            return
        if self.session.is_complete:
            if self.engine_is_warm:
                # A warm engine answers in a fraction of a second: stay on the
                # last question meanwhile rather than draw a "calculating"
                # screen whose animation would slow the screening down.
                self._screen_in_background()
            else:
                self.show(CalculatingScreen())
        else:
            self.show(QuestionScreen())

    @work(thread=True, exclusive=True, group="screening")
    def _screen_in_background(self) -> None:
        # No argument: a finished Textual worker keeps its arguments, and the
        # pool thread that ran it keeps the worker (in its context) until the
        # next screening; the session lives here only while this runs.
        try:
            session = self.session
            if session is None:
                return
            screening = self.engine.screen(session.household())
            # Before handing over: the callback runs in a copy of this context.
            release_worker_thread()
            self.call_from_thread(self._show_results, session, screening)
        finally:
            release_worker_thread()

    def _show_results(self, session: Any, screening: Any) -> None:
        from kiosk.screens.results import ResultsScreen

        # The person may have pressed "Back", "Start again" or been timed out meanwhile.
        if self.session is not session or not session.is_complete:
            return
        self.screening = screening
        self.show(ResultsScreen())

    def show(self, screen: Any) -> None:
        """Make `screen` the journey's screen, closing any dialog over it: the
        stack stays shallow (Textual's default screen, then this one)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(screen)

    def forget(self) -> None:
        """Drop every reference to the person's answers and results: the
        session, the screening, and the screening workers (a finished worker
        keeps its arguments and its result)."""
        self.session = None
        self.screening = None
        self.idle_prompt_open = False
        self.workers.cancel_group(self, "screening")
        for screen in self.screen_stack:
            self.workers.cancel_node(screen)
        self.erased_count += 1

    def erase(self) -> None:
        """Forget everything about the person and show the language screen."""
        from kiosk.screens.language import LanguageScreen

        self.forget()
        self.lang = self.config.languages[0]
        self.touch()
        self.show(LanguageScreen())

    def finish(self) -> None:
        """'Finish and erase my answers': erase now, say goodbye, start over."""
        from kiosk.screens.goodbye import GoodbyeScreen

        lang = self.lang
        self.forget()
        self.show(GoodbyeScreen(lang))

    # ---------------------------------------------------------------- errors
    # Textual has no public hook for unhandled exceptions: every message loop,
    # timer and worker of the app calls `App._handle_exception`, whose default
    # prints a traceback WITH LOCAL VARIABLES (a PIN, a salary) and exits.
    # This is the kiosk's one override of a private Textual method;
    # tests/kiosk/test_errors.py checks that Textual still calls it.
    def _handle_exception(self, error: Exception) -> None:
        self.recover(error)

    def recover(self, error: BaseException) -> None:
        """An unexpected error: log it without personal data, erase the
        session, show a calm message, then the language screen."""
        log.error("kiosk: unexpected error, session erased: %s", describe_error(error, self._screen_name()))
        too_many = self.errors.add()
        lang = self.lang
        self.session = None
        self.screening = None
        if self.leaving:
            return
        if too_many:
            log.error("kiosk: %d errors in %.0f s, stopping", len(self.errors), ERROR_WINDOW)
            self.exit(return_code=3)
            return
        if not self._error_screen_pending:
            self._error_screen_pending = True
            self.call_later(self._show_error, lang)

    def _show_error(self, lang: str) -> None:
        from kiosk.screens.error import ErrorScreen

        self._error_screen_pending = False
        self.forget()
        self.lang = self.config.languages[0]
        self.show(ErrorScreen(lang))

    @property
    def error_count(self) -> int:
        """Unexpected errors since the kiosk started (tests read it)."""
        return self.errors.count

    def _screen_name(self) -> str:
        try:
            return type(self.screen).__name__
        except Exception:
            return "-"

    # ------------------------------------------------------------- lockdown
    def action_blocked(self) -> None:
        """Every way out of the kiosk lands here, and does nothing."""

    async def action_quit(self) -> None:  # ctrl+q in any form
        self.action_blocked()

    def action_help_quit(self) -> None:
        self.action_blocked()

    def action_command_palette(self) -> None:
        self.action_blocked()

    def action_suspend_process(self) -> None:
        self.action_blocked()

    def action_screenshot(self, *args: Any, **kwargs: Any) -> None:
        self.action_blocked()

    def action_change_theme(self) -> None:
        self.action_blocked()

    def action_toggle_dark(self) -> None:
        self.action_blocked()

    def action_staff(self) -> None:
        from kiosk.screens.staff import StaffScreen

        if not any(isinstance(s, StaffScreen) for s in self.screen_stack):
            self.push_screen(StaffScreen())

    def staff_tap(self) -> None:
        """A tap on the site name; five quick ones open the staff screen."""
        now = time.monotonic()
        self._staff_taps = [t for t in self._staff_taps if now - t <= STAFF_TAPS_WINDOW] + [now]
        if len(self._staff_taps) >= STAFF_TAPS:
            self._staff_taps.clear()
            self.action_staff()

    def staff_exit(self) -> None:
        """Leave the kiosk: only called by the staff screen after the right PIN."""
        self.stop()

    def stop(self) -> None:
        """Forget the person, then end the app (the staff's exit, a service
        stopped)."""
        self.forget()
        self.exit(return_code=0)


#: A service stopped or `kill` (SIGTERM), the terminal closed (SIGHUP).
#: (Windows has no SIGHUP.)
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def handle_stop_signals(stop: Callable[[], None]) -> None:
    """`stop` runs in the app's event loop on a stop signal, to end the app
    as its own exit does. Python's default stops the process at once: the
    terminal was never put back, and the last screen drawn (a person's
    answers, their household) stayed on it. Where the loop cannot take
    signals (Windows, an app run outside the main thread), the default stays."""
    loop = asyncio.get_running_loop()
    for number in STOP_SIGNALS:
        try:
            loop.add_signal_handler(number, stop)
        except (NotImplementedError, RuntimeError, ValueError):
            return


def release_stop_signals() -> None:
    """Undo handle_stop_signals (the handler holds the app)."""
    loop = asyncio.get_running_loop()
    for number in STOP_SIGNALS:
        loop.remove_signal_handler(number)


def release_worker_thread() -> None:
    """Call in a thread worker that saw personal data, before
    `call_from_thread` and at its end.

    Textual runs thread workers in a pool whose threads keep their context
    (`active_worker`) until their next job, and `call_from_thread` runs its
    callback in a copy of that context, which every screen opened from the
    callback inherits: the finished worker, its task and the screen that
    started it (with the person's answers) stayed reachable for good."""
    from textual.worker import active_worker

    active_worker.set(None)  # type: ignore[arg-type]


def describe_error(error: BaseException, screen: str = "-") -> str:
    """An error for the log: its type and where it happened in our code and
    Textual's, nothing else. The message and the local variables are left
    out: either may hold an answer ("1100"), a PIN or a name."""
    from textual.worker import WorkerFailed

    parts = []
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, WorkerFailed) and error.error is not None:
            parts.append("WorkerFailed")
            error = error.error
        where = " < ".join(f"{_short(f.filename)}:{f.lineno} {f.name}" for f in reversed(_telling_frames(error)))
        parts.append(f"{type(error).__module__}.{type(error).__qualname__} at {where or '?'}")
        error = error.__cause__ or error.__context__
        seen += 1
    return f"screen {screen}: " + " | caused by ".join(parts)


def _telling_frames(error: BaseException, innermost: int = 6, ours: int = 3) -> list:
    """The innermost frames of `error`'s traceback, and the innermost of our
    own code even when they are deeper in the stack (an error raised inside
    Textual for a call of ours: Textual's frames alone do not say which
    call), outermost first."""
    frames = traceback.extract_tb(error.__traceback__)
    keep = set(range(max(0, len(frames) - innermost), len(frames)))
    own = [i for i, frame in enumerate(frames) if frame.filename.startswith(_our_folders())]
    keep.update(own[max(0, len(own) - ours) :])
    return [frames[i] for i in sorted(keep)]


@functools.cache
def _our_folders() -> tuple[str, ...]:
    """The folders of our packages, wherever they are installed."""
    import importlib.util

    packages = ("kiosk", "questionnaires", "eligibility", "locales")
    return tuple(os.path.dirname(importlib.util.find_spec(name).origin) + os.sep for name in packages)


def _short(filename: str) -> str:
    """A source path without the machine's folders (…/kiosk/app.py)."""
    parts = filename.replace("\\", "/").split("/")
    return "/".join(parts[-2:])
