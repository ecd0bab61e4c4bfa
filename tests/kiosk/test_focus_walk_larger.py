"""Keyboard focus on the language screen and every kind of question at
100×30, read on the drawn screen (the same walk as at 80×24 in
test_focus_walk.py, which says what is checked; focus_checks.py)."""

from __future__ import annotations

import pytest
from focus_checks import walk_language_and_every_kind


@pytest.mark.timeout(300)
async def test_tab_shows_the_focus_on_the_language_screen_and_every_kind_of_question_at_100x30(make_app):
    await walk_language_and_every_kind(make_app, (100, 30))
