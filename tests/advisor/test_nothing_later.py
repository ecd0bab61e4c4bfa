"""A prime d'activité due for the first months and nothing once the other
rights claimed with it are paid: the advisor says so in words, never
"0,00 € par mois" (the kiosk, phone and paper say it the same way)."""

from __future__ import annotations

import re

from kiosk.advisor.compare import amount_words
from kiosk.advisor.explain import explain
from locales import format_money
from tests.households import single_parent

ZERO = re.compile(r"(?<![\d.,])0,00\s€")


def test_the_words_say_when_the_amount_stops(engine):
    screening = engine.screen(single_parent(2200.0))
    ppa = screening.benefit("ppa")
    # The household of tests/kiosk/test_summary_texts.py: due now, nothing
    # once the housing aid and family benefits claimed with it are paid.
    assert ppa.amount > 0 and ppa.recurring_amount == 0
    words = amount_words(ppa)
    assert not ZERO.search(words), words
    first = format_money(ppa.amount, "fr")
    assert words == f"{first} par mois les premiers mois, puis plus rien une fois les autres aides versées"
    text = " ".join(explain(ppa))
    assert f"Montant calculé : {first} par mois les premiers mois" in text and not ZERO.search(text), text
