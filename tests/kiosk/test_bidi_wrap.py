"""Right-to-left buttons and sentences that wrap keep French names whole.

A translated benefit keeps its French name beside it ("… — RSA (revenu de
solidarité active)"); a button wraps it over two or three lines, and each
line is reordered on its own. Read on the drawn screen at 80×24 in Arabic
and Dari: the Latin parts of a button, read top to bottom and left to
right, give the French name as written, brackets paired; a Latin site name
with its own brackets inside an Arabic sentence stays whole.
"""

from __future__ import annotations

import re

import pytest
from kiosk_helpers import answered, choose_language, resume, screen_text

from kiosk.widgets import BigButton
from locales import display, isolate_latin

SITE = "CCAS de Lille (démonstration)"
LATIN = re.compile(r"[A-Za-zÀ-ÿ0-9'’(),.\-][A-Za-zÀ-ÿ0-9'’(),.\- ]*")


def latin_words(rows: list[str]) -> list[str]:
    """The Latin words of some drawn rows, as a French reader reads them:
    rows top to bottom, each left to right, brackets as drawn."""
    return [word for row in rows for part in LATIN.findall(row) for word in part.split()]


def reads_in_order(words: list[str], drawn: list[str]) -> bool:
    """`words` appear in `drawn` in this order (other words may come between:
    an abbreviation of the translation, "(C2S)", sits beside the name)."""
    found = iter(drawn)
    return all(any(word == other for other in found) for word in words)


def drawn_rows(app, widget) -> list[str]:
    lines = screen_text(app).splitlines()
    region = widget.region
    return [line[region.x + 1 : region.right - 1] for line in lines[region.y + 1 : region.bottom - 1]]


@pytest.mark.parametrize("lang", ["ar", "fa"])
async def test_french_names_in_wrapped_choice_buttons_read_whole(make_app, lang):
    app = make_app(site_name=SITE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await resume(pilot, app, answered(lang=lang, until="received"))
        checked = wrapped = 0
        for button in app.screen.query("BigButton.choice").results(BigButton):
            if " — " not in button.label:
                continue
            french = button.label.rsplit(" — ", 1)[1]
            button.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            rows = drawn_rows(app, button)
            wrapped += sum(1 for row in rows if row.strip()) > 1
            assert reads_in_order(french.split(), latin_words(rows)), (lang, french, rows)
            checked += 1
        assert checked >= 15 and wrapped >= 10, (checked, wrapped)


@pytest.mark.parametrize("lang", ["ar", "fa"])
async def test_a_latin_site_name_with_brackets_stays_whole_in_a_sentence(make_app, lang):
    app = make_app(site_name=SITE)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_language(pilot, app, lang, "keys")
        app.finish()  # the goodbye screen names the place: "… ici (CCAS de Lille (démonstration))."
        await pilot.pause()
        await pilot.pause(0.05)
        shown = screen_text(app)
        assert f"({SITE})" in shown, shown


def test_isolate_latin_marks_runs_with_their_own_brackets():
    fsi, pdi = "\u2068", "\u2069"
    assert isolate_latin("منحة (ASF) — Allocation de soutien familial (ASF)") == (
        f"منحة {fsi}(ASF){pdi} — {fsi}Allocation de soutien familial (ASF){pdi}"
    )
    assert isolate_latin(f"هنا ({SITE}).") == f"هنا {fsi}({SITE}){pdi}."
    assert isolate_latin("نص (نص)") == "نص (نص)"
    # Two isolated runs on one line come back each in its place.
    shown = display(isolate_latin("مساعدة (AGEPI) — Aide à la"), "ar")
    assert shown.index("Aide à la") < shown.index("—") < shown.index("(AGEPI)"), shown


async def test_a_paragraph_is_drawn_anew_when_its_text_language_shaping_or_width_change():
    """A paragraph keeps its shaped lines while nothing changes (they are
    dear in Arabic); each change is drawn, never the lines of before."""
    from textual.app import App, ComposeResult

    from kiosk.widgets import Para

    arabic = "مساعدة للسكن في ليل، تدفعها الجهة المختصة كل شهر بعد الطلب"

    class OneParagraph(App):
        lang = "fr"
        bidi_shaping = True

        def compose(self) -> ComposeResult:
            yield Para("Bonjour à vous")

    app = OneParagraph()
    async with app.run_test(size=(80, 10)) as pilot:
        para = app.query_one(Para)
        await pilot.pause()
        assert "Bonjour à vous" in screen_text(app)
        para.update("Au revoir")
        await pilot.pause()
        assert "Au revoir" in screen_text(app) and "Bonjour" not in screen_text(app)
        # Arabic: shaped and reordered, on one line at 80 columns.
        app.lang = "ar"
        para.update(arabic)
        await pilot.pause()
        assert display(arabic, "ar") in screen_text(app)
        # Narrower: wrapped anew, each line shaped on its own.
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        rows = [row.strip() for row in screen_text(app).splitlines() if row.strip()]
        assert len(rows) > 1
        # Every word drawn once, shaped as in the one-line drawing: none cut
        # off by lines of 80 columns kept.
        assert sorted(word for row in rows for word in row.split()) == sorted(display(arabic, "ar").split())
        # Shaping turned off, then the same text in French: drawn as stored.
        app.bidi_shaping = False
        para.refresh(layout=True)
        await pilot.pause()
        assert display(arabic, "ar") not in screen_text(app)
        app.lang, app.bidi_shaping = "fr", True
        await pilot.resize_terminal(80, 10)
        para.refresh(layout=True)
        await pilot.pause()
        assert arabic in screen_text(app)
