"""No error reaches a resident: an unexpected exception anywhere in the app (a
handler, a worker, a compose, a timer, an app-level action) becomes a calm
screen, the session is erased, and the kiosk is back at the language screen.
Nothing of the error (a traceback, a message, a local variable: a PIN, a
salary) is drawn; the log has the exception's type and location only."""

from __future__ import annotations

import asyncio
import logging

import pytest
from kiosk_helpers import (
    SINGLE_PARENT,
    SIZE,
    STAFF_PIN,
    answer_current,
    answered,
    choose_language,
    resume,
    screen_text,
    wait_until,
)
from textual.app import App

from kiosk.app import KioskApp
from kiosk.screens.error import MESSAGE, ErrorScreen
from kiosk.screens.language import LanguageScreen
from kiosk.screens.question import QuestionScreen
from kiosk.screens.staff import StaffScreen
from kiosk.widgets import BigButton
from tests.leak_checks import assert_log_is_clean, assert_nothing_printed

# What the injected errors carry: their message, and a local variable each.
SECRET = "SECRET-1100-EUR"
LEAKS = ("Traceback", "Error", "error", "File ", ".py", "line ", SECRET, STAFF_PIN, "locals", "self")


class Boom(RuntimeError):
    pass


def boom(*args, **kwargs):
    pin = STAFF_PIN  # noqa: F841 — a local a traceback with locals would print
    salary = SECRET  # noqa: F841
    raise Boom(f"{SECRET} {STAFF_PIN}")


async def _wait_for(pilot, condition) -> None:
    assert await wait_until(pilot, condition), "condition not reached"
    await pilot.pause()


async def _assert_calm_then_restart(pilot, app: KioskApp, lang: str = "fr") -> None:
    """The error screen (no leak on it), an empty session, then the language screen."""
    from locales import gettext, is_rtl

    await _wait_for(pilot, lambda: isinstance(app.screen, ErrorScreen) and app.screen.is_mounted)
    await pilot.pause()
    text = screen_text(app)
    assert app.screen.query_one("#error-message").text == gettext(lang, MESSAGE)
    if not is_rtl(lang):  # (right-to-left text is reshaped for the terminal)
        assert gettext(lang, MESSAGE) in " ".join(text.split()), text
    for leak in LEAKS:
        assert leak not in text, (leak, text)
    assert app.session is None and app.screening is None
    assert app.is_running and app.return_code is None
    # Back to the language screen for the next person (the button; by itself
    # after goodbye_delay: test_the_error_screen_goes_by_itself).
    await pilot.press("enter")
    await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
    assert app.session is None and app.lang == app.config.languages[0]
    assert len(app.screen_stack) == 2
    text = screen_text(app)
    for leak in LEAKS:
        assert leak not in text, (leak, text)


async def _last_answer_given(pilot, app, lang: str) -> None:
    """The app as the last answer of a journey leaves it: the session
    complete, the screening started (whole journeys: test_journeys.py)."""
    await pilot.pause()
    app.lang = lang
    app.session = answered(SINGLE_PARENT, lang)
    app.show_current()


def _assert_log_is_clean(caplog) -> None:
    records = [r for r in caplog.records if r.name == "kiosk"]
    assert_log_is_clean(records, says=("Boom", "test_errors.py"), never=(SECRET, STAFF_PIN))


def _assert_nothing_printed(capfd) -> None:
    assert_nothing_printed(capfd, never=("Traceback", "Boom", SECRET, STAFF_PIN))


def test_textual_still_routes_errors_through_the_overridden_hook():
    # The one private Textual method the kiosk overrides (see KioskApp): if a
    # Textual upgrade renames it, the default crash screen would come back.
    # (A contract with a private name, kept on purpose; the behaviour itself
    # is test_error_in_a_handler's, through public means only.)
    assert "_handle_exception" in vars(App)
    assert KioskApp._handle_exception is not App._handle_exception


async def test_error_in_a_handler(make_app, monkeypatch, caplog, capfd):
    """A real exception in a key handler: the calm screen, then the language
    screen, and nothing of it on the terminal (Textual's own handler prints
    the traceback with its local variables, then stops the app)."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app(goodbye_delay=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_language(pilot, app, "ar", "click")
        await answer_current(pilot, app, SINGLE_PARENT, "click")  # the commune
        assert app.session.answers
        monkeypatch.setattr(type(app.session), "answer", boom)
        await pilot.press(*"34", "enter")
        await _assert_calm_then_restart(pilot, app, "ar")
    assert app.return_code in (None, 0)
    _assert_log_is_clean(caplog)
    _assert_nothing_printed(capfd)


async def test_a_tap_handled_while_the_question_is_redrawn_is_harmless(make_app, caplog):
    """A tap on "Help", or an answer refused, handled by a question screen
    whose widgets are gone (redrawn in another language, or closing): there
    is nothing to show it on, and the journey goes on. Both once ended it on
    the calm error screen with the answers erased (NoMatches), seen in
    test_random_taps."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await answer_current(pilot, app, SINGLE_PARENT, "click")  # the commune
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and app.session.current.id == "birth"
        help_button = screen.query_one("#help", BigButton)
        for gone in list(screen.query("#help-text, #show-handover, #error")):
            await gone.remove()
        help_button.post_message(BigButton.Pressed(help_button))
        await pilot.press(*"999", "enter")  # refused: over 120
        await pilot.pause()
        assert app.screen is screen and not isinstance(app.screen, ErrorScreen)
        assert screen.help_open and screen.error
        assert app.session.answers.get("commune") and app.session.current.id == "birth"
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_a_key_handled_while_the_town_question_is_redrawn_is_harmless(make_app, caplog):
    """The same for a letter typed on the town question: the list of towns
    it would refresh is gone, and the journey goes on."""
    from kiosk.widgets.letterpad import LetterPad

    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_language(pilot, app, "fr", "click")
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and app.session.current.id == "commune"
        pad = screen.query_one(LetterPad)
        for gone in list(screen.query("#commune-results")):
            await gone.remove()
        pad.post_message(LetterPad.Changed(pad, "ROUB"))
        await pilot.pause(0.3)
        assert app.screen is screen and not isinstance(app.screen, ErrorScreen)
        assert app.session.current.id == "commune"
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


async def test_error_in_the_screening_worker(make_app, engine, monkeypatch, caplog):
    caplog.set_level(logging.ERROR, logger="kiosk")
    monkeypatch.setattr(engine, "screen", boom)
    app = make_app(goodbye_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await _last_answer_given(pilot, app, "fr")
        await _assert_calm_then_restart(pilot, app)
    _assert_log_is_clean(caplog)
    assert "WorkerFailed" in caplog.text


async def test_error_in_a_cold_calculating_worker(make_app, monkeypatch, caplog):
    """The 'calculating' screen's own worker (the engine not warm yet)."""

    class ColdEngine:
        is_warm = False

        def warm_up(self):
            pass

        screen = staticmethod(boom)

    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app(goodbye_delay=60, engine=ColdEngine())
    async with app.run_test(size=SIZE) as pilot:
        await _last_answer_given(pilot, app, "fr")
        await _assert_calm_then_restart(pilot, app)
    _assert_log_is_clean(caplog)


async def test_error_in_compose(make_app, monkeypatch, caplog):
    from kiosk.screens import results

    caplog.set_level(logging.ERROR, logger="kiosk")
    monkeypatch.setattr(results.ResultsScreen, "body", boom)
    app = make_app(goodbye_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await _last_answer_given(pilot, app, "uk")
        await _assert_calm_then_restart(pilot, app, "uk")
    _assert_log_is_clean(caplog)


async def test_error_in_a_timer(make_app, monkeypatch, caplog):
    from kiosk.screens.idle import IdleScreen

    caplog.set_level(logging.ERROR, logger="kiosk")
    monkeypatch.setattr(IdleScreen, "_tick", boom)
    app = make_app(idle_timeout=0.3, idle_countdown=30, goodbye_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await _assert_calm_then_restart(pilot, app)
    _assert_log_is_clean(caplog)


async def test_error_in_an_app_action_keeps_the_app_alive(make_app, monkeypatch, caplog):
    """An error in the app's own message loop (a key binding of the app):
    Textual would stop that loop for good; the kiosk goes on."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    monkeypatch.setattr(KioskApp, "action_staff", boom)
    app = make_app(goodbye_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await pilot.press("ctrl+f12")
        await _assert_calm_then_restart(pilot, app)
        # Still answering: taps move the journey on, the app's own key
        # bindings work again, and the last answer still brings the results
        # (the app's screening worker). Whole journeys: test_journeys.py.
        monkeypatch.undo()
        await choose_language(pilot, app, "fr", "click")
        await answer_current(pilot, app, SINGLE_PARENT, "click")  # the commune
        assert app.session.progress.done == 1 and app.session.current.id == "birth"
        await pilot.press("ctrl+f12")
        await _wait_for(pilot, lambda: isinstance(app.screen, StaffScreen))
        await pilot.press("escape")
        await _wait_for(pilot, lambda: isinstance(app.screen, QuestionScreen))
        await resume(pilot, app, answered(SINGLE_PARENT, "fr", session=app.session))
        assert app.screen.query("#finish") and app.error_count == 1
    _assert_log_is_clean(caplog)


async def test_the_error_screen_goes_by_itself(make_app, monkeypatch):
    app = make_app(goodbye_delay=0.5)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        monkeypatch.setattr(QuestionScreen, "submit", boom)
        await answer_current(pilot, app, SINGLE_PARENT, "click")
        await _wait_for(pilot, lambda: app.error_count == 1)
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
        assert app.session is None and app.is_running and len(app.screen_stack) == 2


async def test_error_then_the_button_starts_again_at_once(make_app, monkeypatch):
    app = make_app(goodbye_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        monkeypatch.setattr(QuestionScreen, "submit", boom)
        await answer_current(pilot, app, SINGLE_PARENT, "click")
        await _wait_for(pilot, lambda: isinstance(app.screen, ErrorScreen) and app.screen.is_mounted)
        await pilot.press("enter")
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
        assert app.session is None and app.is_running and app.error_count == 1


async def test_an_error_screen_that_keeps_failing_stops_quietly(make_app, monkeypatch, capfd):
    """If even the calm screen fails, the process stops (its service starts
    it again) rather than loop; still nothing printed."""
    app = make_app()
    monkeypatch.setattr(ErrorScreen, "compose", boom)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        monkeypatch.setattr(QuestionScreen, "submit", boom)
        app.screen.query_one("#commune-59350").action_press()  # (no pilot pause: the app stops)
        for _ in range(400):
            if app.return_code is not None:  # App.exit() was called
                break
            await asyncio.sleep(0.05)
    assert app.return_code == 3
    # Textual prints what it leaves the app with after the app has stopped.
    _assert_nothing_printed(capfd)


# The hook stays silent when nothing goes wrong: test_journeys.py, by touch
# and by keyboard.


def test_the_error_log_goes_to_the_configured_file_without_personal_data(tmp_path):
    from kiosk.__main__ import setup_error_log
    from kiosk.app import describe_error
    from kiosk.config import ConfigError, KioskConfig

    path = tmp_path / "errors.log"
    logger = logging.getLogger("kiosk")
    before = list(logger.handlers)
    try:
        setup_error_log(KioskConfig(error_log=str(path)))
        try:
            boom()
        except Boom as error:
            logger.error("kiosk: unexpected error, session erased: %s", describe_error(error, "QuestionScreen"))
        for handler in logger.handlers:
            handler.flush()
        logged = path.read_text(encoding="utf-8")
        assert "Boom" in logged and "test_errors.py" in logged and "QuestionScreen" in logged
        assert SECRET not in logged and STAFF_PIN not in logged
    finally:
        for handler in logger.handlers[:]:
            if handler not in before:
                logger.removeHandler(handler)
                handler.close()
    with pytest.raises(ConfigError, match="error_log"):
        setup_error_log(KioskConfig(error_log=str(tmp_path / "no-such-folder" / "errors.log")))


async def test_input_for_a_question_after_the_session_is_erased_is_ignored(make_app, caplog):
    """A tap or key queued for a question screen and handled after the person's
    session was erased (the idle timeout, "start again") used to read
    `app.session`, None, and end on the error screen (found by
    test_random_taps). The screen is still up, its session gone: keys, a
    tap on Valider and a redraw do nothing, and no error is recovered from."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app(goodbye_delay=60)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await answer_current(pilot, app, SINGLE_PARENT, "click")  # the commune
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and app.session.answers
        app.forget()
        await pilot.press(*"34", "enter")
        await pilot.click("#next")
        await screen.recompose()
        await pilot.pause()
        assert app.session is None and app.error_count == 0
        assert not isinstance(app.screen, ErrorScreen)
        app.erase()
        await _wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen))
    assert [r for r in caplog.records if r.name == "kiosk"] == []


def test_the_error_log_names_our_call_even_deep_in_a_library():
    """An error raised deep inside a library (Textual) for a call of ours:
    the log still says which of our lines made the call (this morning's
    NoMatches named eight frames of Textual and none of ours)."""
    from kiosk.app import describe_error
    from kiosk.screens.base import focus

    def deep(n: int) -> None:
        if n == 0:
            raise Boom(SECRET)
        deep(n - 1)

    class Library:  # stands for a Textual widget whose query fails deep down
        def query(self, selector):
            deep(12)

    try:
        focus(Library(), "#next")
    except Boom as error:
        logged = describe_error(error, "QuestionScreen")
    assert "screens/base.py" in logged and " focus" in logged, logged
    assert "test_errors.py" in logged  # the innermost frames too
    assert SECRET not in logged
