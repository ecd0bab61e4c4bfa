"""Every question of the French flow at a larger size, each kind of answer
widget at 100×30 and at 120×40: the question text is in view when the
screen opens, every answer and "Je ne sais pas" can be reached by keyboard
and is then drawn on screen with its focus marks, and a scroll hint says
when there is more below. Asserted on the rendered text.

80×24, the size that scrolls most, has every question (walked by keyboard:
test_small_screens.py). Here each question is shown as its screen opens,
from the answers before it given in code, in one kiosk a size: the first
question of each kind of widget (choices, yes/no, number pad, commune...)
at both sizes, the next ones of that kind at one, then the other. So each
question is checked at a larger size and each kind of widget at every size;
the results ("Finish" reachable and drawn) at both. A question's kind is
told from the question (`expected_kind`) and is the one its screen draws
(`widget_kind`) wherever it is shown: a question not read at 100×30 is not
opened there.

At 100×30 the language screen and the question of each kind that
test_focus_walk.py walks at 80×24 are also walked round by Tab and
Shift+Tab, the focus read on the drawn screen at every stop
(focus_checks.walk_focus), in the same kiosk."""

from __future__ import annotations

from collections import Counter

import pytest
from focus_checks import QUESTIONS, screen_kind, wait_for, walk_focus, walk_focus_on_question
from kiosk_helpers import answered, resume
from small_screens_checks import ANSWERS, check_finish, check_question_screen, check_received_marks, widget_kind

from kiosk.screens.language import LanguageScreen
from kiosk.screens.question import COUNT_BUTTONS

pytestmark = pytest.mark.heavy

LARGER = [(100, 30), (120, 40)]


def sizes_for(kind_seen: int) -> list[tuple[int, int]]:
    """The larger sizes a question is read at, for the `kind_seen`-th of its kind (0: the first)."""
    return LARGER if kind_seen == 0 else [LARGER[kind_seen % 2]]


def expected_kind(question) -> str:
    """The kind of answer widgets `question` is shown with (as `widget_kind`
    reads it on the screen): a count of few values gets one button each."""
    if question.kind == "count":
        few = question.min is not None and question.max is not None and question.max - question.min < COUNT_BUTTONS
        return "count buttons" if few else "count pad"
    if question.kind == "birth":
        return f"birth of the {question.role}"
    return question.kind


async def _show(pilot, app, steps: int) -> None:
    """The screen after the first `steps` answers, as it opens (the results after the last)."""
    await resume(pilot, app, answered(ANSWERS, "fr", steps=steps))


@pytest.mark.timeout(300)
async def test_every_question_fits_or_scrolls_and_every_answer_is_reachable_in_french_at_larger_sizes(make_app):
    # Each question's kind is told from the question, and its turn says
    # where it is read: opened at 100×30 when read there, or when it is the
    # question of its kind walked round by Tab; then those read at 120×40.
    kinds: Counter[str] = Counter()
    read: set[tuple[int, str, tuple[int, int]]] = set()
    asked: set[int] = set()
    at_120: list[tuple[int, str]] = []
    total = answered(ANSWERS, "fr").progress.done
    walked: list[str] = []
    # No idle prompt in the middle of the long walk on a loaded machine.
    app = make_app(idle_timeout=3600)
    async with app.run_test(size=LARGER[0]) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LanguageScreen) and app.screen.is_mounted, "language")
        await walk_focus(pilot, app, f"language {LARGER[0]}")
        for step in range(total):
            question = answered(ANSWERS, "fr", steps=step).current
            asked.add(step)
            kind = expected_kind(question)
            sizes = sizes_for(kinds[kind])
            kinds[kind] += 1
            if LARGER[1] in sizes:
                at_120.append((step, kind))
            to_walk = question.id in QUESTIONS.values() and question.id not in {QUESTIONS[k] for k in walked}
            if LARGER[0] not in sizes and not to_walk:
                continue  # read at 120×40 only, and not a screen walked round
            await _show(pilot, app, step)
            assert widget_kind(app) == kind, (question.id, widget_kind(app), kind)
            if LARGER[0] in sizes:
                await check_question_screen(pilot, app, "fr", LARGER[0])
                read.add((step, kind, LARGER[0]))
                if app.session.current.id == "received":
                    await check_received_marks(pilot, app)
            focus_kind = screen_kind(app)
            if QUESTIONS.get(focus_kind) == app.session.current.id and focus_kind not in walked:
                await walk_focus_on_question(pilot, app, f"{focus_kind} {LARGER[0]}")
                walked.append(focus_kind)
        assert sorted(walked) == sorted(QUESTIONS), walked
        await _show(pilot, app, total)
        await check_finish(pilot, app, "fr")
    app = make_app()
    async with app.run_test(size=LARGER[1]) as pilot:
        await pilot.pause()
        for step, kind in at_120:
            await _show(pilot, app, step)
            assert widget_kind(app) == kind, (app.session.current.id, widget_kind(app), kind)
            await check_question_screen(pilot, app, "fr", LARGER[1])
            read.add((step, kind, LARGER[1]))
            if app.session.current.id == "received":
                await check_received_marks(pilot, app)
        await _show(pilot, app, total)
        await check_finish(pilot, app, "fr")
    # What the turns covered: every question at a larger size, every kind of
    # widget at both.
    assert {step for step, _kind, _size in read} == asked
    for kind in kinds:
        assert {size for _step, each, size in read if each == kind} == set(LARGER), kind
    assert len(kinds) >= 8 and len(asked) >= 15, (kinds, len(asked))
