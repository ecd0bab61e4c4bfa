"""The advisor's form driven by the keyboard (Pilot) at real sizes, checked
on the text a worker reads on screen: filled in by keys, every field of a
person on screen, an error or a warning under its field, a person added."""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.content import Content

from kiosk.advisor.dialogs import HELP
from kiosk.advisor.presets import PRESETS
from tests.advisor.advisor_helpers import (
    SIZE,
    WIDE,
    form_text,
    new_appointment,
    screen_line,
    screen_text,
    settle,
    side_text,
    start_over,
    type_into,
    wait_until,
)
from tests.drawn_screen import drawn_grid

# One app for the module (conftest `shared_app`), in the module's event loop; the test that needs an app of its own comes first, before that one starts.
pytestmark = [pytest.mark.heavy, pytest.mark.asyncio(loop_scope="module")]


async def test_the_app_warms_a_cold_engine_and_freezes_what_lives_long():
    # Started from the command line, the advisor gets a cold engine: without
    # warm_up() its objects stayed in the collector's sight (275 ms pauses).
    from kiosk.advisor import AdvisorApp
    from tests.unwarmed import Unwarmed

    cold = Unwarmed()
    assert not cold.is_warm
    app = AdvisorApp(engine=cold, printer=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app, timeout=60)
        assert cold.is_warm
        # The first results read, made after the engine's own freeze at
        # warm-up, live as long as the form: once painted, the app puts them
        # out of the collector's sight too (gc.get_objects() lists only what
        # it still walks).
        parsed = app.scenario.parsed
        assert parsed is not None
        deadline = time.monotonic() + 10
        while any(o is parsed for o in gc.get_objects()) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert not any(o is parsed for o in gc.get_objects()), "the app froze nothing after its first paint"


async def test_fill_the_form_by_keys(shared_app):
    # The next person of the day: a new appointment (F9) on the module's
    # app, then their household typed in, as in a new app.
    app, pilot = shared_app
    await new_appointment(pilot, app)
    assert app.focused.id == "f-month"
    await pilot.press("ctrl+a", "ctrl+k", *"05/2025")
    # Tab goes on in order: the summary's language, the person shown, then their fields.
    await pilot.press("tab")
    assert app.focused.id == "f-lang"
    await pilot.press("tab", "tab")
    assert app.focused is app.person_widget(0, "name")
    await pilot.press(*"Karim", "tab", "tab")
    assert app.focused is app.person_widget(0, "birth_date")
    await pilot.press(*"14/03/1991")
    await type_into(pilot, app, app.person_widget(0, "income.salary"), "1100")
    await settle(pilot, app)
    await pilot.press("ctrl+n")  # asks the role: a partner for someone alone
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert app.form["people"][1]["role"] == "partner"
    assert app.focused is app.person_widget(1, "name")
    await pilot.press(*"Sarah", "tab", "tab", *"02/02/1990")
    await settle(pilot, app)
    await pilot.press("ctrl+n")  # then a child
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert app.form["people"][2]["role"] == "child"
    await pilot.press("tab", "tab", *"20/01/2017")
    app.query_one("#f-housing-status").value = "tenant_private"
    await type_into(pilot, app, app.query_one("#f-housing-rent"), "600")
    await type_into(pilot, app, app.query_one("#f-commune"), "Lille")
    await settle(pilot, app)
    first = app.scenario.parsed.household()
    assert first.commune == "59350" and len(first.people) == 3
    assert [p.role.value for p in first.people] == ["applicant", "partner", "child"]
    app.query_one("#form").scroll_home(animate=False)
    await pilot.pause()
    form = form_text(screen_text(app))
    assert "1. Karim (demandeur) : 34 ans, salaire 1100 €" in form
    assert "2. Sarah (conjoint) : 35 ans" in form


async def test_the_people_fields_are_on_screen(shared_app, family, tmp_path):
    # The advisor's two screen sizes (a desk's terminal and a wide one).
    app, pilot = shared_app
    for size in (SIZE, WIDE):
        await start_over(pilot, app, family, tmp_path, size)
        text = screen_text(app)
        # One line per person, then the fields of the one shown.
        assert "1. Demandeur : 34 ans, salarié, salaire 1100 €" in text
        assert "3. Enfant 2 : 12 ans" in text
        for label, value in (
            ("Date de naissance", "14/03/1991"),
            ("Salaires nets", "1100"),
            ("Activité", "Emploi salarié"),
            ("Nationalité", "Française"),
            ("ASS : 5 ans travail/10", "non demandé"),
            ("RSDAE (MDPH)", "non demandé"),
        ):
            line = next((line for line in text.splitlines() if label in line), "")
            assert value in line, (size, label, text)
        app.query_one("#f-single-parent-months").scroll_visible(animate=False)
        await pilot.pause()
        line = next((line for line in screen_text(app).splitlines() if "Parent seul depuis" in line), "")
        assert "mois (vide : non demandé)" in line, (size, line)
        # All the people at once.
        await app.show_person("*")
        await pilot.pause()
        assert len(app.query("PersonBlock")) == 3
        app.person_widget(2, "birth_date").scroll_visible(animate=False)
        await pilot.pause()
        assert "02/02/2013" in screen_text(app)


async def test_field_error_under_the_field_and_no_silent_zero(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    before = screen_text(app)
    total = screen_line(before, "Aides /mois")
    assert "À jour." in before
    rent = app.query_one("#f-housing-rent")
    rent.scroll_visible(animate=False)
    await type_into(pilot, app, rent, "-40")
    await settle(pilot, app)
    assert "Un montant ne peut pas être négatif." in screen_text(app)
    await type_into(pilot, app, rent, "600")
    await settle(pilot, app)
    salary = app.person_widget(0, "income.salary")
    salary.scroll_visible(animate=False)
    app.set_focus(salary)
    await pilot.press("ctrl+shift+a", *"mille")  # typed over the old value
    await settle(pilot, app)
    assert salary.value == "mille"
    text = screen_text(app)
    assert "« mille » n'est pas un nombre." in text  # under the field
    assert "PAS À JOUR" in text and "À jour." not in text
    assert "corrigez les salaires nets du demandeur (personne 1) (« mille » n'est pas" in side_text(text)
    app.query_one("#form").scroll_home(animate=False)
    await pilot.pause()
    assert "1. Demandeur : 34 ans, salarié, salaire mille € ⚠ 1 erreur" in form_text(screen_text(app))
    # The last good results stay, never those of a salary of 0.
    assert screen_line(text, "Aides /mois") == total
    assert app.scenario.screened_key != app.scenario.key
    await type_into(pilot, app, salary, "1100")
    await settle(pilot, app)
    assert "À jour." in screen_text(app)


async def test_narrow_the_form_says_when_the_results_are_not_up_to_date(shared_app, family, tmp_path):
    """At 80×24 the form is shown alone: the status beside the results was
    out of sight, and nothing on the form said that the amounts of F7 were
    those of before a refused value. Its first line is now under the form,
    in the form's view only (read on the drawn screen)."""
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path, size=(80, 24))
    salary = app.person_widget(0, "income.salary")
    salary.scroll_visible(animate=False)
    app.set_focus(salary)
    await pilot.pause()

    def status_line() -> str:
        lines = screen_text(app).splitlines()
        assert lines[-2].strip().startswith("Rien n'est enregistré"), lines  # the privacy line, then the footer
        return lines[-3].strip()

    assert status_line().startswith("À jour.")
    await pilot.press("end", *"zz")
    await settle(pilot, app)
    line = status_line()
    assert line.startswith("⚠ Résultats PAS À JOUR : corrigez les salaires nets du demandeur") and line.endswith("…")
    assert "n'est pas un nombre." in form_text(screen_text(app))  # under the field as well
    # F7: the comparison, with the whole status beside it, once.
    await pilot.press("f7")
    await pilot.pause()
    text = screen_text(app)
    assert "Mois étudié" not in text and text.count("PAS À JOUR") == 1, text
    assert "Les montants affichés sont ceux d'avant cette saisie." in " ".join(text.split())
    # Back on the form, the value put right.
    await pilot.press("f7", "f7")
    await pilot.pause()
    assert app.focused is salary
    await pilot.press("backspace", "backspace")
    await settle(pilot, app)
    assert status_line().startswith("À jour.")
    # Wide, the status is beside the results only.
    await pilot.resize_terminal(*SIZE)
    await pilot.pause()
    assert screen_text(app).count("À jour.") == 1


async def test_a_very_great_age_is_said(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await type_into(pilot, app, app.person_widget(0, "birth_date"), "01/01/1915")
    await settle(pilot, app)
    # Typed key by key: the two lines of "Écrivez l'année avec 4 chiffres…"
    # (at "01/01/191") gave way to this one line, and the next field came up
    # right under it (a message replaced by another is laid out again only
    # when its height changes).
    lines = [line.split("│")[0] for line in screen_text(app).splitlines()]
    at = next(i for i, line in enumerate(lines) if "110 ans : vérifiez la date de naissance." in line)
    assert "Activité" in lines[at + 1], "\n".join(lines[at - 1 : at + 3])


async def test_adding_a_person_asks_the_role(shared_app, family, tmp_path):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    await pilot.press("ctrl+n")  # a single parent: a child by default
    await pilot.pause()
    assert "quel est son rôle" in screen_text(app)
    await pilot.press("enter")
    await pilot.pause()
    assert [p["role"] for p in app.form["people"]] == ["applicant", "child", "child", "child"]
    await pilot.press("ctrl+n", "2")  # or a partner, when asked for
    await pilot.pause()
    assert app.form["people"][-1]["role"] == "partner"


async def test_a_checkbox_says_ticked_or_not_in_its_text(shared_app, family, tmp_path):
    """Ticked and unticked must differ in the characters drawn, not only in
    colour (a compact checkbox drew "▐X▌" both ways)."""
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path)
    box = app.query_one("#f-housing-shared")
    box.scroll_visible(animate=False)
    await pilot.pause()
    line = next(line for line in screen_text(app).splitlines() if "Colocation" in line).split("│")[0]
    assert "▐ ▌ Oui" in line and "X" not in line, line
    app.set_focus(box)
    await pilot.press("space")
    await pilot.pause()
    line = next(line for line in screen_text(app).splitlines() if "Colocation" in line).split("│")[0]
    assert "▐X▌ Oui" in line, line
    assert app.form["housing.shared"] is True


async def test_the_footer_shows_whole_keys_help_first_at_both_sizes(shared_app):
    # Textual's footer was cut at the screen's edge: "f7 Explicatio" at 120
    # columns, the keys after it never seen. Only whole keys now, the most
    # needed first, F1 (which lists them all) before any, then F7 (the only
    # way to the results under 100 columns). At 80 columns,
    # then back at 120 (the footer follows the terminal's width). Only the
    # terminal's size changes: the footer shows the app's keys, whatever
    # the form holds.
    app, pilot = shared_app
    while len(app.screen_stack) > 1:
        app.pop_screen()
    app.set_focus(app.query_one("#f-month"))  # a text field, which has a ctrl+d of its own
    footer_keys = app.query_one("KeysFooter")
    for size, keys in (
        ((80, 24), "f1 Aide f7 Résultats ^n Personne + f4 Personne suivante ^d Dupliquer"),
        (
            SIZE,
            "f1 Aide f7 Résultats ^n Personne + f4 Personne suivante ^d Dupliquer f6 Scénario suivant "
            "^p Imprimer f9 Nouveau RDV",
        ),
    ):
        await pilot.resize_terminal(*size)
        # The footer is composed again for the new width, then laid out: a
        # frame or two later on a loaded machine (its line was once read
        # empty). Waited for by its number of keys, then read on screen.
        count = len(keys.split(" ^")) + len(keys.split(" f")) - 1
        await wait_until(pilot, lambda count=count: _laid_out(footer_keys.children, count), 10)
        footer = screen_text(app).splitlines()[-1]
        assert footer.rstrip() == keys, (size, footer)


#: The footer of every dialog.
DIALOG_FOOTER = "Échap Fermer ^q Quitter"


def _laid_out(widgets, count: int) -> bool:
    return len(widgets) == count and all(widget.region.width for widget in widgets)


async def test_the_help_shows_every_key_at_80x24(shared_app):
    """F1 at 80×24: the help was cut at the dialog's edge (F9, F1, Échap and
    ctrl+q never seen); it now scrolls, each text wrapping beside its keys.
    Its footer names its own keys (the form's footer showed only "^q
    Quitter" under every dialog)."""
    app, pilot = shared_app
    while len(app.screen_stack) > 1:
        app.pop_screen()
    await pilot.resize_terminal(80, 24)
    await pilot.press("f1")
    await pilot.pause()
    seen = screen_text(app)
    assert "Raccourcis clavier" in seen and "ctrl+q" not in seen, seen
    assert seen.splitlines()[-1].rstrip() == DIALOG_FOOTER, seen
    await pilot.press("end")
    await pilot.pause()
    seen += screen_text(app)
    rows = [line.strip("█ ") for line in seen.splitlines()]
    for keys, text in HELP:
        assert any(row.startswith(f"{keys} ") and text.split()[0] in row for row in rows), (keys, seen)
    # The F7 text goes on under its own first word, not under the keys.
    lines = seen.splitlines()
    first = next(i for i, line in enumerate(lines) if "F7" in line and "Aller au tableau" in line)
    assert lines[first + 1].index("puis") == lines[first].index("Aller"), lines[first : first + 2]
    await pilot.press("escape")
    await pilot.pause()
    assert len(app.screen_stack) == 1
    await pilot.resize_terminal(*SIZE)


async def test_every_preset_is_reached_by_tab_at_80x24(shared_app, family, tmp_path):
    """F3 at 80×24: the last four presets were below the dialog's edge (not
    drawn, not tappable); the dialog now scrolls, Tab bringing each into view."""
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path, size=(80, 24))
    await pilot.press("f3")
    await pilot.pause()
    labels = [button.label.plain for button in app.screen.query("Button")]
    assert len(labels) == len(PRESETS), labels
    for label in labels:
        for _ in range(len(labels) + 3):
            if str(getattr(app.focused, "label", "")) == label:
                break
            await pilot.press("tab")
        else:
            raise AssertionError(f"Tab never reached {label!r}")
        await pilot.pause()
        assert label in screen_text(app), (label, screen_text(app))
    assert screen_text(app).splitlines()[-1].rstrip() == DIALOG_FOOTER
    await pilot.press("escape")
    await pilot.resize_terminal(*SIZE)


async def test_a_blur_leaves_the_focused_field_drawn_as_focused(shared_app):
    """Textual takes the focus away on a blur, and its browser driver
    (`kiosk serve --advisor`) starts blurred: no field showed the focus until
    a key or a click. Read on the drawn cells: the field keeps its colour."""
    app, pilot = shared_app
    while len(app.screen_stack) > 1:
        app.pop_screen()
    field = app.query_one("#f-month")
    app.set_focus(field)
    await pilot.pause()
    region = field.region

    def backgrounds() -> list:
        return [cell.back for cell in drawn_grid(app)[region.y][region.x : region.right]]

    before = backgrounds()
    app.post_message(events.AppBlur())
    await pilot.pause()
    after = backgrounds()
    # The same colours, but for the blinking cursor's cell.
    assert len(before) > 10 and sum(b != a for b, a in zip(before, after)) <= 1, (before, after)
    app.post_message(events.AppFocus())
    await pilot.pause()


#: Typed where a name or an amount goes: Textual markup, broken and whole.
#: "[" or "[/]" in a salary made Textual's markup parser raise, and the app
#: stopped on its crash screen (the household in its local variables); a
#: "[@click=…]" would have been a link running an action.
MARKUP = ("[/]Ka[b]rim\\", "[@click=app.quit]12[/]", "[ €", "S[/]c[red]")


async def test_typed_markup_is_shown_as_typed(shared_app, family, tmp_path, monkeypatch):
    app, pilot = shared_app
    await start_over(pilot, app, family, tmp_path, size=WIDE)
    name, salary, half, scenario = MARKUP
    app.person_widget(0, "name").value = name
    app.person_widget(0, "income.salary").value = salary
    await settle(pilot, app)
    text = screen_text(app)
    assert f"1. {name} (demandeur) : 34 ans" in form_text(text), text  # the people's summary
    assert f"« {salary} » n'est pas un nombre" in form_text(text)  # under the field
    assert f"« {salary} » n'est pas un nombre" in side_text(text)  # the status line
    # The scenario renamed (F2); a copy of it where the salary differs.
    app.person_widget(0, "income.salary").value = half
    await settle(pilot, app)
    assert f"« {half} » n'est pas" in form_text(screen_text(app))
    app.person_widget(0, "income.salary").value = "1100"
    await pilot.press("f2")
    await pilot.pause()
    app.screen.query_one("#name").value = scenario
    await pilot.press("enter", "ctrl+d")
    await settle(pilot, app)
    app.person_widget(0, "income.salary").value = "1300"
    await settle(pilot, app)
    text = screen_text(app)
    assert f"[reverse] 2. Copie de {scenario} " not in text
    assert f" 1. {scenario}   2. Copie de {scenario} " in text.splitlines()[0]  # the tabs
    assert f"1. {scenario}" in screen_line(text, "Aide")  # the comparison's heads
    assert f"2. Copie de {scenario} (par rapport au 1) :" in side_text(text)  # what changes
    assert name in side_text(text).split("(par rapport au 1)", 1)[1]
    assert f"Explications — scénario 2 : Copie de {scenario}" in side_text(text)
    # A path in a dialog's error, then in a notification (a short folder:
    # both are drawn whole on one line).
    short = Path(tempfile.mkdtemp(prefix="t"))
    try:
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#path").value = str(short / "[/]n[b].json")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: f"{short}/[/]n[b].json" in screen_text(app), 10), screen_text(app)
        await pilot.press("escape")
        # Pilot draws no notification (run_test turns them off): what a toast
        # would show is read as Textual's toast reads it.
        shown = []
        monkeypatch.setattr(
            App, "notify", lambda self, message, *, markup=True, **kw: shown.append(visualize_text(message, markup))
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        path = short / "f[b]x[red].json"
        app.screen.query_one("#path").value = str(path)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: bool(shown), 10)
        assert path.exists() and shown == [f"Foyer exporté : {path}"], shown
    finally:
        shutil.rmtree(short)
    assert app.is_running


def visualize_text(message: str, markup: bool) -> str:
    """The characters a toast shows for `message` (textual.widgets.Toast)."""
    return (Content.from_markup(message) if markup else Content(message)).plain
