"""The on-screen number pad as drawn: a date's pad has "/" beside the 0, an
amount's a comma, and a whole number's (years of a residence permit) an
empty cell there, as on a phone's keypad, not a blank key that does
nothing when tapped. Right to left, the rows are mirrored."""

from __future__ import annotations

import re

import pytest
from kiosk_helpers import SINGLE_PARENT, answered, resume, screen_text

from kiosk.screens.question import QuestionScreen

PERMIT = {**SINGLE_PARENT, "nationality": "other", "permit_years": 6}


def pad_row(text: str) -> str:
    return next(line for line in text.splitlines() if re.search(r"│\s+0\s+│", line))


@pytest.mark.parametrize(
    ("question", "lang", "drawn"),
    [
        ("birth", "fr", r"^\s*│\s+/\s+│ │\s+0\s+│ │\s+⌫\s+│"),
        ("salary", "fr", r"^\s*│\s+,\s+│ │\s+0\s+│ │\s+⌫\s+│"),
        ("permit_years", "fr", r"^\s{10,}│\s+0\s+│ │\s+⌫\s+│"),
        ("permit_years", "ar", r"^\s*│\s+⌫\s+│ │\s+0\s+│\s*(?:$|[^│╭╮╰╯]{2})"),
    ],
)
async def test_the_last_row_of_the_pad_as_drawn(make_app, question, lang, drawn):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await resume(pilot, app, answered(PERMIT, lang, until=question, site_commune=app.config.site_commune))
        assert isinstance(app.screen, QuestionScreen) and app.session.current.id == question
        row = pad_row(screen_text(app))
        assert re.search(drawn, row), row
        # No key without a label anywhere on the screen.
        assert not re.search(r"│\s{4,}│", row), row
