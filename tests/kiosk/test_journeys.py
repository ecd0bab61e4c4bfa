"""Complete journeys, language screen to results, by touch alone and by
keyboard alone, in French, English and Arabic. What the kiosk shows is
compared with a direct screening of the same household."""

from __future__ import annotations

import logging

import pytest
from kiosk_helpers import SINGLE_PARENT, SIZE, para_texts, press_button, run_journey, screen_text, wait_until

from kiosk.screens.results import ResultsScreen
from locales import display, format_money, gettext


def _norm(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("lang", "mode"),
    # Each language, and each way of using it; Arabic both ways (right to left).
    [("fr", "click"), ("en", "keys"), ("ar", "click"), ("ar", "keys")],
)
async def test_journey_shows_the_screening_of_the_household(make_app, engine, caplog, lang, mode):
    from kiosk.screens.goodbye import GoodbyeScreen

    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await run_journey(pilot, app, SINGLE_PARENT, lang, mode)
        assert isinstance(app.screen, ResultsScreen)
        household = app.session.household()
        # The answers reached the household as given.
        assert household.commune == "59350"
        assert household.housing.rent == 600
        assert household.applicant.income.salary == 1100
        assert len(household.children) == 2
        assert set(household.received) == {"af"}

        expected = engine.screen(household)
        assert app.screening.model_dump() == expected.model_dump()
        texts = [_norm(t) for t in para_texts(app)]
        joined = "\n".join(texts)
        unclaimed = [b for b in expected.benefits if b.unclaimed]
        assert unclaimed, "this household has unclaimed rights"
        for benefit in unclaimed:
            assert app.screen.query(f"#unclaimed-{benefit.id}"), benefit.id
            if benefit.variant is None:
                assert _norm(format_money(benefit.amount, lang)) in joined, benefit.id
        assert _norm(format_money(expected.unclaimed_monthly_total, lang)) in joined
        if expected.unclaimed_yearly_total:
            assert _norm(format_money(expected.unclaimed_yearly_total, lang)) in joined
        # Already received: the allocations familiales, in their own section.
        assert app.screen.query("#received-af")
        # Ages were typed, nothing answered "I don't know": no estimate to list.
        assert not app.screen.query("#section-estimated")

        # What is on the screen is what a person reads: for Arabic, shaped
        # and in visual order, never the logical string.
        shown = screen_text(app)
        title = gettext(lang, "Vos résultats")
        assert display(title, lang) in shown
        # The total leads with what is paid once every right shown is paid,
        # the first months beside it when they differ.
        settled, first = expected.recurring_unclaimed_monthly_total, expected.unclaimed_monthly_total
        if format_money(settled, lang) != format_money(first, lang):
            total_line = gettext(lang, "Total estimé : {amount} par mois, {first} les premiers mois").format(
                amount=format_money(settled, lang), first=format_money(first, lang)
            )
        else:
            total_line = gettext(lang, "Total estimé : {amount} par mois").format(amount=format_money(first, lang))
        assert _norm(display(total_line, lang)) in _norm(shown)
        # Nothing for programmers: no field path, no code, no version string.
        for word in ("people[", "birth_date", "openfisca", "176.1", "estimated_from_default"):
            assert word not in shown and word not in joined, word
        if lang == "ar":
            assert display("العربية", "ar") in shown
            assert "العربية" not in shown

        # "Finish" the same way; the error hook stayed silent all along
        # (nothing recovered from, nothing logged).
        await press_button(pilot, app, app.screen.query_one("#finish"), mode)
        assert await wait_until(pilot, lambda: isinstance(app.screen, GoodbyeScreen)), app.screen
        assert app.session is None and app.screening is None
    assert app.error_count == 0 and not [r for r in caplog.records if r.name == "kiosk"]
