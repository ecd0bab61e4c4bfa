"""'Take it on my phone': the summary's QR codes are read back from the
screen as drawn (zxing-cpp, as the hand-over tests do) in French, Arabic
(right to left) and Ukrainian; what a phone shows must hold the rights with
their amounts and official French names, the phone numbers of the catalog,
and the place to go. Reached by touch and by keyboard; gone with the screen."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import segno
from kiosk_helpers import (
    NETWORK_EVENTS,
    click,
    go_back,
    on_results,
    outside_temp,
    press_button,
    recording,
    screen_text,
    wait_until,
)
from qr_helpers import drawn_rows, drawn_words, read_drawn_code

from benchmarks.generated_households import generate
from eligibility import catalog
from eligibility.household import Household
from kiosk.screens.results import ResultsScreen
from kiosk.screens.takeaway import TITLE, TOO_SMALL, SummaryCode, TakeawayScreen
from kiosk.takeaway import (
    ERROR,
    MAX_CODES,
    MAX_VERSION,
    MORE,
    MORE_ON_PAPER,
    Summary,
    code_texts,
    plain_text,
    summary,
)
from kiosk.widgets import BigButton, back_arrow, next_arrow
from locales import LANGUAGES, display, format_money, gettext

pytestmark = pytest.mark.heavy

REPO = Path(__file__).resolve().parents[2]
DESK = "ccas-lille-maison-des-solidarites"


@cache
def standard_symbol(text: str) -> tuple[int, np.ndarray]:
    """The version and modules a standard encoder makes of `text` (once per
    text: the same codes are read at two sizes)."""
    version = segno.make_qr(text, mode="byte", encoding="utf-8", error=ERROR, boost_error=True)
    return version.version, np.array(version.matrix, dtype=bool)


def read_code(app) -> str:
    """Decode the code on screen as a camera would (dark on light, upright)."""
    text, symbol = read_drawn_code(app, app.screen.query_one(SummaryCode))
    # The symbol is the one a standard encoder makes of the text read, and no
    # denser than the version a phone reads at arm's length.
    version, modules = standard_symbol(text)
    assert version <= MAX_VERSION
    assert np.array_equal(symbol, modules)
    return text


async def press(pilot, app, widget, mode: str) -> None:
    await press_button(pilot, app, widget, mode)
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
    async with on_results(app, lang=lang) as pilot:
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
            # Who pays and their number, unless the text says it was cut.
            if institution.phone and gettext(lang, MORE) not in phone:
                assert institution.phone in phone
        # The place is the site's, from the configuration.
        assert "CCAS de Lille, accueil du rez-de-chaussée" in phone
        if lang != "fr":
            assert gettext(lang, "Aides que vous pouvez probablement demander") in phone
        # Back (Escape by keyboard) returns to the same results.
        await go_back(pilot, app, mode)
        assert isinstance(app.screen, ResultsScreen) and app.screening is screening


async def test_screen_too_small_says_so_and_back_drops_the_codes(make_app):
    app = make_app(goodbye_delay=0.2)
    async with on_results(app) as pilot:
        await click(pilot, app.screen.query_one("#takeaway-phone"))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one(SummaryCode).fits
        assert not set("▀▄█") & set(screen_text(app))
        widget = app.screen.query_one(SummaryCode)
        assert " ".join(gettext("fr", TOO_SMALL).split()) in drawn_words(app, widget)
        # Every button is still on screen, reachable by a finger.
        for button in app.screen.query(BigButton):
            assert button.region.bottom <= 24 and button.region.right <= 80
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        read_code(app)
        # Back: the codes go with the screen.
        screen = app.screen
        assert widget.code_size
        await click(pilot, screen.query_one("#back"))
        await pilot.pause()
        assert widget.code_size is None and screen.codes == []


async def test_the_switch_hides_it(make_app):
    app = make_app(takeaway={"phone": False})
    async with on_results(app):
        assert app.screen.query("#finish") and not app.screen.query("#takeaway-phone")
        assert not app.screen.query("#takeaway-print")  # no printer configured


async def _take_away_and_leave(make_app) -> None:
    app = make_app()
    async with on_results(app, lang="uk") as pilot:
        await click(pilot, app.screen.query_one("#takeaway-phone"))
        await read_all_codes(pilot, app, "click")
        screen = app.screen
        # Nobody there: "Are you still there?", then everything is erased.
        app.config.idle_timeout = app.config.idle_countdown = 0.3
        await wait_until(pilot, lambda: app.session is None and screen not in app.screen_stack)
        await pilot.pause()
        assert app.session is None and screen not in app.screen_stack
        assert screen.codes == []


async def test_taking_away_writes_and_sends_nothing(make_app):
    """Audit hook as in test_safety.py: no file written outside the temp
    areas, no connection or name lookup, while the codes are shown and the
    session is erased by the idle timeout."""
    with recording() as events:
        await _take_away_and_leave(make_app)
        recorded = list(events)
    assert [w for w in recorded if w[0] not in NETWORK_EVENTS and outside_temp(w[1])] == []
    assert [w for w in recorded if w[0] in NETWORK_EVENTS] == []


# ------------------------------------------------------ the summary itself
def _screenings(engine, name: str):
    household = Household.model_validate(json.loads((REPO / "examples" / f"{name}.json").read_text()))
    return engine.screen(household)


@cache
def _generated(engine) -> tuple:
    """Screenings of the benchmarks' generated households (seeded), in one vectorised simulation."""
    return tuple(engine.screen_many(generate(60, seed=1)))


def _summary(screening, lang: str) -> Summary:
    from eligibility.places import load_places

    place = load_places("lille").place("ccas-lille-maison-des-solidarites")
    return summary(screening, lang, site_name="CCAS de Lille", desk="accueil du rez-de-chaussée", place=place)


@cache
def _generated_summaries(engine, lang: str) -> tuple[tuple[object, Summary], ...]:
    """(screening, summary in `lang`) of each generated household."""
    return tuple((screening, _summary(screening, lang)) for screening in _generated(engine))


@cache
def _worst(engine, lang: str):
    """The generated household whose phone text is longest in `lang`."""
    return max(_generated_summaries(engine, lang), key=lambda pair: len(plain_text(pair[1]).encode()))[0]


def assert_cut_in_order(texts: list[str], lines: Summary, lang: str, more: str) -> None:
    """The codes hold the summary's lines in order, each whole, cut only in
    the stated priority order, and say so when cut."""
    assert 1 <= len(texts) <= MAX_CODES
    if len(texts) > 1:
        assert [t.split("\n")[0] for t in texts] == [f"({i}/{len(texts)})" for i in range(1, len(texts) + 1)]
        texts = [t.split("\n", 1)[1] for t in texts]
    kept = "\n".join(texts).split("\n")
    cut = kept[-1] == more
    if cut:
        kept = kept[:-1]
    rights = [line for line in lines if line.kind == "right"]
    compact = bool(rights) and rights[0].on_phone not in kept
    shown = [(line.compact if compact and line.compact else line.on_phone) for line in lines]
    # Whole lines, in order.
    positions = [shown.index(line) for line in kept]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert cut == (len(kept) < len(shown))
    # The title and the place's name always; a section is cut only when every
    # section after it is gone; a heading never stays alone.
    sections = {section.name: [shown[list(lines).index(line)] for line in section.lines] for section in lines.sections}
    assert kept[0] == shown[0]
    if "place" in sections:
        assert sections["place"][0] in kept
    names = [section.name for section in lines.sections]
    for earlier, later in zip(names, names[1:]):
        if any(line in kept for line in sections[later][1 if later == "place" else 0 :]):
            assert all(line in kept for line in sections[earlier])
    if "documents" in sections and sections["documents"][0] in kept:
        assert sections["documents"][1] in kept
    # Rights left for the desk are worth no more a month than those kept.
    dropped = [line.worth for line, text in zip(lines, shown) if line.kind == "right" and text not in kept]
    if dropped:
        assert max(dropped) <= min(
            line.worth for line, text in zip(lines, shown) if line.kind == "right" and text in kept
        )
    # Rights named by their official French name only when the full lines
    # could not all be kept.
    if compact:
        assert any(line.on_phone not in kept for line in lines if line.kind != "title")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_codes_hold_the_text_in_order_for_every_household(engine, lang):
    """Sixty generated households: at most two codes, lines whole and in
    order, cut (and said so) only in the priority order."""
    more = gettext(lang, MORE)
    for _screening, lines in _generated_summaries(engine, lang):
        assert_cut_in_order(code_texts(lines, lang), lines, lang, more)


async def test_worst_households_read_back_as_drawn(make_app, engine):
    """For the longest summary of every language: the codes, drawn on the
    take-away screen at 120 × 40 and 160 × 50, decode to the whole phone text
    in order — at most two codes, one per screen page (one kiosk per size,
    each language's screen opened in turn)."""
    for size in ((120, 40), (160, 50)):
        app = make_app(takeaway={"desk": "accueil du rez-de-chaussée"}, places="lille", desk_place=DESK)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for lang in LANGUAGES:
                app.lang = lang
                app.screening = _worst(engine, lang)
                app.push_screen(TakeawayScreen())
                await pilot.pause()
                # "Back" points where a line starts (right in ar, fa, ps), as drawn.
                back = "".join(drawn_rows(app, app.screen.query_one("#back")))
                assert back_arrow(lang) in back and next_arrow(lang) not in back
                expected = code_texts(_summary(app.screening, lang), lang)
                assert await read_all_codes(pilot, app, "keys") == expected, (lang, size)
                app.pop_screen()
                await pilot.pause()
    for lang in LANGUAGES:
        screening = _worst(engine, lang)
        lines = _summary(screening, lang)
        expected = code_texts(lines, lang)
        assert_cut_in_order(expected, lines, lang, gettext(lang, MORE))
        # Independently of the cutting: the amount of every right kept is
        # the screening's, in this language's money format.
        phone = "\n".join(expected)
        for benefit in screening.benefits:
            official = catalog.benefits()[benefit.id].official_name
            if benefit.unclaimed and benefit.variant is None and f"{official} :" in phone:
                amount = benefit.recurring_amount if benefit.recurring_amount is not None else benefit.amount
                line = next(x for x in phone.split("\n") if f"{official} :" in x)
                assert format_money(amount, lang) in line


def test_the_place_its_address_hours_and_what_is_cut_with_a_printer(engine):
    screening = _screenings(engine, "single_parent_two_children_lille")
    lines = _summary(screening, "fr")
    text = plain_text(lines)
    # From eligibility/data/places/lille.yaml (source: udccas59.fr).
    assert "Où aller : CCAS de Lille, accueil du rez-de-chaussée" in text
    assert "104-108 boulevard de Metz, Lille" in text
    assert "Horaires : lundi 13:30–17:00 ; mardi – vendredi 09:00–17:00" in text
    # Documents by their short name on the phone, in full on paper.
    assert "– RIB" in text.split("\n")
    assert any(line.french.startswith("– RIB (") for line in lines)
    # The documents this household needs: no residence permit for a French
    # national (catalog.documents_for), as on the results screen.
    permit = "– Titre de séjour (si vous n'avez pas la nationalité française)"
    assert permit in [line.french for line in lines]
    household = Household.model_validate(
        json.loads((REPO / "examples" / "single_parent_two_children_lille.json").read_text())
    )
    assert household.people[0].nationality == "fr"
    fitted = summary(screening, "fr", site_name="CCAS de Lille", household=household)
    assert permit not in [line.french for line in fitted] and "– RIB" in plain_text(fitted)
    worst = _worst(engine, "ka")
    lines = _summary(worst, "ka")
    texts = code_texts(lines, "ka", on_paper=True)
    assert texts[-1].endswith(gettext("ka", MORE_ON_PAPER))
    assert_cut_in_order(texts, lines, "ka", gettext("ka", MORE_ON_PAPER))


def test_no_right_to_claim_says_so(engine):
    screening = _screenings(engine, "single_parent_two_children_lille")
    nothing = screening.model_copy(
        update={"benefits": [b.model_copy(update={"unclaimed": False}) for b in screening.benefits]}
    )
    lines = summary(nothing, "uk", site_name="CCAS")
    text = plain_text(lines)
    assert gettext("uk", "Aucune aide à demander n'a été trouvée.") in text
    assert code_texts(lines, "uk") == [text]


def test_configuration_is_checked():
    from kiosk.config import KioskConfig

    assert KioskConfig().takeaway.phone is True and KioskConfig().takeaway.printer is None
    with pytest.raises(ValueError, match="takeaway.printer"):
        KioskConfig.model_validate({"takeaway": {"printer": "two words"}})
    with pytest.raises(ValueError, match="takeaway.paper"):
        KioskConfig.model_validate({"takeaway": {"paper": "a3"}})
