"""The advisor's comparison read on screen (Pilot, real sizes): the amounts
of every scenario, what changes between them in words, the explanation of
the row under the cursor, the presets, the amount after claiming first."""

from __future__ import annotations

import time

import pytest

from eligibility.household import Household
from eligibility.screening import Status
from kiosk.advisor.compare import totals
from locales import format_money
from tests.advisor.advisor_helpers import SIZE, WIDE, screen_line, screen_text, settle, side_text, start_over
from tests.households import tenant_earning_800
from tests.kiosk.kiosk_helpers import held

# One app for the module (conftest `shared_app`), in the module's event loop.
pytestmark = [pytest.mark.heavy, pytest.mark.asyncio(loop_scope="module")]


async def test_what_changes_names_the_person(shared_app, family, engine, tmp_path):
    # Alone with the children for more than 18 months: no single-parent
    # increase (CASF R262-2), and the prime d'activité can be computed.
    family.single_parent_months = 30
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    app.person_widget(0, "name").value = "Karim"
    await settle(pilot, app)
    first = app.scenario.household
    await pilot.press("ctrl+d")  # duplicate, then change Karim's salary
    await pilot.pause()
    assert len(app.scenarios) == 2 and app.current == 1
    app.person_widget(0, "income.salary").value = "1800"
    await settle(pilot, app)
    second = app.scenarios[1].household
    assert second.applicant.income.salary == 1800
    direct = [engine.screen(first, explain=True), engine.screen(second, explain=True)]
    assert [s.screening.model_dump() for s in app.scenarios] == [d.model_dump() for d in direct]
    text = screen_text(app)
    for label, value in (("Aides /mois", "benefits_monthly"), ("Ressources /mois", "resources_monthly")):
        line = screen_line(text, label)
        for screening, household in zip(direct, [first, second]):
            assert format_money(getattr(totals(screening, household), value), "fr") in line, line
    ppa = screen_line(text, "PPA")
    assert direct[0].benefit("ppa").status == Status.eligible and direct[0].benefit("ppa").amount
    for d in direct:
        # The headline is the amount once housing aid is paid (recurring).
        shown = d.benefit("ppa").recurring_amount
        assert (format_money(shown, "fr") if d.benefit("ppa").amount else "—") in ppa, ppa
    assert "?" not in ppa
    # What changes, with the person's name and in words.
    expected = f"(par rapport au 1) : Karim : salaire {format_money(1100, 'fr')} → {format_money(1800, 'fr')}"
    assert " ".join(expected.split()) in side_text(text)


async def test_four_scenarios_read_at_120_columns_then_six_at_160(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    # One scenario: its name whole above its column (it was cut at 16
    # columns, "1. Situation ac…", with half the side empty).
    assert "1. Situation actuelle" in screen_line(screen_text(app), "Aide"), screen_text(app)
    for count, size in ((4, SIZE), (6, WIDE)):
        await pilot.resize_terminal(*size)
        for salary in (1300, 1500, 1700, 1900, 2100)[len(app.scenarios) - 1 : count - 1]:
            await pilot.press("ctrl+d")
            await pilot.pause()
            app.person_widget(0, "income.salary").value = str(salary)
        await settle(pilot, app)
        assert len(app.scenarios) == count
        expected = [
            format_money(totals(scenario.screening, scenario.household).benefits_monthly, "fr")
            for scenario in app.scenarios
        ]
        # The table's columns are laid out again a frame or two after the
        # results arrive: wait for the drawn line (a few seconds at most).
        deadline = time.monotonic() + 10
        while True:
            text = screen_text(app)
            line = screen_line(text, "Aides /mois")
            if all(amount in line for amount in expected) or time.monotonic() > deadline:
                break
            await pilot.pause(0.1)
        for amount in expected:
            assert amount in line, (size, line)
        # The explanations are still on screen below the comparison.
        assert "— Probablement" in text


async def test_explanations_follow_the_row_under_the_cursor(shared_app, family, tmp_path):
    """The explanation of the benefit under the cursor is drawn first in the
    explanations, down to the last right to check: scrolled to in lines
    rather than in the rows they wrap into, it once stopped rows above (at
    the row of the HLM, the energy cheque's explanation was on show)."""
    family.single_parent_months = 30  # else the PPA is unknown (not asked)
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("f7")
    assert app.focused.id == "comparison"
    table = app.query_one("#comparison")
    rows = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
    ppa = "Prime d'activité (PPA) — Probablement éligible"
    # The PPA's "1ers mois" row (its first months' amount) is explained with it.
    assert rows[rows.index("PPA") + 1] == "1ers mois"
    for index, title in ((rows.index("PPA"), ppa), (rows.index("PPA") + 1, ppa), (rows.index("VACAF ?"), "(VACAF) —")):
        await pilot.press(*["down"] * (index - table.cursor_row))
        await pilot.pause(0.2)
        label = rows[index]
        assert screen_line(screen_text(app), label)  # the comparison is still there
        first = " ".join(" ".join(explanation_rows(app)[:2]).split())
        assert title in first, (label, explanation_rows(app))


def explanation_rows(app) -> list[str]:
    """The explanations' rows as drawn (right of the form, under their title)."""
    pane = app.query_one("#explanations")
    rows = screen_text(app).splitlines()[pane.region.y + 1 : pane.region.bottom]
    return [row.split("│", 1)[-1].strip() for row in rows]


async def test_page_down_held_on_the_explanations_scrolls_a_page_per_press(shared_app, family, tmp_path):
    """Keys come as a terminal sends a held key (all at once): Textual's
    animated page scroll started each press from the last drawn position
    and went less than a page per press."""
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("f7", "f7", "home")
    pane = app.query_one("#explanations")
    assert app.focused is pane and pane.scroll_y == 0
    page = pane.scrollable_content_region.height
    assert pane.max_scroll_y > 3 * page, "explanations too short to test three pages"
    first_page = explanation_rows(app)
    await held(app, "pagedown", 3)
    await pilot.pause()
    assert pane.scroll_y == 3 * page
    third_page = explanation_rows(app)
    assert third_page != first_page
    await held(app, "pageup", 3)
    await pilot.pause()
    assert pane.scroll_y == 0 and explanation_rows(app) == first_page
    await held(app, "pagedown", 40)
    await pilot.pause()
    assert pane.scroll_y == pane.max_scroll_y
    # The end of the last explanation is drawn.
    last_words = str(app.query_one("#explain-text").render()).split()[-3:]
    assert " ".join(last_words) in " ".join(" ".join(explanation_rows(app)).split())
    await pilot.press("home")


async def test_presets_ask_which_person(shared_app, family, tmp_path):
    data = family.model_dump(mode="json")
    data["people"].insert(
        1,
        {
            "id": "partner",
            "role": "partner",
            "birth_date": "1990-06-01",
            "activity": "unemployed",
            "income": {"unemployment": 700.0},
        },
    )
    couple = Household.model_validate(data)
    app, pilot = shared_app
    await start_over(pilot, app, couple, tmp_path)
    await pilot.press("f3")
    await pilot.pause()
    # Whoever looks for work is proposed.
    assert app.screen.query_one("#person").value == "partner"
    await pilot.press("1")  # takes a job at 1 400 €
    await settle(pilot, app)
    after = app.scenarios[1].household
    assert after.partner.income.salary == 1400 and after.applicant.income.salary == 1100
    text = screen_text(app)
    assert "(par rapport au 1) : Conjoint :" in text
    changes = str(app.query_one("#changes-text").render())
    assert f"Conjoint : au chômage → salarié {format_money(1400, 'fr')}" in changes
    assert "unemployed" not in text + changes and "partner" not in text + changes


# A single tenant earning 800 € in Lille, May 2025 (tests/households.py;
# tests/eligibility/test_after_claiming.py): the prime d'activité is 334,32 €
# the first months, then 259,56 € once housing aid is paid — 74,76 € less, its housing flat rate
# (12 % of the base amount for one person, CSS R844-3, net of CRDS).
PPA_FIRST, PPA_AFTER = "334,32 €", "259,56 €"


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


async def test_the_recurring_amount_is_the_headline(shared_app, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, tenant_earning_800(), tmp_path)
    text = _plain(screen_text(app))
    # The PPA row gives the settled amount; the row under it the first months.
    assert PPA_AFTER in screen_line(text, "PPA"), text
    lines = [line.split("│", 1)[-1].strip() for line in text.splitlines()]
    row = next(i for i, line in enumerate(lines) if line.startswith("PPA"))
    assert "1ers mois" in lines[row + 1] and PPA_FIRST in lines[row + 1], lines[row : row + 2]
    # The totals lead with the settled sum too (334,32 - 259,56 = 74,76 € less).
    screening = app.scenario.screening
    housing = screening.benefit("aide_logement").amount
    after = _plain(format_money(round(housing + 259.56, 2), "fr"))
    first = _plain(format_money(round(housing + 334.32, 2), "fr"))
    assert after in screen_line(text, "Aides /mois"), text
    total_row = next(i for i, line in enumerate(lines) if line.startswith("Aides /mois"))
    assert "1ers mois" in lines[total_row + 1] and first in lines[total_row + 1]
    # The explanation says it in words.
    explanation = " ".join(_plain(app.query_one("#explain-text").render().plain).split())
    assert f"Montant calculé : {PPA_AFTER} par mois, {PPA_FIRST} les premiers mois" in explanation


async def test_narrow_or_short_the_form_the_comparison_and_the_explanations_are_shown_in_turn(
    shared_app, family, tmp_path
):
    """At 80×24 the side had 27 columns: the amounts were cut ("à véri…"),
    the explanations were below the screen, and F7 was not in the footer.
    Now each takes the whole width in turn, F7 (second in the footer) going
    from one to the next;
    read on the drawn screen, by keys, by a click on the footer's key, and
    when the focus moves to the form some other way (a new person). Under 36
    rows, the comparison and the explanations alternate beside the form."""
    family.single_parent_months = 30
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path, size=(80, 24))
    app.set_focus(app.query_one("#f-month"))
    await pilot.pause()

    def drawn() -> tuple[str, str]:
        lines = screen_text(app).splitlines()
        return "\n".join(lines[:-1]), lines[-1]

    text, footer = drawn()
    assert "Mois étudié" in text and "Aides /mois" not in text, text
    assert footer.startswith("f1 Aide f7 Résultats "), footer

    # The comparison, by a click on the footer's key: every row drawn whole.
    key = next(k for k in app.query_one("KeysFooter").children if k.action.startswith("explanations"))
    await pilot.click(key)
    await pilot.pause()
    text, footer = drawn()
    assert app.focused.id == "comparison" and "Mois étudié" not in text, text
    assert footer.startswith("f1 Aide f7 Résultats "), footer
    table = app.query_one("#comparison")
    lines = text.splitlines()
    # Row i is drawn on the line under the table's header, i rows down.
    drawn_rows = range(int(table.scroll_y), int(table.scroll_y) + table.region.height - 1)
    for index in drawn_rows:
        label, *cells = (str(cell).strip() for cell in table.get_row_at(index))
        line = lines[table.region.y + 1 + index - int(table.scroll_y)]
        assert line.strip().startswith(label), (label, line)
        assert all(cell in line for cell in cells) and "…" not in line, (label, cells, line)
    assert len(drawn_rows) >= 12, text
    assert "à vérifier" in text and "À jour." in text, text

    # The explanation of the row under the cursor, alone and from its title.
    rows = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
    await pilot.press(*["down"] * rows.index("PPA"), "f7")
    await pilot.pause()
    text, footer = drawn()
    assert "Aides /mois" not in text, text
    assert "Prime d'activité (PPA) — Probablement éligible" in explanation_rows(app)[0], text
    assert footer.startswith("f1 Aide f7 Résultats "), footer

    # F7 again: the form, as it was.
    await pilot.press("f7")
    await pilot.pause()
    text, footer = drawn()
    assert app.focused.id == "f-month" and "Mois étudié" in text and "Prime d'activité" not in text, text
    assert footer.startswith("f1 Aide f7 Résultats "), footer

    # F7 held down: one step per press (5: the comparison, the explanations,
    # the form, the comparison, the explanations), what is drawn following.
    await held(app, "f7", 5)
    await pilot.pause()
    text, footer = drawn()
    assert app.focused.id == "explanations" and footer.startswith("f1 Aide f7 Résultats "), footer
    assert "Prime d'activité (PPA) — Probablement éligible" in explanation_rows(app)[0], text
    await pilot.press("f7")

    # Wider but short (120×30): the form beside the comparison, then beside
    # the explanations (under the comparison, they had two rows).
    await pilot.press("f7")
    await pilot.resize_terminal(120, 30)
    await pilot.pause()
    text, _footer = drawn()
    assert "Mois étudié" in text and screen_line(text, "Aides /mois"), text
    await pilot.press("f7")
    await pilot.pause()
    text, _footer = drawn()
    assert "Mois étudié" in text and "Aides /mois" not in text, text
    assert "Prime d'activité (PPA) — Probablement éligible" in explanation_rows(app)[0], text
    assert len(explanation_rows(app)) >= 20, text

    # 120×40: side by side, the explanations under the comparison.
    await pilot.resize_terminal(*SIZE)
    await pilot.pause()
    text, _footer = drawn()
    assert "Mois étudié" in text and screen_line(text, "Aides /mois"), text
    assert "Prime d'activité (PPA) — Probablement éligible" in explanation_rows(app)[0], text

    # Narrow, from the comparison, a new person: the form comes back with their fields.
    await pilot.resize_terminal(80, 24)
    await pilot.press("f7", "f7", "ctrl+n")
    await pilot.pause()
    await pilot.press("enter")  # the role proposed: a child
    await settle(pilot, app)
    text, _footer = drawn()
    assert "Personne 4 — Enfant 3" in text and "Aides /mois" not in text, text
