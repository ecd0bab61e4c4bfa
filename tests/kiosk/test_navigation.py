"""Changing language mid-journey keeps the answers; Back lets a person
change an answer; help on demand; the configuration file."""

from __future__ import annotations

import pytest
from kiosk_helpers import (
    SINGLE_PARENT,
    SIZE,
    answer_current,
    choose_language,
    click,
    on_results,
    screen_text,
    wait_until,
)

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.screens.question import QuestionScreen
from kiosk.screens.results import ResultsScreen
from locales import LANGUAGES, display


async def test_language_switch_mid_journey_keeps_answers(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        for _ in range(3):
            await answer_current(pilot, app, SINGLE_PARENT, "click")
        answers = app.session.answers
        question = app.session.current.id
        await click(pilot, app.screen.query_one("#change-language"))
        await click(pilot, app.screen.query_one("#lang-ar"))
        await pilot.pause()
        assert app.lang == "ar" and app.session.lang == "ar"
        assert app.session.answers == answers
        assert app.session.current.id == question
        assert isinstance(app.screen, QuestionScreen)
        shown = screen_text(app)
        assert display(LANGUAGES["ar"], "ar") in shown
        # And back to English by keyboard alone.
        await pilot.press("tab")
        for _ in range(40):
            if app.focused and app.focused.id == "change-language":
                break
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(40):
            if app.focused and app.focused.id == "lang-en":
                break
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "en" and app.session.answers == answers


async def test_back_changes_an_answer_and_the_results(make_app, engine):
    app = make_app()
    async with on_results(app) as pilot:
        first = app.screening
        # Back from the results re-opens the last question with its answer.
        await click(pilot, app.screen.query_one("#back"))
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.current.id == "received"
        await click(pilot, app.screen.query_one("#back"))
        assert app.session.current.id == "rent"
        assert app.screen.query_one("#pad").value == "600"
        # Change the rent to 300 € a month (under the housing-aid rent ceiling).
        for _ in range(3):
            await pilot.press("backspace")
        await pilot.press(*"300", "enter")
        await pilot.pause()
        assert app.session.current.id == "received"
        await click(pilot, app.screen.query_one("#next"))
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen)), app.screen
        assert app.session.household().housing.rent == 300
        assert app.screening.model_dump() == engine.screen(app.session.household()).model_dump()
        assert app.screening.model_dump() != first.model_dump()


async def test_help_on_demand_and_refused_answer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await answer_current(pilot, app, SINGLE_PARENT, "click")  # commune
        help_text = app.screen.query_one("#help-text")
        assert not help_text.display
        await click(pilot, app.screen.query_one("#help"))
        assert help_text.display
        # An empty age is refused with a message; the question stays.
        await click(pilot, app.screen.query_one("#next"))
        error = app.screen.query_one("#error")
        assert error.display and error.text.startswith("⚠")
        assert app.session.current.id == "birth"


def test_config_defaults():
    config = KioskConfig()
    assert config.idle_timeout == 120
    assert config.languages[0] == "fr" and "ar" in config.languages
    assert config.display.bidi_shaping is True
    assert config.staff_pin is None


def test_config_file(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(
        'site_name = "CCAS de Roubaix"\nsite_commune = "59512"\nlanguages = ["fr", "ar"]\n'
        'demo = true\nstaff_pin = "1234"\n[display]\nhigh_contrast = true\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.site_commune == "59512" and config.languages == ["fr", "ar"]
    assert config.display.high_contrast


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("idle_timeout = -1", "idle_timeout"),
        ("languges = ['fr']", "unknown key"),
        ("languages = ['fr', 'xx']", "xx"),
        ("site_commune = '99999'", "site_commune"),
        ("staff_pin = '12'", "staff_pin"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, text, fragment):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(path) in str(error.value) and fragment in str(error.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_example_config_is_valid():
    from pathlib import Path

    load_config(Path(__file__).resolve().parents[2] / "kiosk" / "kiosk.example.toml")


async def test_the_focused_button_stays_drawn_when_the_terminal_loses_the_focus(make_app):
    """A kiosk is never a window in the background: Textual drops the focus
    on a blur (its browser driver starts with one), and the language screen
    showed no focused button until someone typed or tapped."""
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_until(pilot, lambda: "▶ Français ◀" in screen_text(app))
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert "▶ Français ◀" in screen_text(app)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        assert "Dans quelle ville habitez-vous" in screen_text(app)
