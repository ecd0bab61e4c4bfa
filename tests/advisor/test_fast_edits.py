"""Editing keys typed fast act in the order they were typed (a typist who
corrects a digit, a worker who empties a field and types the new value at
once): the field and the screen say what was typed."""

from __future__ import annotations

import pytest
from textual import events

from tests.advisor.advisor_helpers import form_text, screen_text, settle, start_over

# One app for the module (conftest `shared_app`): what is checked is the
# order of the keys in a field, which starting a new app adds nothing to.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.parametrize(
    "keys, expected",
    [
        (["1", "5", "backspace", "0"], "10"),
        (["home", "ctrl+k", "1", "5", "0", "0"], "1500"),
        (["end", "backspace", "backspace", "backspace", "backspace", "9", "0", "0"], "900"),
        (["2", "0", "left", "left", "1"], "120"),
    ],
)
async def test_a_burst_with_editing_keys_keeps_their_order(shared_app, family, tmp_path, keys, expected):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    salary = app.person_widget(0, "income.salary")
    app.set_focus(salary)
    await pilot.pause()
    if keys[0] != "home" and keys[0] != "end":
        await pilot.press("ctrl+a", "ctrl+k")  # emptied first, one key at a time
    # All at once, as a terminal delivers a fast burst.
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot, app)
    assert salary.value == expected
    assert app.form["people"][0]["income.salary"] == expected
    text = screen_text(app)
    assert f"Salaires nets {expected}" in form_text(text)
    assert "À jour." in text


async def test_a_dialog_field_keeps_the_order_too(shared_app, family, tmp_path):
    # F2, then the new name typed over the old one at once, then Enter.
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("f2")
    await pilot.pause()
    for key in ["home", "ctrl+k", *"Départ", "enter"]:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot, app)
    assert app.scenario.name == "Départ"
    assert "1. Départ" in screen_text(app).splitlines()[0]
