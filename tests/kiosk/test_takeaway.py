"""'Take it on my phone': the summary's QR codes are read back from the
screen as drawn (zxing-cpp, as the hand-over tests do) in French, Arabic
(right to left) and Ukrainian; what a phone shows must hold the rights with
their amounts and official French names, the phone numbers of the catalog,
and the place to go. Reached by touch and by keyboard; gone with the screen."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import segno
import zxingcpp
from kiosk_helpers import (
    NETWORK_EVENTS,
    SINGLE_PARENT,
    SIZE,
    click,
    outside_temp,
    press_focus,
    recording,
    run_journey,
    screen_text,
)
from test_handover_screen import drawn_cells, modules

from eligibility import catalog
from eligibility.household import Household
from kiosk.screens.results import ResultsScreen
from kiosk.screens.takeaway import TITLE, TOO_SMALL, SummaryCode, TakeawayScreen
from kiosk.takeaway import MAX_CODES, MAX_VERSION, MORE, code_texts, plain_text, summary
from kiosk.widgets import BigButton
from kiosk.widgets.qrcode import QUIET_ZONE
from locales import display, format_money, gettext

REPO = Path(__file__).resolve().parents[2]
SCALE = 4


def read_code(app) -> str:
    """Decode the code on screen as a camera would (dark on light, upright)."""
    widget = app.screen.query_one(SummaryCode)
    assert widget.fits
    columns, rows = widget.code_size
    assert rows == (columns + 1) // 2  # square modules
    picture = modules(app, widget)
    box = widget.code_region
    drawn = picture[2 * box.y : 2 * box.bottom, box.x : box.right]
    size = columns - 2 * QUIET_ZONE
    symbol = drawn[QUIET_ZONE : QUIET_ZONE + size, QUIET_ZONE : QUIET_ZONE + size]
    assert not drawn.sum() - symbol.sum(), "dark modules in the quiet zone"
    image = np.where(picture, 0, 255).astype(np.uint8)
    image = np.repeat(np.repeat(image, SCALE, axis=0), SCALE, axis=1)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False, try_rotate=False)
    assert len(found) == 1, "no QR code read on the screen"
    text = found[0].text
    # The symbol is the one a standard encoder makes of the text read, and no
    # denser than the version a phone reads at arm's length.
    version = segno.make_qr(text, mode="byte", encoding="utf-8", error="L", boost_error=True)
    assert version.version <= MAX_VERSION
    assert np.array_equal(symbol, np.array(version.matrix, dtype=bool))
    return text


async def press(pilot, app, widget, mode: str) -> None:
    if mode == "click":
        await click(pilot, widget)
    else:
        await press_focus(pilot, app, widget)
        await pilot.press("enter")
    await pilot.pause()


async def read_all_codes(pilot, app, mode: str) -> list[str]:
    texts = [read_code(app)]
    while app.screen.query("#next-code"):
        await press(pilot, app, app.screen.query_one("#next-code", BigButton), mode)
        texts.append(read_code(app))
    return texts


@pytest.mark.parametrize(("lang", "mode"), [("fr", "click"), ("ar", "keys"), ("uk", "click")])
async def test_codes_read_back_from_the_screen(make_app, lang, mode):
    app = make_app(takeaway={"desk": "accueil du rez-de-chaussée"})
    async with app.run_test(size=SIZE) as pilot:
        await run_journey(pilot, app, SINGLE_PARENT, lang, mode)
        screening = app.screening
        await press(pilot, app, app.screen.query_one("#takeaway-phone", BigButton), mode)
        assert isinstance(app.screen, TakeawayScreen)
        shown = screen_text(app)
        assert display(gettext(lang, TITLE), lang) in shown
        texts = await read_all_codes(pilot, app, mode)
        assert 1 <= len(texts) <= MAX_CODES
        if len(texts) > 1:
            assert [t.split("\n")[0] for t in texts] == [f"({i}/{len(texts)})" for i in range(1, len(texts) + 1)]
        phone = "\n".join(texts)
        # Every right to claim, by its official French name, with its amount
        # (the amount once claimed) in this language's money format, and the
        # number of who pays it, from institutions.yaml.
        unclaimed = [b for b in screening.benefits if b.unclaimed]
        assert unclaimed
        institutions = catalog.institutions()
        for benefit in unclaimed:
            official = catalog.benefits()[benefit.id].official_name
            assert official in phone
            if benefit.variant is None:
                amount = benefit.recurring_amount if benefit.recurring_amount is not None else benefit.amount
                line = next(x for x in phone.split("\n") if official in x)
                assert format_money(amount, lang) in line
            institution = institutions[benefit.institution]
            if institution.phone:
                assert institution.phone in phone
        # The place is the site's, from the configuration.
        assert "CCAS de Lille, accueil du rez-de-chaussée" in phone
        if lang != "fr":
            assert gettext(lang, "Aides que vous pouvez probablement demander") in phone
        # Back (Escape by keyboard) returns to the same results.
        if mode == "keys":
            await pilot.press("escape")
        else:
            await click(pilot, app.screen.query_one("#back"))
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and app.screening is screening


async def test_screen_too_small_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await run_journey(pilot, app, SINGLE_PARENT, "fr", "click")
        await click(pilot, app.screen.query_one("#takeaway-phone"))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one(SummaryCode).fits
        assert not set("▀▄█") & set(screen_text(app))
        widget = app.screen.query_one(SummaryCode)
        shown = " ".join("".join(char for char, _style in row) for row in drawn_cells(app, widget))
        assert " ".join(gettext("fr", TOO_SMALL).split()) in " ".join(shown.split())
        # Every button is still on screen, reachable by a finger.
        for button in app.screen.query(BigButton):
            assert button.region.bottom <= 24 and button.region.right <= 80
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        read_code(app)


async def test_the_switch_hides_it(make_app):
    app = make_app(takeaway={"phone": False})
    async with app.run_test(size=SIZE) as pilot:
        await run_journey(pilot, app, SINGLE_PARENT, "fr", "click")
        assert app.screen.query("#finish") and not app.screen.query("#takeaway-phone")
        assert not app.screen.query("#takeaway-print")  # no printer configured


async def test_finishing_drops_the_codes(make_app):
    app = make_app(goodbye_delay=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await run_journey(pilot, app, SINGLE_PARENT, "fr", "click")
        await click(pilot, app.screen.query_one("#takeaway-phone"))
        screen = app.screen
        widget = screen.query_one(SummaryCode)
        assert widget.code_size
        await click(pilot, screen.query_one("#back"))
        await pilot.pause()
        assert widget.code_size is None and screen.codes == []


async def _take_away_and_leave(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await run_journey(pilot, app, SINGLE_PARENT, "uk", "click")
        await click(pilot, app.screen.query_one("#takeaway-phone"))
        await read_all_codes(pilot, app, "click")
        screen = app.screen
        # Nobody there: "Are you still there?", then everything is erased.
        app.config.idle_timeout = app.config.idle_countdown = 0.3
        for _ in range(100):
            if app.session is None:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert app.session is None and screen not in app.screen_stack
        assert screen.codes == []


async def test_taking_away_writes_and_sends_nothing(make_app):
    """Audit hook as in test_safety.py: no file written outside the temp
    areas, no connection or name lookup, while the codes are shown and the
    session is erased by the idle timeout."""
    await _take_away_and_leave(make_app)  # imports and bytecode caches first
    with recording() as events:
        await _take_away_and_leave(make_app)
        recorded = list(events)
    assert [w for w in recorded if w[0] not in NETWORK_EVENTS and outside_temp(w[1])] == []
    assert [w for w in recorded if w[0] in NETWORK_EVENTS] == []


# ------------------------------------------------------ the summary itself
def _screenings(engine, name: str):
    household = Household.model_validate(json.loads((REPO / "examples" / f"{name}.json").read_text()))
    return engine.screen(household)


@pytest.mark.parametrize("lang", ["fr", "ar", "uk", "ka", "ps"])
@pytest.mark.parametrize(
    "example", ["single_parent_two_children_lille", "couple_low_salary_child_college", "adult_disability_80"]
)
def test_codes_split_at_line_ends_rights_first(engine, example, lang):
    screening = _screenings(engine, example)
    lines = summary(screening, lang, site_name="CCAS de Lille")
    texts = code_texts(lines, lang)
    assert 1 <= len(texts) <= MAX_CODES
    compact = [line.compact or line.local for line in lines]
    whole = [line.local for line in lines]
    kept = []
    for text in texts:
        assert segno.make_qr(text, mode="byte", encoding="utf-8", error="L").version <= MAX_VERSION
        body = text.split("\n")
        if len(texts) > 1:
            body = body[1:]
        kept += body
    cut = kept[-1] == gettext(lang, MORE)
    if cut:
        kept = kept[:-1]
    # The lines in order, whole; rights named in French only when the full
    # lines need too many codes.
    expected = whole if kept == whole[: len(kept)] else compact
    assert kept == expected[: len(kept)]
    assert cut or len(kept) == len(expected)
    # The rights and the place are never cut: only the end of the summary
    # (the documents; in Georgian, 3 bytes a letter, also the note).
    assert all(line.kind in ("note", "heading", "item") for line in lines[len(kept) :])
    if lang != "ka":
        assert all(line.kind in ("heading", "item") for line in lines[len(kept) :])


def test_no_right_to_claim_says_so(engine):
    screening = _screenings(engine, "single_parent_two_children_lille")
    nothing = screening.model_copy(
        update={"benefits": [b.model_copy(update={"unclaimed": False}) for b in screening.benefits]}
    )
    text = plain_text(summary(nothing, "uk", site_name="CCAS"))
    assert gettext("uk", "Aucune aide à demander n'a été trouvée.") in text
    assert code_texts(summary(nothing, "uk", site_name="CCAS"), "uk") == [text]


def test_configuration_is_checked():
    from kiosk.config import KioskConfig

    assert KioskConfig().takeaway.phone is True and KioskConfig().takeaway.printer is None
    with pytest.raises(ValueError, match="takeaway.printer"):
        KioskConfig.model_validate({"takeaway": {"printer": "two words"}})
    with pytest.raises(ValueError, match="takeaway.paper"):
        KioskConfig.model_validate({"takeaway": {"paper": "a3"}})
