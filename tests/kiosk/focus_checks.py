"""Walking the keyboard focus round a screen and reading it on the drawn
screen (test_focus_walk.py: the language screen, every kind of question,
the dialogs, right to left; test_small_screens_larger.py: the language
screen and every kind of question at 100×30; test_focus_walk_results.py:
the results, the take-away, the procedures and goodbye; separate files, so
the long walks run on different test workers)."""

from __future__ import annotations

from datetime import date

from kiosk_helpers import SINGLE_PARENT, answered, screen_text, wait_until

from kiosk.screens.goodbye import GoodbyeScreen
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


NAVIGATION_ROW = 1000


def mark_column(app) -> tuple[int, int]:
    """Where the focused button is drawn: (row, column of its middle); the
    navigation row counts as one row (a label that wraps makes it taller)."""
    focused = app.focused
    region = focused.region
    in_navigation = any(node.id == "navigation" for node in focused.ancestors)
    return (NAVIGATION_ROW if in_navigation else region.y), region.x + region.width // 2


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


async def walk_focus_on_question(pilot, app, where: str) -> None:
    """`walk_focus` on a question; "Valider" comes right after the answers,
    before the navigation row."""
    ids = [b.id for b in await walk_focus(pilot, app, where)]
    if "next" in ids:
        assert ids[(ids.index("next") + 1) % len(ids)] == "back", ids


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


async def walk_language_and_every_kind(make_app, size: tuple[int, int]) -> None:
    """Tab and Shift+Tab round the language screen and each kind of question
    at `size`; at 80×24 every button is also under a finger once scrolled to."""
    from kiosk.screens.language import LanguageScreen

    small = size == (80, 24)
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen) and app.screen.is_mounted, "language")
        await pilot.pause()
        await walk_focus(pilot, app, f"language {size}")
        if small:
            await assert_every_button_tappable(pilot, app, "language")
        for kind, question_id in QUESTIONS.items():
            await show_question(pilot, app, question_id)
            assert screen_kind(app) == kind, (question_id, screen_kind(app))
            await walk_focus_on_question(pilot, app, f"{kind} {size}")
            if small:
                await assert_every_button_tappable(pilot, app, kind)
