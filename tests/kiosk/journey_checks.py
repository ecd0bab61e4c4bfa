"""What a whole journey must end on, shared by test_journeys.py (English by
keyboard and Arabic by touch, at 120×40), test_safety.py (French by touch,
at 120×40, "Finish" from the procedures screen) and
test_small_screens_arabic.py (Arabic by keyboard at 80×24, every screen of
the journey also checked for its fit there): the results are a direct
screening of the household given, drawn as a person reads them, and
"Finish" says goodbye with everything forgotten."""

from __future__ import annotations

from kiosk_helpers import para_texts, press_button, screen_text, wait_until

from kiosk.screens.goodbye import GoodbyeScreen
from kiosk.screens.results import ResultsScreen
from locales import display, format_money, gettext


def _norm(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


async def check_results_then_finish(pilot, app, engine, answers: dict, lang: str, mode: str) -> None:
    """On the results screen a journey through `answers` led to: what it
    shows, then "Finish" pressed the same way (`mode`)."""
    check_results(app, engine, answers, lang)
    await press_button(pilot, app, app.screen.query_one("#finish"), mode)
    await check_goodbye(pilot, app)


def check_results(app, engine, answers: dict, lang: str) -> None:
    """What the results screen a journey through `answers` led to shows."""
    assert isinstance(app.screen, ResultsScreen)
    household = app.session.household()
    # The answers reached the household as given.
    assert household.commune == answers["commune"] == "59350"
    assert household.housing.rent == 600
    salary, _per_month = answers["salary"]
    assert household.applicant.income.salary == float(salary.replace(",", "."))
    assert len(household.children) == 2
    assert set(household.received) == set(answers["received"])

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
    # Already received: in their own section.
    for received in answers["received"]:
        assert app.screen.query(f"#received-{received}"), received
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


async def check_goodbye(pilot, app) -> None:
    """Once "Finish" is pressed: goodbye, everything forgotten, and the error
    hook silent all along (nothing recovered from; the caller checks that
    nothing was logged)."""
    assert await wait_until(pilot, lambda: isinstance(app.screen, GoodbyeScreen)), app.screen
    assert app.session is None and app.screening is None
    assert app.error_count == 0
