"""Keyboard focus on every resident screen, read on the drawn screen.

Tab and Shift+Tab are walked over every kind of screen (language, postal
code, single and multiple choice, yes/no, number pad with a count, a date or
an amount, results, procedures, take-away, the dialogs, goodbye) at 80×24
and 100×30. After each key the focused button must be drawn with its ▶ ◀
marks inside its own rows of the rendered text (an unmarked stop, or a
button left below the fold, fails), and every button a person can press
must be one of the stops. At 80×24 every button, pad keys included, can
also be brought under a finger by scrolling and is then the widget under
the tap. Right to left, Tab follows the line from the right.
"""

from __future__ import annotations

from datetime import date

import pytest
from kiosk_helpers import SINGLE_PARENT, answered, resume, screen_text, wait_until

from kiosk.screens.goodbye import GoodbyeScreen
from kiosk.screens.language import LanguageScreen
from kiosk.screens.results import ResultsScreen
from kiosk.widgets import BigButton

ANSWERS = {**SINGLE_PARENT, "received": ["af", "rsa"]}


def pressable(app) -> list[BigButton]:
    """The buttons a person can press on the current screen: shown (with all
    their containers), enabled. Pad keys are for touch (digits are typed)."""
    screen = app.screen
    found = []
    for button in screen.query(BigButton).results(BigButton):
        nodes = [n for n in button.ancestors_with_self if n is not screen and n is not app]
        if all(n.display and n.styles.visibility != "hidden" for n in nodes) and not button.disabled:
            found.append(button)
    return found


def focus_marks(app) -> tuple[list[str], list[str]]:
    """The rows of the focused button as drawn, and the whole screen's rows."""
    lines = screen_text(app).splitlines()
    focused = app.focused
    region = focused.region if focused is not None else None
    if not region:
        return [], lines
    return lines[region.y : region.bottom], lines


def assert_focus_drawn(app, where: str) -> None:
    focused = app.focused
    assert isinstance(focused, BigButton), f"{where}: focus on {focused!r}, which draws no mark"
    rows, lines = focus_marks(app)
    assert any("▶" in row for row in rows) and any("◀" in row for row in rows), (
        f"{where}: {focused.id} ({focused.label!r}) focused but not drawn with ▶ ◀ in its rows {focused.region}:\n"
        + "\n".join(lines)
    )
    assert sum(line.count("▶") for line in lines) == 1, f"{where}: more than one focus mark:\n" + "\n".join(lines)


async def walk_focus(pilot, app, where: str) -> list[BigButton]:
    """Tab round the screen, then Shift+Tab round it, checking the drawn
    focus at every stop; returns the stops in Tab order."""
    expected = [b for b in pressable(app) if b.can_focus]
    stops: list[BigButton] = []
    for _ in range(len(expected) + 1):
        await pilot.press("tab")
        await pilot.pause()
        assert_focus_drawn(app, f"{where}, Tab {len(stops) + 1}")
        stops.append(app.focused)
    missing = [b.id or b.label for b in expected if b not in stops]
    assert not missing, f"{where}: never reached by Tab: {missing}"
    # One round: the last Tab came back to the first stop.
    assert stops[-1] is stops[0], f"{where}: Tab order is not a round: {[b.id for b in stops]}"
    back: list[BigButton] = []
    for _ in range(len(expected)):
        await pilot.press("shift+tab")
        await pilot.pause()
        assert_focus_drawn(app, f"{where}, Shift+Tab {len(back) + 1}")
        back.append(app.focused)
    assert back == stops[-2::-1], f"{where}: Shift+Tab is not Tab backwards"
    return stops[:-1]


async def assert_every_button_tappable(pilot, app, where: str) -> None:
    """Each button, pad keys too, scrolled into view is the widget under a finger."""
    for button in pressable(app):
        button.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        region = button.region
        assert region, f"{where}: {button.id} has no place on screen"
        x, y = region.x + region.width // 2, region.y + region.height // 2
        under, _ = app.get_widget_at(x, y)
        assert under is button or button in under.ancestors, f"{where}: a tap on {button.id} reaches {under!r}"


def screen_kind(app) -> str:
    screen = app.screen
    if isinstance(screen, (ResultsScreen, GoodbyeScreen)) or app.session is None or app.session.is_complete:
        return type(screen).__name__
    q = app.session.current
    if q.kind == "count" and screen.query("BigButton.choice"):
        return "count buttons"
    if q.kind == "birth" and q.role == "child":
        return "child birth (month/year)"
    return q.kind


async def wait_for(pilot, condition, what: str) -> None:
    assert await wait_until(pilot, condition), f"waited for {what}"
    await pilot.pause()


def session_at(question_id: str | None, lang: str = "fr"):
    """A resident session answered up to `question_id`, or to the end; the
    screens are then shown directly, without driving the journey to them."""
    return answered(ANSWERS, lang, until=question_id, today=date(2025, 6, 15))


async def show_question(pilot, app, question_id: str) -> None:
    from kiosk.screens.question import QuestionScreen

    app.session = session_at(question_id)
    app.show(QuestionScreen())
    await wait_for(pilot, lambda: getattr(app.screen, "question", None) is not None, question_id)
    await pilot.pause(0.1)


# Every kind of question of the resident flow, by the question that shows it.
QUESTIONS = {
    "commune": "commune",  # postal code / letter pad
    "birth": "birth",  # number pad, a date or an age
    "single_choice": "nationality",
    "multiple_choice": "incomes",
    "money": "salary",  # number pad, amount and period
    "yes_no": "disabled",
    "count": "child_count",  # number pad, a count
    "child birth (month/year)": "child_birth",
}
# The two sizes in one kiosk, resized as a layout test needs (each screen is
# shown afresh at each size).
SIZES = [(80, 24), (100, 30)]


# Both sizes in one test: up to three minutes on a loaded 2-core machine.
@pytest.mark.timeout(300)
async def test_tab_shows_the_focus_on_the_language_screen_and_every_kind_of_question(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=SIZES[0]) as pilot:
        for size in SIZES:
            small = size == (80, 24)
            await pilot.resize_terminal(*size)
            app.erase()
            await wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen) and app.screen.is_mounted, "language")
            await pilot.pause()
            await walk_focus(pilot, app, f"language {size}")
            if small:
                await assert_every_button_tappable(pilot, app, "language")
            for kind, question_id in QUESTIONS.items():
                await show_question(pilot, app, question_id)
                assert screen_kind(app) == kind, (question_id, screen_kind(app))
                stops = await walk_focus(pilot, app, f"{kind} {size}")
                ids = [b.id for b in stops]
                if "next" in ids:
                    # "Valider" right after the answers, before the navigation row.
                    assert ids[(ids.index("next") + 1) % len(ids)] == "back", ids
                if small:
                    await assert_every_button_tappable(pilot, app, kind)


async def test_tab_shows_the_focus_in_the_dialogs_over_a_question(make_app):
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_question(pilot, app, "incomes")
        for opener, where in (("#restart", "confirm restart"), ("#change-language", "language picker")):
            app.screen.query_one(opener, BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.is_modal, where)
            await walk_focus(pilot, app, where)
            await pilot.press("escape")
            await wait_for(pilot, lambda: not app.screen.is_modal, f"{where} closed")


@pytest.mark.timeout(300)
async def test_tab_shows_the_focus_on_results_take_away_procedures_and_goodbye(make_app, engine):
    app = make_app(goodbye_delay=600, idle_timeout=3600)
    session = session_at(None)
    screening = engine.screen(session.household())
    async with app.run_test(size=SIZES[0]) as pilot:
        await pilot.pause()
        for size in SIZES:
            small = size == (80, 24)
            await pilot.resize_terminal(*size)
            app.session, app.screening = session, screening
            app.show(ResultsScreen())
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen) and app.screen.is_mounted, "results")
            await pilot.pause(0.1)
            stops = await walk_focus(pilot, app, f"results {size}")
            if small:
                await assert_every_button_tappable(pilot, app, "results")
            ids = [b.id for b in stops]
            assert {"procedures", "finish", "takeaway-phone"} <= set(ids), ids

            # Take-away: its screen over the results, walked, then closed.
            app.screen.query_one("#takeaway-phone", BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, ResultsScreen), "take-away")
            await walk_focus(pilot, app, f"take-away {size}")
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ResultsScreen), "back to the results")

            app.screen.query_one("#procedures", BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.query("#see-results"), "procedures")
            await walk_focus(pilot, app, f"procedures {size}")
            if small:
                await assert_every_button_tappable(pilot, app, "procedures")
            app.screen.query_one("#finish", BigButton).focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, GoodbyeScreen), "goodbye")
            await walk_focus(pilot, app, f"goodbye {size}")


NAVIGATION_ROW = 1000


def mark_column(app) -> tuple[int, int]:
    """Where the focused button is drawn: (row, column of its middle); the
    navigation row counts as one row (a label that wraps makes it taller)."""
    focused = app.focused
    region = focused.region
    in_navigation = any(node.id == "navigation" for node in focused.ancestors)
    return (NAVIGATION_ROW if in_navigation else region.y), region.x + region.width // 2


@pytest.mark.parametrize("lang", ["ar", "fa"])
async def test_right_to_left_tab_follows_the_line_from_the_right(make_app, lang):
    """In a grid of choices, the navigation row and the number pad's side,
    each Tab within a row goes leftwards on the drawn screen, and the first
    choice is at the right."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await resume(pilot, app, answered(ANSWERS, lang, until="incomes"))
        first = app.screen.query_one("#choice-0", BigButton)
        assert app.focused is first
        assert_focus_drawn(app, f"{lang} incomes")
        assert first.region.x + first.region.width // 2 > app.size.width // 2, "the first choice stands on the right"
        stops = [(first.id, *mark_column(app))]
        while True:
            await pilot.press("tab")
            await pilot.pause()
            assert_focus_drawn(app, f"{lang} incomes")
            if app.focused.id == "change-language":
                break
            stops.append((app.focused.id, *mark_column(app)))
        ids = [stop[0] for stop in stops]
        # The choices in order, "Valider", then the navigation row from "Back".
        assert ids[: ids.index("next")] == [f"choice-{i}" for i in range(ids.index("next"))], ids
        assert ids[ids.index("next") + 1] == "back", ids
        # Drawn: within a row each Tab goes left; a new row starts at the right.
        rows = [stop for stop in stops if stop[0] != "next"]
        for (_a, row_a, col_a), (_b, row_b, col_b) in zip(rows, rows[1:]):
            assert row_b > row_a or (row_b == row_a and col_b < col_a), stops
            if row_b > row_a:
                assert col_b > col_a, stops
        nav = [stop for stop in rows if stop[1] == NAVIGATION_ROW]
        assert len(nav) >= 3, stops
        positions = [(row, col) for _id, row, col in stops]
        # The arrow towards where the line goes (left) moves on, like Tab.
        app.screen.query_one("#choice-0", BigButton).focus()
        await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert app.focused.id == "choice-1" and mark_column(app) == positions[1]
        await pilot.press("right")
        await pilot.pause()
        assert app.focused.id == "choice-0"
