"""The commune question: a postal code typed by touch or by keyboard shows
the communes it serves, read on the screen at 80×24."""

from __future__ import annotations

import asyncio

from kiosk_helpers import choose_language, click, screen_text, wait_until
from textual import events

from kiosk.widgets import BigButton

SMALL = (80, 24)


def commune_labels(app) -> list[str]:
    return [b.label for b in app.screen.query("BigButton.commune").results(BigButton)]


async def wait_for_labels(pilot, app, expected_first: str) -> list[str]:
    def shown() -> bool:
        labels = commune_labels(app)
        return bool(labels) and labels[0] == expected_first

    if not await wait_until(pilot, shown):
        raise AssertionError(commune_labels(app))
    return commune_labels(app)


async def tap(pilot, app, widget) -> None:
    """Tap a key as a finger would: scroll until the key itself, not the
    header drawn over the scrolled page, is under the finger."""
    for _ in range(10):
        # A screen just shown may not be laid out yet: a tap there is lost.
        await wait_until(pilot, lambda: widget.region.height > 0)
        region = widget.region
        center = (region.x + region.width // 2, region.y + region.height // 2)
        if region.height and app.screen.region.contains_region(region) and app.get_widget_at(*center)[0] is widget:
            break
        scrollable = next(a for a in widget.ancestors_with_self if a.is_scrollable and a.max_scroll_y)
        scrollable.scroll_relative(y=-3 if region.y < 8 else 3, animate=False, immediate=True)
        await pilot.pause()
    await click(pilot, widget)


async def test_postal_code_by_keyboard_is_read_as_a_postal_code(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await choose_language(pilot, app, "fr", "click")
        assert app.session.current.kind == "commune"
        # Before anything is typed: the kiosk's own commune, with its postal code.
        assert "Lille (59000)" in screen_text(app)
        await pilot.press(*"59350")
        assert await wait_for_labels(pilot, app, "Saint-André-lez-Lille (59350)") == ["Saint-André-lez-Lille (59350)"]
        assert "Saint-André-lez-Lille (59350)" in screen_text(app)
        # The match has the focus, marked on screen, and Enter takes it (focus
        # once fell on the scrolling area, invisible, and Enter did nothing).
        assert "▶ Saint-André-lez-Lille (59350) ◀" in screen_text(app)
        await pilot.press("enter")
        for _ in range(100):
            if app.session.current.kind != "commune":
                break
            await pilot.pause(0.02)
        assert app.session.answers["commune"] == "59527"


async def test_postal_code_by_touch_shows_every_commune_it_serves(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await tap(pilot, app, app.screen.query_one("#letter-49"))  # "123"
        await wait_until(pilot, lambda: "ABC" in screen_text(app))  # the digit keys drawn
        assert "ABC" in screen_text(app)
        for digit in "59830":
            await tap(pilot, app, app.screen.query_one(f"#digit-{ord(digit)}"))
        names = ("Bachy", "Bourghelles", "Bouvines", "Cobrieux", "Cysoing", "Louvil", "Wannehain")
        labels = await wait_for_labels(pilot, app, "Bachy (59830)")
        assert labels == [f"{name} (59830)" for name in names]
        # Each one can be reached and read on the small screen.
        button = app.screen.query_one("#commune-59638", BigButton)  # Wannehain
        await click(pilot, button)
        assert app.session.answers["commune"] == "59638"


async def test_villeneuve_d_ascq_by_its_postal_code_59491(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await pilot.press(*"59491")
        assert await wait_for_labels(pilot, app, "Villeneuve-d'Ascq (59491)") == ["Villeneuve-d'Ascq (59491)"]
        assert "Villeneuve-d'Ascq (59491)" in screen_text(app)
        assert "Raismes" not in screen_text(app)


async def test_valider_on_a_shared_postal_code_names_them_all_and_goes_to_the_list(make_app):
    from kiosk_helpers import press_focus

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await choose_language(pilot, app, "fr", "click")
        await pilot.press(*"59830")
        await wait_for_labels(pilot, app, "Bachy (59830)")
        await press_focus(pilot, app, app.screen.query_one("#next"))
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.session.current.kind == "commune"  # nothing guessed
        shown = screen_text(app)
        assert "Plusieurs villes correspondent" in shown and "Wannehain (59830)" in shown
        assert app.focused is app.screen.query_one("#commune-59042")  # Bachy, the first of the list


async def test_a_town_typed_fast_keeps_the_focus_on_its_match(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await choose_language(pilot, app, "fr", "click")
        # A fast typist or a scanner: each key comes while the list of the
        # key before is being replaced (the focus once went to the language
        # button there, and Enter opened it).
        for letter in "roubaix":
            app.post_message(events.Key(letter, letter))
            await asyncio.sleep(0.004)
        # The lists of "rou", "roub"... also start with Roubaix: wait for the last.
        assert await wait_until(pilot, lambda: commune_labels(app) == ["Roubaix (59100)"])
        # Marked ▶ ◀ once the list for the last key is on screen.
        assert await wait_until(pilot, lambda: "▶ Roubaix (59100) ◀" in screen_text(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.session.current.kind != "commune")
        assert app.session.answers["commune"] == "59512"


async def test_a_name_with_no_match_leaves_enter_on_valider_not_on_the_language(make_app):
    from kiosk.screens.question import QuestionScreen

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await choose_language(pilot, app, "fr", "click")
        question = app.screen
        await pilot.press(*"cmdroub")
        assert await wait_until(pilot, lambda: not commune_labels(app))
        # The focus went with the matches: it waits on "Valider" (it once went
        # up to the language button, and Enter opened the language list).
        assert await wait_until(pilot, lambda: app.focused is question.query_one("#next"))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: "Nous ne trouvons pas ce nom" in screen_text(app))
        assert app.screen is question and isinstance(app.screen, QuestionScreen)
        assert app.session.current.kind == "commune"
        # Corrected, the next list takes the focus again, and Enter chooses.
        await pilot.press(*["backspace"] * 7, *"roubaix")
        assert await wait_until(pilot, lambda: commune_labels(app) == ["Roubaix (59100)"])
        assert await wait_until(pilot, lambda: "▶ Roubaix (59100) ◀" in screen_text(app))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.session.current.kind != "commune")
        assert app.session.answers["commune"] == "59512"


async def test_every_letter_key_is_drawn_whole_and_tapped_on_a_narrower_screen(make_app):
    """Under the kiosk's 80 columns (a browser whose `fontsize` is too large
    for its screen), the letter pad narrows: its last keys (P, M, the digits,
    erase) fell off the right edge and could not be tapped."""
    from kiosk.widgets.letterpad import LetterKey

    app = make_app()
    async with app.run_test(size=(64, 24)) as pilot:
        await choose_language(pilot, app, "fr", "click")
        assert app.session.current.kind == "commune"
        lines = screen_text(app).splitlines()
        keys = [key for key in app.screen.query(LetterKey).results(LetterKey) if key.display]
        assert len(keys) == 30
        for key in keys:
            region = key.region
            assert region.right <= app.size.width, (key.label, region)
            # The label, whole, between the key's borders (the pad is on screen, not scrolled).
            drawn = lines[region.y + 1][region.x : region.right]
            assert drawn.startswith("│") and drawn.endswith("│") and drawn[1:-1].strip() == key.label, drawn
        for label, typed in (("P", "P"), ("M", "PM"), ("⌫", "P")):
            key = next(k for k in app.screen.query(LetterKey).results(LetterKey) if k.label == label)
            await tap(pilot, app, key)
            assert await wait_until(pilot, lambda typed=typed: f"┃ {typed} " in screen_text(app)), screen_text(app)
