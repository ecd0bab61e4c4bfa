"""An unexpected error in the advisor: the person's situation is erased, the
app starts again with every widget made anew and a calm message, and
nothing of the error (a traceback, a value typed) reaches the screen, the
terminal or the log. Textual's own handler prints the traceback with its
local variables (the household), then stops the app: the appointment was
lost with it.

The errors are real exceptions raised where the app's own code runs: in a
handler of the app's messages, in a key's action, in a dialog, in the
results handed over by the screening's thread, while a widget is drawn, and
in the screen's own message loop (the app then stops)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time

import pytest
from textual.app import App
from textual.message import Message
from textual.screen import Screen

from kiosk.advisor import AdvisorApp
from kiosk.advisor import app as advisor_module
from kiosk.advisor import form as forms
from kiosk.advisor.app import SCREENING_FAILED, UNEXPECTED_ERROR
from tests.advisor.advisor_helpers import (
    SIZE,
    form_text,
    import_household,
    screen_text,
    settle,
    side_text,
    start_over,
    wait_until,
)
from tests.leak_checks import assert_log_is_clean, assert_nothing_printed

# The errors the app recovers from are raised in one app (conftest
# `shared_app`), in the module's event loop: five in all, at most what the
# app takes in ten seconds before it stops (MAX_ERRORS). The two tests where
# the app stops have an app of their own.
pytestmark = pytest.mark.asyncio(loop_scope="module")

SECRET = "Zorglub-4411"
LEAKS = ("Traceback", "Boom", SECRET, "1100", "Karim")


class Boom(RuntimeError):
    pass


def boom_once(original):
    """`original`, except that its first call raises (with a message that
    must never be shown or logged)."""
    calls = []

    def replacement(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise Boom(f"Boom {SECRET}")
        return original(*args, **kwargs)

    return replacement


def _notes(monkeypatch) -> list[str]:
    """What the app notifies, as its toasts would say it (Pilot draws none)."""
    said: list[str] = []
    original = AdvisorApp.notify

    def notify(self, message, **kwargs):
        said.append(str(message))
        original(self, message, **kwargs)

    monkeypatch.setattr(AdvisorApp, "notify", notify)
    return said


async def _started_again(pilot, app, said, gone: str = "1100") -> str:
    """The app once it has started again: the message said, an empty form
    that answers keys, nothing of the person (`gone`, their salary) or the
    error on screen."""
    assert await wait_until(pilot, lambda: UNEXPECTED_ERROR in said), said
    await settle(pilot, app)
    assert app.is_running and app.return_code is None
    assert len(app.screen_stack) == 1 and app.is_blank
    text = screen_text(app)
    for leak in (*LEAKS, gone):
        assert leak not in text, (leak, text)
    assert "Mois étudié" in form_text(text)
    # The new form answers: a salary typed in is drawn and screened.
    app.set_focus(app.person_widget(0, "income.salary"))
    await pilot.press(*"1234")
    await settle(pilot, app)
    assert "1234" in form_text(screen_text(app))
    return text


def _app_of_its_own(engine) -> AdvisorApp:
    """For a test where the app stops: screening in a thread, as the
    process forked otherwise costs more CPU than the test."""
    from kiosk.config import KioskConfig

    config = KioskConfig.model_validate({"site_commune": "59350"})
    return AdvisorApp(config, engine=engine, printer=None, screening_process=False)


async def _stopped(app) -> bool:
    """Has the app stopped (with its "errors" code) within 20 s? Polled by
    the clock: a pilot's pause would wait for the stopped screen."""
    deadline = time.monotonic() + 20
    while app.return_code != 3 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return app.return_code == 3


def _log_is_clean(caplog, where: str, says: str = "situation erased") -> None:
    records = [r for r in caplog.records if r.name.startswith("kiosk")]
    assert_log_is_clean(records, says=(says, "Boom", where), never=(SECRET, "1100"))


def _nothing_printed(capfd) -> None:
    assert_nothing_printed(capfd, never=("Traceback", SECRET, "1100"))


async def test_the_advisor_overrides_textuals_error_hook():  # (async: the module runs in one loop)
    # The private hook the kiosk overrides too: tests/kiosk/test_errors.py
    # checks that Textual still has it, the tests below that it is called.
    assert AdvisorApp._handle_exception is not App._handle_exception


async def test_every_handler_of_the_apps_messages_is_calm():
    # A message handled by the app itself runs in its own message loop,
    # which Textual stops at an error: each handler goes through `calm`.
    lines = inspect.getsource(advisor_module).splitlines()
    handlers = [i for i, line in enumerate(lines) if line.strip().startswith("@on(")]
    assert handlers
    for i in handlers:
        assert lines[i - 1].strip() == "@calm", lines[i]
    assert hasattr(AdvisorApp.on_width_changed, "__wrapped__")


async def test_an_error_in_a_field_erases_and_starts_again(shared_app, family, tmp_path, monkeypatch, caplog, capfd):
    caplog.set_level(logging.ERROR, logger="kiosk")
    app, pilot = shared_app
    said = _notes(monkeypatch)
    await start_over(pilot, app, family, tmp_path)
    salary = app.person_widget(0, "income.salary")
    assert salary.value.startswith("1100")
    monkeypatch.setattr(forms, "parse_field", boom_once(forms.parse_field))
    app.set_focus(salary)
    await pilot.press("5")  # Input.Changed, handled by the app
    await _started_again(pilot, app, said)
    _log_is_clean(caplog, "test_app_errors.py")
    _nothing_printed(capfd)


async def test_an_error_in_a_keys_action_a_dialog_or_the_results(
    shared_app, family, tmp_path, monkeypatch, caplog, capfd
):
    from kiosk.advisor.dialogs import NameDialog

    caplog.set_level(logging.ERROR, logger="kiosk")
    app, pilot = shared_app
    said = _notes(monkeypatch)
    # A key's action (ctrl+d), run by the app's own message loop.
    await start_over(pilot, app, family, tmp_path)
    monkeypatch.setattr(AdvisorApp, "action_duplicate", boom_once(AdvisorApp.action_duplicate))
    await pilot.press("ctrl+d")
    await _started_again(pilot, app, said)  # then "1234" is typed in the new form
    # A dialog's own handler (F2, the rename dialog's Enter): the dialog
    # goes with the rest.
    said.clear()
    monkeypatch.setattr(NameDialog, "on_input_submitted", boom_once(NameDialog.on_input_submitted))
    await pilot.press("f2")
    assert await wait_until(pilot, lambda: isinstance(app.screen, NameDialog))
    await pilot.press("x", "enter")
    await _started_again(pilot, app, said, gone="1234")
    # Results handed over by the screening's thread: the thread would
    # have dropped the error unseen, the results never up to date again.
    said.clear()
    monkeypatch.setattr(AdvisorApp, "_show_comparison", boom_once(AdvisorApp._show_comparison))
    app.set_focus(app.person_widget(0, "income.salary"))
    await pilot.press("5")
    await _started_again(pilot, app, said, gone="12345")
    _log_is_clean(caplog, "run_action")
    _log_is_clean(caplog, "screen NameDialog")
    _log_is_clean(caplog, "_apply")
    _nothing_printed(capfd)


async def test_a_screening_that_fails_keeps_the_situation(shared_app, family, tmp_path, monkeypatch, caplog, capfd):
    """An error in the rules (their thread) is not the app's: the situation
    stays, the status says the calculation failed, without the error's
    message (it said "Le calcul a échoué : <the message>"), and the next
    change is screened."""
    from kiosk.advisor import screening

    caplog.set_level(logging.ERROR, logger="kiosk")
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    monkeypatch.setattr(screening, "screen_forms", boom_once(screening.screen_forms))
    app.set_focus(app.person_widget(0, "income.salary"))
    await pilot.press("end", "5")
    assert await wait_until(pilot, lambda: "Le calcul a échoué" in screen_text(app))
    text = screen_text(app)
    assert SCREENING_FAILED in side_text(text) and SECRET not in text, text
    assert "11005" in form_text(text) and not app.is_blank
    await pilot.press("backspace")
    await settle(pilot, app)
    assert "À jour." in screen_text(app)
    _log_is_clean(caplog, "test_app_errors.py", says="screening failed")
    _nothing_printed(capfd)


async def test_an_error_while_the_screen_is_drawn(shared_app, family, tmp_path, monkeypatch, caplog, capfd):
    """An error while a widget is drawn: every widget is made anew, the
    one that failed with the others."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    app, pilot = shared_app
    said = _notes(monkeypatch)
    await start_over(pilot, app, family, tmp_path)
    privacy = app.query_one("#privacy")
    privacy.render = boom_once(privacy.render)
    privacy.refresh()
    await _started_again(pilot, app, said)
    assert app.query_one("#privacy") is not privacy
    _log_is_clean(caplog, "test_app_errors.py")
    _nothing_printed(capfd)


class BoomMessage(Message):
    pass


async def test_an_error_that_stops_the_screen(engine, family, tmp_path, monkeypatch, caplog, capfd):
    """An error in the screen's own message loop stops it: it would never
    be drawn again, and the app has no other. The app stops, printing
    nothing, once the situation is erased."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = _app_of_its_own(engine)

    def raiser(*args):
        raise Boom(f"Boom {SECRET}")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await import_household(pilot, app, family, tmp_path)
        monkeypatch.setattr(Screen, "on_boom_message", raiser, raising=False)
        app.screen.post_message(BoomMessage())
        assert await _stopped(app)
        assert app.is_blank
    assert "the screen stopped" in caplog.text
    _log_is_clean(caplog, "test_app_errors.py")
    _nothing_printed(capfd)


async def test_errors_in_a_row_stop_the_app_quietly(engine, monkeypatch, caplog, capfd):
    """Starting again fails too: the app stops rather than loop, and still
    prints nothing."""
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = _app_of_its_own(engine)

    def always(*args, **kwargs):
        raise Boom(f"Boom {SECRET}")

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        monkeypatch.setattr(AdvisorApp, "_forget_person", always)  # the first step of starting again
        monkeypatch.setattr(AdvisorApp, "action_duplicate", always)
        await pilot.press("ctrl+d")
        assert await _stopped(app)
    assert app.return_code == 3
    assert "stopping" in caplog.text and SECRET not in caplog.text
    _nothing_printed(capfd)
