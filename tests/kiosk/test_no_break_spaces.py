"""An amount, a time or a phone number is never cut across two lines.

CLDR joins the parts of an amount with no-break spaces ("1 084,42 €": a
narrow one between thousands, a plain one before €), and the kiosk's own
word wrap (kiosk/widgets/text.py, for every language) split at them as at
any space: at 80 columns a sentence could end in "1" and the next line
start with "084,42 €". Arabic times ("12:00 م") were split the same way,
leaving "م" alone at the start of a line, and a phone number's groups
split like words. Read on the drawn screen.
"""

from __future__ import annotations

from datetime import time

import pytest
from kiosk_helpers import screen_text
from textual.app import App, ComposeResult

from kiosk.widgets import Para
from locales import display, format_money, format_time, strip_isolates

WIDTHS = range(12, 41)


class OneParagraph(App):
    def __init__(self, text: str, lang: str, width: int) -> None:
        super().__init__()
        self.text, self.lang, self.width = text, lang, width

    def compose(self) -> ComposeResult:
        para = Para(self.text, lang=self.lang)
        para.styles.width = self.width
        yield para


async def drawn(text: str, lang: str, width: int) -> list[str]:
    app = OneParagraph(text, lang, width)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        return [row.rstrip() for row in screen_text(app).splitlines() if row.strip()]


def on_one_row(rows: list[str], words: str) -> bool:
    return any(words in row for row in rows)


async def test_an_amount_stays_on_one_line_in_french():
    amount = format_money(1084.42, "fr")
    assert "\u202f" in amount and "\u00a0" in amount  # what CLDR writes, what this test is about
    text = f"Vous pourriez recevoir environ {amount} par mois pour la prime d'activité."
    for width in WIDTHS:
        rows = await drawn(text, "fr", width)
        assert on_one_row([row.replace("\u202f", " ").replace("\u00a0", " ") for row in rows], "1 084,42 €"), (
            width,
            rows,
        )


async def test_a_phone_number_stays_on_one_line():
    text = "Pour un rendez-vous, appelez le CCAS de Lille au 03 20 49 50 00 du lundi au vendredi."
    for width in range(len("03 20 49 50 00"), 41):
        rows = await drawn(text, "fr", width)
        assert on_one_row([row.replace("\u00a0", " ") for row in rows], "03 20 49 50 00"), (width, rows)


@pytest.mark.parametrize("lang", ["ar", "fa"])
async def test_a_time_and_an_amount_stay_whole_right_to_left(lang):
    noon = format_time(time(12, 0), lang)
    amount = format_money(1084.42, lang)
    text = f"{noon} – {format_time(time(13, 30), lang)} : {amount}"
    whole = [strip_isolates(display(part, lang)) for part in (noon, amount)]
    for width in range(max(map(len, whole)), 30):
        rows = await drawn(text, lang, width)
        for part in whole:
            assert on_one_row(rows, part), (width, part, rows)


def test_an_arabic_time_is_joined_by_a_no_break_space():
    # CLDR's pattern has an ordinary space before م (afternoon).
    assert format_time(time(12, 0), "ar") == "12:00\u00a0م"
