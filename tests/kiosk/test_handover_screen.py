"""'Show my answers to a staff member': the QR code drawn on the kiosk is
read back from the screen, turned into an image and decoded with a real QR
reader (zxing-cpp); it must give back the session, in French and in Arabic,
reached by touch and by keyboard, half-way and at the results. The switch,
a screen too small for the code, the code's erasure and "nothing written to
disk" are checked too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
import segno
from kiosk_helpers import (
    NETWORK_EVENTS,
    SINGLE_PARENT,
    SIZE,
    answered,
    choose_language,
    click,
    go_back,
    on_results,
    outside_temp,
    press_focus,
    recording,
    resume,
    screen_text,
    wait_until,
)
from qr_helpers import drawn_words, read_drawn_code

from kiosk.screens.handover import GROUP, GROUPS_PER_LINE, TITLE, TOO_SMALL, HandoverScreen, grouped
from kiosk.screens.language import LanguageScreen
from kiosk.screens.question import QuestionScreen
from kiosk.screens.results import ResultsScreen
from kiosk.widgets import BigButton, back_arrow, next_arrow
from kiosk.widgets.qrcode import QRCode
from locales import display, gettext
from questionnaires import Session, handover

pytestmark = pytest.mark.heavy

REPO = Path(__file__).resolve().parents[2]
BLOCKS = set("▀▄█")


def read_qr(app) -> str:
    """Decode the code on screen with zxing-cpp, as a scanner would."""
    text, symbol = read_drawn_code(app, app.screen.query_one(QRCode))
    # Module for module the symbol segno makes of that text: not mirrored
    # (a reader would still read a mirrored code), nothing reordered.
    expected = np.array(segno.make_qr(text, error="L", mode="alphanumeric").matrix, dtype=bool)
    assert np.array_equal(symbol, expected)
    return text


def assert_hands_over(app) -> str:
    text = read_qr(app)
    assert text == handover.encode(app.session)
    # The same code as text on screen, in groups of four, that the advisor
    # takes back whole (spaces and line breaks ignored); above a code on a
    # narrow screen there is no room for it.
    assert handover.decode(grouped(text)) == handover.decode(text)
    if app.screen.has_class("-stacked"):
        return text
    shown = screen_text(app)
    groups = [text[i : i + GROUP] for i in range(0, len(text), GROUP)]
    assert " ".join(groups[:GROUPS_PER_LINE]) in shown
    assert " ".join(groups[-(len(groups) % GROUPS_PER_LINE or GROUPS_PER_LINE) :]) in shown
    resumed = Session.from_dict(handover.decode(text))
    assert resumed.answers == app.session.answers
    assert resumed.lang == app.session.lang
    if not app.session.is_complete:
        assert resumed.current.id == app.session.current.id
    return text


# ----------------------------------------------------------------- driving
async def answer_until(pilot, app, question_id: str) -> None:
    """The app on the question `question_id`, the questions before it
    answered (the answering itself is walked in test_journeys.py)."""
    await resume(pilot, app, answered(SINGLE_PARENT, "fr", until=question_id))


async def answer_the_rest(pilot, app) -> None:
    """The rest of the answers given, then the screening and the results."""
    await resume(pilot, app, answered(SINGLE_PARENT, session=app.session))


async def press(pilot, app, widget, mode: str) -> None:
    if mode == "click":
        await click(pilot, widget)
    else:
        await press_focus(pilot, app, widget)
        await pilot.press("enter")
    await pilot.pause()


async def open_from_help(pilot, app, mode: str) -> None:
    await press(pilot, app, app.screen.query_one("#help", BigButton), mode)
    button = app.screen.query_one("#show-handover", BigButton)
    assert button.display
    await press(pilot, app, button, mode)
    assert isinstance(app.screen, HandoverScreen)


# ------------------------------------------------------------------- tests
@pytest.mark.parametrize("mode", ["click", "keys"])
async def test_half_way_through_help(make_app, mode):
    """A resident stuck half-way opens Help, then shows the code; Back
    returns to the same question, nothing lost."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, app, "housing")
        answers = app.session.answers
        await open_from_help(pilot, app, mode)
        assert app.focused is app.screen.query_one("#back")
        assert_hands_over(app)
        shown = screen_text(app)
        assert gettext("fr", TITLE) in shown
        assert "Montrez ce code à un agent" in shown
        await press(pilot, app, app.screen.query_one("#back", BigButton), mode)
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.current.id == "housing" and app.session.answers == answers
        assert len(app.screen_stack) == 2


async def test_no_button_before_any_answer(make_app):
    """Nothing to show on the first question's help: no button."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await click(pilot, app.screen.query_one("#help"))
        assert not app.screen.query("#show-handover")


@pytest.mark.parametrize(("lang", "mode"), [("fr", "keys"), ("ar", "click")])
async def test_from_the_results(make_app, lang, mode):
    app = make_app()
    async with on_results(app, lang=lang) as pilot:
        screening = app.screening
        await press(pilot, app, app.screen.query_one("#show-handover", BigButton), mode)
        assert isinstance(app.screen, HandoverScreen)
        text = assert_hands_over(app)
        assert Session.from_dict(handover.decode(text)).is_complete
        shown = screen_text(app)
        if lang == "ar":
            # The sentences go through the right-to-left display path (the
            # code does not: it was just read back as drawn).
            assert app.screen.has_class("-rtl")
            assert display(gettext("ar", TITLE), "ar") in shown
            assert display(gettext("ar", "Retour"), "ar") in shown
        # "Back" points where a line starts, as on every other screen: right
        # in Arabic (it pointed left, the way of "Next", on this screen alone).
        back = drawn_words(app, app.screen.query_one("#back"))
        assert back_arrow(lang) in back and next_arrow(lang) not in back, back
        # Escape (keyboard) and Back both return to the results as they were.
        await go_back(pilot, app, mode)
        assert isinstance(app.screen, ResultsScreen) and app.screening is screening


async def test_the_switch_hides_it(make_app):
    app = make_app(handover=False)
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, app, "activity")
        await click(pilot, app.screen.query_one("#help"))
        assert app.screen.query_one("#help-text").display
        assert not app.screen.query("#show-handover")
        await answer_the_rest(pilot, app)
        assert app.screen.query("#finish") and not app.screen.query("#show-handover")


def test_demo_config_shows_the_switch():
    from kiosk.config import KioskConfig, load_config

    assert KioskConfig().handover is True
    assert load_config(REPO / "kiosk" / "demo.toml").handover is True
    assert KioskConfig.model_validate({"handover": False}).handover is False


async def test_high_contrast_and_large_text(make_app):
    """The code stays dark on light on the light-on-black theme."""
    app = make_app(display={"high_contrast": True, "large_text": True})
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, app, "activity")
        await open_from_help(pilot, app, "click")
        assert app.screen.query_one("#back").region.height == 7
        assert_hands_over(app)


async def test_a_screen_too_small_says_so_and_a_tall_narrow_one_puts_the_text_above(make_app):
    app = make_app()
    async with on_results(app) as pilot:
        await click(pilot, app.screen.query_one("#show-handover"))
        await pilot.resize_terminal(70, 18)
        await pilot.pause()
        widget = app.screen.query_one(QRCode)
        assert not widget.fits
        # No cut code: not one half block, and the plain sentence instead.
        assert not BLOCKS & set(screen_text(app))
        assert " ".join(gettext("fr", TOO_SMALL).split()) in drawn_words(app, widget)
        assert app.screen.query_one("#back").region.bottom <= 18
        # Back to a screen big enough: the whole code again.
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not app.screen.has_class("-stacked")
        assert_hands_over(app)
        # Tall and narrow: the text above the code.
        await pilot.resize_terminal(84, 60)
        await pilot.pause()
        assert app.screen.has_class("-stacked")
        assert app.screen.query_one("#back").region.bottom <= widget.region.y
        assert_hands_over(app)


@pytest.mark.parametrize(
    ("answers", "size"),
    [
        # A parent of two (the journeys' household, about 100 characters
        # thanks to the preset dictionary, questionnaires/handover.py):
        # version 4, 33 modules, 41 × 21 characters with the quiet zone.
        (SINGLE_PARENT, (41, 21)),
        # A single adult (about 60 characters): version 3, 29 modules.
        ({**SINGLE_PARENT, "child_count": 0, "received": ["none"]}, (37, 19)),
    ],
)
def test_code_sizes(answers, size):
    from kiosk.widgets.qrcode import qr_lines

    code = handover.encode(answered(answers, today=date(2025, 6, 15)))
    lines = qr_lines(code)
    assert set("".join(lines)) <= BLOCKS | {" "}
    assert all(len(line) == len(lines[0]) for line in lines)
    assert (len(lines[0]), len(lines)) == size, len(code)


async def test_erasing_drops_the_code(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, app, "nationality")
        await open_from_help(pilot, app, "click")
        widget = app.screen.query_one(QRCode)
        assert widget.code_size
        # Nobody there: "Are you still there?", then everything is erased.
        app.config.idle_timeout = app.config.idle_countdown = 0.3
        await wait_until(pilot, lambda: isinstance(app.screen, LanguageScreen))
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen) and app.session is None
        assert not any(isinstance(s, HandoverScreen) for s in app.screen_stack)
        assert widget.code_size is None


# ------------------------------------------------------- nothing on disk
async def _hand_over_and_finish(make_app) -> None:
    app = make_app(goodbye_delay=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await answer_until(pilot, app, "couple")
        await open_from_help(pilot, app, "click")
        read_qr(app)
        await click(pilot, app.screen.query_one("#back"))
        await answer_the_rest(pilot, app)
        await click(pilot, app.screen.query_one("#show-handover"))
        read_qr(app)
        await click(pilot, app.screen.query_one("#back"))
        await click(pilot, app.screen.query_one("#finish"))
        assert await wait_until(pilot, lambda: isinstance(app.screen, LanguageScreen)), (
            "no language screen after finish"
        )


async def test_showing_the_code_writes_and_sends_nothing(make_app):
    """Every file opened for writing, created, renamed or removed, and every
    socket opened or connected by this process while codes are shown is
    recorded by an audit hook (as in test_safety.py): no file outside the
    temp areas, no connection or name lookup at all."""
    with recording() as events:
        await _hand_over_and_finish(make_app)
        recorded = list(events)
    assert [w for w in recorded if w[0] not in NETWORK_EVENTS and outside_temp(w[1])] == []
    assert [w for w in recorded if w[0] in NETWORK_EVENTS] == []
